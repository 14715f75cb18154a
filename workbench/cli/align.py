"""``wb align``: pair a document's sentences with its translation's."""
from __future__ import annotations

import json
import shutil
import sys
import textwrap
from contextlib import nullcontext
from pathlib import Path
from typing import IO

import click
from rich.cells import cell_len

from ..align import AlignSettings
from ..align.aligner import ALIGN_VERSION
from ..align.documents import DocumentAlignment, align_documents
from ..align.memory import alignment_tus
from ..formats.tmx import header_for_export, write_tmx
from ..tm import Store
from ..tm.engine import TMStore, is_url, open_store
from ..tm.lexicon import stored_lexicon
from ..model import Bead
from ..text.script import detect_language
from ..errors import InputError, WorkbenchError
from ..glossary import Glossary, glossary_files, load_glossary
from ..memories import record_alignment
from ..safeout import GuardedWriter, visible
from .common import InputPath, current_project, default_store_path, echo, is_stdin, local_path, not_dash, output

FORMATS = ("text", "jsonl", "tsv", "tmx")
_RLI, _LRI, _PDI = "\u2067", "\u2066", "\u2069"


def isolate(text: str) -> str:
    """Wrap text in a directional isolate so that right-to-left sentences
    display in their own direction inside left-to-right output."""
    rtl = detect_language(text) in ("ar", "fa")
    return f"{_RLI if rtl else _LRI}{text}{_PDI}"


def _write_text(fh: IO[str], result: DocumentAlignment, beads: list[Bead], width: int) -> None:
    """The pairs side by side, one bead a block; each wrapped line of a side is
    a directional isolate, so Arabic and Persian lines read right to left
    beside English ones in any terminal that applies the bidi algorithm. The
    isolates are the only controls written: the text's own are shown."""
    col = max(20, (width - 3) // 2)
    for bead in beads:
        if result.left_out(bead):
            status = f"{result.kind(bead).value}, left out"
        else:
            status = f"score {bead.score:.2f}" + ("  REVIEW" if result.unsure(bead) else "")
        fh.write(f"{_indices(bead.src)} -> {_indices(bead.tgt)}  {bead.kind}  {status}\n")
        src_text, tgt_text = result.texts(bead)
        left = textwrap.wrap(visible(src_text), col) or [""]
        right = textwrap.wrap(visible(tgt_text), col) or [""]
        for k in range(max(len(left), len(right))):
            a = left[k] if k < len(left) else ""
            b = right[k] if k < len(right) else ""
            fh.write(f"{isolate(a) if a else ''}{' ' * (col - cell_len(a))} | {isolate(b) if b else ''}\n")
        fh.write("\n")


def _indices(ix: tuple[int, ...]) -> str:
    return ",".join(map(str, ix)) if ix else "-"


def _row(result: DocumentAlignment, bead: Bead) -> dict[str, object]:
    src_text, tgt_text = result.texts(bead)
    return {
        "src": list(bead.src),
        "tgt": list(bead.tgt),
        "score": bead.score,
        "type": bead.kind,
        "unsure": result.unsure(bead),
        "kind": result.kind(bead).value,
        "src_text": src_text,
        "tgt_text": tgt_text,
    }


@click.command("align")
@click.argument("src", type=InputPath(dir_okay=False))
@click.argument("tgt", type=InputPath(dir_okay=False))
@click.option("--src-lang", help="BCP 47 tag of SRC (default: detected).")
@click.option("--tgt-lang", help="BCP 47 tag of TGT (default: detected).")
@click.option("--presegmented", is_flag=True, help="Both files hold one sentence per line.")
@click.option("--dict", "dict_path", type=InputPath(dir_okay=False), help="Two-column dictionary (source<TAB>target).")
@click.option("--glossary", "glossary_paths", multiple=True, type=InputPath(dir_okay=False),
              help="Glossary (TBX/CSV) whose concepts anchor the alignment (default: the project's).")
@click.option("--no-seed", is_flag=True, help="Do not use the shipped seed word list of the language pair.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--unsure", is_flag=True, help="Only the beads under the review threshold.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=AlignSettings().review_threshold, show_default=True,
              help="Beads scoring under this are marked for review.")
@click.option("--into-tm", is_flag=True, help="Store the pairs as TUs in the memory (--store, or the project's).")
@click.option("--include-unsure", is_flag=True, help="Also put beads under the threshold into the memory or TMX.")
@click.option("--store", "store_path", metavar="PATH|URL", callback=not_dash,
              help="The memory (an SQLite file or a postgresql:// URL): its learned word list helps the alignment; "
                   "--into-tm stores the pairs there.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
def align_cmd(src: str, tgt: str, src_lang: str | None, tgt_lang: str | None, presegmented: bool,
              dict_path: str | None, glossary_paths: tuple[str, ...], no_seed: bool, fmt: str,
              unsure: bool, threshold: float, into_tm: bool,
              include_unsure: bool, store_path: str | None, out: str | None) -> None:
    """Align SRC with its translation TGT, sentence by sentence.

    Both files are segmented as `wb segment` does unless --presegmented.
    Indices are the segment numbers `wb segment` gives (with --presegmented,
    0-based line numbers); boilerplate takes no part and is listed as a bead
    of its own, marked with its kind. With --into-tm into the project's store, the
    pairs are also recorded as tmx/aligned-NAME.tmx, so that builds keep them. Every bead gets a score in [0, 1]; beads under
    the threshold are marked REVIEW. One of SRC, TGT, --dict or --glossary
    may be - (stdin, named <stdin>); pairs of a SRC from stdin are not
    recorded in the project (--into-tm into another store, --store).

    \b
    Examples:
      wb align corpus/ar/002_*.txt corpus/en/002_*.txt
      wb align --format jsonl --src-lang fa --tgt-lang en corpus/fa/003_*.txt corpus/en/003_*.txt
      wb align --format text --unsure corpus/ar/001_*.txt corpus/en/001_*.txt
      wb align --into-tm --format tmx -o pairs.tmx corpus/ar/004_*.txt corpus/en/004_*.txt
    """
    settings = AlignSettings(review_threshold=threshold, seed=not no_seed)
    target: str | Path = ""
    project, recorded = current_project() if into_tm else None, False
    if into_tm:
        target = store_path if store_path is not None and is_url(store_path) else default_store_path(store_path)
        recorded = project is not None and (target == project.tm_store if isinstance(target, str)
                                            else target.resolve() == project.store.resolve())
        if recorded and is_stdin(src):
            raise WorkbenchError("pairs of <stdin> cannot be recorded in the project's tmx/, which every wb build "
                                 "imports: align a file, or store them elsewhere (--store PATH)")
    src, tgt = str(local_path(src)), str(local_path(tgt))  # stdin (-) copied to a file named <stdin>
    dict_path = str(local_path(dict_path)) if dict_path is not None else None
    glossary_paths = tuple(str(local_path(g)) for g in glossary_paths)
    memory = _memory(store_path)
    with memory or nullcontext():  # the store's errors name it
        learned = (lambda s, t: stored_lexicon(memory, s, t)) if memory is not None else None
        result = align_documents(src, tgt, src_lang, tgt_lang, presegmented=presegmented, dictionary_file=dict_path,
                                 glossary=_glossary(glossary_paths), learned=learned, settings=settings)
    for warning in result.warnings:
        echo(f"wb: warning: {warning}", err=True)
    every = result.in_order()
    beads = [b for b in every if result.unsure(b)] if unsure else every
    with output(None if fmt == "tmx" else out, raw=fmt == "text") as fh:
        if fmt == "text":
            _write_text(fh, result, beads, shutil.get_terminal_size((160, 40)).columns)
        elif fmt == "jsonl":
            for bead in beads:
                fh.write(json.dumps(_row(result, bead), ensure_ascii=False) + "\n")
        elif fmt == "tsv":
            writer = GuardedWriter(fh, delimiter="\t")
            writer.writerow(["src", "tgt", "score", "type", "unsure", "kind", "src_text", "tgt_text"])
            for bead in beads:
                row = _row(result, bead)
                writer.writerow([_indices(bead.src), _indices(bead.tgt), row["score"],
                                 row["type"], row["unsure"], row["kind"], row["src_text"], row["tgt_text"]])
    if fmt == "tmx":
        tus = list(alignment_tus(result, include_unsure))
        write_tmx(sys.stdout.buffer if out in (None, "-") else Path(out), tus, header_for_export(None, result.src_lang, settings=ALIGN_VERSION))
    n_unsure = sum(result.unsure(b) for b in result.beads)
    n_out = len(every) - len(result.beads)
    echo(f"{len(result.beads)} beads, {n_unsure} for review" + (f", {n_out} segments left out" if n_out else ""), err=True)
    if into_tm:
        with open_store(target) as store:
            report = store.add_tus(alignment_tus(result, include_unsure), name=Path(src).name, format="alignment")
        echo(f"memory: {report.stored} TUs stored, {report.merged} merged", err=True)
        if project is not None and recorded:
            where = record_alignment(project, src, alignment_tus(result, include_unsure), result.src_lang)
            echo(f"{src}: pairs recorded in {where.relative_to(project.root)}; every wb build imports them",
                 err=True)


def _glossary(paths: tuple[str, ...]) -> Glossary | None:
    """The glossaries given, else the project's (if it has any)."""
    if paths:
        return load_glossary(*paths)
    project = current_project()
    if project is None or not project.glossary_dir.is_dir():
        return None
    try:
        return load_glossary(*glossary_files(project.glossary_dir))
    except InputError:  # a project without a glossary yet
        return None


def _memory(path: str | None) -> TMStore | None:
    """The memory given, else the project's, if it exists (its word statistics help)."""
    if path is not None and is_url(path):
        return open_store(path, create=False)
    if path is None:
        project = current_project()
        if project is None or not project.store.is_file():
            return None
        path = str(project.store)
    return Store(path, create=False) if Path(path).is_file() else None
