"""Benchmark: every check on 10,000 aligned pairs and a 10,000-concept glossary.

Both are generated from the sample project (run ``wb build`` first): the
aligned pairs of ``build/align`` are copied into documents of 100 pairs,
each copy's lines tagged so that no two copies are the same text, and the
glossary's concepts are topped up with concepts made of two- and three-word
phrases of the aligned pairs: one in ten as found (so it occurs in the text,
with a deprecated spelling variant where one can be made), the others with
the letters of each word rotated and reversed (words of the same shape that
do not occur, as most of a large termbase does not occur in any one text).
Prints time and peak memory for 2,500, 5,000 and 10,000 pairs (no assertions;
goal: under 30 s and 500 MB at 10,000, growing linearly).

    python bench/check.py [--pairs 10000] [--concepts 10000]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections import defaultdict
from pathlib import Path

from workbench.check import CheckContext, Pair, run_checks, text_document
from workbench.glossary import Glossary, glossary_files, load_glossary
from workbench.model import Concept, Segment, Term, TermStatus
from workbench.project import Project

ROOT = Path(__file__).resolve().parent.parent
PER_DOC = 100


def sample_pairs(project: Project) -> list[tuple[str, str, str]]:
    """``(source language, source text, target text)`` of every bead of the sample with both sides."""
    out = []
    for path in sorted((project.build_dir / "align").glob("*/*.jsonl")):
        src_lang = path.parent.name.split("-")[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            bead = json.loads(line)
            if bead["src"] and bead["tgt"]:
                out.append((src_lang, bead["src_text"], bead["tgt_text"]))
    if not out:
        raise SystemExit("no aligned pairs: run wb build in the sample project first")
    return out


def corpus(pairs: list[tuple[str, str, str]], n: int, target: str) -> CheckContext:
    """Documents of ``PER_DOC`` pairs each, ``n`` pairs in all, aligned line by line."""
    ctx = CheckContext()
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i in range(n):
        lang, src, tgt = pairs[i % len(pairs)]
        by_lang[lang].append((f"R{i}: {src}", f"R{i}: {tgt}"))
    for lang, items in by_lang.items():
        for d in range(0, len(items), PER_DOC):
            chunk = items[d:d + PER_DOC]
            name = f"bench-{lang}-{d // PER_DOC:04d}.txt"
            s_doc = text_document(f"{lang}/{name}", lang, "\n".join(s for s, _ in chunk) + "\n")
            t_doc = text_document(f"{target}/{name}", target, "\n".join(t for _, t in chunk) + "\n")
            ctx.documents[s_doc.id], ctx.documents[t_doc.id] = s_doc, t_doc
            s_lines: dict[int, list[Segment]] = defaultdict(list)
            t_lines: dict[int, list[Segment]] = defaultdict(list)
            for seg in s_doc.translatable:
                s_lines[seg.line].append(seg)
            for seg in t_doc.translatable:
                t_lines[seg.line].append(seg)
            ctx.pairs += [Pair(s_doc, t_doc, tuple(s_lines[k]), tuple(t_lines[k])) for k in sorted(s_lines)]
    return ctx


def glossary(base: Glossary, pairs: list[tuple[str, str, str]], size: int, target: str) -> Glossary:
    """The sample glossary topped up to ``size`` concepts with phrases of the pairs."""
    rng = random.Random(7)
    concepts = list(base)
    seen = {t.text for c in concepts for t in c.terms}
    swaps = str.maketrans({"غ": "ج", "أ": "ا", "إ": "ا", "ی": "ي"})
    while len(concepts) < size:
        lang, src, tgt = rng.choice(pairs)
        sw, tw = src.split(), tgt.split()
        if len(sw) < 4 or len(tw) < 4:
            continue
        k = rng.choice((2, 3))
        i, j = rng.randrange(len(sw) - k), rng.randrange(len(tw) - k)
        s_term, t_term = " ".join(sw[i:i + k]).strip("،,.:()\"«»"), " ".join(tw[j:j + k]).strip(",.:()\"")
        if len(concepts) % 10:
            s_term, t_term = (" ".join(_scrambled(w, rng) for w in t.split()) for t in (s_term, t_term))
        if not s_term or s_term in seen:
            continue
        seen.add(s_term)
        terms = [Term(s_term, lang, TermStatus.PREFERRED), Term(t_term, target, TermStatus.PREFERRED)]
        variant = s_term.translate(swaps)
        if len(concepts) % 10 == 0 and variant != s_term:
            terms.append(Term(variant, lang, TermStatus.DEPRECATED))
        concepts.append(Concept(f"bench-{len(concepts)}", tuple(terms)))
    return Glossary(concepts)


def _scrambled(word: str, rng: random.Random) -> str:
    """The word's letters reversed and rotated: a word of the same shape that does not occur."""
    r = rng.randrange(len(word)) if word else 0
    return (word[r:] + word[:r])[::-1]


def measure(ctx: CheckContext) -> tuple[float, int]:
    """Seconds of every check (strict profile) and the number of findings."""
    started = time.perf_counter()
    run = run_checks(ctx, "strict")
    return time.perf_counter() - started, len(run.findings)


def peak_rss() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--concepts", type=int, default=10_000)
    args = parser.parse_args()
    project = Project.load(ROOT)
    pairs = sample_pairs(project)
    started = time.perf_counter()
    gloss = glossary(load_glossary(*glossary_files(project.glossary_dir)), pairs, args.concepts, project.target_language)
    print(f"glossary: {len(gloss)} concepts, {sum(len(c.terms) for c in gloss)} terms "
          f"(made in {time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    for lang in (*project.source_languages, project.target_language):
        gloss.matcher(lang)
    print(f"term matchers for {len(gloss)} concepts built in {time.perf_counter() - started:.1f} s, "
          f"peak RSS {peak_rss():.0f} MB")
    for n in (args.pairs // 4, args.pairs // 2, args.pairs):
        ctx = corpus(pairs, n, project.target_language)
        ctx.glossary = gloss
        seconds, found = measure(ctx)
        print(f"{n:6d} pairs, {len(ctx.documents):4d} documents: checks {seconds:6.1f} s, "
              f"peak RSS {peak_rss():5.0f} MB, {found} findings")


if __name__ == "__main__":
    main()
