"""Documents with known alignments, perturbed the way real translations differ.

A document is a run of consecutive sentence pairs. Perturbations, each on a
randomly chosen side: merging 2 (sometimes 3) neighbouring sentences
(truth bead 1-2/2-1, 1-3/3-1), splitting a sentence at a comma or conjunction
(2-1/1-2), dropping a sentence (1-0/0-1), and inserting boilerplate lines
(source URLs, comment counters, ad markers, share links, one-word junk): each
is a truth bead of its own (1-0/0-1), whatever an aligner makes of it, and
every aligner gets the same lines. Text+Berg documents are real translations
with a hand alignment and are used as they are.

    python bench/align/make_docs.py --pair ar-en --split dev --show 1   # look at one document
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import regex
from sources import (
    DEFAULT_DATA,
    PAIRS,
    SPLITS,
    TEXTBERG,
    Pair,
    languages,
    ntrex_pairs,
    textberg_docs,
)

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
    """Two sentence lists, the true beads (boilerplate lines included, as
    1-0/0-1) and the boilerplate lines of each side."""

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
    "ru": regex.compile(r"(?:[,;] )|(?= (?:и|но|а|хотя) )"),
    "zh": regex.compile(r"[，；]"),
    "ja": regex.compile(r"[、，；]"),
    "hi": regex.compile(r"(?:[,;] )|(?= (?:और|लेकिन|पर) )"),
    "he": regex.compile(r"(?:[,;] )|(?= (?:ו|אבל|אך)\p{L})"),
}
_STOPS = {"en": ".", "ar": ".", "fa": ".", "ru": ".", "zh": "。", "ja": "。", "hi": "।", "he": "."}
#: Scripts written without spaces between words: their length in words is taken as characters / 2.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")

_BOILER: dict[str, list[str]] = {
    "en": ["Source: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "Comments ({n})", "[Advertisement]", "Advertisement", "Share", "Print", "Read more: https://example.org/{n}"],
    "ar": ["المصدر: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "تعليقات ({n})", "[إعلان]", "إعلان", "شارك", "طباعة", "اقرأ أيضا"],
    "fa": ["منبع: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "نظرات ({n})", "[تبلیغ]", "آگهی", "اشتراک گذاری", "چاپ", "بیشتر بخوانید"],
    "ru": ["Источник: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "Комментарии ({n})", "[Реклама]", "Реклама", "Поделиться", "Печать", "Читайте также"],
    "zh": ["来源：https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "评论（{n}）", "[广告]", "广告", "分享", "打印", "延伸阅读"],
    "ja": ["出典：https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "コメント（{n}）", "[広告]", "広告", "シェア", "印刷", "関連記事"],
    "hi": ["स्रोत: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "टिप्पणियाँ ({n})", "[विज्ञापन]", "विज्ञापन", "शेयर करें", "प्रिंट", "यह भी पढ़ें"],
    "he": ["מקור: https://www.example-news.com/{n}/story.html", "https://example-news.com/a/{n}",
           "תגובות ({n})", "[פרסומת]", "פרסומת", "שתף", "הדפס", "קרא עוד"],
}
_JUNK: dict[str, list[str]] = {
    "en": ["Menu", "Home", "Login", "Subscribe", "Newsletter"],
    "ar": ["القائمة", "الرئيسية", "دخول", "اشترك", "النشرة"],
    "fa": ["منو", "خانه", "ورود", "عضویت", "خبرنامه"],
    "ru": ["Меню", "Главная", "Войти", "Подписаться", "Рассылка"],
    "zh": ["菜单", "首页", "登录", "订阅", "新闻通讯"],
    "ja": ["メニュー", "ホーム", "ログイン", "購読", "ニュースレター"],
    "hi": ["मेनू", "होम", "लॉगिन", "सदस्यता लें", "न्यूज़लेटर"],
    "he": ["תפריט", "דף הבית", "התחברות", "הרשמה", "ניוזלטר"],
}


def _words(text: str) -> int:
    return max(len(text.split()), len(_UNSPACED.findall(text)) // 2)


def split_sentence(text: str, lang: str) -> tuple[str, str] | None:
    """Cut ``text`` at the comma or conjunction nearest its middle, or None."""
    best: tuple[int, str, str] | None = None
    for m in _SPLIT[lang].finditer(text):
        left = text[: m.start()].rstrip(" ,;،؛，；、")
        right = text[m.end():].strip()
        if _words(left) < 4 or _words(right) < 4:
            continue
        off = abs(len(left) - len(text) / 2)
        if best is None or off < best[0]:
            right = right[:1].upper() + right[1:]
            best = (int(off), left + _STOPS[lang], right)
    return None if best is None else (best[1], best[2])


def boilerplate_line(rng: random.Random, lang: str) -> str:
    """A boilerplate line in ``lang`` (a source line, counter, marker, link or menu word)."""
    if rng.random() < 0.25:
        return rng.choice(_JUNK[lang])
    return rng.choice(_BOILER[lang]).format(n=rng.randint(2, 9999))


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
    for srcs, tgts in units:
        if rng.random() < rates.boilerplate:
            side = rng.randrange(2)
            lines, marks = (doc.src, doc.src_boiler) if side == 0 else (doc.tgt, doc.tgt_boiler)
            marks.add(len(lines))
            doc.truth.append(((len(lines),), ()) if side == 0 else ((), (len(lines),)))
            lines.append(boilerplate_line(rng, doc.src_lang if side == 0 else doc.tgt_lang))
        a = tuple(range(len(doc.src), len(doc.src) + len(srcs)))
        b = tuple(range(len(doc.tgt), len(doc.tgt) + len(tgts)))
        doc.src.extend(srcs)
        doc.tgt.extend(tgts)
        doc.truth.append((a, b))
    return doc


def build_docs(pairs: list[Pair], pair: str, seed: int, low: int = 30, high: int = 200,
               rates: Rates = Rates(), rounds: int = 1) -> list[Doc]:
    """Cut ``pairs`` into runs of ``low``..``high`` pairs and perturb each run.

    Each round starts the cutting at a different offset and draws fresh
    perturbations, so ``rounds`` > 1 gives more (overlapping) test documents.
    """
    src_lang, tgt_lang = languages(pair)
    rng = random.Random(f"{seed}:{pair}")
    docs: list[Doc] = []
    for rnd in range(rounds):
        start = 0 if rnd == 0 else rng.randrange(low)
        while start < len(pairs):
            size = rng.randint(low, high)
            chunk = pairs[start:start + size]
            if len(chunk) < low and docs:
                break
            docs.append(perturb(chunk, rng, src_lang, tgt_lang, f"{pair}.r{rnd}.{start}", rates))
            start += size
    return docs


def documents(data: Path, pair: str, split: str, seed: int, rounds: int = 1) -> list[Doc]:
    """The documents of a pair and split: NTREX runs with perturbations, or
    the Text+Berg documents as they are (real translations, hand-aligned)."""
    if pair == TEXTBERG:
        src_lang, tgt_lang = languages(pair)
        return [Doc(g.name, src_lang, tgt_lang, g.src, g.tgt, g.truth) for g in textberg_docs(data, split)]
    return build_docs(ntrex_pairs(data, pair, split), pair, seed, rounds=rounds)


def long_doc(data: Path, pair: str, size: int, seed: int, rates: Rates = Rates()) -> Doc:
    """A document of about ``size`` sentences a side from the pair's test
    split (NTREX pairs reused cyclically; Text+Berg documents one after another)."""
    if pair == TEXTBERG:
        src_lang, tgt_lang = languages(pair)
        out = Doc(f"{pair}.long{size}", src_lang, tgt_lang)
        docs = textberg_docs(data, "test")
        while len(out.src) < size:
            for g in docs:
                if len(out.src) >= size:
                    break
                ds, dt = len(out.src), len(out.tgt)
                out.src += g.src
                out.tgt += g.tgt
                out.truth += [(tuple(i + ds for i in a), tuple(j + dt for j in b)) for a, b in g.truth]
        return out
    pairs = ntrex_pairs(data, pair, "test")
    src_lang, tgt_lang = languages(pair)
    rng = random.Random(f"{seed}:{pair}:{size}")
    chunk = [pairs[i % len(pairs)] for i in range(size)]
    return perturb(chunk, rng, src_lang, tgt_lang, f"{pair}.long{size}", rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--pair", default="ar-en", choices=PAIRS)
    ap.add_argument("--split", default="dev", choices=SPLITS)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print this many documents bead by bead")
    args = ap.parse_args()
    docs = documents(args.data, args.pair, args.split, args.seed)
    kinds: dict[str, int] = {}
    for d in docs:
        for a, b in d.truth:
            kinds[f"{len(a)}-{len(b)}"] = kinds.get(f"{len(a)}-{len(b)}", 0) + 1
    boiler = sum(len(d.src_boiler) + len(d.tgt_boiler) for d in docs)
    print(f"{args.pair} {args.split}: {len(docs)} documents, {sum(len(d.truth) for d in docs)} beads "
          f"{dict(sorted(kinds.items()))}, {boiler} boilerplate lines")
    for d in docs[: args.show]:
        print(f"== {d.name}")
        for a, b in d.truth:
            print(f"  {list(a)}:{list(b)}  {' | '.join(d.src[i] for i in a)[:70]!r} <> {' | '.join(d.tgt[j] for j in b)[:70]!r}")


if __name__ == "__main__":
    main()
