"""A glossary as spreadsheets and CAT tools export it: one row per concept, a column per language.

A translator's sheet saved as CSV (``English,Arabic,Persian`` or ``en,ar,fa``),
memoQ's term base CSV export (``Entry_ID``, ``Entry_Domain``, ``English``,
``English_Def``, ``Term_Info``, ``Term_Example``, ``Arabic``...), the sheets
of other tools alike. The header row says what each column holds:

* a language, by its BCP 47 tag or code (``ar``, ``fa-IR``, ``eng``) or its
  name in any language (``Arabic``, ``Farsi``, ``العربية``; ``English (United
  States)`` is ``en-US``): the column holds that language's terms, several in
  one cell separated by ``;`` (the first of a language in a row is preferred,
  the others admitted); two columns of one language both hold its terms;
* the concept's id, subject field, definition, note or source (``ID``,
  ``Entry_ID``, ``Domain``, ``Subject``, ``Definition``, ``Note``,
  ``Comment``, ``Source``...); two columns of one field are both kept
  (``Cybercrime; Law``);
* a language and ``term`` or ``translation`` (``Arabic term``): its terms;
* something of a language's term: the language and a word (``English_Def``,
  ``ar note``, ``fa example``, ``en status``), or, right after a language's
  column, ``Term_Info``, ``Term_Example``, ``Term_Status``, ``Usage``...: a
  definition goes to the concept (the first given), a note or example to
  the row's first term of that language, a status word to its terms.

Other columns are not read, each said once in the log. A row without a term
is skipped and logged; the same concept id in two rows is an error. Without
an id column, a concept's id is made from its first term
(:func:`~workbench.formats.termbase.make_id`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import FormatError, LanguageTagError
from ..model import Concept, Term, TermStatus
from ..safeout import unguard
from ..text.langtag import language_named, parse_tag
from .issues import ReadLog
from .termbase import LocatedConcept, make_id, status_of

#: Headers of what a concept carries (lower case, ``_`` and ``-`` as spaces).
_CONCEPT = {
    **dict.fromkeys(("id", "entry id", "concept", "concept id", "entry", "entryid", "term id", "record id"), "id"),
    **dict.fromkeys(("subject", "subject field", "domain", "entry domain", "entry subject", "field", "category"),
                    "subject_field"),
    **dict.fromkeys(("definition", "def", "entry definition", "entry def"), "definition"),
    **dict.fromkeys(("note", "notes", "comment", "comments", "entry note", "entry comment", "remark", "remarks"),
                    "note"),
    **dict.fromkeys(("source", "entry source", "reference"), "source"),
}
#: Words after a language that say what a column holds of its term (``English_Def``, ``ar note``;
#: ``Arabic term``: its terms).
_OF_TERM = {
    **dict.fromkeys(("term", "terms", "translation", "equivalent"), "term"),
    **dict.fromkeys(("def", "definition"), "definition"),
    **dict.fromkeys(("note", "notes", "comment", "comments", "info", "remark", "term info", "term note"), "note"),
    **dict.fromkeys(("example", "examples", "context", "usage", "sample", "term example", "term context"), "context"),
    **dict.fromkeys(("status", "term status"), "status"),
    **dict.fromkeys(("pos", "part of speech", "term pos"), "part_of_speech"),
}
#: Headers that, right after a language's column, hold something of its term (memoQ's ``Term_Info``).
_AFTER_TERM = {h: f for h, f in _OF_TERM.items() if h.startswith("term ") and f != "term"} | {
    "info": "note", "example": "context", "usage": "context", "context": "context", "status": "status",
    "pos": "part_of_speech", "part of speech": "part_of_speech"}


@dataclass(frozen=True, slots=True)
class Column:
    """What a column holds: a concept field (``lang`` empty), a language's terms (``field`` "term"),
    or something of that language's term."""

    lang: str
    field: str


def _key(header: str) -> str:
    return " ".join(header.replace("_", " ").replace("-", " ").casefold().split())


def _language(text: str) -> str | None:
    """The tag a header names: a tag or code (``ar``, ``fa_IR``, ``eng``) or a language's name."""
    text = text.strip()
    if not text:
        return None
    if " " not in text and len(text) <= 12:
        try:
            return parse_tag(text)
        except LanguageTagError:
            pass
    return language_named(text) if len(text) >= 3 else None


def columns(header: list[str]) -> list[Column | None] | None:
    """What each column of ``header`` holds (None: not read); None when no column names a language."""
    out: list[Column | None] = []
    last: str | None = None
    for raw in header:
        key = _key(raw)
        column: Column | None = None
        if last is not None and key in _AFTER_TERM:
            column = Column(last, _AFTER_TERM[key])
        elif key in _CONCEPT:
            column = Column("", _CONCEPT[key])
        elif (lang := _language(raw)) is not None:
            column = Column(lang, "term")
            last = lang
        else:
            column = _of_term(raw)
            if column is not None and column.field == "term":
                last = column.lang
        out.append(column)
    return out if any(c is not None and c.field == "term" for c in out) else None


def _of_term(raw: str) -> Column | None:
    """``English_Def``, ``ar note``: a language, then what the column holds of its term."""
    words = raw.replace("_", " ").split()
    for cut in range(len(words) - 1, 0, -1):
        what = _key(" ".join(words[cut:]))
        if what in _OF_TERM and (lang := _language(" ".join(words[:cut]))) is not None:
            return Column(lang, _OF_TERM[what])
    return None


def read_wide(header: list[str], layout: list[Column | None], rows: Iterable[tuple[int, list[str]]], name: str,
              log: ReadLog | None) -> list[LocatedConcept]:
    """The concepts of the rows (each with its line) under ``header``, read as ``layout`` says."""
    log = log if log is not None else ReadLog(name)
    for raw, column in zip(header, layout):
        if column is None:
            log.add("warning", "column-not-read", f"column {raw.strip()!r} is not read: neither a language nor "
                    "a field of a concept or term", 1)
    out: list[LocatedConcept] = []
    taken: dict[str, int] = {}
    for line, row in rows:
        cells = [unguard(c.strip()) for c in row]
        if not any(cells):
            continue
        concept = _concept(layout, cells, taken, name, line)
        if concept is None:
            log.add("skipped", "no-term", "a row without a term", line)
            continue
        log.read += 1
        taken[concept.id] = line
        out.append(LocatedConcept(concept, line, (line,) * len(concept.terms)))
    return out


def _concept(layout: list[Column | None], cells: list[str], taken: dict[str, int], name: str,
             line: int) -> Concept | None:
    fields: dict[str, str] = {}
    terms: list[Term] = []
    extra: dict[str, dict[str, str]] = {}  # language -> what its first term carries
    for column, cell in zip(layout, cells):
        if column is None or not cell:
            continue
        if not column.lang:  # two columns of one field (memoQ's subject and domain): both kept
            known = fields.get(column.field)
            fields[column.field] = cell if not known or column.field == "id" else f"{known}; {cell}"
        elif column.field == "term":
            for text in filter(None, (t.strip() for t in cell.split(";"))):
                first = not any(t.lang == column.lang for t in terms)
                terms.append(Term(text, column.lang, TermStatus.PREFERRED if first else TermStatus.ADMITTED))
        elif column.field == "definition":
            fields.setdefault("definition", cell)
        else:
            extra.setdefault(column.lang, {}).setdefault(column.field, cell)
    if not terms:
        return None
    firsts = {id(next(u for u in terms if u.lang == lang)) for lang in {t.lang for t in terms}}
    terms = [_with(t, extra.get(t.lang, {}), id(t) in firsts, name, line) for t in terms]
    cid = fields.pop("id", "") or make_id(terms[0].text, taken)
    if cid in taken:
        raise FormatError(f"concept {cid!r} again (first on line {taken[cid]})", path=name, line=line)
    return Concept(cid, tuple(terms), **{k: v for k, v in fields.items() if k in
                                          ("subject_field", "definition", "note", "source")})


def _with(term: Term, extra: dict[str, str], first: bool, name: str, line: int) -> Term:
    """``term`` with what its language's columns say of it: a status (every term of the row), a note,
    an example and a part of speech (its first term)."""
    status = term.status
    if "status" in extra:
        found = status_of(extra["status"])
        if found is None:
            allowed = ", ".join(s.value for s in TermStatus)
            raise FormatError(f"status {extra['status']!r} is none of {allowed}", path=name, line=line)
        status = found
    if not first:
        return Term(term.text, term.lang, status)
    return Term(term.text, term.lang, status, extra.get("part_of_speech", ""), extra.get("context", ""),
                extra.get("note", ""))
