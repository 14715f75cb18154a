"""Bilingual word lists for the aligner: given (glossary, two-column file) or
learned from sentence pairs by association scores (Dice over co-occurrence).

Counts are additive, so a lexicon learned from a memory can be updated with
each import by adding the new pairs' counts (:meth:`Cooccurrence.add`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..formats.plaintext import iter_lines, open_document
from .features import features

_MIN_WORD = 2
#: A pair with more words than this on a side is left out, as word aligners
#: leave out long sentences: each of its source words would be paired with
#: each of its target words, at a cost in the product of the two lengths.
_MAX_WORDS = 100


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Source stem -> target stems it may translate to."""

    entries: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def merged(self, other: Lexicon) -> Lexicon:
        """Both word lists in one."""
        out: dict[str, frozenset[str]] = dict(self.entries)
        for k, v in other.entries.items():
            out[k] = out.get(k, frozenset()) | v
        return Lexicon(out)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> Lexicon:
        """Build from (source term, target term) pairs; multi-word terms map
        word to word (pairs of more than ``_MAX_WORDS`` words a side left out)."""
        out: dict[str, set[str]] = {}
        for src, tgt in pairs:
            s_words = [w for w in features(src, src_lang).words if len(w) >= _MIN_WORD]
            t_words = {w for w in features(tgt, tgt_lang).words if len(w) >= _MIN_WORD}
            if len(s_words) > _MAX_WORDS or len(t_words) > _MAX_WORDS:
                continue
            for w in s_words:
                out.setdefault(w, set()).update(t_words)
        return cls({k: frozenset(v) for k, v in out.items() if v})


def read_dictionary(path: str | Path, src_lang: str, tgt_lang: str) -> Lexicon:
    """A plain two-column dictionary: ``source<TAB>target`` per line (``#`` comments).

    A line without a tab (or with an empty side) is an error naming its line.
    """
    pairs: list[tuple[str, str]] = []
    with open_document(path) as fh:
        for line in iter_lines(fh, str(path)):
            text = line.text.strip()
            if not text or text.startswith("#"):
                continue
            cols = text.split("\t")
            if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
                raise InputError("expected 'source<TAB>target'", path=path, line=line.number)
            pairs.append((cols[0].strip(), cols[1].strip()))
    return Lexicon.from_pairs(pairs, src_lang, tgt_lang)


@dataclass(slots=True)
class Cooccurrence:
    """Sentence-level co-occurrence counts of source and target stems."""

    src_lang: str
    tgt_lang: str
    pairs: int = 0
    src: Counter[str] = field(default_factory=Counter)
    tgt: Counter[str] = field(default_factory=Counter)
    joint: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Count the words of more sentence pairs (pairs of more than
        ``_MAX_WORDS`` words a side left out)."""
        for s_text, t_text in pairs:
            s_words = {w for w in features(s_text, self.src_lang).words if len(w) >= _MIN_WORD}
            t_words = {w for w in features(t_text, self.tgt_lang).words if len(w) >= _MIN_WORD}
            if len(s_words) > _MAX_WORDS or len(t_words) > _MAX_WORDS:
                continue
            self.pairs += 1
            self.src.update(s_words)
            self.tgt.update(t_words)
            self.joint.update((s, t) for s in s_words for t in t_words)

    def lexicon(self, min_dice: float = 0.3, min_count: int = 2, stop: int = 60, top: int = 4) -> Lexicon:
        """Word pairs whose Dice score is at least ``min_dice``. Function words
        are left out: of each side's ``stop`` most frequent words, those found
        in more than a fifth of the sentence pairs."""
        s_stop = {w for w, c in self.src.most_common(stop) if c > self.pairs / 5}
        t_stop = {w for w, c in self.tgt.most_common(stop) if c > self.pairs / 5}
        best: dict[str, list[tuple[float, str]]] = {}
        for (s, t), c in self.joint.items():
            if c < min_count or s in s_stop or t in t_stop:
                continue
            dice = 2 * c / (self.src[s] + self.tgt[t])
            if dice >= min_dice:
                best.setdefault(s, []).append((dice, t))
        return Lexicon({s: frozenset(t for _, t in sorted(c, reverse=True)[:top]) for s, c in best.items()})


def learn_lexicon(pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> Lexicon:
    """A lexicon learned from sentence pairs (e.g. a memory's TUs)."""
    counts = Cooccurrence(src_lang, tgt_lang)
    counts.add(pairs)
    return counts.lexicon()
