"""A small bilingual word list learned from parallel pairs by association counts.

For every source word the target word with the highest Dice coefficient over
sentence pairs is kept when the choice is mutual, frequent enough and strong
enough. Used as hunalign's dictionary (and offered to the workbench aligner);
built only from pairs disjoint from the test documents. Entries of the
project glossary (``glossary/*.csv``) are added when it exists.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import regex
from sources import Pair

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\u200c]+")


def words(text: str) -> list[str]:
    """Lower-cased letter words of two or more letters."""
    return [w.lower() for w in _WORD.findall(text)]


def learn(pairs: list[Pair], min_count: int = 3, min_dice: float = 0.2, limit: int = 20000) -> list[Pair]:
    """(source word, target word) entries, strongest first."""
    src_df: Counter[str] = Counter()
    tgt_df: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for s, t in pairs:
        sw, tw = set(words(s)), set(words(t))
        src_df.update(sw)
        tgt_df.update(tw)
        joint.update((a, b) for a in sw for b in tw)
    best_src: dict[str, tuple[float, str]] = {}
    best_tgt: dict[str, tuple[float, str]] = {}
    for (a, b), c in joint.items():
        if c < min_count:
            continue
        dice = 2 * c / (src_df[a] + tgt_df[b])
        # ties go to the larger word, so the list does not depend on hash order
        best_src[a] = max(best_src.get(a, (0.0, "")), (dice, b))
        best_tgt[b] = max(best_tgt.get(b, (0.0, "")), (dice, a))
    entries = [(d, a, b) for a, (d, b) in best_src.items() if d >= min_dice and best_tgt.get(b, (0.0, ""))[1] == a]
    entries.sort(reverse=True)
    return [(a, b) for _, a, b in entries[:limit]]


def glossary_entries(folder: Path, src_lang: str, tgt_lang: str = "en") -> list[Pair]:
    """Term pairs from ``folder/*.csv``: either one row per term (columns
    ``concept``, ``lang``, ``term``; every source term of a concept with every
    target term) or one row per concept with a column per language code."""
    out: list[Pair] = []
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        concepts: dict[str, dict[str, list[str]]] = {}
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                cols = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
                if {"concept", "lang", "term"} <= cols.keys():
                    lang = cols["lang"].split("-")[0].lower()
                    concepts.setdefault(cols["concept"], {}).setdefault(lang, []).append(cols["term"])
                elif cols.get(src_lang) and cols.get(tgt_lang):
                    out.append((cols[src_lang], cols[tgt_lang]))
        for terms in concepts.values():
            out += [(a, b) for a in terms.get(src_lang, []) if a for b in terms.get(tgt_lang, []) if b]
    return out


def write_tsv(entries: list[Pair], path: Path) -> Path:
    """Two columns, source then target: the workbench's plain dictionary format."""
    path.write_text("".join(f"{a}\t{b}\n" for a, b in entries), encoding="utf-8")
    return path


def write_hunalign(entries: list[Pair], path: Path) -> Path:
    """hunalign's format: ``target @ source``, one entry a line, tokens as hunalign sees them."""
    lines = []
    for a, b in entries:
        sa, tb = " ".join(words(a)), " ".join(words(b))
        if sa and tb:
            lines.append(f"{tb} @ {sa}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path
