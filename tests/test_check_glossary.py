"""Glossary checks: deprecated/forbidden terms and key terms missing from the translation."""
from __future__ import annotations

from check_util import GLOSSARY, context, findings

from workbench.check import CheckContext, paired, text_document
from workbench.glossary import Glossary
from workbench.model import Concept, Term, TermStatus

AR_VIENNA = ("في السادس من فبراير/شباط، عقد مكتب الأمم المتحدة المعني بالمخدرات والجريمة، في مقر الأمم المتحدة "
             "في فيينا، مشاورة إعلامية مع وفود الدول الأعضاء.\n")
AR_VIENNA_OK = AR_VIENNA.replace("مقر الأمم المتحدة في فيينا", "مكتب الأمم المتحدة في فيينا")


def test_deprecated_term_with_the_allowed_one_suggested() -> None:
    [f] = findings(context(("ar/a.txt", "ar", AR_VIENNA)), "deprecated-term")
    assert f.surface == "مقر الأمم المتحدة في فيينا"
    assert f.suggestion == "مكتب الأمم المتحدة في فيينا"
    assert f.severity == "warning" and "un-office-vienna" in f.message
    assert AR_VIENNA[f.start:f.end] == f.surface and f.column == f.start + 1


def test_allowed_terms_are_not_reported() -> None:
    assert findings(context(("ar/a.txt", "ar", AR_VIENNA_OK)), "deprecated-term") == []


def test_spelling_variant_gets_the_allowed_spelling() -> None:
    text = "وزيرة العدل الجنوب أفريقية، ماميلوكو تي كوباي، تجيب على أسئلة مراسل وكالة الأنباء الفيتنامية.\n"
    [f] = findings(context(("ar/a.txt", "ar", text)), "deprecated-term")
    assert f.suggestion == "ماميلوكو تي. كوباي"


def test_forbidden_term_is_an_error() -> None:
    concept = Concept("x", (Term("Viet Nam", "en", TermStatus.PREFERRED), Term("Vietnamese Republic", "en", TermStatus.FORBIDDEN)))
    ctx = CheckContext(glossary=Glossary([concept]))
    ctx.documents["en/a.txt"] = text_document("en/a.txt", "en", "The Vietnamese Republic will host the ceremony.\n")
    [f] = findings(ctx, "deprecated-term")
    assert f.severity == "error" and f.suggestion == "Viet Nam"


def test_key_term_missing_from_translation() -> None:
    src = "وفي المؤتمر الصحفي، قال اللواء لي شوان مينه إن الجرائم الإلكترونية أصبحت أكثر تعقيدًا.\n"
    good = "Speaking at the press conference, Major General Le Xuan Minh said cybercrime had become more complex.\n"
    bad = "Speaking at the press conference, a senior police officer said cybercrime had become more complex.\n"
    ctx = context(("ar/a.txt", "ar", src), ("en/a.txt", "en", bad), pairs=(("ar/a.txt", "en/a.txt"),))
    found = {f.surface: f for f in findings(ctx, "term-mismatch")}
    assert set(found) == {"لي شوان مينه", "اللواء"}  # the name, and his rank (Major General)
    f = found["لي شوان مينه"]
    assert f.suggestion == "Le Xuan Minh" and found["اللواء"].suggestion == "Major General"
    assert f.places and f.places[0][0] == "en/a.txt"
    ctx = context(("ar/a.txt", "ar", src), ("en/a.txt", "en", good), pairs=(("ar/a.txt", "en/a.txt"),))
    assert findings(ctx, "term-mismatch") == []


def test_paraphrase_of_a_term_is_not_a_mismatch() -> None:
    src = "عقدت وزارة الخارجية مؤتمرا صحفيا للإعلان عن حفل توقيع اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية.\n"
    tgt = ("The Ministry of Foreign Affairs held a press conference to announce the ceremony for the signing of the "
           "United Nations Convention against Cybercrime.\n")
    ctx = context(("ar/a.txt", "ar", src), ("en/a.txt", "en", tgt), pairs=(("ar/a.txt", "en/a.txt"),))
    assert findings(ctx, "term-mismatch") == []


def test_no_glossary_no_glossary_findings() -> None:
    ctx = context(("ar/a.txt", "ar", AR_VIENNA), glossary=False)
    assert findings(ctx, "deprecated-term") == []
    assert GLOSSARY.matcher("ar").scan(AR_VIENNA)  # the glossary itself does know the term
    assert paired(ctx.documents["ar/a.txt"], ctx.documents["ar/a.txt"])


def _pair(src: str, tgt: str) -> CheckContext:
    return context(("ar/a.txt", "ar", src), ("en/a.txt", "en", tgt), pairs=(("ar/a.txt", "en/a.txt"),))


AR_TITLE = "وقعت فيتنام على اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية في هانوي.\n"


def test_partial_rendering_of_a_title_is_reported_with_the_preferred_form() -> None:
    [f] = findings(_pair(AR_TITLE, "Viet Nam signed the UN Cybercrime Treaty in Hanoi.\n"), "term-mismatch")
    assert f.surface == "اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية"
    assert f.suggestion == "United Nations Convention against Cybercrime" and "keeps only “United Nations Cybercrime” of" in f.message
    half = "Viet Nam signed the United Nations cybercrime treaty in Hanoi.\n"  # 3 of 5 words: still not the title
    assert [f.suggestion for f in findings(_pair(AR_TITLE, half), "term-mismatch")] == [
        "United Nations Convention against Cybercrime"]
    # an abbreviation the glossary knows stands for its words
    assert findings(_pair(AR_TITLE, "Viet Nam signed the UN Convention against Cybercrime in Hanoi.\n"),
                    "term-mismatch") == []


def test_single_word_terms_are_checked() -> None:
    src = "عقد المكتب جلسة في فيينا مع وفود الدول.\n"
    [f] = findings(_pair(src, "The Office held a session with delegations of States in Austria.\n"), "term-mismatch")
    assert f.surface == "فيينا" and f.suggestion == "Vienna"
    assert findings(_pair(src, "The Office held a session with delegations of States in Vienna.\n"), "term-mismatch") == []
    # a demonym renders a country's name; a short name may become a pronoun
    assert findings(_pair("تحدث وزير خارجية فيتنام.\n", "The Vietnamese Foreign Minister spoke.\n"), "term-mismatch") == []
    assert findings(_pair("وقال السيد مينه إن الجرائم تتزايد.\n", "Crime, he said, is on the rise.\n"), "term-mismatch") == []


def test_accepted_renderings_in_notes() -> None:
    from workbench.glossary.renderings import accepted_renderings, parse_renderings

    note = ("Also means adoption. Renderings in en: “ratification”, “ratify” (a State consents to be bound); "
            "\"adoption\" (the General Assembly approves a text). Renderings in fr: «ratification».")
    got = parse_renderings(note)
    assert [(r.lang, r.texts, r.context) for r in got] == [
        ("en", ("ratification", "ratify"), "a State consents to be bound"),
        ("en", ("adoption",), "the General Assembly approves a text"),
        ("fr", ("ratification",), "")]
    assert parse_renderings("Short name; use after the full title.") == []
    concept = GLOSSARY["ratification"]
    [term] = concept.terms_in("fa")
    assert any("adoption" in r.texts for r in accepted_renderings(concept, term, "en-GB"))


def test_a_deprecated_term_keeps_its_own_article() -> None:
    # written for this test: «اللجنة الخاصة» (deprecated for the Ad Hoc Committee) alone, after
    # و, and after ل (للجنة); the article belongs to the term, the conjunction does not
    text = ("عقدت اللجنة الخاصة اجتماعها الأول في الربيع.\n"
            "ثم رفع الأمين العام تقريره واللجنة الخاصة إلى الجمعية.\n"
            "وقدمت الوفود مقترحاتها للجنة الخاصة قبل الموعد.\n")
    found = findings(context(("ar/a.txt", "ar", text)), "deprecated-term")
    assert [f.surface for f in found] == ["اللجنة الخاصة", "اللجنة الخاصة", "للجنة الخاصة"]
    assert {f.suggestion for f in found} == {"اللجنة المخصصة"}
    # a term written without the article keeps losing only the clitics before it
    [f] = findings(context(("ar/a.txt", "ar", "وسيعرض الوزير ذلك بمقر الأمم المتحدة في فيينا غدا.\n")),
                   "deprecated-term")
    assert f.surface == "مقر الأمم المتحدة في فيينا"


def test_a_name_as_an_indefinite_description_is_no_deprecated_term() -> None:
    # written for this test: «اتفاقية بشأن الجريمة الإلكترونية» (deprecated as a title of the
    # convention) describing a treaty yet to be drafted, then naming the signed one
    drafted = "في ذلك العام اقترحت عدة دول صياغة اتفاقية بشأن الجريمة الإلكترونية تلزم الجميع.\n"
    assert findings(context(("ar/a.txt", "ar", drafted)), "deprecated-term") == []
    named = "ووقع الوزير الاتفاقية بشأن الجريمة الإلكترونية باسم حكومته.\n"
    [f] = findings(context(("ar/a.txt", "ar", named)), "deprecated-term")
    assert f.surface == "الاتفاقية بشأن الجريمة الإلكترونية"
    # English: an article a/an before the wording
    accord = Concept("accord", (Term("Riverside Accord", "en", TermStatus.PREFERRED),
                                Term("Agreement on Rivers", "en", TermStatus.DEPRECATED)))
    ctx = CheckContext(glossary=Glossary([accord]))
    ctx.documents["en/a.txt"] = text_document("en/a.txt", "en", (
        "Ten States proposed an Agreement on Rivers in 2001.\n"
        "The Agreement on Rivers entered into force in 2004.\n"))
    [f] = findings(ctx, "deprecated-term")
    assert f.line == 2 and f.suggestion == "Riverside Accord"


def test_a_deprecated_term_not_a_name_is_reported_even_indefinite() -> None:
    # a common term (lower-case English) is no name: an indefinite use is still the term
    term = Concept("fraud", (Term("online fraud", "en", TermStatus.PREFERRED),
                             Term("internet swindle", "en", TermStatus.DEPRECATED)))
    ctx = CheckContext(glossary=Glossary([term]))
    ctx.documents["en/a.txt"] = text_document("en/a.txt", "en", "Police stopped an internet swindle last week.\n")
    [f] = findings(ctx, "deprecated-term")
    assert f.surface == "internet swindle"


def test_a_name_given_with_the_article_found_without_it_is_a_description() -> None:
    # written for this test: «المعاهدة الدولية» (deprecated for a named treaty) found bare,
    # «معاهدة دولية» ("an international treaty"), names nothing; with the article it does
    accord = Concept("accord", (Term("Riverside Accord", "en", TermStatus.PREFERRED),
                                Term("اتفاق ريفرسايد", "ar", TermStatus.PREFERRED),
                                Term("المعاهدة الدولية", "ar", TermStatus.DEPRECATED)))
    ctx = CheckContext(glossary=Glossary([accord]))
    ctx.documents["ar/a.txt"] = text_document("ar/a.txt", "ar", (
        "اقترحت عشر دول معاهدة دولية لتقاسم المياه.\n"
        "ودخلت المعاهدة الدولية حيز النفاذ بعد ثلاث سنوات.\n"))
    [f] = findings(ctx, "deprecated-term")
    assert f.line == 2 and f.surface == "المعاهدة الدولية"
    # a common term is no name: its bare form is still the deprecated wording
    virus = Concept("coronavirus", (Term("coronavirus", "en", TermStatus.PREFERRED),
                                    Term("فيروس كورونا", "ar", TermStatus.PREFERRED),
                                    Term("الفيروس التاجي", "ar", TermStatus.DEPRECATED)))
    ctx = CheckContext(glossary=Glossary([virus]))
    ctx.documents["ar/a.txt"] = text_document("ar/a.txt", "ar", "اكتشف العلماء فيروس تاجي جديد.\n")
    [f] = findings(ctx, "deprecated-term")
    assert f.surface == "فيروس تاجي" and f.suggestion == "فيروس كورونا"


def _pair_ctx(concepts: list[Concept], src: str, tgt: str, lang: str = "ar") -> CheckContext:
    ctx = CheckContext(glossary=Glossary(concepts))
    ctx.documents["en/a.txt"] = text_document("en/a.txt", "en", src)
    ctx.documents[f"{lang}/a.txt"] = text_document(f"{lang}/a.txt", lang, tgt)
    ctx.pairs += paired(ctx.documents["en/a.txt"], ctx.documents[f"{lang}/a.txt"])
    return ctx


P = TermStatus.PREFERRED
SYMPTOM = Concept("symptom", (Term("symptom", "en", P), Term("عرض", "ar", P)))
SYMPTOMS = Concept("symptoms", (Term("symptoms", "en", P), Term("الأعراض", "ar", P)))
FEVER = Concept("fever", (Term("fever", "en", P), Term("الحمى", "ar", P)))


def test_a_word_matched_as_written_is_not_also_the_singular_concept() -> None:
    # "symptoms" is the glossary's own term, and the plural of "symptom": only the first is expected
    ctx = _pair_ctx([SYMPTOM, SYMPTOMS], "Do you know what symptoms she had?\n", "هل تعلم الأعراض التي كانت لديها؟\n")
    assert findings(ctx, "term-mismatch") == []
    # without a concept of its own, the plural still asks for the singular's rendering
    ctx = _pair_ctx([SYMPTOM], "Do you know what symptoms she had?\n", "هل تعلم ما كانت تشكو منه؟\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["symptoms"]


def test_arabic_term_given_with_its_article_rendered_without_it() -> None:
    # a construct or indefinite use drops the article: أعراض مرضية، لحمى القش
    ctx = _pair_ctx([SYMPTOMS], "Do they have similar symptoms?\n", "هل لديهم أعراض مرضية مماثلة؟\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([FEVER], "Is this the season for your fever?\n", "هل هذا هو موسم لحمى القش؟\n")
    assert findings(ctx, "term-mismatch") == []
    # another word is still reported
    ctx = _pair_ctx([FEVER], "How high has your fever been?\n", "وما مدى ارتفاع درجة الحرارة؟\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["fever"]


COUGH = Concept("cough", (Term("cough", "en", P), Term("السعال", "ar", P)))
BREATHING = Concept("breathing", (Term("breathing", "en", P, part_of_speech="noun"), Term("التنفس", "ar", P)))
SARS2 = Concept("sars-cov-2", (Term("SARS-CoV-2", "en", P), Term("سارس كوفيد-2", "ar", P)))
MERS = Concept("mers", (Term("MERS", "en", P), Term("فيروس ميرس", "ar", P)))
SPREAD = Concept("spread", (Term("spread", "en", P), Term("انتشار", "ar", P)))
PREPAREDNESS = Concept("preparedness", (Term("preparedness", "en", P), Term("الاستعداد", "ar", P)))
ISOLATE = Concept("isolate", (Term("isolate", "en", P, part_of_speech="verb"), Term("عزل", "ar", P)))


def test_a_noun_term_used_as_a_verb_is_not_expected() -> None:
    # after a subject, a modal, do-support, "to", or a form of "be" before -ing: the verb, not the noun
    for src in ("Many people cough on me.\n", "They cough at night.\n", "You must not cough on others.\n",
                "Did you cough yesterday?\n", "Try to cough into your elbow.\n"):
        assert findings(_pair_ctx([COUGH], src, "كثيرون يسعلون.\n"), "term-mismatch") == [], src
    assert findings(_pair_ctx([BREATHING], "You're breathing all right now?\n", "تتنفس بشكل سليم الآن؟\n"),
                    "term-mismatch") == []
    # the noun is still expected: after a determiner, after "due to", and in a name or an acronym after "to"
    for src in ("Her cough got worse.\n", "She was admitted due to cough.\n"):
        assert [f.surface for f in findings(_pair_ctx([COUGH], src, "ساءت حالتها.\n"), "term-mismatch")] \
            == ["cough"], src
    ctx = _pair_ctx([SARS2], "People lack immunity to SARS-CoV-2.\n", "يفتقر الناس إلى المناعة ضد الفيروس.\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["SARS-CoV-2"]
    # a verb term stays expected as a verb
    ctx = _pair_ctx([ISOLATE], "They isolate the patients.\n", "يبعدون المرضى.\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["isolate"]


def test_a_term_inside_a_compound_is_not_expected() -> None:
    # "hay fever" is no fever; "MERS-CoV" is not the term MERS
    ctx = _pair_ctx([FEVER], "Is this the right time for your hay fever?\n", "هل هذا موسم حساسيتك الموسمية؟\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([MERS], "Antibodies neutralized MERS-CoV.\n", "حيّدت الأجسام المضادة ميرس-كوف.\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([FEVER], "Is this the right time for your fever?\n", "هل هذا موسم حساسيتك الموسمية؟\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["fever"]


def test_arabic_term_with_a_pronoun_or_as_its_verb() -> None:
    # استعدادها renders الاستعداد; the perfect انتشر renders the verbal noun انتشار
    ctx = _pair_ctx([PREPAREDNESS], "Countries should increase their preparedness.\n", "ينبغي للدول أن تزيد من استعدادها.\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([SYMPTOMS], "Do your symptoms warrant a better look?\n", "هل تحتاج أعراضك إلى فحص أفضل؟\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([SPREAD], "COVID-19 underwent further geographical spread.\n", "انتشر المرض جغرافيًّا.\n")
    assert findings(ctx, "term-mismatch") == []
    ctx = _pair_ctx([SPREAD], "COVID-19 underwent further geographical spread.\n", "توسع المرض جغرافيًّا.\n")
    assert [f.surface for f in findings(ctx, "term-mismatch")] == ["spread"]
