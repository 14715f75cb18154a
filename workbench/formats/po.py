"""Gettext PO as bitext, through polib.

Each translated entry is a TU: ``msgid`` in the source language, ``msgstr``
in the target language. What else an entry carries becomes TU props and
notes, and comes back on export:

==================  =========================================
PO                  TU
==================  =========================================
``msgctxt``         prop ``x-po-msgctxt``
``# comment``       note
``#. extracted``    prop ``x-po-extracted``
``#: reference``    prop ``x-po-reference`` (one per place)
``#, flags``        prop ``x-po-flags`` (comma-separated)
``#| msgid``        prop ``x-po-previous-msgid`` (and ``-msgctxt``)
``msgid_plural``    prop ``x-po-msgid-plural``
``msgstr[n]``       the target for n == 1; the others props ``x-po-msgstr-N``
``Plural-Forms``    prop ``x-po-plural-forms`` (plural entries)
header entry        prop ``x-po-header`` of the first TU (its
                    comment: ``x-po-header-comment``)
==================  =========================================

The header is kept whole but ``X-Source-Language``, which export writes
from the languages exported (and import reads as the source language).
Export writes the header of the first TU that has one, its ``Language`` set
to the target language unless it names that language already (or is not
there: then added), its charset to
UTF-8, and ``Plural-Forms`` left out when it names another language or is not
valid: then that of the plural entries, or, for entries read without one,
gettext's default (``nplurals=2; plural=(n != 1);``), so that ``msgfmt
--check`` accepts the file. A header that came with TUs merged into others
of an earlier import is not kept (the newcomer's props are not).

A plural entry gives a second TU: ``msgid_plural`` with the representative
plural form (:class:`PluralForms`), its prop ``x-po-plural-of`` naming the
``msgid``; export writes the entry back from the first TU. Untranslated and
obsolete (``#~``) entries are skipped, and fuzzy ones (``#, fuzzy``) unless
kept, marked with the prop :data:`~workbench.model.FUZZY_PROP`.

polib reads the whole file into memory: PO files are small.
"""
from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import polib

from ..errors import FormatError, InputError, LanguageTagError
from ..fileio import atomic_output, plain_copy
from ..model import (
    CONTEXT_PROP,
    EXTRACTED_PROP,
    FUZZY_PROP,
    REFERENCE_PROP,
    TU,
    TUV,
    Note,
    Prop,
)
from ..text.langtag import parse_tag
from .issues import ReadLog

CTXT, EXTRACTED, REFERENCE, FLAGS = CONTEXT_PROP, EXTRACTED_PROP, REFERENCE_PROP, "x-po-flags"
PREV_ID, PREV_CTXT, PLURAL = "x-po-previous-msgid", "x-po-previous-msgctxt", "x-po-msgid-plural"
PLURAL_STR, PLURAL_FORMS, PLURAL_OF = "x-po-msgstr-", "x-po-plural-forms", "x-po-plural-of"
HEADER, HEADER_COMMENT = "x-po-header", "x-po-header-comment"
#: Header fields export writes from the pair exported, not from a kept header.
SOURCE_FIELD = "X-Source-Language"
_PLURAL_HEADER = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", re.DOTALL)
#: The counts a plural expression is evaluated on.
COUNTS = range(1000)


@dataclass(frozen=True, slots=True)
class PluralForms:
    """What a catalog's ``Plural-Forms`` means for import: the number of forms,
    the form for n == 1 (paired with ``msgid``) and the representative plural
    (paired with ``msgid_plural``): the form that most counts of
    :data:`COUNTS` but 1 take, ties going to the smaller count (English: 0, 2,
    3...; Arabic: 11-99 and the like; Russian: 5-20...)."""

    nplurals: int
    one: int
    other: int


#: What GNU gettext does without a valid ``Plural-Forms``: ``nplurals=2; plural=(n != 1);``.
GERMANIC = PluralForms(2, 0, 1)
GERMANIC_HEADER = "nplurals=2; plural=(n != 1);"


def plural_forms(header: str) -> PluralForms:
    """Evaluate a ``Plural-Forms`` value (``nplurals=6; plural=EXPRESSION;``) on :data:`COUNTS`.

    The C expression is compiled by :func:`gettext.c2py`, which accepts only
    ``n``, integers, C operators and parentheses (nothing is run but that
    arithmetic). A :class:`ValueError` says what is wrong.
    """
    m = _PLURAL_HEADER.fullmatch(header)
    if m is None:
        raise ValueError("not 'nplurals=N; plural=EXPRESSION;'")
    nplurals = int(m.group(1))
    try:
        rule = gettext.c2py(m.group(2))
        forms = [rule(n) for n in COUNTS]
    except (ValueError, ArithmeticError) as exc:
        raise ValueError(f"plural expression: {exc}") from None
    for n, form in zip(COUNTS, forms):
        if not 0 <= form < nplurals:
            raise ValueError(f"form {form} for n={n}, with nplurals={nplurals}")
    others = Counter(form for n, form in zip(COUNTS, forms) if n != 1)
    return PluralForms(nplurals, forms[1], others.most_common(1)[0][0])


#: A line of an entry: an optional ``#~``/``#|`` mark, an optional keyword, the rest.
_ENTRY_LINE = re.compile(r"(?:#~\s*\|?|#\|)?\s*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?(.*)", re.DOTALL)
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
#: polib's "Syntax error in po file PATH (line N)": the place, said by the error itself.
_POLIB_LINE = re.compile(r" in po file .*?\(line (\d+)\)", re.DOTALL)


def _string_error(line: str) -> str | None:
    """What is wrong with the quoted string of a PO line (``msgid "abc`` has no closing
    quote), or None: polib reads such a line as a string one character short."""
    text = line.strip()
    if text.startswith("#") and not text.startswith(("#~", "#|")):
        return None
    m = _ENTRY_LINE.fullmatch(text)
    assert m is not None  # the pattern matches any line
    keyword, rest = m[1], m[2].strip()
    if keyword is None and not rest.startswith('"'):
        return None  # not a string line: polib judges it
    if not rest.startswith('"'):
        return f"{keyword} without a quoted string"
    quoted = _QUOTED.match(rest)
    if quoted is None:
        return "unterminated string: no closing quote on this line"
    if quoted.end() != len(rest):
        return "text after the closing quote"
    return None


def _check_strings(path: Path) -> None:
    """Every quoted string of the file is closed on its line (read line by line, as
    Latin-1: quotes and backslashes are ASCII in every charset a PO file may have)."""
    with path.open(encoding="latin-1", newline=None) as fh:
        for number, line in enumerate(fh, 1):
            problem = _string_error(line)
            if problem:
                raise FormatError(f"not a valid PO file: {problem}", path=path, line=number)


def _load(path: str | Path) -> polib.POFile:
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file" if not p.exists() else "is a directory", path=p)
    try:
        with plain_copy(p) as plain:  # polib opens it by name
            _check_strings(plain)
            return polib.pofile(str(plain), wrapwidth=0)
    except (OSError, ValueError) as exc:
        line = _POLIB_LINE.search(str(exc))
        raise FormatError(f"not a valid PO file: {_POLIB_LINE.sub('', str(exc))}", path=p,
                          line=int(line[1]) if line else None) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"cannot decode: {exc.reason}", path=p) from None


def read_po(path: str | Path, src_lang: str | None, tgt_lang: str | None, log: ReadLog | None = None, *,
            keep_fuzzy: bool = False, untranslated: bool = False) -> Iterator[TU]:
    """The translated entries of a PO file as TUs (untranslated ones too, with
    an empty or partial target, when ``untranslated``).

    The target language defaults to the header's ``Language``, the source
    language to ``X-Source-Language``. Untranslated, obsolete and (unless
    ``keep_fuzzy``) fuzzy entries are skipped and logged; a file with nothing
    to import is an error. Plural entries need a valid ``Plural-Forms``;
    without one, :data:`GERMANIC` is used, with a warning. ``log.read``
    counts TUs: a plural entry gives two.
    """
    po = _load(path)
    log = log or ReadLog(str(path))
    src = parse_tag(src_lang or po.metadata.get("X-Source-Language", "") or _need("source", "--src-lang", path))
    named = _named_language(path) if not (tgt_lang or po.metadata.get("Language", "")) else None
    if named:
        log.add("info", "po-language-from-name", f"no Language in the header: {named}, from the file's name, "
                "as gettext names catalogues (--tgt-lang says otherwise)")
    tgt = parse_tag(tgt_lang or po.metadata.get("Language", "") or named or _need("target", "--tgt-lang", path))
    plural: tuple[PluralForms, str | None] | None = None
    found = fuzzy = 0
    head = _header_props(po)  # on the first TU
    for entry in po:
        log.read += 1
        name = repr(entry.msgid[:40])
        if entry.obsolete:
            _skip(log, "po-obsolete", f"obsolete entry {name} (#~, no longer in the sources)", entry.linenum)
            continue
        if entry.msgid_plural and plural is None:
            plural = _plural(po.metadata.get("Plural-Forms"), log, entry.linenum)
        forms = plural[0] if plural is not None and entry.msgid_plural else None
        missing = _missing(entry, forms)
        log.unit_line = entry.linenum
        if missing and untranslated and entry.msgid:
            found += 1
            text = entry.msgstr if forms is None else entry.msgstr_plural.get(forms.one, "")
            yield TU((TUV.plain(src, entry.msgid), TUV.plain(tgt, text)), (("srclang", src),), _props(entry))
            continue
        if missing or not entry.msgid:
            _skip(log, "po-untranslated", f"untranslated entry {name}{missing}", entry.linenum)
            continue
        if entry.fuzzy:
            if not keep_fuzzy:
                fuzzy += 1
                was = f", made for {entry.previous_msgid[:40]!r}" if entry.previous_msgid else ""
                _skip(log, "po-fuzzy", f"fuzzy entry {name}: its translation is unchecked{was} "
                      "(--keep-fuzzy imports it, marked)", entry.linenum)
                continue
            log.add("info", "po-fuzzy-kept", f"fuzzy entry {name} kept, marked {FUZZY_PROP}", entry.linenum)
        found += 1
        marks = (Prop(FUZZY_PROP, "true"),) if entry.fuzzy else ()
        notes = tuple(Note(line) for line in entry.tcomment.split("\n") if entry.tcomment)
        if forms is None:
            yield TU((TUV.plain(src, entry.msgid), TUV.plain(tgt, entry.msgstr)), (("srclang", src),),
                     _props(entry) + marks + head, notes)
            head = ()
            continue
        assert plural is not None
        yield TU((TUV.plain(src, entry.msgid), TUV.plain(tgt, entry.msgstr_plural[forms.one])), (("srclang", src),),
                 _props(entry) + _plural_props(entry, forms.one, plural[1]) + marks + head, notes)
        head = ()
        log.read += 1
        context = (Prop(CTXT, entry.msgctxt),) if entry.msgctxt is not None else ()
        yield TU((TUV.plain(src, entry.msgid_plural), TUV.plain(tgt, entry.msgstr_plural[forms.other])),
                 (("srclang", src),), (*context, Prop(PLURAL_OF, entry.msgid), *marks))
    if not found:
        but = f" but {fuzzy} fuzzy (--keep-fuzzy imports them)" if fuzzy else " (every msgstr is empty)"
        raise InputError(f"no translation units: no translated entry{but}", path=path)


def _header_props(po: polib.POFile) -> tuple[Prop, ...]:
    """The header entry as props: its fields (``Name: value`` lines, but :data:`SOURCE_FIELD`) and comment."""
    fields = "".join(f"{k}: {v}\n" for k, v in po.metadata.items() if k != SOURCE_FIELD)
    return ((Prop(HEADER, fields),) if fields else ()) + ((Prop(HEADER_COMMENT, po.header),) if po.header else ())


def _header(text: str) -> dict[str, str]:
    """The fields of an ``x-po-header`` prop, in order."""
    fields: dict[str, str] = {}
    for line in text.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _metadata(kept: dict[str, str] | None, src_lang: str, tgt_lang: str) -> dict[str, str]:
    """The header to write: ``kept`` (an imported header) fitted to the pair, or a new one."""
    if kept is None:
        return {"Project-Id-Version": "workbench", "Language": tgt_lang, SOURCE_FIELD: src_lang,
                "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit"}
    meta = dict(kept)
    if not meta.get("Language"):
        meta["Language"] = tgt_lang
    elif not _same_language(meta["Language"], tgt_lang):
        meta["Language"] = tgt_lang
        meta.pop("Plural-Forms", None)  # the rules of another language
    try:
        plural_forms(meta.get("Plural-Forms", GERMANIC_HEADER))
    except ValueError:
        del meta["Plural-Forms"]  # as the entries were read: without it
    if "charset=utf-8" not in meta.get("Content-Type", "").lower().replace(" ", ""):
        meta["Content-Type"] = "text/plain; charset=UTF-8"  # what is written
    meta[SOURCE_FIELD] = src_lang
    return meta


def _same_language(a: str, b: str) -> bool:
    try:
        return parse_tag(a.replace("_", "-")).split("-")[0] == parse_tag(b).split("-")[0]
    except LanguageTagError:
        return False


#: A catalogue named as gettext, Launchpad and GNOME name them: ``ar.po``, ``fa_IR.po``, ``sr@latin.po``.
_LANGUAGE_NAME = re.compile(r"([a-z]{2,3})(?:_([A-Z]{2}))?(?:@[a-z]+)?")


def _named_language(path: str | Path) -> str | None:
    """The language a catalogue's file name gives, if it is named as gettext names them."""
    m = _LANGUAGE_NAME.fullmatch(Path(path).stem)
    if m is None:
        return None
    try:
        return parse_tag(f"{m[1]}-{m[2]}" if m[2] else m[1])
    except LanguageTagError:
        return None


def _need(which: str, option: str, path: str | Path) -> str:
    raise InputError(f"the {which} language is not in the PO header: give {option}", path=path)


def _skip(log: ReadLog, kind: str, message: str, line: int) -> None:
    log.skipped += 1
    log.add("skipped", kind, message, line)


def _plural(header: str | None, log: ReadLog, line: int) -> tuple[PluralForms, str | None]:
    """The catalog's plural forms and the header to keep; :data:`GERMANIC` (warned) without a valid one."""
    if header is not None:
        try:
            return plural_forms(header), header
        except ValueError as exc:
            problem = f"invalid Plural-Forms {header!r} ({exc})"
    else:
        problem = "no Plural-Forms header"
    log.add("warning", "po-plural-forms", f"{problem}: plural entries read as gettext reads them without one, "
            "msgstr[0] for n == 1 and msgstr[1] for the plural", line)
    return GERMANIC, None


def _missing(entry: polib.POEntry, forms: PluralForms | None) -> str:
    """What an entry lacks to be imported ('' when nothing)."""
    if forms is None:
        return "" if entry.msgstr else " (empty msgstr)"
    gaps = [f"msgstr[{i}]" for i in dict.fromkeys((forms.one, forms.other)) if not entry.msgstr_plural.get(i)]
    return f" (no {' or '.join(gaps)})" if gaps else ""


def _props(entry: polib.POEntry) -> tuple[Prop, ...]:
    props: list[Prop] = []
    if entry.msgctxt is not None:
        props.append(Prop(CTXT, entry.msgctxt))
    if entry.comment:
        props.append(Prop(EXTRACTED, entry.comment))
    props.extend(Prop(REFERENCE, f"{f}:{n}" if n else f) for f, n in entry.occurrences)
    if entry.flags:
        props.append(Prop(FLAGS, ", ".join(entry.flags)))
    if entry.previous_msgctxt:
        props.append(Prop(PREV_CTXT, entry.previous_msgctxt))
    if entry.previous_msgid:
        props.append(Prop(PREV_ID, entry.previous_msgid))
    return tuple(props)


def _plural_props(entry: polib.POEntry, one: int, header: str | None) -> tuple[Prop, ...]:
    """``msgid_plural``, the ``Plural-Forms`` header and every form but the target (form ``one``)."""
    head = (Prop(PLURAL_FORMS, header),) if header is not None else ()
    return (Prop(PLURAL, entry.msgid_plural), *head,
            *(Prop(f"{PLURAL_STR}{n}", s) for n, s in sorted(entry.msgstr_plural.items()) if n != one))


def _entry(tu: TU, src: TUV, tgt: TUV, plural: bool) -> polib.POEntry:
    props = {p.type: p.value for p in tu.props}
    entry = polib.POEntry(msgid=src.text, msgstr=tgt.text)
    if CTXT in props:
        entry.msgctxt = props[CTXT]
    entry.comment = props.get(EXTRACTED, "")
    entry.tcomment = "\n".join(n.text for n in tu.notes)
    entry.occurrences = [tuple(p.value.rsplit(":", 1)) if ":" in p.value else (p.value, "")
                         for p in tu.props if p.type == REFERENCE]
    entry.flags = [f.strip() for f in props.get(FLAGS, "").split(",") if f.strip()]
    if FUZZY_PROP in props and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgctxt = props.get(PREV_CTXT)
    entry.previous_msgid = props.get(PREV_ID)
    if plural and PLURAL in props:
        forms = {int(p.type[len(PLURAL_STR):]): p.value for p in tu.props if p.type.startswith(PLURAL_STR)}
        entry.msgid_plural = props[PLURAL]
        entry.msgstr_plural = {**forms, min(set(range(len(forms) + 1)) - forms.keys()): tgt.text}
        entry.msgstr = ""
    return entry


class _Catalog(polib.POFile):  # type: ignore[misc]  # polib has no types
    """A catalogue whose header fields are written in the order they were read (polib sorts those it does not know)."""

    def ordered_metadata(self) -> list[tuple[str, str]]:
        return list(self.metadata.items())


def write_po(target: str | Path | IO[bytes], tus: Iterable[TU], src_lang: str, tgt_lang: str) -> tuple[int, int]:
    """Write the ``src_lang``-``tgt_lang`` pairs of ``tus`` as PO.

    Returns ``(written, dropped)`` entries: PO holds one entry per (msgctxt,
    msgid), so a later TU with the same source and context is dropped. A
    plural entry is written from its ``msgid`` TU, its target in the form
    that no ``x-po-msgstr-N`` prop holds; its ``msgid_plural`` TU is left
    out (not counted); exported the other way round, both are entries of
    their own, without plural forms. The header is that of the first TU that has one
    (see the module's docstring); ``Plural-Forms``, if it has none, that of
    the first plural TU.
    """
    po = _Catalog(wrapwidth=0)
    kept: dict[str, str] | None = None
    plural_header: str | None = None
    seen: set[tuple[str | None, str]] = set()
    dropped = 0
    for tu in tus:
        src, tgt = tu.variant(src_lang), tu.variant(tgt_lang)
        if src is None or tgt is None:
            continue
        if kept is None and (found := next((p.value for p in tu.props if p.type == HEADER), None)) is not None:
            kept = _header(found)
            po.header = next((p.value for p in tu.props if p.type == HEADER_COMMENT), "")
        # Plural props say how the catalogue of the TU's own direction had it: written that way round only.
        forward = _same_language(tu.attr("srclang") or src_lang, src_lang)
        if forward and any(p.type == PLURAL_OF for p in tu.props):
            continue
        entry = _entry(tu, src, tgt, forward)
        if entry.msgid_plural and plural_header is None:
            plural_header = next((p.value for p in tu.props if p.type == PLURAL_FORMS), GERMANIC_HEADER)
        if (entry.msgctxt, entry.msgid) in seen:
            dropped += 1
            continue
        seen.add((entry.msgctxt, entry.msgid))
        po.append(entry)
    po.metadata = _metadata(kept, src_lang, tgt_lang)
    if plural_header is not None and "Plural-Forms" not in po.metadata:
        po.metadata["Plural-Forms"] = plural_header
    with atomic_output(target) as fh:
        fh.write(str(po).encode("utf-8") + b"\n")
    return len(po), dropped
