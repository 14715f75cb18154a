"""The benchmark's parallel data: where it lives under ``--data``, how it is
read, and how it is split into a dev part (for tuning) and a test part (for
reporting, never tuned on). bench/align/README.md says how to obtain it.

* NTREX-128 (ar-en, fa-en, ru-en; zh-en, ja-en, hi-en, he-en, never tuned on):
  one sentence per line, line-aligned, in article order; lines before
  ``NTREX_DEV`` are dev, the rest test.
* Text+Berg (de-fr), the hand-aligned Bleualign documents as Vecalign ships
  them: ``dev`` (one yearbook article, 1957) is dev, ``test0``..``test6``
  (seven articles, 1989) are test.
* Pairs disjoint from both, for the dictionaries given to ``+dict`` aligners
  and to ``workbench+train``: TICO-19 (where it has the language) and Tatoeba
  test sets (OPUS-MT-testsets);
  for de-fr the WMT news test sets 2008-2010 and Tatoeba.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

Pair = tuple[str, str]
Bead = tuple[tuple[int, ...], tuple[int, ...]]

BENCH = Path(__file__).resolve().parent
DEFAULT_DATA = BENCH / "data"
NTREX_DEV = 1000
SPLITS = ("dev", "test")

# pair -> (source language, NTREX code, OPUS-MT-testsets folder, its code)
LANGS: dict[str, tuple[str, str, str, str]] = {
    "ar-en": ("ar", "arb", "eng-ara", "ara"),
    "fa-en": ("fa", "fas", "eng-fas", "fas"),
    "ru-en": ("ru", "rus", "eng-rus", "rus"),
    # Never used for tuning, on either split: scripts and writing systems unlike the others'
    # (Chinese and Japanese without spaces between words, Devanagari, Hebrew).
    "zh-en": ("zh", "zho-CN", "eng-zho", "zho"),
    "ja-en": ("ja", "jpn", "eng-jpn", "jpn"),
    "hi-en": ("hi", "hin", "eng-hin", "hin"),
    "he-en": ("he", "heb", "eng-heb", "heb"),
}
TEXTBERG = "de-fr"
PAIRS = (*LANGS, TEXTBERG)
CORPUS = {**{pair: "NTREX-128" for pair in LANGS}, TEXTBERG: "Text+Berg"}
#: Tatoeba's labels of the sentences kept for each pair's dictionary (its standard language, its script).
_TATOEBA_KEEP = {"arb", "ara", "fas", "pes", "rus", "cmn_Hans", "jpn_Hira", "jpn_Hani", "jpn_Kana", "hin", "heb", ""}


class DataMissing(RuntimeError):
    """A data file the benchmark needs is not under ``--data``."""


@dataclass
class Gold:
    """A real document pair with a hand alignment."""

    name: str
    src: list[str]
    tgt: list[str]
    truth: list[Bead]


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataMissing(f"missing {path} (see bench/align/README.md, 'Data')")
    return [line.rstrip("\n").strip() for line in path.open(encoding="utf-8")]


def _zip(src: list[str], tgt: list[str], what: str) -> list[Pair]:
    if len(src) != len(tgt):
        raise DataMissing(f"{what}: {len(src)} source lines but {len(tgt)} target lines")
    return [(s, t) for s, t in zip(src, tgt) if s and t]


def languages(pair: str) -> tuple[str, str]:
    """The pair's source and target language tags."""
    src, tgt = pair.split("-")
    return src, tgt


def ntrex_pairs(data: Path, pair: str, split: str) -> list[Pair]:
    """NTREX-128 news pairs (source language, English) of a split, in document order."""
    _, code, _, _ = LANGS[pair]
    folder = data / "NTREX" / "NTREX-128"
    src = _lines(folder / f"newstest2019-ref.{code}.txt")
    eng = _lines(folder / "newstest2019-src.eng.txt")
    if len(src) != len(eng):
        raise DataMissing(f"NTREX {pair}: {len(src)} source lines but {len(eng)} English lines")
    lo, hi = (0, NTREX_DEV) if split == "dev" else (NTREX_DEV, len(src))
    return _zip(src[lo:hi], eng[lo:hi], f"NTREX {pair}")


def textberg_docs(data: Path, split: str) -> list[Gold]:
    """The Text+Berg documents of a split with their hand alignments."""
    folder = data / "vecalign" / "bleualign_data"
    names = ["dev"] if split == "dev" else [f"test{k}" for k in range(7)]
    out = []
    for name in names:
        truth: list[Bead] = []
        for line in _lines(folder / f"{name}.defr"):
            if line:
                a, b = line.split(":")[:2]
                truth.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
        out.append(Gold(f"textberg.{name}", _lines(folder / f"{name}.de"), _lines(folder / f"{name}.fr"), truth))
    return out


def train_pairs(data: Path, pair: str) -> list[Pair]:
    """Pairs disjoint from the dev and test documents, for dictionaries."""
    base = data / "OPUS-MT-testsets" / "testsets"
    tatoeba = "tatoeba-test-v2021-08-07"
    if pair == TEXTBERG:
        out: list[Pair] = []
        for stem in ("news-test2008", "newstest2009", "newstest2010", tatoeba):
            out += _zip(_lines(base / "deu-fra" / f"{stem}.deu"), _lines(base / "deu-fra" / f"{stem}.fra"), f"de-fr {stem}")
        return out
    _, _, folder, code = LANGS[pair]
    out = []
    if pair in ("ar-en", "fa-en", "ru-en") or (base / folder / f"tico19-test.{code}").is_file():  # TICO-19 has no ja, he
        out = _zip(_lines(base / folder / f"tico19-test.{code}"), _lines(base / folder / "tico19-test.eng"), "TICO-19")
    where = base / ("ara-eng" if code == "ara" else folder)
    if (where / f"{tatoeba}.{code}").is_file():
        src = _lines(where / f"{tatoeba}.{code}")
        eng = _lines(where / f"{tatoeba}.eng")
        labels_path = where / f"{tatoeba}.{code}.labels"
        labels = _lines(labels_path) if labels_path.is_file() else [""] * len(src)
        if not len(src) == len(eng) == len(labels):
            raise DataMissing(f"Tatoeba {pair}: files of different lengths")
        out += [(s, t) for s, t, lab in zip(src, eng, labels) if s and t and lab in _TATOEBA_KEEP]
    return out
