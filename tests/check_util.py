"""Helpers for the check tests: contexts from in-memory texts."""
from __future__ import annotations

from pathlib import Path

from workbench.check import CheckContext, paired, run_checks, text_document
from workbench.glossary import load_glossary
from workbench.model import Finding

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "glossary" / "hanoi-convention.tbx")


def context(*docs: tuple[str, str, str], pairs: tuple[tuple[str, str], ...] = (), glossary: bool = True) -> CheckContext:
    """A context of ``(doc id, lang, text)`` documents; ``pairs`` names (source, target)
    documents aligned line by line."""
    ctx = CheckContext(glossary=GLOSSARY if glossary else None)
    for doc_id, lang, text in docs:
        ctx.documents[doc_id] = text_document(doc_id, lang, text)
    for s, t in pairs:
        ctx.pairs += paired(ctx.documents[s], ctx.documents[t])
    return ctx


def findings(ctx: CheckContext, check: str) -> list[Finding]:
    return run_checks(ctx, only=[check]).findings


_BUILT: dict[str, Path] = {}


def copy_sample(dest: Path, exports: bool = True) -> Path:
    """Copy the sample project (settings, corpus, glossary, memories) into
    ``dest``; without ``exports``, ``tmx/`` holds only the memories brought in."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "workbench.toml", dest)
    for folder in ("corpus", "glossary"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / "tmx").mkdir()
    for tmx in (ROOT / "tmx").glob("*.tmx"):
        if exports or not tmx.name.startswith("hanoi-convention."):
            shutil.copy(tmx, dest / "tmx")
    return dest


def built_project(base: Path) -> Path:
    """A copy of the sample project, built once per test session (do not modify it)."""
    if "root" not in _BUILT:
        from workbench.build import build
        from workbench.project import Project

        dest = copy_sample(base / "sample")
        build(Project.load(dest))
        _BUILT["root"] = dest
    return _BUILT["root"]

#: Two spellings of the deputy minister's name (articles 000 and 004).
AR_GIANG = ("قال نائب وزير الخارجية دانج هوانج جيانج إن حفل توقيع اتفاقية هانوي سيعقد يومي 25 و26 أكتوبر.\n"
            "نائب الوزير دانغ هوانغ جيانغ: تدخل فيتنام مرحلةً من السعي نحو التطور.\n")
