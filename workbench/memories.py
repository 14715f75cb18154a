"""The project's memories on disk: the TMX files in ``tmx/``.

``tmx/<project>.<src>-<tgt>.tmx`` are the exports ``wb build`` makes from the
aligned corpus; every other ``*.tmx`` there (or compressed: ``*.tmx.gz``,
which OmegaT's ``tm/`` reads too, ``.tmx.bz2``, ``.tmx.xz``) is a memory
brought in from elsewhere, which the build imports into its store (in name order, with
``on_duplicate="keep"``: a conflicting translation is kept beside the one
stored). ``wb tm import`` into a project's
store records what it imports there (:func:`recording`), so that every later
build still has it: a TMX file is copied as it is, a PO, TSV/CSV or Moses
file is written as the TMX 1.4b of the TUs its import stores.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, zip_longest
from pathlib import Path

from .errors import InputError
from .fileio import atomic_open, confined, destination, make_dirs, open_input, plain_name
from .formats.issues import ReadLog
from .formats.registry import detect
from .formats.tmx import header_for_export, write_tmx
from .model import TU
from .project import Project
from .tm.names import IMPORT_FORMATS
from .tm.transfer import read_tus

_DATES = re.compile(rb'\s(?:creation|change)date="[^"]*"')


def export_name(project: Project, src: str, tgt: str) -> Path:
    """``tmx/<project>.<src>-<tgt>.tmx``: the memory the project exports."""
    return project.tmx_dir / f"{project.name}.{src}-{tgt}.tmx"


def exports(project: Project) -> set[Path]:
    """The project's exports, one per source language."""
    return {export_name(project, s, project.target_language) for s in project.source_languages}


def imported_memories(project: Project) -> list[Path]:
    """TMX files brought in from elsewhere, compressed or not: everything in ``tmx/`` but the exports."""
    if not project.tmx_dir.is_dir():
        return []
    ours = exports(project)
    return sorted(p for p in project.tmx_dir.iterdir()
                  if plain_name(p).suffix == ".tmx" and p not in ours and p.is_file())


def same_but_dates(a: Path, b: Path) -> bool:
    """Whether two files (compressed or not) differ at most in their ``creationdate`` and
    ``changedate`` attributes."""
    with open_input(a, "TMX file") as fa, open_input(b, "TMX file") as fb:
        for la, lb in zip_longest(fa, fb):
            if la is None or lb is None or _DATES.sub(b"", la) != _DATES.sub(b"", lb):
                return False
    return True


@dataclass(frozen=True, slots=True)
class Recorded:
    """Where an import is recorded: ``path`` in ``tmx/``; ``new`` is false
    when the same memory (dates aside) was there already; ``converted``: written
    as TMX from another format."""

    path: Path
    new: bool
    converted: bool


@contextmanager
def recording(project: Project, path: str | Path, *, format: str | None = None, src_lang: str | None = None,
              tgt_lang: str | None = None, pair: str | Path | None = None, keep_fuzzy: bool = False,
              header: bool | None = None, progress: Callable[[int, int], None] | None = None) -> Iterator[Recorded]:
    """Record the memory in ``path`` (for ``moses``, with its ``pair``) as
    ``tmx/<stem>.tmx`` if the block (its import into the store) succeeds (a compressed
    file as its content: ``memory.tmx.gz`` as ``tmx/memory.tmx``); the options are those of :func:`~workbench.tm.transfer.import_file`.
    ``progress`` is called with (bytes copied, bytes in all) as a TMX file is
    copied, with (TUs written, 0) as another format is written as TMX.

    A file already in ``tmx/`` is left as it is. An :class:`InputError`, before
    the block runs, when ``tmx/<stem>.tmx`` is an export or holds another memory.
    What it writes stays inside the project (:func:`~workbench.fileio.confined`).
    """
    src = Path(path)
    folder = project.tmx_dir
    if plain_name(src).suffix == ".tmx" and src.resolve().parent == folder.resolve():
        yield Recorded(src, False, False)
        return
    fmt = format or detect(src, IMPORT_FORMATS)
    dest = folder / f"{plain_name(src).stem}.tmx"
    if dest in exports(project):
        raise InputError(f"{dest.name} is the name of the project's export (wb build makes it); "
                         "rename the file to import it into the project", path=src)
    with confined(project.root):
        make_dirs(folder)
        staged = destination(folder / f".{dest.name}.new")
        try:
            if fmt == "tmx":
                with open_input(src, "TMX file") as fin, atomic_open(staged, "wb") as fout:
                    size = src.stat().st_size  # as read: a compressed file is copied as its content
                    while chunk := fin.read(1 << 20):
                        fout.write(chunk)
                        if progress is not None:
                            progress(fin.tell(), size)
            else:
                tus = _counted(read_tus(src, fmt, ReadLog(str(src)), src_lang=src_lang, tgt_lang=tgt_lang, pair=pair,
                                        keep_fuzzy=keep_fuzzy, header=header), progress)
                first = next(tus, None)
                srclang = (first.attr("srclang") if first else None) or src_lang or "*all*"
                write_tmx(staged, chain([first], tus) if first else (), header_for_export(None, srclang))
            same = next((p for p in imported_memories(project) if same_but_dates(staged, p)), None)
            if same is None and dest.exists():
                where = dest.relative_to(project.root) if dest.is_relative_to(project.root) else dest
                raise InputError(f"{where} holds another memory; rename the file to import it into the project",
                                 path=src)
            yield Recorded(same or dest, same is None, fmt != "tmx")
            if same is None:
                staged.replace(destination(dest))
        finally:
            staged.unlink(missing_ok=True)


def _counted(tus: Iterator[TU], progress: Callable[[int, int], None] | None) -> Iterator[TU]:
    """``tus``, calling ``progress(TUs so far, 0)`` every 512."""
    for n, tu in enumerate(tus, start=1):
        yield tu
        if progress is not None and n % 512 == 0:
            progress(n, 0)


def record_alignment(project: Project, src: str | Path, tus: Iterable[TU], src_lang: str) -> Path:
    """Record pairs that ``wb align --into-tm`` put in the project's store as
    ``tmx/aligned-<stem of src>.tmx`` (replacing what an earlier alignment of
    a file of that name recorded), so that every later build has them."""
    dest = project.tmx_dir / f"aligned-{Path(src).stem}.tmx"
    with confined(project.root):
        make_dirs(project.tmx_dir)
        write_tmx(dest, tus, header_for_export(None, src_lang))
    return dest
