"""Benchmark of the term matcher (prints figures, asserts nothing).

Builds a 50,000-concept glossary (the project's termbase plus concepts whose
ar/fa/en terms are 2-4 word combinations of the seed articles' vocabulary, so
the automaton meets many partial matches) and a 20 MB Arabic-and-Persian text
(the seed articles repeated), then prints in one run:

* glossary load time (TBX parse) and matcher build time;
* scan throughput (MB/s of UTF-8 text) at 1,000 and at 50,000 concepts
  (best of two runs each);
* the naive alternative, one ``regex.finditer`` per term, timed on a subset
  of terms and of text and scaled up to the whole glossary and text.

Run: ``python bench/glossary.py [--mb 20] [--concepts 50000]``
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import regex

from workbench.formats.tbx import write_tbx
from workbench.glossary import Glossary, load_glossary
from workbench.model import Concept, Term, TermStatus

ROOT = Path(__file__).resolve().parents[1]
WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")


def vocabulary(lang: str) -> list[str]:
    words: set[str] = set()
    for path in sorted((ROOT / "corpus" / lang).glob("*.txt")):
        words.update(WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(words)


def synthetic_concepts(n: int, seed: int = 7) -> list[Concept]:
    rng = random.Random(seed)
    vocab = {lang: vocabulary(lang) for lang in ("ar", "fa", "en")}
    out = []
    for i in range(n):
        terms = tuple(Term(" ".join(rng.choices(vocab[lang], k=rng.randint(2, 4))), lang, TermStatus.PREFERRED)
                      for lang in ("ar", "fa", "en"))
        out.append(Concept(f"syn-{i:05d}", terms))
    return out


def corpus_text(lang: str, megabytes: float) -> str:
    seed = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt")))
    size = len(seed.encode("utf-8"))
    return "\n".join([seed] * max(1, round(megabytes * 1_000_000 / size)))


def scan_seconds(glossary: Glossary, texts: dict[str, str], rounds: int = 2) -> tuple[float, int]:
    """Best time of ``rounds`` scans of every text, and the number of hits."""
    best, hits = float("inf"), 0
    for _ in range(rounds):
        hits = 0
        start = time.perf_counter()
        for lang, text in texts.items():
            hits += len(glossary.matcher(lang).scan(text))
        best = min(best, time.perf_counter() - start)
    return best, hits


def naive_seconds(glossary: Glossary, texts: dict[str, str], terms_sample: int, text_mb: float) -> float:
    """Seconds the naive loop would take on everything, measured on a subset and scaled."""
    total = 0.0
    for lang, text in texts.items():
        terms = [t.text for c in glossary for t in c.terms_in(lang)]
        sample = terms[:: max(1, len(terms) // terms_sample)][:terms_sample]
        piece = text[: int(len(text) * min(1.0, text_mb / (len(text.encode("utf-8")) / 1e6)))]
        start = time.perf_counter()
        for term in sample:
            for _ in regex.finditer(r"\b" + regex.escape(term) + r"\b", piece):
                pass
        spent = time.perf_counter() - start
        total += spent * (len(terms) / len(sample)) * (len(text) / len(piece))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the text in MB (UTF-8), half ar, half fa")
    parser.add_argument("--concepts", type=int, default=50_000)
    args = parser.parse_args()

    project = list(load_glossary(ROOT / "glossary" / "hanoi-convention.tbx"))
    concepts = project + synthetic_concepts(args.concepts - len(project))
    texts = {"ar": corpus_text("ar", args.mb / 2), "fa": corpus_text("fa", args.mb / 2)}
    mb = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
    print(f"text: {mb:.1f} MB (ar {len(texts['ar']):,} + fa {len(texts['fa']):,} characters)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.tbx"
        write_tbx(concepts, path)
        size = path.stat().st_size / 1e6
        start = time.perf_counter()
        big = load_glossary(path)
        load = time.perf_counter() - start
    print(f"glossary: {len(big):,} concepts, TBX {size:.1f} MB, load {load:.2f} s")
    start = time.perf_counter()
    for lang in texts:
        big.matcher(lang)
    print(f"matcher build (ar+fa): {time.perf_counter() - start:.2f} s")

    small = Glossary(concepts[:1000])
    for lang in texts:
        small.matcher(lang)
    t_small, h_small = scan_seconds(small, texts)
    t_big, h_big = scan_seconds(big, texts)
    print(f"scan, 1,000 concepts:  {t_small:.2f} s, {mb / t_small:.2f} MB/s, {h_small:,} hits")
    print(f"scan, {len(big):,} concepts: {t_big:.2f} s, {mb / t_big:.2f} MB/s, {h_big:,} hits")
    print(f"scan time 50k / 1k: {t_big / t_small:.2f}x (goal: within 2x)")

    naive = naive_seconds(big, texts, terms_sample=200, text_mb=0.5)
    print(f"naive regex.finditer per term (200 terms x 0.5 MB per language, scaled): "
          f"{naive:,.0f} s, {mb / naive:.4f} MB/s")
    print(f"speed-up over naive: {naive / t_big:,.0f}x (goal: at least 20x)")


if __name__ == "__main__":
    main()
