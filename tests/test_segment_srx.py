"""SRX export: every language tag that wb segment gives a rule set maps to it in SRX engines."""
from __future__ import annotations

from pathlib import Path

import pytest
from choppa.iterators import SrxTextIterator
from choppa.srx_parser import SrxDocument

from workbench.formats.plaintext import lines_of, read_text
from workbench.segment import Segmenter, known_languages, rules_for
from workbench.segment.srx import build_srx, language_pattern, language_subtags

ROOT = Path(__file__).resolve().parent.parent
PERSIAN = sorted(ROOT.glob("corpus/fa/*.txt"))
ARABIC = sorted(ROOT.glob("corpus/ar/*.txt"))[:1]


def test_the_subtags_of_a_rule_set_are_those_wb_segment_gives_it() -> None:
    assert language_subtags("fa") == ["fa", "drw", "fas", "per", "pes", "prs", "tnf"]
    assert language_subtags("ar") == ["ar", "ara", "arb"] and language_subtags("en") == ["en", "eng"]
    for lang in known_languages():
        assert all(rules_for(tag).lang == lang for tag in language_subtags(lang))
    # a macrolanguage's everyday member is the macrolanguage (CLDR); a distinct variety is not
    assert rules_for("pes").lang == "fa" and rules_for("arb-EG").lang == "ar" and rules_for("arz").lang == "generic"
    assert language_pattern("generic") == "(?i).*"


@pytest.fixture(scope="module")
def srx(tmp_path_factory: pytest.TempPathFactory) -> SrxDocument:
    path = tmp_path_factory.mktemp("srx") / "rules.srx"
    path.write_bytes(build_srx([rules_for(t) for t in known_languages()] + [rules_for(None)]))
    return SrxDocument(ruleset=str(path))


#: Lines whose cuts differ under the generic rules: initials and abbreviations the language's rules know.
DARI = "رئیس\u200cجمهور جی. اف. کندی در سال ۱۹۶۱ به کابل آمد. او از مردم افغانستان دیدن کرد."
ARABIC_LINE = "قال د. أحمد إن الاتفاقية مهمة. وأضاف أنها تحمي الجميع."


@pytest.mark.parametrize(("tag", "lines"), [
    ("prs", [DARI]), ("prs-AF", [DARI]), ("PRS", [DARI]), ("FA_ir", [DARI]), ("per", [DARI]),
    ("ara", [ARABIC_LINE]), ("ar-EG", [ARABIC_LINE])])
def test_an_srx_engine_cuts_like_wb_segment_for_every_tag(srx: SrxDocument, tag: str, lines: list[str]) -> None:
    """Dari (``prs``) text is cut by the Persian rules in an SRX engine (choppa), as by wb segment."""
    rules = rules_for(tag.replace("_", "-"))
    assert rules.lang in ("fa", "ar")
    seg, generic = Segmenter(rules), Segmenter(rules_for(None))
    for text in lines:
        ours = [text[a:b] for a, b in seg.spans(text)]
        assert ours != [text[a:b] for a, b in generic.spans(text)]  # the generic rules would cut it otherwise
        assert [s.strip() for s in SrxTextIterator(srx, tag, text) if s.strip()] == ours


@pytest.mark.parametrize(("tag", "docs"), [("prs", PERSIAN), ("ara", ARABIC)])
def test_an_srx_engine_cuts_the_seeds_like_wb_segment(srx: SrxDocument, tag: str, docs: list[Path]) -> None:
    seg = Segmenter(rules_for(tag))
    checked = 0
    for path in docs:
        for line in lines_of(read_text(path)):
            if line.text.strip():
                theirs = [s.strip() for s in SrxTextIterator(srx, tag, line.text) if s.strip()]
                assert [line.text[a:b] for a, b in seg.spans(line.text)] == theirs, (path.name, line.number)
                checked += 1
    assert checked > 10


#: Chinese and Japanese: 。！？ end sentences with no white space after them; Hindi: the danda.
CJK = [
    ("zh", "越南签署了《公约》。明天举行仪式！你会来吗？“我们准备好了。”他说。"),
    ("zh", "他说：\"我们准备好了。\"然后离开了。"),
    ("ja", "条約に署名した。「準備はできた。」と彼は言った。明日は式典だ！来ますか？"),
    ("hi", "वियतनाम ने हनोई कन्वेंशन पर हस्ताक्षर किए। मि. जोको ने यू.एस. के बारे में कहा। यह अच्छा है. कल फिर मिलेंगे।"),
    ("am", "ቬትናም ስምምነቱን ፈረመች፡፡ ሰባ ሁለት፡አገሮች ፈርመዋል፡፡"),
    ("hy", "Վիետնամը ստորագրեց կոնվենցիան: Յոթանասուներկու երկիր ստորագրեց այն։"),
]


@pytest.mark.parametrize(("tag", "line"), CJK)
def test_an_srx_engine_cuts_chinese_japanese_and_hindi_like_wb_segment(srx: SrxDocument, tag: str, line: str) -> None:
    seg = Segmenter(rules_for(tag))
    ours = [line[a:b] for a, b in seg.spans(line)]
    assert len(ours) >= 2
    assert [s.strip() for s in SrxTextIterator(srx, tag, line) if s.strip()] == ours
