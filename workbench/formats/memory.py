"""The one contract of the memory formats, and the readers and writers that meet it.

A reader takes a path, a :class:`~workbench.formats.issues.ReadLog` and
:class:`ReadOptions`, and yields TUs (logging what it skips or repairs); a
writer takes a target, an iterable of TUs and :class:`WriteOptions`, and
says what it wrote (:class:`Written`). The registry
(:mod:`workbench.formats.registry`) names them per format: ``reads`` and
``writes`` of a :class:`~workbench.formats.registry.Format`. Each function
here fits one format module's own API to the contract.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import WorkbenchError
from ..fileio import plain_name
from ..model import TU
from .issues import ReadLog

Target = str | Path | IO[bytes]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may need besides the file: languages the file does not
    name, the second file of a Moses pair, whether to keep unchecked (PO
    fuzzy, XLIFF unfinished) translations, whether a table's first row is a header,
    and whether to yield units without a translation too (``untranslated``: with an
    empty target variant where the target language is known, as checks want them)."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    pair: str | Path | None = None
    keep_fuzzy: bool = False
    header: bool | None = None
    untranslated: bool = False


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """The two languages of a bilingual format (the source for TMX), and the
    format's version where it has several (XLIFF: 1.2, 2.0, 2.1)."""

    src_lang: str = ""
    tgt_lang: str = ""
    version: str | None = None


@dataclass(frozen=True, slots=True)
class Written:
    """What a writer wrote: TUs, files, TUs it could not write, and a note on what it changed."""

    count: int
    files: tuple[str, ...]
    dropped: int = 0
    note: str = ""


Reader = Callable[[str | Path, ReadLog, ReadOptions], Iterator[TU]]
Writer = Callable[[Target, Iterable[TU], WriteOptions], Written]


def _name(target: Target) -> str:
    return str(target) if isinstance(target, (str, Path)) else "-"


def read_tmx(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .tmx import TmxReader

    with TmxReader(path, log) as reader:
        yield from reader


def write_tmx(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .tmx import header_for_export
    from .tmx import write_tmx as write

    return Written(write(target, tus, header_for_export(None, options.src_lang or "*all*")), (_name(target),))


def read_po(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .po import read_po as read

    return read(path, options.src_lang, options.tgt_lang, log, keep_fuzzy=options.keep_fuzzy,
                untranslated=options.untranslated)


def write_po(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .po import write_po as write

    n, dropped = write(target, tus, options.src_lang, options.tgt_lang)
    note = f"{dropped} TU(s) with a msgid already written were dropped (PO holds one per msgctxt+msgid)" if dropped else ""
    return Written(n, (_name(target),), dropped, note)


def read_tsv(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .tabular import read_tabular

    return read_tabular(path, options.src_lang, options.tgt_lang, log, dialect="tsv", header=options.header,
                        untranslated=options.untranslated, keep_fuzzy=options.keep_fuzzy)


def read_csv(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .tabular import read_tabular

    return read_tabular(path, options.src_lang, options.tgt_lang, log, dialect="csv", header=options.header,
                        untranslated=options.untranslated, keep_fuzzy=options.keep_fuzzy)


def read_xlsx(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .tabular import read_tabular

    return read_tabular(path, options.src_lang, options.tgt_lang, log, dialect="xlsx", header=options.header,
                        untranslated=options.untranslated, keep_fuzzy=options.keep_fuzzy)


def write_tsv(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .tabular import write_tabular

    return Written(write_tabular(target, tus, options.src_lang, options.tgt_lang, dialect="tsv"), (_name(target),))


def write_csv(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .tabular import write_tabular

    return Written(write_tabular(target, tus, options.src_lang, options.tgt_lang, dialect="csv"), (_name(target),))


def read_moses(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .moses import read_moses as read

    if options.pair is None:
        raise WorkbenchError("moses import needs two files, e.g. corpus.ar corpus.en")
    return read(path, options.pair, options.src_lang, options.tgt_lang, log, untranslated=options.untranslated)


def write_moses(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .moses import write_moses as write

    if not isinstance(target, (str, Path)):
        raise WorkbenchError("moses export writes two files: give -o STEM")
    n, flat = write(target, tus, options.src_lang, options.tgt_lang)
    note = f"{flat} segment(s) had line breaks, written as spaces" if flat else ""
    return Written(n, (f"{target}.{options.src_lang}", f"{target}.{options.tgt_lang}"), 0, note)


def read_xliff(path: str | Path, log: ReadLog, options: ReadOptions) -> Iterator[TU]:
    from .xliff_read import XliffReader

    return iter(XliffReader(path, log, src_lang=options.src_lang, tgt_lang=options.tgt_lang,
                            keep_fuzzy=options.keep_fuzzy, untranslated=options.untranslated))


def write_xliff(target: Target, tus: Iterable[TU], options: WriteOptions) -> Written:
    from .xliff import DEFAULT_VERSION
    from .xliff_write import XliffWriter

    original = plain_name(target).stem if isinstance(target, (str, Path)) else "memory"
    writer = XliffWriter(options.src_lang, options.tgt_lang, options.version or DEFAULT_VERSION, original or "memory")
    n = writer.write(target, tus)
    note = f"{writer.dropped} TU(s) without a {options.src_lang} variant were left out" if writer.dropped else ""
    return Written(n, (_name(target),), writer.dropped, note)
