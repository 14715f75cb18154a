"""Documents with known alignments, perturbed the way real translations differ.

A document is a run of consecutive sentence pairs. Perturbations, each on a
randomly chosen side: merging 2 (sometimes 3) neighbouring sentences
(truth bead 1-2/2-1, 1-3/3-1), splitting a sentence at a comma or conjunction
(2-1/1-2), dropping a sentence (1-0/0-1), and inserting boilerplate lines
(source URLs, comment counters, ad markers, share links, one-word junk) that the
workbench segmenter classifies as boilerplate; they belong to no truth bead.

    python bench/align/make_docs.py --pair ar-en --show 1   # look at one document
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import regex

from sources import DEFAULT_DATA, LANGS, Pair, test_pairs

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Rates:
    """Per-sentence-pair probabilities of each perturbation."""

    merge: float = 0.08
    merge3: float = 0.2  # share of merges that take three sentences
    split: float = 0.05
    drop: float = 0.04
    boilerplate: float = 0.06


@dataclass
class Doc:
    """Two sentence lists, the true beads and the boilerplate lines of each side."""

    name: str
    src_lang: str
    tgt_lang: str
    src: list[str] = field(default_factory=list)
    tgt: list[str] = field(default_factory=list)
    truth: list[Bead] = field(default_factory=list)
    src_boiler: set[int] = field(default_factory=set)
    tgt_boiler: set[int] = field(default_factory=set)


_SPLIT = {
    "en": regex.compile(r"(?:[,;] )|(?= (?:and|but|while|although) )"),
    "ar": regex.compile(r"(?:[،,؛;] )|(?= و\p{L}{2,})"),
    "fa": regex.compile(r"(?:[،,؛;] )|(?= (?:و|اما|ولی) )"),
}
_STOPS = {"en": ".", "ar": ".", "fa": "."}

_BOILER: dict[str, list[str]] = {
    "en": ["Source: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "Comments ({n})", "[Advertisement]", "Advertisement", "Share", "Print", "Read more: https://example.org/{n}"],
    "ar": ["المصدر: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "تعليقات ({n})", "[إعلان]", "إعلان", "شارك", "طباعة", "اقرأ أيضا"],
    "fa": ["منبع: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "نظرات ({n})", "[تبلیغ]", "آگهی", "اشتراک گذاری", "چاپ", "بیشتر بخوانید"],
}
_JUNK: dict[str, list[str]] = {
    "en": ["Menu", "Home", "Login", "Subscribe", "Newsletter"],
    "ar": ["القائمة", "الرئيسية", "دخول", "اشترك", "النشرة"],
    "fa": ["منو", "خانه", "ورود", "عضویت", "خبرنامه"],
}


def _words(text: str) -> int:
    return len(text.split())


def split_sentence(text: str, lang: str) -> tuple[str, str] | None:
    """Cut ``text`` at the comma or conjunction nearest its middle, or None."""
    best: tuple[int, str, str] | None = None
    for m in _SPLIT[lang].finditer(text):
        left = text[: m.start()].rstrip(" ,;،؛")
        right = text[m.end():].strip()
        if _words(left) < 4 or _words(right) < 4:
            continue
        off = abs(len(left) - len(text) / 2)
        if best is None or off < best[0]:
            if lang == "en":
                right = right[:1].upper() + right[1:]
            best = (int(off), left + _STOPS[lang], right)
    return None if best is None else (best[1], best[2])


class _Boilerplate:
    """Makes boilerplate lines and checks the workbench segmenter agrees."""

    def __init__(self) -> None:
        from workbench.model import SegmentKind
        from workbench.segment import rules_for, segment_string

        self._kind = SegmentKind.BOILERPLATE
        self._segment = segment_string
        self._rules = rules_for

    def recognized(self, lang: str, before: str, line: str, after: str) -> bool:
        """Whether the segmenter calls ``line`` boilerplate between these neighbours."""
        text = "\n".join(x for x in (before, line, after) if x)
        own = 2 if before else 1
        segs = [s for s in self._segment(text, self._rules(lang)) if s.line == own]
        return bool(segs) and all(s.kind is self._kind for s in segs)

    def make(self, rng: random.Random, lang: str, before: str, after: str) -> str | None:
        """A boilerplate line the segmenter recognizes in this place, or None."""
        tries = []
        if rng.random() < 0.25:
            tries.append(rng.choice(_JUNK[lang]))
        tries.append(rng.choice(_BOILER[lang]).format(n=rng.randint(2, 9999)))
        tries.append(_BOILER[lang][0].format(n=rng.randint(2, 9999)))
        for line in tries:
            if self.recognized(lang, before, line, after):
                return line
        return None


_BOILER_MAKER: _Boilerplate | None = None


def _boiler() -> _Boilerplate:
    global _BOILER_MAKER
    if _BOILER_MAKER is None:
        _BOILER_MAKER = _Boilerplate()
    return _BOILER_MAKER


def perturb(pairs: list[Pair], rng: random.Random, src_lang: str, tgt_lang: str, name: str,
            rates: Rates = Rates()) -> Doc:
    """A document made from consecutive ``pairs`` with perturbations and its truth."""
    units: list[tuple[list[str], list[str]]] = []
    i = 0
    while i < len(pairs):
        r = rng.random()
        side = rng.randrange(2)
        if r < rates.merge and i + 1 < len(pairs):
            k = 3 if rng.random() < rates.merge3 and i + 2 < len(pairs) else 2
            chunk = pairs[i:i + k]
            srcs, tgts = [p[0] for p in chunk], [p[1] for p in chunk]
            units.append(([" ".join(srcs)], tgts) if side == 0 else (srcs, [" ".join(tgts)]))
            i += k
            continue
        s, t = pairs[i]
        i += 1
        r -= rates.merge
        if r < rates.split:
            cut = split_sentence(s, src_lang) if side == 0 else split_sentence(t, tgt_lang)
            if cut is not None:
                units.append((list(cut), [t]) if side == 0 else ([s], list(cut)))
                continue
        elif r < rates.split + rates.drop:
            units.append(([], [t]) if side == 0 else ([s], []))
            continue
        units.append(([s], [t]))
    doc = Doc(name=name, src_lang=src_lang, tgt_lang=tgt_lang)
    pending: list[tuple[int, int]] = []  # (side, position in units) of boilerplate to add
    for n in range(len(units)):
        if rng.random() < rates.boilerplate:
            pending.append((rng.randrange(2), n))
    maker = _boiler()
    for n, (srcs, tgts) in enumerate(units):
        for side, where in pending:
            if where != n:
                continue
            lines, lang = (doc.src, doc.src_lang) if side == 0 else (doc.tgt, doc.tgt_lang)
            before = lines[-1] if lines else ""
            after_unit = srcs if side == 0 else tgts
            after = after_unit[0] if after_unit else ""
            line = maker.make(rng, lang, before, after)
            if line is not None:
                (doc.src_boiler if side == 0 else doc.tgt_boiler).add(len(lines))
                lines.append(line)
        a = tuple(range(len(doc.src), len(doc.src) + len(srcs)))
        b = tuple(range(len(doc.tgt), len(doc.tgt) + len(tgts)))
        doc.src.extend(srcs)
        doc.tgt.extend(tgts)
        doc.truth.append((a, b))
    return doc


def recheck_boilerplate(doc: Doc) -> None:
    """Drop from the boilerplate sets any line the segmenter no longer calls boilerplate
    in its final neighbourhood (a later insertion can change a neighbour); such a
    line then stays in the document as an unaligned extra (truth bead 1-0/0-1)."""
    maker = _boiler()
    for side, lines, lang, marks in ((0, doc.src, doc.src_lang, doc.src_boiler), (1, doc.tgt, doc.tgt_lang, doc.tgt_boiler)):
        for idx in sorted(marks):
            before = lines[idx - 1] if idx else ""
            after = lines[idx + 1] if idx + 1 < len(lines) else ""
            if not maker.recognized(lang, before, lines[idx], after):
                marks.discard(idx)
                doc.truth.append(((idx,), ()) if side == 0 else ((), (idx,)))


def build_docs(pairs: list[Pair], pair: str, seed: int, low: int = 30, high: int = 200,
               rates: Rates = Rates(), rounds: int = 1) -> list[Doc]:
    """Cut ``pairs`` into runs of ``low``..``high`` pairs and perturb each run.

    Each round starts the cutting at a different offset and draws fresh
    perturbations, so ``rounds`` > 1 gives more (overlapping) test documents.
    """
    src_lang = LANGS[pair][0]
    rng = random.Random(f"{seed}:{pair}")
    docs: list[Doc] = []
    for rnd in range(rounds):
        start = 0 if rnd == 0 else rng.randrange(low)
        while start < len(pairs):
            size = rng.randint(low, high)
            chunk = pairs[start:start + size]
            if len(chunk) < low and docs:
                break
            doc = perturb(chunk, rng, src_lang, "en", f"{pair}.r{rnd}.{start}", rates)
            recheck_boilerplate(doc)
            docs.append(doc)
            start += size
    return docs


def long_doc(pairs: list[Pair], pair: str, size: int, seed: int, rates: Rates = Rates()) -> Doc:
    """A document of about ``size`` sentences a side, reusing ``pairs`` cyclically."""
    src_lang = LANGS[pair][0]
    rng = random.Random(f"{seed}:{pair}:{size}")
    chunk = [pairs[i % len(pairs)] for i in range(size)]
    return perturb(chunk, rng, src_lang, "en", f"{pair}.long{size}", rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--pair", default="ar-en", choices=sorted(LANGS))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print this many documents bead by bead")
    args = ap.parse_args()
    docs = build_docs(test_pairs(args.data, args.pair), args.pair, args.seed)
    kinds: dict[str, int] = {}
    for d in docs:
        for a, b in d.truth:
            kinds[f"{len(a)}-{len(b)}"] = kinds.get(f"{len(a)}-{len(b)}", 0) + 1
    boiler = sum(len(d.src_boiler) + len(d.tgt_boiler) for d in docs)
    print(f"{args.pair}: {len(docs)} documents, {sum(len(d.truth) for d in docs)} beads {dict(sorted(kinds.items()))}, {boiler} boilerplate lines")
    for d in docs[: args.show]:
        print(f"== {d.name}")
        for n, s in enumerate(d.src):
            if n in d.src_boiler:
                print(f"  src boilerplate {n}: {s}")
        for n, t in enumerate(d.tgt):
            if n in d.tgt_boiler:
                print(f"  tgt boilerplate {n}: {t}")
        for a, b in d.truth:
            print(f"  {list(a)}:{list(b)}  {' | '.join(d.src[i] for i in a)[:70]!r} <> {' | '.join(d.tgt[j] for j in b)[:70]!r}")


if __name__ == "__main__":
    main()
