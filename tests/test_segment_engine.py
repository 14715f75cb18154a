"""The rule engine's fast path (one compiled alternation per set of rules,
extra candidate marks, the credit at a line's end) cuts as the rules read
one at a time at every place do; credits are segments of their own, of kind
``credit``, which the checks leave out."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align.documents import align_documents
from workbench.check.load import files_context, text_document
from workbench.cli import cli
from workbench.formats.plaintext import lines_of
from workbench.model import SegmentKind
from workbench.segment import Segmenter, rules_for, segment_string
from workbench.segment.rules import LanguageRules

DATA = Path(__file__).parent / "data" / "segment"


def _reference_breaks(rules: LanguageRules, line: str) -> list[int]:
    """Breaks as an SRX engine finds them: at every place before white space,
    every rule as its plain patterns (:meth:`Rule.patterns`), in order."""
    compiled = [(r.brk, regex.compile("(?<={})(?={})".format(*r.patterns()))) for r in rules.rules]
    out = []
    for pos in range(1, len(line)):
        if not line[pos].isspace() or line[pos - 1].isspace():
            continue
        if next((brk for brk, pattern in compiled if pattern.match(line, pos)), False):
            nxt = regex.compile(r"\s*").match(line, pos).end()
            if nxt < len(line):
                out.append(nxt)
    return out


PIECES = [*'"«»“”.?!؟…: ,()aAب1', "  ", "The ", "Dr.", "etc.", "U.S.", "...", "./.", " x", " X", 'a" ', " [17]", "Oct.",
          "So ", "!\" Smith said",
          "تهران - ایرنا:", "واحد مرکزی خبر:", "گل زد.", "کرده‌ای.", "(Photo: VNA)", "(صورة: وكالة الأنباء)",
          "(عکس: ایرنا)", " Source: Reuters", "المصدر: سانا", " فيما ", "اف. کندی"]
LINES = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


@pytest.mark.parametrize("lang", [None, "ar", "fa", "en"])
@settings(max_examples=300, deadline=None)
@given(line=LINES)
def test_breaks_equal_the_rules_read_one_at_a_time(lang: str | None, line: str) -> None:
    rules = rules_for(lang)
    assert Segmenter(rules).breaks(line) == _reference_breaks(rules, line)


def test_every_golden_paragraph_cuts_as_the_reference() -> None:
    for lang in ("ar", "fa", "en"):
        rules, seg = rules_for(lang), Segmenter(rules_for(lang))
        for line in lines_of((DATA / f"{lang}.txt").read_text(encoding="utf-8")):
            assert seg.breaks(line.text) == _reference_breaks(rules, line.text), line.text


@pytest.mark.parametrize(
    ("lang", "text", "credit"),
    [
        ("ar", "الوزير يستقبل الوفد. (صورة: وكالة الأنباء الفيتنامية)", "(صورة: وكالة الأنباء الفيتنامية)"),
        ("ar", "الوزير يستقبل الوفد (تصوير: فام كين/وكالة الأنباء الفيتنامية).", "(تصوير: فام كين/وكالة الأنباء الفيتنامية)."),
        ("ar", "وقّعت الدول على الاتفاقية. المصدر: رويترز", "المصدر: رويترز"),
        ("fa", "سفیر در مراسم سخنرانی کرد (عکس: خبرگزاری ویتنام)", "(عکس: خبرگزاری ویتنام)"),
        ("fa", "سفیر در مراسم سخنرانی کرد. منبع: ایرنا", "منبع: ایرنا"),
        ("en", "The minister speaks at the press conference (Photo: Nhu Y)", "(Photo: Nhu Y)"),
        ("en", "Delegates arrive in Hanoi. Source: VNA", "Source: VNA"),
    ],
)
def test_a_credit_is_a_segment_of_its_own(lang: str, text: str, credit: str) -> None:
    segments = segment_string(text, rules_for(lang), lang=lang)
    assert segments[-1].text == credit
    assert segments[-1].kind is SegmentKind.CREDIT
    assert len(segments) == 2 and segments[0].kind is not SegmentKind.CREDIT


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The source: a memo that the ministry sent to every embassy in the region last week."),
        ("en", "He showed the photo (Photo: archive) to the press and then he left the hall with the delegation."),
        ("ar", "قال المصدر: إن الاجتماع سيعقد في هانوي"),
        ("fa", "تصویر: " + "کلمه " * 30),  # too long for a credit
    ],
)
def test_credit_words_in_running_text_are_no_credit(lang: str, text: str) -> None:
    segments = segment_string(text, rules_for(lang), lang=lang)
    assert all(s.kind is not SegmentKind.CREDIT for s in segments)


def test_credits_stay_out_of_the_checks() -> None:
    doc = text_document("ar/x.txt", "ar", "وقّعت الدول على الاتفاقية في هانوي. (صورة: وكالة الأنباء الفيتنامية)\n")
    assert [s.kind for s in doc.segments] == [SegmentKind.CAPTION, SegmentKind.CREDIT]
    assert [s.kind for s in doc.translatable] == [SegmentKind.CAPTION]
    assert SegmentKind.CREDIT.translatable and not SegmentKind.CREDIT.checked


def test_a_credit_is_aligned_as_a_bead_of_its_own_and_no_pair_for_the_checks(tmp_path: Path) -> None:
    (tmp_path / "ar").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "ar" / "a.txt").write_text(
        "وقّعت اثنتان وسبعون دولة على الاتفاقية في هانوي خلال يومين من الاجتماعات. (صورة: وكالة الأنباء الفيتنامية)\n"
        "وقال الوزير إن الاتفاقية خطوة مهمة للتعاون الدولي في مكافحة الجرائم الإلكترونية.\n", encoding="utf-8")
    (tmp_path / "en" / "a.txt").write_text(
        "Seventy-two countries signed the convention in Hanoi over two days of meetings. (Photo: VNA)\n"
        "The minister said the convention was an important step for international cooperation against cybercrime.\n",
        encoding="utf-8")
    result = align_documents(tmp_path / "ar" / "a.txt", tmp_path / "en" / "a.txt", "ar", "en")
    credits = [b for b in result.beads if result.kind(b) is SegmentKind.CREDIT]
    assert [result.texts(b) for b in credits] == [("(صورة: وكالة الأنباء الفيتنامية)", "(Photo: VNA)")]
    ctx = files_context([tmp_path / "ar" / "a.txt", tmp_path / "en" / "a.txt"])
    assert ctx.pairs
    assert all(s.kind is not SegmentKind.CREDIT for p in ctx.pairs for s in (*p.src_segments, *p.tgt_segments))


def test_wb_segment_lists_credits(tmp_path: Path) -> None:
    path = tmp_path / "caption.txt"
    path.write_text("Delegates arrive at the convention centre. (Photo: VNA)\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["segment", "--lang", "en", "--format", "jsonl", "--kinds", "credit", str(path)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [(r["kind"], r["text"], r["start"]) for r in rows] == [("credit", "(Photo: VNA)", 43)]


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("zh", "越南签署了《公约》。明天举行仪式！你会来吗？", ["越南签署了《公约》。", "明天举行仪式！", "你会来吗？"]),
    # a closing quote or bracket stays with its sentence; a run of marks is one end
    ("zh", "“我们准备好了。”他说。真的吗？！是的。", ["“我们准备好了。”", "他说。", "真的吗？！", "是的。"]),
    # a straight quote after the full stop is left to the next sentence (it opens one as often as it closes one)
    ("zh", "会议结束了。\"下一步是批准。\"", ["会议结束了。", "\"下一步是批准。\""]),
    # Japanese: a quotation and its quoting particle と or って are one sentence
    ("ja", "条約に署名した。「準備はできた。」と彼は言った。「本当？」って聞いた。",
     ["条約に署名した。", "「準備はできた。」と彼は言った。", "「本当？」って聞いた。"]),
    # the ideographic full stop with white space after it, in text of another language
    ("en", "The sign read 出口。 Then we left.", ["The sign read 出口。", "Then we left."]),
    # an ellipsis without white space after it does not end a Chinese sentence
    ("zh", "他犹豫了……然后同意了。", ["他犹豫了……然后同意了。"]),
    # Hindi: the danda ends a sentence; a short word and a full stop is an abbreviation or initial
    ("hi", "वियतनाम ने हनोई कन्वेंशन पर हस्ताक्षर किए। मि. जोको ने यू.एस. के बारे में कहा। यह अच्छा है. कल फिर मिलेंगे।",
     ["वियतनाम ने हनोई कन्वेंशन पर हस्ताक्षर किए।", "मि. जोको ने यू.एस. के बारे में कहा।", "यह अच्छा है.",
      "कल फिर मिलेंगे।"]),
    # Amharic typed with two wordspaces for its full stop (one separates words), Armenian with a colon
    ("am", "ቬትናም ስምምነቱን ፈረመች፡፡ ሰባ ሁለት፡አገሮች ፈርመዋል፡፡", ["ቬትናም ስምምነቱን ፈረመች፡፡", "ሰባ ሁለት፡አገሮች ፈርመዋል፡፡"]),
    ("hy", "Վիետնամը ստորագրեց կոնվենցիան: Յոթանասուներկու երկիր ստորագրեց այն։",
     ["Վիետնամը ստորագրեց կոնվենցիան:", "Յոթանասուներկու երկիր ստորագրեց այն։"]),
    # the Armenian "." is a colon (before speech) or ends an abbreviation (1870 թ.): no end of sentence
    ("hy", "Նախարարն ասաց. -Մենք պատրաստ ենք: Դա եղավ 1870 թ. Հարլեմում:",
     ["Նախարարն ասաց. -Մենք պատրաստ ենք:", "Դա եղավ 1870 թ. Հարլեմում:"]),
    # Georgian letters are lower case in Unicode, but Georgian is written without case
    ("ka", "ვიეტნამმა ხელი მოაწერა კონვენციას. სამოცდათორმეტმა ქვეყანამ ხელი მოაწერა.",
     ["ვიეტნამმა ხელი მოაწერა კონვენციას.", "სამოცდათორმეტმა ქვეყანამ ხელი მოაწერა."]),
    # Burmese and Khmer full stops
    ("my", "ဗီယက်နမ်က လက်မှတ်ထိုးခဲ့သည်။ နိုင်ငံ ၇၂ နိုင်ငံ လက်မှတ်ထိုးခဲ့သည်။", ["ဗီယက်နမ်က လက်မှတ်ထိုးခဲ့သည်။", "နိုင်ငံ ၇၂ နိုင်ငံ လက်မှတ်ထိုးခဲ့သည်။"]),
    ("km", "វៀតណាមបានចុះហត្ថលេខា។ ប្រទេស ៧២ បានចុះហត្ថលេខា។", ["វៀតណាមបានចុះហត្ថលេខា។", "ប្រទេស ៧២ បានចុះហត្ថលេខា។"]),
])
def test_scripts_with_their_own_full_stops(lang: str, text: str, want: list[str]) -> None:
    segments = segment_string(text, rules_for(lang), lang=lang)
    assert [s.text for s in segments] == want
    assert all(s.kind.value == "sentence" for s in segments)  # a line ending in 。 is no heading
    assert all(text[s.start:s.end] == s.text for s in segments)
