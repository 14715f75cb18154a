"""The tab-separated glossary of OmegaT and many CAT tools: source term, target term, comment.

One entry a line, columns separated by tabs, lines starting with ``#``
comments (OmegaT's ``glossary/*.txt``, ``*.tab``, ``*.utf8``). UTF-8, with
or without BOM (UTF-16 or UTF-32 with BOM too). The layout has no concept,
language or status, so reading needs the two languages and makes them up:

* lines with the same source term are one concept (id: the source term made
  an XML name, :func:`~workbench.formats.termbase.make_id`), its source term and
  its first target term preferred, the other target terms admitted;
* the comment is the note of the target term.

Writing goes the other way, one line per source term and target term of a
concept that has both languages (compared by primary language subtag): every
source term, since any may occur in a text, and the preferred and admitted
target terms, which a translator may use. Deprecated and forbidden target
terms are named in the comment (``not: ...``) with the term notes and the
concept's note. Tabs and line breaks inside a text are written as spaces.
Cells are written as they are, not guarded against spreadsheets: a CAT tool
would read a guard as part of the term.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..errors import FormatError
from ..fileio import atomic_open
from ..model import Concept, Term, TermStatus, lang_key
from ..text.langtag import parse_tag
from .plaintext import read_table_text
from .termbase import LocatedConcept, make_id
from .xmlguard import XML_INVALID

_USABLE = (TermStatus.PREFERRED, TermStatus.ADMITTED)


def read_glossary_tab(path: str | Path, src_lang: str, tgt_lang: str) -> list[LocatedConcept]:
    """The concepts of a tab-separated glossary whose columns are in ``src_lang`` and ``tgt_lang``."""
    name = str(path)
    src, tgt = parse_tag(src_lang), parse_tag(tgt_lang)
    text = read_table_text(path, "glossary file")
    entries: dict[str, tuple[int, list[tuple[Term, int]]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if bad := XML_INVALID.search(line):
            raise FormatError(f"character U+{ord(bad[0]):04X}: XML (so TBX) cannot hold it", path=name, line=number,
                              column=bad.start() + 1)
        if len(cells) < 2 or len(cells) > 3:
            raise FormatError(f"{len(cells)} column(s): the layout is source<TAB>target[<TAB>comment]",
                              path=name, line=number)
        for column, what in ((0, "source"), (1, "target")):
            if not cells[column]:
                raise FormatError(f"empty {what} term", path=name, line=number, column=column + 1)
        source, target, comment = cells[0], cells[1], cells[2] if len(cells) == 3 else ""
        first, terms = entries.setdefault(source, (number, [(Term(source, src, TermStatus.PREFERRED), number)]))
        status = TermStatus.PREFERRED if len(terms) == 1 else TermStatus.ADMITTED
        if any(t.text == target and t.lang == tgt for t, _ in terms):
            raise FormatError(f"{source!r} -> {target!r} again (first on line {first})", path=name, line=number)
        terms.append((Term(target, tgt, status, note=comment), number))
    if not entries:
        raise FormatError("no glossary entry (source<TAB>target lines)", path=name)
    taken: set[str] = set()
    out = []
    for source, (first_line, terms) in entries.items():
        cid = make_id(source, taken)
        taken.add(cid)
        out.append(LocatedConcept(Concept(cid, tuple(t for t, _ in terms)), first_line, tuple(n for _, n in terms)))
    return out


def tab_lines(concepts: Iterable[Concept], src_lang: str, tgt_lang: str) -> Iterable[str]:
    """The lines (without line end) of the tab layout for ``src_lang`` -> ``tgt_lang``."""
    src, tgt = lang_key(src_lang), lang_key(tgt_lang)
    for c in concepts:
        sources = [t for t in c.terms if lang_key(t.lang) == src]
        targets = [t for t in c.terms if lang_key(t.lang) == tgt]
        avoid = [t.text for t in targets if t.status not in _USABLE]
        for target in (t for t in targets if t.status in _USABLE):
            parts = [target.note, c.note, f"not: {', '.join(avoid)}" if avoid else ""]
            comment = " / ".join(p for p in parts if p)
            for source in sources:
                yield "\t".join(_cell(x) for x in (source.text, target.text, comment)).rstrip("\t")


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def write_glossary_tab(concepts: Iterable[Concept], target: str | Path | IO[bytes], src_lang: str,
                       tgt_lang: str) -> int:
    """Write the tab layout (UTF-8, LF); a path is replaced atomically. Returns the lines written."""
    lines = 0
    if isinstance(target, (str, Path)):
        with atomic_open(target, "wb") as fh:
            lines = _write(concepts, fh, src_lang, tgt_lang)
    else:
        lines = _write(concepts, target, src_lang, tgt_lang)
    return lines


def _write(concepts: Iterable[Concept], fh: IO[bytes], src_lang: str, tgt_lang: str) -> int:
    n = 0
    for line in tab_lines(concepts, src_lang, tgt_lang):
        fh.write(line.encode("utf-8") + b"\n")
        n += 1
    return n
