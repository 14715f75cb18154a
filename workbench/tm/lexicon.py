"""The word-translation statistics a memory teaches the aligner.

Sentence-level co-occurrence counts of source and target words over the
memory's TUs, per language pair, kept in the store (tables ``lex_*``) and
brought up to date incrementally: each update counts only the TUs stored
since the last one, so a bigger memory keeps improving alignment at the
cost of its new TUs alone.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..align.lexicon import Cooccurrence, Lexicon
from ..text.langtag import primary
from .store import Store

#: TUs counted per language pair at most (the newest ones are kept out past it).
MAX_TUS = 200_000


def _pairs(store: Store, src: str, tgt: str, after: int, limit: int) -> Iterator[tuple[int, str, str]]:
    cur = store.db.execute(
        "SELECT tu.id, s.text, t.text FROM tu "
        "JOIN tuv s ON s.tu = tu.id AND (lower(s.lang) = ? OR lower(s.lang) LIKE ?) "
        "JOIN tuv t ON t.tu = tu.id AND (lower(t.lang) = ? OR lower(t.lang) LIKE ?) "
        "WHERE tu.id > ? GROUP BY tu.id ORDER BY tu.id LIMIT ?",
        (src, f"{src}-%", tgt, f"{tgt}-%", after, limit),
    )
    yield from cur


def update_lexicon(store: Store, src_lang: str, tgt_lang: str) -> int:
    """Count the TUs stored since the last update; returns how many were counted."""
    src, tgt = primary(src_lang), primary(tgt_lang)
    with store.transaction() as db:
        row = db.execute("SELECT last_tu, pairs FROM lex_state WHERE src = ? AND tgt = ?", (src, tgt)).fetchone()
        last, total = (row[0], row[1]) if row else (0, 0)
        room = MAX_TUS - total
        if room <= 0:
            return 0
        counts = Cooccurrence(src, tgt)
        for tu_id, s_text, t_text in _pairs(store, src, tgt, last, room):
            counts.add([(s_text, t_text)])
            last = tu_id
        if not counts.pairs:
            return 0
        db.executemany(
            "INSERT INTO lex_word(src, tgt, side, word, n) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(src, tgt, side, word) DO UPDATE SET n = n + excluded.n",
            [(src, tgt, 0, w, n) for w, n in counts.src.items()] + [(src, tgt, 1, w, n) for w, n in counts.tgt.items()],
        )
        db.executemany(
            "INSERT INTO lex_joint(src, tgt, s, t, n) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(src, tgt, s, t) DO UPDATE SET n = n + excluded.n",
            [(src, tgt, s, t, n) for (s, t), n in counts.joint.items()],
        )
        db.execute(
            "INSERT INTO lex_state(src, tgt, last_tu, pairs) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(src, tgt) DO UPDATE SET last_tu = excluded.last_tu, pairs = excluded.pairs",
            (src, tgt, last, total + counts.pairs),
        )
        return counts.pairs


def stored_lexicon(store: Store, src_lang: str, tgt_lang: str) -> Lexicon:
    """The lexicon the memory's counts give (empty when nothing is counted)."""
    src, tgt = primary(src_lang), primary(tgt_lang)
    counts = Cooccurrence(src, tgt)
    row = store.db.execute("SELECT pairs FROM lex_state WHERE src = ? AND tgt = ?", (src, tgt)).fetchone()
    if row is None:
        return Lexicon()
    counts.pairs = int(row[0])
    for side, word, n in store.db.execute("SELECT side, word, n FROM lex_word WHERE src = ? AND tgt = ?", (src, tgt)):
        (counts.src if side == 0 else counts.tgt)[word] = n
    for s, t, n in store.db.execute("SELECT s, t, n FROM lex_joint WHERE src = ? AND tgt = ? AND n > 1", (src, tgt)):
        counts.joint[(s, t)] = n
    return counts.lexicon()


def language_pairs(store: Store) -> list[tuple[str, str]]:
    """(source, target) primary-language pairs the store's TUs hold."""
    rows = store.db.execute(
        "SELECT DISTINCT lower(tu.srclang), lower(tuv.lang) FROM tu JOIN tuv ON tuv.tu = tu.id").fetchall()
    pairs = {(primary(s), primary(t)) for s, t in rows if s != "*all*"}
    return sorted((s, t) for s, t in pairs if s != t)


def update_all_lexicons(store: Store) -> int:
    """Bring the word statistics of every language pair up to date (after an import)."""
    return sum(update_lexicon(store, s, t) for s, t in language_pairs(store))
