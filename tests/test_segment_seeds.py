"""The segmenter on the sample project: cuts, kinds, offsets, SRX export."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from choppa.iterators import SrxTextIterator
from choppa.srx_parser import SrxDocument

from workbench.formats.plaintext import lines_of, read_text
from workbench.segment import Segmenter, known_languages, rules_for, segment_file
from workbench.segment.srx import build_srx, java_pattern

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "data" / "align" / "gold").glob("*.jsonl"))
DOCS = sorted(ROOT.glob("corpus/*/*.txt"))


def _doc(gold: Path, side: str) -> Path:
    name = gold.stem + ".txt"
    (path,) = [p for p in ROOT.glob(f"corpus/*/{name}") if (p.parent.name == "en") == (side == "tgt")]
    return path


@pytest.mark.parametrize("side", ["src", "tgt"])
@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem[:3])
def test_cuts_equal_the_translators_gold_sentences(gold: Path, side: str) -> None:
    want = [s for line in gold.read_text(encoding="utf-8").splitlines() for s in json.loads(line)[side]]
    _, segments = segment_file(_doc(gold, side))
    assert [s.text for s in segments if s.kind.value != "boilerplate"] == want


@pytest.mark.parametrize("path", DOCS, ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_offsets_are_exact(path: Path) -> None:
    text = read_text(path)
    _, segments = segment_file(path)
    assert segments, path
    for i, s in enumerate(segments):
        assert text[s.start : s.end] == s.text
        assert s.index == i
        assert "\n" not in s.text and s.text == s.text.strip()


BOILERPLATE = {
    "000": ["الراكون", "المصدر: https://www.vietnamplus.vn/mo-ky-cong-uoc-ha-noi-dau-an-quan-trong-trong-doi-ngoai-da-phuong-cua-viet-nam-post1068342.vnp", "تعليق (0)"],
    "001": ["المصدر: https://www.vietnamplus.vn/cong-uoc-ha-noi-dau-moc-lich-su-ve-an-ninh-mang-va-vai-tro-chu-nha-cua-viet-nam-post1073043.vnp", "تعليق (0)"],
    "002": ["[إعلان رقم 2]", "المصدر: https://kinhtedothi.vn/lhq-se-to-chuc-le-ky-cong-uoc-ve-chong-toi-pham-mang-tai-viet-nam.html", "تعليق (0)"],
    "003": ["منبع: https://baotintuc.vn/thoi-su/cong-uoc-ha-noi-tien-de-thuan-loi-de-thuc-day-su-tham-gia-rong-rai-va-thuc-thi-hieu-qua-20251118112214673.htm", "نظر (0)"],
    "004": ["المصدر: https://dantri.com.vn/thoi-su/hop-tac-voi-cac-quoc-gia-dau-tranh-voi-toi-pham-tren-khong-gian-mang-20251008184137578.htm", "تعليق (0)"],
}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_boilerplate_is_marked_and_nothing_else(path: Path) -> None:
    _, segments = segment_file(path)
    marked = [s.text for s in segments if s.kind.value == "boilerplate"]
    assert marked == ([] if path.parent.name == "en" else BOILERPLATE[path.name[:3]])


def test_kinds_on_the_seeds() -> None:
    _, segs = segment_file(ROOT / "corpus/ar/000_58c3c70ad8fced54_deputy-minister-interview.txt")
    kinds = {s.text: s.kind.value for s in segs}
    assert kinds["مستعد لمواجهة تحدي الجرائم الإلكترونية"] == "heading"
    assert kinds["(فيتنام+)"] == "byline"
    assert sum(k == "caption" for k in kinds.values()) == 3
    _, segs = segment_file(ROOT / "corpus/ar/004_6e04b56a304c1479_hanoi-press-conference.txt")
    assert [s.text for s in segs if s.kind.value == "heading"] == [
        "وعود بأن تصبح أداة قانونية للدول الأعضاء",
        "أصبحت الجرائم الإلكترونية أكثر تعقيدًا.",
    ]


def test_fallback_chains_pick_rules() -> None:
    assert rules_for("ar-EG").chain == ("ar", "generic")
    assert rules_for("prs").chain == ("fa", "generic")
    assert rules_for("de").chain == ("generic",)
    assert rules_for(None).chain == ("generic",)
    assert known_languages() == ["ar", "en", "fa", "hi", "hy", "ja"]
    assert rules_for("ja-JP").chain == ("ja", "generic") and rules_for("zh-Hans").chain == ("generic",)


def test_extra_boilerplate_from_settings() -> None:
    rules = rules_for("ar", ("شاهد أيضا.*",))
    seg = Segmenter(rules)
    lines = list(lines_of("جملة أولى طويلة بما يكفي لتكون فقرة حقيقية في الخبر.\nشاهد أيضا: خبر آخر"))
    kinds = [s.kind.value for s in seg.segment(lines)]
    assert kinds == ["sentence", "boilerplate"]


def test_srx_export_cuts_like_wb_segment(tmp_path: Path) -> None:
    """An SRX engine from PyPI (choppa) loads the export and cuts the seeds the same way."""
    srx = tmp_path / "rules.srx"
    srx.write_bytes(build_srx([rules_for(t) for t in known_languages()] + [rules_for(None)]))
    document = SrxDocument(ruleset=str(srx))
    checked = 0
    for path in DOCS:
        lang = path.parent.name
        seg = Segmenter(rules_for(lang))
        for line in lines_of(read_text(path)):
            if not line.text.strip():
                continue
            ours = [line.text[a:b] for a, b in seg.spans(line.text)]
            theirs = [s.strip() for s in SrxTextIterator(document, lang, line.text) if s.strip()]
            assert ours == theirs, (path.name, line.number)
            checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    ("pattern", "java"),
    [(r"\d{1,3}\.", r"\p{Nd}{1,3}\."), (r"[.!?]+[\"»]*", r"[.!?]{1,20}[\"»]{0,20}"), (r"(?:\p{L}\.){2,}", r"(?:\p{L}\.){2,20}"), (r"[\d+]", r"[\p{Nd}+]")],
)
def test_java_pattern(pattern: str, java: str) -> None:
    assert java_pattern(pattern) == java
