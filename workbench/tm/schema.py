"""The store's SQLite schema and its migrations.

``PRAGMA application_id`` marks a workbench store; ``PRAGMA user_version``
is the schema version. Migration ``n`` takes a store from version ``n`` to
``n + 1`` and runs in the same transaction as the version bump.
"""
from __future__ import annotations

from typing import Final

#: "WBTM" as a 32-bit integer.
APPLICATION_ID: Final = 0x5742544D

MIGRATIONS: Final[tuple[str, ...]] = (
    # 0 -> 1: the memory and its fuzzy index.
    """
    CREATE TABLE source (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,            -- file name as given
        format TEXT NOT NULL,          -- tmx, po, tsv, csv, moses, api
        imported TEXT NOT NULL,        -- UTC, ISO 8601
        header TEXT,                   -- JSON of the TMX header (attrs, props, notes, extra)
        report TEXT                    -- JSON of the import report
    );
    CREATE TABLE tu (
        id INTEGER PRIMARY KEY,        -- import order
        source INTEGER NOT NULL REFERENCES source(id),
        srclang TEXT NOT NULL,         -- resolved source language, or *all*
        src_hash INTEGER NOT NULL,     -- 64-bit hash of srclang + source seg (duplicates)
        meta TEXT                      -- JSON: attrs, props, notes, extra (NULL if none)
    );
    CREATE INDEX tu_src_hash ON tu(src_hash);
    CREATE TABLE tuv (
        id INTEGER PRIMARY KEY,
        tu INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,            -- BCP 47, canonical case
        text TEXT NOT NULL,            -- plain text
        seg TEXT,                      -- seg content as XML, NULL when it is just text escaped
        meta TEXT                      -- JSON: attrs, props, notes, extra (NULL if none)
    );
    CREATE INDEX tuv_tu ON tuv(tu);
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Fuzzy index (made again from tuv whenever it is stale, see workbench.tm.fuzzy).
    CREATE TABLE fz_doc (
        doc INTEGER PRIMARY KEY,       -- dense number, ordered by (lang, key length)
        tuv INTEGER NOT NULL,
        lang TEXT NOT NULL,            -- primary language subtag
        key TEXT NOT NULL,             -- match key of the text
        key_hash INTEGER NOT NULL      -- exact matches
    );
    CREATE INDEX fz_doc_hash ON fz_doc(key_hash);
    CREATE TABLE fz_lang (lang TEXT PRIMARY KEY, first INTEGER NOT NULL, offsets BLOB NOT NULL);
    CREATE TABLE fz_gram (
        lang TEXT NOT NULL,
        gram INTEGER NOT NULL,         -- three code points packed in 63 bits
        df INTEGER NOT NULL,           -- documents holding the gram
        postings BLOB,                 -- sorted doc numbers (int32), NULL for stop grams
        PRIMARY KEY (lang, gram)
    ) WITHOUT ROWID;
    """,
    # 1 -> 2: word statistics for the aligner (workbench.tm.lexicon).
    """
    CREATE TABLE lex_state (
        src TEXT NOT NULL, tgt TEXT NOT NULL,   -- primary language subtags
        last_tu INTEGER NOT NULL,               -- TUs up to this id are counted
        pairs INTEGER NOT NULL,                 -- sentence pairs counted
        PRIMARY KEY (src, tgt)
    );
    CREATE TABLE lex_word (
        src TEXT NOT NULL, tgt TEXT NOT NULL,
        side INTEGER NOT NULL,                  -- 0 source, 1 target
        word TEXT NOT NULL,
        n INTEGER NOT NULL,                     -- sentences holding the word
        PRIMARY KEY (src, tgt, side, word)
    ) WITHOUT ROWID;
    CREATE TABLE lex_joint (
        src TEXT NOT NULL, tgt TEXT NOT NULL,
        s TEXT NOT NULL, t TEXT NOT NULL,
        n INTEGER NOT NULL,                     -- sentence pairs holding both
        PRIMARY KEY (src, tgt, s, t)
    ) WITHOUT ROWID;
    """,
    # 2 -> 3: the aligner's word lists made on demand from a sample and cached
    # (workbench.tm.lexicon), in place of counts updated at every import.
    """
    DROP TABLE lex_state;
    DROP TABLE lex_word;
    DROP TABLE lex_joint;
    CREATE TABLE lex_cache (
        src TEXT NOT NULL, tgt TEXT NOT NULL,   -- primary language subtags
        upto INTEGER NOT NULL,                  -- made from the variants (tuv) up to this id (-1: all)
        state TEXT NOT NULL,                    -- the state of those TUs it was made from
        entries TEXT NOT NULL,                  -- JSON: source word -> target words
        PRIMARY KEY (src, tgt, upto)
    ) WITHOUT ROWID;
    """,
    # 3 -> 4: a lean fuzzy index (segments of variants by tuv id, no copy of their keys,
    # workbench.tm.fuzzy), made again by the next lookup; each TU's date, for newest-first lists.
    """
    DROP TABLE fz_doc;
    DROP TABLE fz_lang;
    DROP TABLE fz_gram;
    DELETE FROM setting WHERE key IN ('fuzzy', 'fuzzy_tail', 'fuzzy_upto', 'fuzzy_build');
    CREATE TABLE fz_seg (
        seg INTEGER PRIMARY KEY,
        first INTEGER NOT NULL,        -- the tuv ids first..last
        last INTEGER NOT NULL,
        langs TEXT NOT NULL,           -- JSON: the primary language subtag of each code
        lang BLOB NOT NULL,            -- per id: its language code (one byte, 255: no variant)
        length BLOB NOT NULL           -- per id: the length of its match key (uint16, little-endian)
    );
    CREATE TABLE fz_gram (
        gram INTEGER NOT NULL,         -- three characters of a match key, 15 bits each
        seg INTEGER NOT NULL,
        df INTEGER NOT NULL,           -- variants of the segment holding the gram
        postings BLOB,                 -- their sorted tuv ids less the segment's first (uint16, little-endian), NULL for stop grams
        PRIMARY KEY (gram, seg)
    ) WITHOUT ROWID;
    ALTER TABLE tu ADD COLUMN changed TEXT;  -- changedate, else creationdate, as the TU has it
    UPDATE tu SET changed = (SELECT json_extract(value, '$[1]') FROM json_each(tu.meta, '$.a')
                             WHERE json_extract(value, '$[0]') IN ('changedate', 'creationdate')
                             ORDER BY json_extract(value, '$[0]') LIMIT 1)
        WHERE meta IS NOT NULL AND json_valid(meta);
    CREATE INDEX tu_changed ON tu(changed, id);  -- newest first (workbench.tm.concordance)
    """,
    # 4 -> 5: each segment of the fuzzy index keeps the date and TU of its variants (concordance
    # orders its candidates newest first without reading them); the index is made again by the next lookup.
    """
    DELETE FROM fz_gram;
    DELETE FROM fz_seg;
    DELETE FROM setting WHERE key IN ('fuzzy', 'fuzzy_upto', 'fuzzy_build');
    ALTER TABLE fz_seg ADD COLUMN newest BLOB NOT NULL DEFAULT x'';  -- per id: its TU's date and id (uint64, little-endian, workbench.tm.fuzzy.newest)
    """,
)

SCHEMA_VERSION: Final = len(MIGRATIONS)


#: Table -> column names, as the migrations make them (a store is checked against them on each
#: opening; kept as data, not replayed each time: tests/test_tm_schema.py checks they are the migrations').
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "fz_gram": ("gram", "seg", "df", "postings"),
    "fz_seg": ("seg", "first", "last", "langs", "lang", "length", "newest"),
    "lex_cache": ("src", "tgt", "upto", "state", "entries"),
    "setting": ("key", "value"),
    "source": ("id", "name", "format", "imported", "header", "report"),
    "tu": ("id", "source", "srclang", "src_hash", "meta", "changed"),
    "tuv": ("id", "tu", "lang", "text", "seg", "meta"),
}


def expected_columns() -> dict[str, tuple[str, ...]]:
    """Table -> column names, as the migrations make them (to check a store against): :data:`COLUMNS`."""
    return COLUMNS
