"""The word-translation statistics a memory teaches the aligner.

Made on demand, for the language pair being aligned, from an evenly spread
sample of at most :data:`SAMPLE_TUS` of the memory's TUs of that pair, and
kept in the store (table ``lex_cache``) until its variants change. An
import pays nothing for them; the first alignment after it pays for the
sample alone: about 0.12 ms a TU of news sentences (2.5 s for 20k TUs,
whatever the memory's size), each TU's cost bounded by its words (at most
``_MAX_WORDS`` a side). Read from the cache, they cost tens of
milliseconds.

The word list is the one :func:`~workbench.align.lexicon.learn_lexicon`
makes from the same pairs (Dice associations over sentence co-occurrence),
counted in numpy: only word pairs that can reach the Dice threshold are
kept, so memory stays within a few arrays of the sample's size.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from .. import __version__
from ..align.features import _NORM, _WORD, stems
from ..align.lexicon import _MAX_WORDS, _MIN_WORD, Cooccurrence, Lexicon
from ..text.langtag import primary
from .engine import TMStore
from .store import DamagedStoreError, StoreError

#: TUs of a language pair the statistics are made from at most (evenly spread over the memory).
SAMPLE_TUS = 20_000
#: The lowest Dice score and joint count of a word pair kept (those of ``Cooccurrence.lexicon``).
MIN_DICE = 0.3
MIN_COUNT = 2
#: Word pairs counted at once, about (the size of the arrays counting them).
_PAIRS = 1 << 18
#: TUs read from the store by one query.
_BATCH = 500
_METHOD = f"dice@1|{SAMPLE_TUS}|workbench:{__version__}"
_ALL = -1


def words(text: str, lang: str) -> set[str]:
    """The stems the aligner looks up for ``text`` (``features(text, lang).words``), of two letters or more."""
    base = primary(lang)
    return {s for w in _WORD.findall(_NORM.fold(text)) if not w.isdigit()
            for s in stems(w, base) if len(s) >= _MIN_WORD}


def learn(pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> Lexicon:
    """The word list :func:`~workbench.align.lexicon.learn_lexicon` learns from ``pairs``."""
    s_vocab: dict[str, int] = {}
    t_vocab: dict[str, int] = {}
    s_tokens: list[int] = []
    t_tokens: list[int] = []
    s_lens: list[int] = []
    t_lens: list[int] = []
    for s_text, t_text in pairs:
        s_words, t_words = words(s_text, src_lang), words(t_text, tgt_lang)
        if len(s_words) > _MAX_WORDS or len(t_words) > _MAX_WORDS:
            continue
        s_tokens += [s_vocab.setdefault(w, len(s_vocab)) for w in s_words]
        t_tokens += [t_vocab.setdefault(w, len(t_vocab)) for w in t_words]
        s_lens.append(len(s_words))
        t_lens.append(len(t_words))
    counts = Cooccurrence(src_lang, tgt_lang, len(s_lens))
    if not s_tokens or not t_tokens:
        return Lexicon()
    s_ids, t_ids = np.array(s_tokens, np.int64), np.array(t_tokens, np.int64)
    s_n, t_n = np.bincount(s_ids, minlength=len(s_vocab)), np.bincount(t_ids, minlength=len(t_vocab))
    counts.src.update(dict(zip(s_vocab, s_n.tolist())))
    counts.tgt.update(dict(zip(t_vocab, t_n.tolist())))
    codes, joint = _joint(s_ids, np.array(s_lens, np.int64), t_ids, np.array(t_lens, np.int64), s_n, t_n)
    s_names, t_names = list(s_vocab), list(t_vocab)
    counts.joint = Counter({(s_names[c // len(t_names)], t_names[c % len(t_names)]): n
                            for c, n in zip(codes.tolist(), joint.tolist())})
    return counts.lexicon(min_dice=MIN_DICE, min_count=MIN_COUNT)


def _joint(s_ids: NDArray[np.int64], s_lens: NDArray[np.int64], t_ids: NDArray[np.int64], t_lens: NDArray[np.int64],
           s_n: NDArray[np.int64], t_n: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Word pairs (``s * len(t_n) + t``) of a Dice score of at least :data:`MIN_DICE`
    and a joint count of at least :data:`MIN_COUNT`, with their joint counts.

    Source words are taken in batches of about :data:`_PAIRS` word pairs,
    each word with every sentence pair it is in, so a batch's counts are
    whole and only the pairs kept outlive it. A pair's joint count is at
    most the smaller of its words' counts: a pair of words of counts far
    apart (or a word seen once) never reaches the threshold and is left out
    before counting."""
    units = np.arange(len(s_lens))
    s_keep, t_keep = s_n[s_ids] >= MIN_COUNT, t_n[t_ids] >= MIN_COUNT
    s, s_unit = s_ids[s_keep], np.repeat(units, s_lens)[s_keep]
    t, t_unit = t_ids[t_keep], np.repeat(units, t_lens)[t_keep]
    t_per = np.bincount(t_unit, minlength=len(units))
    t_first = np.cumsum(t_per) - t_per  # where each sentence pair's target words start in t
    order = np.argsort(s, kind="stable")
    s, s_unit = s[order], s_unit[order]
    reps = t_per[s_unit]  # each source word meets every target word of its sentence pair
    word_starts = np.flatnonzero(np.diff(s, prepend=-1))
    before = (np.cumsum(reps) - reps)[word_starts]  # word pairs before each source word
    cuts = word_starts[np.flatnonzero(np.diff(before // _PAIRS)) + 1]
    found: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(s)]):
        r = reps[lo:hi]
        src = np.repeat(s[lo:hi], r)
        tgt = t[np.repeat(t_first[s_unit[lo:hi]] - (np.cumsum(r) - r), r) + np.arange(len(src))]
        a, b = s_n[src], t_n[tgt]
        low = np.minimum(a, b)
        reachable = 2 * low >= MIN_DICE * (low + np.maximum(a, b)) - 1e-9
        codes, joint = np.unique(src[reachable] * len(t_n) + tgt[reachable], return_counts=True)
        dice = 2 * joint / (s_n[codes // len(t_n)] + t_n[codes % len(t_n)])
        keep = (joint >= MIN_COUNT) & (dice >= MIN_DICE)
        found.append((codes[keep], joint[keep]))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([c for c, _ in found]), np.concatenate([j for _, j in found])


_PAIR_SQL = "(s.lang LIKE ? OR s.lang LIKE ?) AND (t.lang LIKE ? OR t.lang LIKE ?) AND s.id <= ? AND t.id <= ?"


def sample(store: TMStore, src_lang: str, tgt_lang: str, upto: int | None = None) -> list[tuple[str, str]]:
    """(source, target) texts of at most :data:`SAMPLE_TUS` TUs of the pair,
    evenly spread over them, in order. With ``upto``, of the variants stored
    up to that id alone: the memory as it was then (a variant merged into
    one of its TUs later is left out)."""
    src, tgt = primary(src_lang), primary(tgt_lang)
    pair = (src, f"{src}-%", tgt, f"{tgt}-%", _bound(upto), _bound(upto))
    ids = [tu for (tu,) in store.db.execute(
        f"SELECT s.tu FROM tuv s JOIN tuv t ON t.tu = s.tu WHERE {_PAIR_SQL} GROUP BY s.tu ORDER BY s.tu", pair)]
    if len(ids) > SAMPLE_TUS:
        ids = [ids[i * len(ids) // SAMPLE_TUS] for i in range(SAMPLE_TUS)]
    out: list[tuple[str, str]] = []
    for i in range(0, len(ids), _BATCH):
        batch = ids[i: i + _BATCH]
        rows = store.db.execute(
            f"SELECT s.tu, s.text, t.text FROM tuv s JOIN tuv t ON t.tu = s.tu "
            f"WHERE s.tu IN ({','.join('?' * len(batch))}) AND {_PAIR_SQL} ORDER BY s.tu, s.id, t.id", (*batch, *pair))
        last = None
        for tu, s_text, t_text in rows:
            if tu != last:
                out.append((s_text, t_text))
                last = tu
    return out


def _bound(upto: int | None) -> int:
    return (1 << 63) - 1 if upto is None else upto


def _state(store: TMStore, upto: int | None) -> str:
    """What the statistics of the variants up to ``upto`` depend on: their
    number and last id, which any import, merge or replacement among them
    changes (about 30 ms per 100k TUs; an index alone is read)."""
    query = "SELECT count(*), coalesce(max(id), 0) FROM tuv"
    rows = store.db.execute(query) if upto is None else store.db.execute(f"{query} WHERE id <= ?", (upto,))
    count, last = rows.fetchone()
    return f"{_METHOD}|{count}|{last}"


def stored_lexicon(store: TMStore, src_lang: str, tgt_lang: str, *, upto: int | None = None) -> Lexicon:
    """The word list the memory teaches the aligner for a language pair, from
    its variants up to id ``upto`` (all when None): made from :func:`sample` the
    first time, then read from the store's cache while those variants stay
    as they are. A store that cannot be written (read-only, locked) is not
    cached in."""
    src, tgt = primary(src_lang), primary(tgt_lang)
    scope = _ALL if upto is None else upto
    state = _state(store, upto)
    row = store.db.execute("SELECT state, entries FROM lex_cache WHERE src = ? AND tgt = ? AND upto = ?",
                           (src, tgt, scope)).fetchone()
    if row is not None and row[0] == state:
        return Lexicon({s: frozenset(ts) for s, ts in json.loads(row[1]).items()})
    lexicon = learn(sample(store, src, tgt, upto), src, tgt)
    entries = json.dumps({s: sorted(ts) for s, ts in sorted(lexicon.entries.items())}, ensure_ascii=False)
    waited, store.timeout = store.timeout, 0.0  # a cache is not worth waiting for another process
    try:
        with store.transaction() as db:
            db.execute("INSERT INTO lex_cache(src, tgt, upto, state, entries) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                       "(src, tgt, upto) DO UPDATE SET state = excluded.state, entries = excluded.entries",
                       (src, tgt, scope, state, entries))
    except StoreError as exc:  # read-only or locked: the word list is right without the cache
        if isinstance(exc, DamagedStoreError):
            raise
    finally:
        store.timeout = waited
    return lexicon
