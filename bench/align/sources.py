"""The benchmark's parallel data: where it lives under ``--data`` and how it is read.

Test pairs: NTREX-128 (WMT19 English news test set translated into 128
languages, one sentence per line, line-aligned). Training pairs, disjoint from
the test: TICO-19 test set and the Tatoeba test set, from OPUS-MT-testsets.
The README says how to obtain both.
"""
from __future__ import annotations

from pathlib import Path

Pair = tuple[str, str]

BENCH = Path(__file__).resolve().parent
DEFAULT_DATA = BENCH / "data"

# pair name -> (workbench source language, NTREX code, OPUS-MT-testsets code)
LANGS: dict[str, tuple[str, str, str]] = {
    "ar-en": ("ar", "arb", "ara"),
    "fa-en": ("fa", "fas", "fas"),
}


class DataMissing(RuntimeError):
    """A data file the benchmark needs is not under ``--data``."""


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataMissing(f"missing {path} (see bench/align/README.md, 'Data')")
    return [line.rstrip("\n").strip() for line in path.open(encoding="utf-8")]


def _zip(src: list[str], tgt: list[str], what: str) -> list[Pair]:
    if len(src) != len(tgt):
        raise DataMissing(f"{what}: {len(src)} source lines but {len(tgt)} target lines")
    return [(s, t) for s, t in zip(src, tgt) if s and t]


def test_pairs(data: Path, pair: str) -> list[Pair]:
    """NTREX-128 news test pairs (source language, English), in document order."""
    _, code, _ = LANGS[pair]
    folder = data / "NTREX" / "NTREX-128"
    src = _lines(folder / f"newstest2019-ref.{code}.txt")
    eng = _lines(folder / "newstest2019-src.eng.txt")
    return _zip(src, eng, f"NTREX {pair}")


def train_pairs(data: Path, pair: str) -> list[Pair]:
    """Pairs disjoint from the test set: TICO-19 test, then Tatoeba (no dialect-labelled Arabic)."""
    _, _, code = LANGS[pair]
    base = data / "OPUS-MT-testsets" / "testsets"
    out = _zip(_lines(base / f"eng-{code}" / f"tico19-test.{code}"), _lines(base / f"eng-{code}" / "tico19-test.eng"), "TICO-19")
    tatoeba = base / (f"{code}-eng" if code == "ara" else f"eng-{code}")
    stem = "tatoeba-test-v2021-08-07"
    if (tatoeba / f"{stem}.{code}").is_file():
        src = _lines(tatoeba / f"{stem}.{code}")
        eng = _lines(tatoeba / f"{stem}.eng")
        labels_path = tatoeba / f"{stem}.{code}.labels"
        labels = _lines(labels_path) if labels_path.is_file() else [""] * len(src)
        keep = {"arb", "ara", "fas", "pes", ""}
        if not len(src) == len(eng) == len(labels):
            raise DataMissing(f"Tatoeba {pair}: files of different lengths")
        out += [(s, t) for s, t, lab in zip(src, eng, labels) if s and t and lab in keep]
    return out
