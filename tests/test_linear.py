"""Cost grows linearly with the input (issue 12), and the fast paths keep behaviour.

Each timing runs one input at two sizes, n and 4n, best of three runs each:
a linear cost gives a ratio near 4, a quadratic one 16, and the tests fail
above 8. Sizes keep the small run measurable (tens of milliseconds) and each
test near a second, on a loaded machine too; only ratios are asserted.
"""
from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from workbench.align.features import features
from workbench.align.lexicon import read_dictionary
from workbench.errors import FormatError
from workbench.formats.plaintext import lines_of
from workbench.formats.tmx import TmxReader
from workbench.segment import Segmenter, rules_for
from workbench.segment.rules import LanguageRules

ROOT = Path(__file__).resolve().parent.parent


def _best(run: Callable[[], object]) -> float:
    """The shortest of three runs, in seconds (no garbage collection during them)."""
    gc.collect()
    gc.disable()
    try:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)
    finally:
        gc.enable()


def assert_linear(make: Callable[[int], Callable[[], object]], n: int) -> None:
    """``make(size)`` prepares an input and returns the run to time on it."""
    small, large = _best(make(n)), _best(make(4 * n))
    assert large / small < 8, f"{small:.3f} s at {n}, {large:.3f} s at {4 * n}: not linear"


# -- the aligner's features and the --dict reader ----------------------------------

TOKENS = {
    # long runs of word characters, each scanned for an e-mail address from every character
    "digits": ("1", "en", 40_000),
    "arabic": ("ب", "ar", 40_000),
    "mixed": ("Aب", "ar", 20_000),
    "dashes": ("-", "en", 60_000),
    # camel case looked for in a long code-like token
    "dotted": ("a.", "en", 80_000),
}


@pytest.mark.parametrize(("unit", "lang", "n"), TOKENS.values(), ids=TOKENS.keys())
def test_features_of_one_long_token(unit: str, lang: str, n: int) -> None:
    assert_linear(lambda size: lambda: features(unit * (size // len(unit)), lang), n)


@pytest.mark.parametrize("line", ["token", "words"])
def test_dictionary_with_one_long_line(tmp_path: Path, line: str) -> None:
    def make(n: int) -> Callable[[], object]:
        path = tmp_path / f"{n}.tsv"
        if line == "token":
            text = "x" * n + "\t" + "ي" * n
        else:  # every source word would be paired with every target word
            text = " ".join(f"w{i}x" for i in range(n // 6)) + "\t" + " ".join(f"ك{i}ب" for i in range(n // 6))
        path.write_text(text + "\n", encoding="utf-8")
        return lambda: read_dictionary(path, "en", "ar")

    assert_linear(make, 30_000)


# -- segmentation of one long paragraph --------------------------------------------


def _paragraph(lang: str) -> str:
    docs = sorted((ROOT / "corpus" / lang).glob("*.txt"))
    return " ".join(" ".join(p.read_text(encoding="utf-8").split("\n")) for p in docs)


def _spans(lang: str, unit: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    seg = Segmenter(rules_for(lang))

    def make(n: int) -> Callable[[], object]:
        text = unit(n)
        return lambda: seg.spans(text)

    return make


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_segmenting_a_long_paragraph_of_sentences(lang: str) -> None:
    para = _paragraph(lang)
    assert_linear(_spans(lang, lambda n: (para * (n // len(para) + 1))[:n]), 200_000)


HOSTILE: dict[str, tuple[Callable[[int], str], str, int]] = {
    # an unclosed quotation: every sentence end in it looks for the closing mark
    "open-straight": (lambda n: '"' + "Word. " * (n // 6), "en", 15_000),
    "open-guillemet": (lambda n: "«" + "Word. " * (n // 6), "ar", 15_000),
    "open-curly": (lambda n: "“" + "Word. " * (n // 6), "en", 15_000),
    # quoted questions: each looks back for the quotation that opens the paragraph
    "quoted-questions": (lambda n: '"A ' + "X?» " * (n // 4), "ar", 15_000),
    "indented-questions": (lambda n: " " * (n // 2) + "«A " + "X?” " * (n // 8), "en", 30_000),
    # sentence ends and no quotation mark: each looks back for an opening one
    "sentences": (lambda n: "Word. " * (n // 6), "en", 20_000),
    # a run of terminators without white space: a candidate break from each
    "terminators": (lambda n: "." * n + "x", "ar", 200_000),
    # a long dotted acronym: a repeated group in a look-behind
    "acronym": (lambda n: "A." * (n // 2) + " x", "en", 200_000),
}


@pytest.mark.parametrize(("unit", "lang", "n"), HOSTILE.values(), ids=HOSTILE.keys())
def test_segmenting_a_hostile_paragraph(unit: Callable[[int], str], lang: str, n: int) -> None:
    assert_linear(_spans(lang, unit), n)


# -- TMX: attributes and namespace declarations ------------------------------------


def _tmx(attrs: str = "", root: str = "") -> bytes:
    return (f'<tmx version="1.4"{root}><header srclang="en"/><body><tu><tuv xml:lang="en"{attrs}>'
            '<seg>x <ph>&lt;br/&gt;</ph></seg></tuv><tuv xml:lang="ar"><seg>y</seg></tuv></tu></body></tmx>').encode()


def _refused(data: bytes) -> Callable[[], object]:
    def run() -> None:
        with pytest.raises(FormatError), TmxReader(io.BytesIO(data)) as reader:
            list(reader.records())

    return run


def test_an_element_with_many_attributes_is_refused_in_linear_time() -> None:
    assert_linear(lambda n: _refused(_tmx(attrs="".join(f' x-a{i}="v"' for i in range(n)))), 100_000)


def test_many_namespace_declarations_are_refused_in_linear_time() -> None:
    assert_linear(lambda n: _refused(_tmx(root="".join(f' xmlns:p{i}="urn:{i}"' for i in range(n)))), 40_000)


# -- the fast paths cut as the plain patterns do -----------------------------------


def _plain_breaks(rules: LanguageRules, line: str) -> list[int]:
    """Breaks as an SRX engine finds them: every rule a look-behind and a
    look-ahead (:meth:`Rule.patterns`) at every run of terminators."""
    term, close = regex.escape(rules.terminators), regex.escape(rules.closers)
    compiled = [(r.brk, regex.compile("(?<={})(?={})".format(*r.patterns()))) for r in rules.rules]
    out = []
    for cand in regex.finditer(rf"(?:\./\.|[{term}]+)[{close}]*(?=\s)", line):
        pos = cand.end()
        brk = next((b for b, pattern in compiled if pattern.match(line, pos)), False)
        nxt = regex.compile(r"\s*").match(line, pos).end()
        if brk and nxt < len(line):
            out.append(nxt)
    return out


PIECES = [*'"«»“”.?!؟…/ ,،:()aAXو1', "  ", "The ", "Dr.", "etc.", "p.", "U.S.", "A.", "...", "./.", " x", " X"]
LINES = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


@pytest.mark.parametrize("lang", [None, "ar", "fa", "en"])
@given(line=LINES)
def test_breaks_equal_the_plain_patterns(lang: str | None, line: str) -> None:
    rules = rules_for(lang)
    assert Segmenter(rules).breaks(line) == _plain_breaks(rules, line)
    assert [s.text for s in Segmenter(rules).segment(lines_of(line))] == [
        line[a:b].strip() for a, b in zip([0, *_plain_breaks(rules, line)], [*_plain_breaks(rules, line), len(line)])
        if line[a:b].strip()
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [(r"(?<![\p{L}\p{N}])(?:\p{L}\.)*\p{Lu}\.", r"(?<![\p{L}\p{N}])\p{Lu}\."),
     (r"(?<![\p{L}\p{N}])(?:\p{L}\.){2,}", r"(?<![\p{L}\p{N}])(?:\p{L}\.){2}")],
)
@given(text=st.text(alphabet="aAbZ1. ", max_size=16))
def test_acronym_look_behinds_lost_only_their_repeat(before: str, after: str, text: str) -> None:
    assert bool(regex.search(f"(?:{before})$", text)) == bool(regex.search(f"(?:{after})$", text))
