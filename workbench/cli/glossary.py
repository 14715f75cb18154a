"""``wb glossary``: look terms up, find them in text, keep the termbase."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path

import click

from ..errors import ConfigError, InputError
from ..fileio import STDIN_NAME, confined, destination
from ..formats.glossary_csv import write_glossary_csv
from ..formats.plaintext import read_text
from ..glossary import (
    Glossary,
    glossary_files,
    glossary_format,
    id_clashes,
    load_glossary,
    lookup,
    save_glossary,
    several_preferred,
    twin_path,
    validate_glossary,
)
from ..glossary.store import FORMATS, READ_FORMATS
from ..model import Concept, Term, TermStatus
from ..project import Project
from ..safeout import GuardedWriter
from ..text.langtag import parse_tag
from ..text.normalize import ALL_FOLDS, COMPUTED_FOLDS, FOLDS
from ..text.script import detect_language
from .common import InputPath, current_project, echo, is_stdin, local_path, output

SCAN_FIELDS = ("file", "line", "col", "start", "end", "surface", "concept", "lang", "term", "status")
STATUSES = tuple(s.value for s in TermStatus)
_glossary_option = click.option(
    "-g", "--glossary", "glossary_path", type=InputPath(dir_okay=False),
    help="A TBX or CSV glossary (default: the project's glossary/ folder; - reads stdin).")


def _glossary_files(path: str | None, project: Project | None) -> list[Path]:
    if path:
        return [local_path(path)]  # stdin (-) copied to a file named <stdin>
    if project is None:
        raise click.UsageError("no glossary: give --glossary FILE or run inside a project")
    return glossary_files(project.glossary_dir)


def _folds_off(project: Project | None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The folds switched off by workbench.toml ([glossary] folds_off, checked on load) and by the command line."""
    unknown = [f for f in extra if f not in ALL_FOLDS]
    if unknown:
        raise ConfigError(f"--folds-off: unknown fold(s) {', '.join(unknown)}; see `wb glossary folds`")
    return tuple(dict.fromkeys([*(project.folds_off if project else ()), *extra]))


def _load(path: str | None) -> tuple[Glossary, Project | None]:
    """The glossary to use (``--glossary`` or the project's) and the project, if any."""
    project = current_project()
    return load_glossary(*_glossary_files(path, project)), project


@click.group("glossary")
def glossary_group() -> None:
    """The termbase (TBX v3 and v2, CSV, OmegaT's tab layout) and the term matcher.

    \b
    Examples:
      wb glossary lookup "Hanoi Convention"
      wb glossary scan corpus/ar/*.txt --explain
      wb glossary validate
    """


@glossary_group.command("lookup")
@click.argument("term")
@click.option("--lang", help="Look in this language only (BCP 47).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@_glossary_option
def lookup_cmd(term: str, lang: str | None, fmt: str, glossary_path: str | None) -> None:
    """Show every language of the concepts that have TERM.

    Matching is on the match key (hamza, yeh, ZWNJ, case... folded) and
    tolerates clitics and plurals (للأمم المتحدة finds الأمم المتحدة). When
    nothing matches, close terms are suggested on stderr.

    \b
    Examples:
      wb glossary lookup UNODC
      wb glossary lookup "اتفاقية هانوي" --format json
    """
    glossary, project = _load(glossary_path)
    result = lookup(glossary, term, parse_tag(lang) if lang else None, _folds_off(project))
    if not result.concepts:
        hint = f"; did you mean: {', '.join(result.suggestions)}" if result.suggestions else ""
        echo(f"wb: no glossary term {term!r}{hint}", err=True)
        return
    if fmt == "json":
        echo(json.dumps([_concept_dict(c) for c in result.concepts], ensure_ascii=False, indent=2))
        return
    for concept in result.concepts:
        echo(_concept_text(concept))


def _concept_dict(c: Concept) -> dict[str, object]:
    return {"id": c.id, "subject_field": c.subject_field, "definition": c.definition, "note": c.note,
            "source": c.source,
            "terms": [{"lang": t.lang, "term": t.text, "status": t.status.value, "part_of_speech": t.part_of_speech,
                       "context": t.context, "note": t.note} for t in c.terms]}


def _concept_text(c: Concept) -> str:
    lines = [c.id + (f"  ({c.subject_field})" if c.subject_field else "")]
    if c.definition:
        lines.append(f"  definition: {c.definition}")
    for t in c.terms:
        note = f"  -- {t.note}" if t.note else ""
        lines.append(f"  {t.lang}: {t.text} [{t.status.value}]{note}")
    return "\n".join(lines)


@glossary_group.command("scan")
@click.argument("files", nargs=-1, required=True, type=InputPath())
@click.option("--lang", help="Language of the files (default: corpus/<lang>/ in a project, else detected).")
@click.option("--format", "fmt", type=click.Choice(("text", "jsonl", "csv")), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Say which folds applied and which clitic/suffix was set aside.")
@click.option("--no-nested", is_flag=True, help="Leave out hits inside a longer hit.")
@click.option("--folds-off", help="Comma-separated folds to switch off, on top of workbench.toml.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), help="Write here.")
@_glossary_option
def scan_cmd(files: tuple[str, ...], lang: str | None, fmt: str, explain: bool, no_nested: bool,
             folds_off: str | None, out: str | None, glossary_path: str | None) -> None:
    """Find every occurrence of every glossary term in FILES.

    Each hit gives file, line, col (1-based), start/end (character offsets
    in the file), the surface text, the concept, the term and its status.
    A FILE - reads stdin (named <stdin>).

    \b
    Examples:
      wb glossary scan corpus/ar/000_*.txt
      wb glossary scan corpus/fa/*.txt --explain
      wb glossary scan corpus/en/*.txt --format csv -o hits.csv
    """
    glossary, project = _load(glossary_path)
    off = _folds_off(project, [f.strip() for f in (folds_off or "").split(",") if f.strip()])
    texts = [(STDIN_NAME if is_stdin(name) else name, read_text(local_path(name))) for name in files]
    extra = ("nested", "prefix", "suffix", "folds") if explain else ("nested",)
    count = 0
    with output(out) as fh:
        writer = GuardedWriter(fh) if fmt == "csv" else None
        if writer:
            writer.writerow(SCAN_FIELDS + extra)
        for name, text in texts:
            doc_lang = parse_tag(lang) if lang else (project.language_of(name) if project is not None and name != STDIN_NAME else None) or detect_language(text, "en") or "en"
            for rec in glossary.matcher(doc_lang, off).records(text, name):
                if no_nested and rec["nested"]:
                    continue
                count += 1
                if writer:
                    writer.writerow([rec[f] for f in SCAN_FIELDS] + [_cell(rec[f]) for f in extra])
                elif fmt == "jsonl":
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                else:
                    fh.write(_hit_text(rec, explain) + "\n")
    echo(f"{count} hit(s) in {len(texts)} file(s)", err=True)


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    return "+".join(str(v) for v in value) if isinstance(value, list) else value


def _hit_text(r: dict[str, object], explain: bool) -> str:
    nested = " nested" if r["nested"] else ""
    text = f"{r['file']}:{r['line']}:{r['col']}: {r['surface']} -> {r['term']} [{r['concept']}, {r['status']}{nested}]"
    if explain:
        why = [f"folds: {_cell(r['folds']) or 'none'}".replace("+", ", ")]
        if r["prefix"]:
            why.append(f"prefix: {r['prefix']}")
        if r["suffix"]:
            why.append(f"suffix: {r['suffix']}")
        text += "  (" + "; ".join(why) + ")"
    return text


@glossary_group.command("list")
@click.option("--lang", help="Show only this language's terms.")
@click.option("--format", "fmt", type=click.Choice(("text", "jsonl", "csv")), default="text", show_default=True)
@_glossary_option
def list_cmd(lang: str | None, fmt: str, glossary_path: str | None) -> None:
    """List the concepts and their terms.

    \b
    Examples:
      wb glossary list
      wb glossary list --lang fa --format csv
    """
    glossary, _ = _load(glossary_path)
    concepts = list(glossary)
    if lang:
        want = parse_tag(lang)
        concepts = [Concept(c.id, c.terms_in(want), c.subject_field, c.definition, c.note, c.source)
                    for c in concepts if c.terms_in(want)]
    if fmt == "csv":
        with output(None) as fh:
            write_glossary_csv(concepts, fh)
    elif fmt == "jsonl":
        for c in concepts:
            echo(json.dumps(_concept_dict(c), ensure_ascii=False))
    else:
        for c in concepts:
            echo(_concept_text(c))
    echo(f"{len(concepts)} concept(s)", err=True)


@glossary_group.command("validate")
@click.argument("files", nargs=-1, type=InputPath(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "jsonl")), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings (several preferred terms, ...) as errors.")
def validate_cmd(files: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check glossary files: duplicate concepts, languages without a preferred
    term or with several, terms both preferred and forbidden, bad language
    tags, and that a TBX and its CSV twin agree. Exit 3 if an error is found
    (with --strict, a warning too). A FILE - reads stdin (named <stdin>; TBX
    or CSV, known by its content; no twin).

    \b
    Examples:
      wb glossary validate
      wb glossary validate --strict glossary/hanoi-convention.csv
    """
    paths = [local_path(f) for f in files] or _glossary_files(None, current_project())
    problems = [p for path in paths for p in validate_glossary(path, strict=strict)]
    for p in problems:
        echo(json.dumps(p.as_dict(), ensure_ascii=False) if fmt == "jsonl" else str(p))
    errors = sum(p.severity == "error" for p in problems)
    echo(f"{len(paths)} file(s): {errors} error(s), {len(problems) - errors} warning(s)", err=True)
    if errors:
        sys.exit(3)


_strict_option = click.option("--strict", is_flag=True,
                              help="Refuse concept ids TBX cannot carry (and warnings) instead of renaming them.")
_lang_options = [
    click.option("--src-lang", help="Source language of a tab-separated glossary (source, target, comment)."),
    click.option("--tgt-lang", help="Target language of a tab-separated glossary."),
]


def _lang_pair(src: str | None, tgt: str | None, project: Project | None) -> tuple[str, str] | None:
    """The (source, target) of a tab glossary: as given, else the project's (one source language)."""
    if project is not None:
        tgt = tgt or project.target_language
        if src is None and len(project.source_languages) == 1:
            src = project.source_languages[0]
    if src is None or tgt is None:
        return None
    return parse_tag(src), parse_tag(tgt)


def _report(renamed: tuple[tuple[str, str], ...], warnings: tuple[str, ...]) -> None:
    for message in warnings:
        echo(f"wb: warning: {message}", err=True)
    for old, new in renamed[:20]:
        echo(f"wb: concept id {old!r} is not an XML name or is used twice (TBX refuses both): written as {new!r}",
             err=True)
    if len(renamed) > 20:
        echo(f"wb: ... and {len(renamed) - 20} more concept id(s) renamed", err=True)


@glossary_group.command("import")
@click.argument("source", type=InputPath(dir_okay=False))
@click.option("-o", "--output", "dest", type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write (.tbx or .csv; - writes TBX to stdout; default: the project's glossary/<name>.tbx).")
@click.option("--from", "fmt", type=click.Choice(READ_FORMATS),
              help="Format of SOURCE (default: from its name, else its content: XML is TBX, else CSV).")
@_lang_options[0]
@_lang_options[1]
@click.option("--lang-map", "lang_map", multiple=True, metavar="CODE=LANG",
              help="Rename a language code that is not BCP 47 (csv2tbx writes xx): --lang-map xx=ar.")
@_strict_option
@click.option("--twin/--no-twin", default=True, show_default=True, help="Also write the CSV twin of a TBX output.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
def import_cmd(source: str, dest: str | None, fmt: str | None, src_lang: str | None, tgt_lang: str | None,
               lang_map: tuple[str, ...], strict: bool, twin: bool, force: bool) -> None:
    """Bring a glossary into the project as TBX v3: TBX (v2 martif or v3), CSV
    (the workbench's, or a sheet with a column per language, headed by tags or
    names: en,ar or English,Arabic, as spreadsheets and memoQ export them), or
    the tab-separated source, target, comment layout of OmegaT (.txt, .tab,
    .utf8; with --src-lang and --tgt-lang).

    Concept ids that are not XML names (spaces, a leading digit) are renamed
    and listed; language codes that are not BCP 47 are refused until
    --lang-map says what they are.

    SOURCE - reads stdin (TBX or CSV by its content; the tab layout with
    --from tab); it has no name to make glossary/NAME.tbx of: give -o.

    \b
    Examples:
      wb glossary import partner-terms.tbx
      wb glossary import terms.csv -o glossary/terms.tbx
      wb glossary import csv2tbx-output.tbx --lang-map xx=ar -o csv2tbx-terms.tbx
      wb glossary import hanoi.txt --src-lang ar --tgt-lang en -o omegat-terms.tbx
    """
    from ..glossary.exchange import import_glossary
    from ..glossary.ids import parse_language_map

    project = current_project()
    try:
        mapping = parse_language_map(lang_map)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lang-map") from None
    langs = _lang_pair(src_lang, tgt_lang, project)
    if is_stdin(source) and dest is None:
        raise click.UsageError("stdin has no name to make glossary/NAME.tbx of: give -o FILE (or -o - for stdout)")
    result = import_glossary(local_path(source), fmt=fmt, langs=langs, lang_map=mapping, strict=strict)
    _report(result.renamed, result.warnings)
    glossary = Glossary(result.concepts)
    if is_stdin(dest):
        save_glossary(glossary, sys.stdout.buffer, "tbx")
        sys.stdout.buffer.flush()
        echo(f"{len(glossary)} concept(s) written to stdout", err=True)
        return
    root = None
    if dest is None:
        if project is None:
            raise click.UsageError("give -o/--output, or run inside a project")
        dest = str(project.glossary_dir / (Path(source).stem + ".tbx"))
        root = project.root
    destination(dest)  # a loop of links is an error before anything reads through it
    clashes = id_clashes(glossary, dest)
    if clashes:
        ids = ", ".join(f"{cid} ({path.name})" for cid, path in sorted(clashes.items()))
        raise InputError(f"concept ids already in the glossary beside {Path(dest).name}: {ids}; rename them in "
                         "the file, or add its terms to those concepts with wb glossary add",
                         path=STDIN_NAME if is_stdin(source) else source)
    _write_with_twin(glossary, Path(dest), twin, force, root)
    echo(f"{len(glossary)} concept(s) written to {dest}", err=True)


@glossary_group.command("export")
@click.option("-o", "--output", "dest", type=click.Path(dir_okay=False, allow_dash=True), required=True,
              help="Output file (- for stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="tbx (v3), tbx-v2 (martif: OmegaT, translate-toolkit), csv, or tab (OmegaT's source, target, "
                   "comment). Default: from the output's extension (.txt, .tab, .utf8: tab), else tbx.")
@_lang_options[0]
@_lang_options[1]
@_strict_option
@_glossary_option
def export_cmd(dest: str, fmt: str | None, src_lang: str | None, tgt_lang: str | None, strict: bool,
               glossary_path: str | None) -> None:
    """Write the glossary as TBX v3 (TBX-Basic, DCA), TBX v2, CSV, or the tab layout.

    TBX needs concept ids that are XML names: others are renamed in the
    output and listed (refused with --strict). The tab layout writes one line
    per source and target term (preferred and admitted targets; the others
    are named in the comment) for --src-lang and --tgt-lang (in a project,
    its target language and its source language, if it has one).

    \b
    Examples:
      wb glossary export -o hanoi.tbx
      wb glossary export --format tbx-v2 -o hanoi-v2.tbx
      wb glossary export -o hanoi.txt --src-lang ar --tgt-lang en
      wb glossary export --format csv -o -
    """
    from ..glossary.exchange import export_glossary

    glossary, project = _load(glossary_path)
    fmt = fmt or (glossary_format(dest) if dest != "-" else "tbx")
    langs = _lang_pair(src_lang, tgt_lang, project) if fmt == "tab" else None
    if fmt == "tab" and langs is None:
        raise click.UsageError("the tab layout holds two languages: give --src-lang and --tgt-lang")
    result = export_glossary(glossary, fmt, strict=strict)
    _report(result.renamed, result.warnings)
    save_glossary(result.concepts, sys.stdout.buffer if dest == "-" else dest, fmt, langs=langs)
    if dest == "-":
        sys.stdout.buffer.flush()
    echo(f"{len(result.concepts)} concept(s) exported", err=True)


@glossary_group.command("add")
@click.option("--concept", "cid", required=True, help="Concept id (a new id makes a new concept).")
@click.option("--lang", required=True, help="BCP 47 language tag of the term.")
@click.option("--term", "text", required=True, help="The term.")
@click.option("--status", type=click.Choice(STATUSES), default="admitted", show_default=True)
@click.option("--pos", default="", help="Part of speech (noun, verb, adjective, adverb, other).")
@click.option("--note", default="", help="Why this term (or not).")
@click.option("--context", default="", help="An example sentence.")
@_glossary_option
def add_cmd(cid: str, lang: str, text: str, status: str, pos: str, note: str, context: str,
            glossary_path: str | None) -> None:
    """Add a term to a concept (creating it), and save the glossary and its twin.

    Warns when the concept then has several preferred terms in a language.

    \b
    Example:
      wb glossary add --concept cybercrime --lang fa --term "جرم رایانه‌ای" --note "older term"
    """
    if is_stdin(glossary_path):
        raise click.UsageError("add writes the glossary: give its file with --glossary, not -")
    project = current_project()
    files = _glossary_files(glossary_path, project)
    if len(files) != 1:
        raise click.UsageError("the project has several glossaries: say which with --glossary")
    path = files[0]
    glossary = load_glossary(path)
    term = Term(text.strip(), parse_tag(lang), TermStatus(status), pos, context, note)
    if not term.text:
        raise click.BadParameter("empty term", param_hint="--term")
    old = glossary[cid] if cid in glossary else Concept(cid)
    if any(t.text == term.text and t.lang == term.lang for t in old.terms):
        raise InputError(f"concept {cid!r} already has {term.lang} term {term.text!r}", path=path)
    concept = Concept(old.id, (*old.terms, term), old.subject_field, old.definition, old.note, old.source)
    _write_with_twin(glossary.with_concept(concept), path, twin=twin_path(path).exists(), force=True,
                     root=project.root if glossary_path is None and project is not None else None)
    echo(f"added {term.lang} {term.text!r} to {cid}", err=True)
    for message in several_preferred(concept):
        echo(f"wb: warning: {message}", err=True)


def _write_with_twin(glossary: Glossary, dest: Path, twin: bool, force: bool, root: Path | None = None) -> None:
    """Save ``dest`` (and its CSV twin); with ``root`` (the project's own glossary), only inside it."""
    targets = [dest] + ([twin_path(dest)] if twin and dest.suffix.lower() == ".tbx" else [])
    if twin and dest.suffix.lower() == ".csv" and twin_path(dest).exists():
        targets.append(twin_path(dest))
    if not force:
        for t in targets:
            if t.exists():
                raise InputError("exists already (use --force to replace it)", path=t)
    with confined(root) if root is not None else nullcontext():
        for t in targets:
            save_glossary(glossary, t)


@glossary_group.command("folds")
def folds_cmd() -> None:
    """List the named folds of the match key and whether the project switches them off.

    Switch a fold off in workbench.toml: [glossary] folds_off = ["teh_marbuta"].

    \b
    Example:
      wb glossary folds
    """
    project = current_project()
    off = set(_folds_off(project))
    for name in ALL_FOLDS:
        what = COMPUTED_FOLDS.get(name) or FOLDS[name][0]
        echo(f"{name:<13} {'off' if name in off else 'on ':<3}  {what}")
