"""Sentence boundaries found on held-out news text (issue 13.5), on text
written for these tests: a time or score before a full stop ends a sentence
(it is no numbered list), a Latin letter used as a label ends an Arabic
sentence, and so does a full stop after an Arabic-script word before a Latin
word in lower case; a quoted question or exclamation followed by a reporting
verb without و stays in the sentence that verb goes on with. Tokenised text
(punctuation set off by spaces, as some treebanks write it): no segment
starts with a terminator (`. . .`, `؟ !`), and a single Arabic letter before
a spaced full stop is an initial. An ellipsis set off by white space on
both sides before an Arabic-script word is a pause inside the sentence; one
attached to its word ends it. A dotted acronym closed by a bracket does not
end a sentence (Arabic has no capitals to tell)."""
from __future__ import annotations

import pytest

from workbench.segment import rules_for, segment_string


def _segments(lang: str, text: str) -> list[str]:
    return [s.text for s in segment_string(text, rules_for(lang), lang=lang)]


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        pytest.param("ar", "سجّل الفريق هدفه الثاني في الدقيقة 27:37. وبعد ذلك تراجع إلى الدفاع.",
                     ["سجّل الفريق هدفه الثاني في الدقيقة 27:37.", "وبعد ذلك تراجع إلى الدفاع."], id="ar time"),
        pytest.param("ar", "انتهت المباراة بنتيجة 3:1. واحتفل المشجعون في الشوارع.",
                     ["انتهت المباراة بنتيجة 3:1.", "واحتفل المشجعون في الشوارع."], id="ar score"),
        pytest.param("ar", "بلغت نسبة النمو 2,5. وتوقع الخبراء ارتفاعها.",
                     ["بلغت نسبة النمو 2,5.", "وتوقع الخبراء ارتفاعها."], id="ar decimal comma"),
        pytest.param("fa", "قطار ساعت 18:45. به ایستگاه رسید و مسافران پیاده شدند.",
                     ["قطار ساعت 18:45.", "به ایستگاه رسید و مسافران پیاده شدند."], id="fa time"),
        pytest.param("ar", "يحتوي البرتقال على فيتامين C. ويساعد ذلك على تقوية المناعة.",
                     ["يحتوي البرتقال على فيتامين C.", "ويساعد ذلك على تقوية المناعة."], id="ar latin label"),
        pytest.param("ar", "فازت المتسابقة في سباق Super-G. وحلت زميلتها في المركز الثالث.",
                     ["فازت المتسابقة في سباق Super-G.", "وحلت زميلتها في المركز الثالث."], id="ar latin label after hyphen"),
        pytest.param("fa", "این جهش در پروتئین S. عموماً دیده نمی‌شود.",
                     ["این جهش در پروتئین S.", "عموماً دیده نمی‌شود."], id="fa latin label"),
        pytest.param("fa", "این پروتئین را ژن orf8 رمز می‌کند. orf3b نیز نقشی دارد.",
                     ["این پروتئین را ژن orf8 رمز می‌کند.", "orf3b نیز نقشی دارد."], id="fa lower-case latin word starts"),
        pytest.param("ar", "أعلنت الشركة عن هاتفها الجديد. iPhone هو الأكثر مبيعًا هذا العام.",
                     ["أعلنت الشركة عن هاتفها الجديد.", "iPhone هو الأكثر مبيعًا هذا العام."], id="ar lower-case latin word starts"),
        pytest.param("ar", 'وسأل أحد المتظاهرين: "هل من مجيب؟" وقال الوزير إنه سيرد.',
                     ['وسأل أحد المتظاهرين: "هل من مجيب؟"', "وقال الوزير إنه سيرد."], id="ar a verb with و after a quoted question"),
        pytest.param("ar", 'سأل الصحفي: "هل الاتفاق نهائي؟" أجاب الوزير بأن المفاوضات مستمرة.',
                     ['سأل الصحفي: "هل الاتفاق نهائي؟"', "أجاب الوزير بأن المفاوضات مستمرة."], id="ar a reply is a new sentence"),
        pytest.param("ar", 'سأل المقدم: "من سيفوز باللقب؟" تابعونا في الحلقة القادمة.',
                     ['سأل المقدم: "من سيفوز باللقب؟"', "تابعونا في الحلقة القادمة."], id="ar a verb's letters inside a longer word"),
        pytest.param("ar", "توقف الحديث عند هذا الحد . . . ثم بدأ الجميع بالتصفيق .",
                     ["توقف الحديث عند هذا الحد . . .", "ثم بدأ الجميع بالتصفيق ."], id="ar spaced ellipsis"),
        pytest.param("ar", "أيعقل أن يحدث هذا ؟ ! لا أحد يصدق ذلك .",
                     ["أيعقل أن يحدث هذا ؟ !", "لا أحد يصدق ذلك ."], id="ar spaced question and exclamation"),
        pytest.param("en", "We waited . . . Nobody came .", ["We waited . . .", "Nobody came ."], id="en spaced ellipsis"),
        pytest.param("ar", "وضعت الحجر الأساس عام 1985 م . وافتتحت المبنى بعد ثلاث سنوات .",
                     ["وضعت الحجر الأساس عام 1985 م .", "وافتتحت المبنى بعد ثلاث سنوات ."], id="ar spaced year mark ends a sentence"),
        pytest.param("ar", "انتظرنا طويلا... لم يأت أحد.", ["انتظرنا طويلا...", "لم يأت أحد."], id="ar attached ellipsis ends a sentence"),
        pytest.param("en", "We waited ... Nobody came.", ["We waited ...", "Nobody came."], id="en spaced ellipsis before a capital"),
    ],
)
def test_these_end_a_sentence(lang: str, text: str, want: list[str]) -> None:
    assert _segments(lang, text) == want


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        pytest.param("ar", "وتشمل الخطة ثلاث مراحل: 1. الوقاية؛ 2. التحقيق؛ 3. المحاكمة.", id="ar numbered list after a colon"),
        pytest.param("ar", "وحدد التقرير أولويتين، 1. التعليم، 2. الصحة.", id="ar numbered list after a comma"),
        pytest.param("ar", "استشهد الباحث بكتاب John F. Kennedy عن الشجاعة في مقاله.", id="ar latin initial in a latin name"),
        pytest.param("ar", "ألف الكاتب J. R. تولكين رواياته بالإنجليزية.", id="ar latin initials in a row"),
        pytest.param("ar", "أجرى د. smith الفحص في المختبر.", id="ar initial before a lower-case latin name"),
        pytest.param("fa", "نوشته‌ی جی. اف. کندی را خواندم.", id="fa spelled initials before a persian word"),
        pytest.param("en", "He bought apples, pears, etc. and went home.", id="en lower-case word goes on"),
        pytest.param("ar", 'صاح أحد السباحين: "احذروا، سمكة قرش!" كما أضاف شاهد آخر أن الجميع خرجوا من الماء.',
                     id="ar exclamation then kama adaf"),
        pytest.param("ar", 'ختم الوزير كلمته بسؤال: "ماذا ننتظر؟" مضيفًا أن الوقت ينفد.', id="ar question then participle"),
        pytest.param("ar", 'وقف المدرب أمام اللاعبين: "هل أنتم مستعدون؟" تساءل بصوت عالٍ قبل المباراة.', id="ar question then verb"),
        pytest.param("ar", "استقبل د . سامي الوفد في مكتبه .", id="ar spaced initial"),
        pytest.param("ar", "كانت القاعة مزدحمة ... الجميع ينتظرون بصمت.", id="ar spaced ellipsis is a pause"),
        pytest.param("fa", "همه منتظر بودند ... هیچ‌کس حرفی نزد.", id="fa spaced ellipsis is a pause"),
        pytest.param("ar", "التقى الوزير وفد منظمة التحرير الفلسطينية (م.ت.ف.) والجامعة العربية في القاهرة.",
                     id="ar dotted acronym closed by a bracket"),
        pytest.param("en", "Delegates from the United Nations (U.N.) and ASEAN attended the forum.", id="en dotted acronym in brackets"),
    ],
)
def test_these_do_not_split(lang: str, text: str) -> None:
    assert _segments(lang, text) == [text]
