"""The match key: text folded for matching, with a map back to the original.

Stored text is never changed. Matching (glossary lookup, consistency checks,
fuzzy search) works on a key built by a :class:`Normalizer`; every key
character knows the offset of the original character it came from, so a hit
found in the key is reported at its exact place in the original text.

Each fold has a name (see :data:`FOLDS`) and can be switched off. The folds
never merge letters that a language keeps apart: final ``ى`` is not turned
into ``ا``, and yeh/kaf variants are unified only in the key, never in text.
"""
from __future__ import annotations

import json
import re
import unicodedata
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Final

NORM_VERSION: Final = "norm:v1"
_SPACES = re.compile(" {2,}")

#: :meth:`Normalizer.fast_fold` lists the characters below this one (Latin, Arabic, Persian, the general
#: punctuation with ZWNJ and the direction marks: a list of every BMP character costs a lookup 1 ms to make).
_LISTED: Final = 0x2100
_PAST_LISTED: Final = re.compile(f"[{chr(_LISTED)}-\U0010ffff]").search

_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u06D6\u06D7\u06D8\u06D9\u06DA\u06DB\u06DC\u06DF\u06E0\u06E1\u06E2\u06E3\u06E4\u06E7\u06E8\u06EA\u06EB\u06EC\u06ED"
_BIDI_AND_FORMAT = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\ufeff\u00ad\u2060\u200b"
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

#: Named folds: name -> (what it does, {char: replacement}). ``""`` deletes.
FOLDS: Final[dict[str, tuple[str, dict[str, str]]]] = {
    "diacritics": ("Arabic diacritics (tashkeel) and Quranic marks removed", {c: "" for c in _DIACRITICS}),
    "tatweel": ("tatweel (kashida) removed", {"\u0640": ""}),
    "hamza": (
        "alef with hamza or madda, wasla alef, hamza on waw or yeh folded to the bare letter",
        {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ۀ": "ه", "\u0654": "", "\u0655": "", "\u0653": ""},
    ),
    "yeh": ("Persian yeh ی and Farsi/Urdu yeh forms read as Arabic yeh ي", {"ی": "ي", "ې": "ي", "ے": "ي"}),
    "alef_maqsura": ("alef maqsura ى read as yeh ي (never as alef)", {"ى": "ي"}),
    "kaf": ("Persian keheh ک read as Arabic kaf ك", {"ک": "ك", "ڪ": "ك"}),
    "teh_marbuta": ("teh marbuta ة read as heh ه", {"ة": "ه"}),
    "zwnj": ("zero-width non-joiner removed (Persian half-space and its absence match)", {"\u200c": ""}),
    "digits": (
        "Arabic-Indic and Persian digits, decimal and thousands separators as ASCII",
        {**{d: str(i) for i, d in enumerate(_ARABIC_INDIC)}, **{d: str(i) for i, d in enumerate(_PERSIAN_DIGITS)}, "٫": ".", "٬": ",", "٪": "%"},
    ),
    "bidi": ("direction marks and other invisible format characters removed", {c: "" for c in _BIDI_AND_FORMAT}),
    "quotes": (
        "quotation mark styles unified",
        {"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'"},
    ),
    "punctuation": ("Arabic comma, semicolon and question mark as Latin ones", {"،": ",", "؛": ";", "؟": "?", "۔": "."}),
}

#: Folds computed from Unicode data rather than a table.
COMPUTED_FOLDS: Final[dict[str, str]] = {
    "nfkc": "Unicode compatibility forms (presentation forms, ligatures, full-width, no-break spaces)",
    "case": "letter case folded (casefold)",
    "accents": "accents on Latin letters removed",
    "space": "runs of white space read as one space",
}

ALL_FOLDS: Final[tuple[str, ...]] = ("nfkc", *FOLDS, "case", "accents", "space")


def _computed_entries(name: str) -> dict[str, str]:
    """Table entries of a computed fold over the Basic Multilingual Plane."""
    out: dict[str, str] = {}
    if name == "nfkc":
        for cp in chain(range(0xA0, 0x3400), range(0xF900, 0x10000)):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if n != c and not unicodedata.combining(c):
                out[c] = n
    elif name == "case":
        for cp in chain(range(0x41, 0x5B), range(0xC0, 0x590), range(0x1E00, 0x2000), range(0xFF21, 0xFF3B)):
            c = chr(cp)
            f = c.casefold()
            if f != c:
                out[c] = f
    elif name == "accents":
        for cp in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
            c = chr(cp)
            base = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
            if base != c and base:
                out[c] = base
        out.update({chr(cp): "" for cp in range(0x300, 0x370)})
    elif name == "space":
        for c in "\t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000":
            out[c] = " "
    return out


@dataclass(frozen=True, slots=True)
class Key:
    """A match key: ``text`` folded from ``source``; ``starts[i]`` is the
    offset in ``source`` of the character that key character ``i`` came from."""

    text: str
    source: str
    starts: tuple[int, ...] = field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a key range ``[start, end)`` to the original range it covers."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"key range [{start}, {end}) outside 0..{len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.source)
            return pos, pos
        return self.starts[start], self.starts[end - 1] + 1

    def to_key(self, offset: int) -> int:
        """The first key index at or after original ``offset``."""
        return bisect_right(self.starts, offset - 1)


class Normalizer:
    """Builds match keys with a chosen set of named folds."""

    def __init__(self, folds: Iterable[str] | None = None, exclude: Iterable[str] = ()) -> None:
        chosen = list(ALL_FOLDS if folds is None else folds)
        unknown = [f for f in [*chosen, *exclude] if f not in ALL_FOLDS]
        if unknown:
            raise ValueError(f"unknown fold(s): {', '.join(unknown)}; known: {', '.join(ALL_FOLDS)}")
        skipped = set(exclude)
        self.folds: tuple[str, ...] = tuple(f for f in ALL_FOLDS if f in chosen and f not in skipped)
        self._table, self._uneven = _table(self.folds)
        self._collapse = "space" in self.folds
        self._fast: Callable[[str], str] | None = None

    @property
    def signature(self) -> str:
        """Identifies the key: version and folds, for artifact signatures."""
        return f"{NORM_VERSION}[{','.join(self.folds)}]"

    def key(self, text: str) -> Key:
        """Fold ``text`` into a :class:`Key`; ``text`` itself is untouched."""
        folded = text.translate(self._table)
        if self._uneven is None or not self._uneven.search(text):
            starts: list[int] = list(range(len(text)))
        else:
            starts = self._starts(text)
        if self._collapse and "  " in folded:
            keep = [i for i, ch in enumerate(folded) if ch != " " or i == 0 or folded[i - 1] != " "]
            folded = "".join(folded[i] for i in keep)
            starts = [starts[i] for i in keep]
        return Key(folded, text, tuple(starts))

    def fold(self, text: str) -> str:
        """Just the key text, without building the offset map (much faster)."""
        folded = text.translate(self._table)
        return _SPACES.sub(" ", folded) if self._collapse and "  " in folded else folded

    def fast_fold(self) -> Callable[[str], str]:
        """:meth:`fold`, faster on many texts: the table as a list up to
        :data:`_LISTED` (``str.translate`` looks a list up faster than a dict
        that lacks most characters), made at the first call; a text holding a
        character past it (CJK, presentation forms...), or whose folding
        leaves two spaces together, is folded by :meth:`fold`."""
        if self._fast is None:
            listed: list[int | str] = list(range(_LISTED))
            for k, v in self._table.items():
                if k < _LISTED:
                    listed[k] = v
            fold = self.fold

            def folded(text: str) -> str:
                if _PAST_LISTED(text):
                    return fold(text)
                key = text.translate(listed)
                return fold(text) if "  " in key else key
            self._fast = folded
        return self._fast

    def table(self) -> Mapping[int, str]:
        """What each character that a fold changes becomes (code point -> text; ``""``: removed)."""
        return self._table

    def _starts(self, text: str) -> list[int]:
        assert self._uneven is not None
        pieces: list[Iterable[int]] = []
        prev = 0
        for m in self._uneven.finditer(text):
            pos = m.start()
            pieces.append(range(prev, pos))
            pieces.append([pos] * len(self._table[ord(text[pos])]))
            prev = pos + 1
        pieces.append(range(prev, len(text)))
        return list(chain.from_iterable(pieces))

    def explain(self, text: str) -> list[str]:
        """Names of the folds that change ``text``, in fold order."""
        why = _tables(self.folds)[1]
        seen = {name for ch in text for name in why.get(ch, ())}
        if self._collapse:
            import regex  # here only: making a key does not need it

            if regex.search(r"\s\s", text):
                seen.add("space")
        return [f for f in self.folds if f in seen]


@cache
def _tables(folds: tuple[str, ...]) -> tuple[Mapping[int, str], Mapping[str, tuple[str, ...]]]:
    """For a set of folds (made once per process): the table folding each
    character and the folds that change each one.

    Later folds see the output of earlier ones: each fold is applied to what
    the table makes of every character so far, all at once (one
    ``str.translate`` of the table's values joined by NUL, which no fold maps)."""
    table: dict[str, str] = {}
    why: dict[str, list[str]] = {}
    for name in folds:
        entries = _computed_entries(name) if name in COMPUTED_FOLDS else FOLDS[name][1]
        step = {ord(c): r for c, r in entries.items()}
        keys = list(table)
        joined = "\0".join(table[c] for c in keys)
        for c, before, after in zip(keys, joined.split("\0"), joined.translate(step).split("\0")):
            if after != before:
                table[c] = after
                why[c].append(name)
        fresh = [c for c in entries if c not in table]
        for c, rep in zip(fresh, "\0".join(entries[c] for c in fresh).translate(step).split("\0")):
            table[c] = rep
            why[c] = [name]
    return {ord(c): r for c, r in table.items()}, {c: tuple(w) for c, w in why.items()}


#: The table of every fold, made ahead (:func:`write_table`); used while its key matches.
TABLE_FILE: Final = Path(__file__).with_name("data") / "folds.json"


def table_key() -> str:
    """What the table of every fold is made from (the folds, the Unicode data), as a digest."""
    made_of = [NORM_VERSION, unicodedata.unidata_version, ALL_FOLDS, sorted(COMPUTED_FOLDS), FOLDS]
    return f"{zlib.crc32(json.dumps(made_of, sort_keys=True).encode()):08x}"


def write_table(path: Path = TABLE_FILE) -> None:
    """Write the table of every fold and its key to ``path`` (run after changing a fold)."""
    table = _tables(ALL_FOLDS)[0]
    path.write_text(json.dumps({"key": table_key(), "table": {chr(k): v for k, v in sorted(table.items())}},
                               ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@cache
def _table(folds: tuple[str, ...]) -> tuple[Mapping[int, str], re.Pattern[str] | None]:
    """The table folding each character for a set of folds and the pattern of
    the characters whose key is not one character long (made once per
    process; read from :data:`TABLE_FILE` for every fold while its key matches)."""
    table: Mapping[int, str] | None = None
    if folds == ALL_FOLDS:
        try:
            made = json.loads(TABLE_FILE.read_text(encoding="utf-8"))
            if made.get("key") == table_key():
                table = {ord(c): r for c, r in made["table"].items()}
        except (OSError, ValueError, AttributeError, TypeError):
            table = None
    if table is None:
        table = _tables(folds)[0]
    uneven = sorted(c for c, r in table.items() if len(r) != 1)
    # The stdlib ``re`` matches a large character class far faster than ``regex`` (a bitmap).
    pattern = re.compile(_char_class(uneven)) if uneven else None
    return table, pattern


def _char_class(codes: list[int]) -> str:
    """The character class of the sorted code points ``codes``, runs of consecutive ones as
    ranges (a class of a few ranges compiles much faster than one of each character)."""
    runs: list[list[int]] = []
    for c in codes:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in runs) + "]"


_DEFAULT: Normalizer | None = None


def default_normalizer() -> Normalizer:
    """The normalizer with every fold on (built once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Normalizer()
    return _DEFAULT


def match_key(text: str) -> Key:
    """The default match key of ``text``."""
    return default_normalizer().key(text)
