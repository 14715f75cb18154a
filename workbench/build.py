"""``wb build``: the project pipeline (segmentation now; alignment, memory,
glossary scan and checks join as they land).

Every step writes into ``build/`` atomically and is skipped when its inputs
(content hashes and settings signature) did not change, so a second run is
cheap and gives identical files.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .fileio import atomic_open, atomic_write_bytes
from .model import SegmentKind
from .project import Project
from .segment import segment_file
from .segment.rules import RULES_VERSION

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DocSummary:
    """What segmentation made of one document."""

    lang: str
    name: str
    kinds: dict[str, int]
    redone: bool


@dataclass(slots=True)
class BuildReport:
    """The outcome of a build, for the CLI to render."""

    documents: list[DocSummary] = field(default_factory=list)

    @property
    def redone(self) -> int:
        return sum(d.redone for d in self.documents)


def _digest(path: Path, signature: str) -> str:
    h = hashlib.sha256(signature.encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Manifest:
    """Content hashes of what was built, in ``build/manifest.json``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def fresh(self, key: str, digest: str, output: Path) -> bool:
        return self.data.get(key) == digest and output.is_file()

    def save(self) -> None:
        payload = json.dumps(self.data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write_bytes(self.path, payload.encode("utf-8"))


def project_documents(project: Project) -> Iterator[tuple[str, Path]]:
    """Every document of the project: sources, then the target language."""
    for lang in (*project.source_languages, project.target_language):
        for path in project.documents(lang):
            yield lang, path


def segment_step(project: Project, manifest: Manifest, progress: Progress | None = None) -> list[DocSummary]:
    """Segment every document into ``build/segments/<lang>/<name>.jsonl``."""
    out: list[DocSummary] = []
    extra_all = project.section("segment").get("boilerplate", {})
    for lang, path in project_documents(project):
        extra = tuple(extra_all.get(lang, ()))
        target = project.build_dir / "segments" / lang / f"{path.stem}.jsonl"
        signature = f"{RULES_VERSION}|{lang}|{'|'.join(extra)}|workbench:{__version__}"
        key = f"segments/{lang}/{path.name}"
        digest = _digest(path, signature)
        if progress:
            progress(f"segment {lang}/{path.name}")
        redone = not manifest.fresh(key, digest, target)
        if redone:
            target.parent.mkdir(parents=True, exist_ok=True)
            _, segments = segment_file(path, lang, extra, doc=f"{lang}/{path.name}")
            with atomic_open(target, "w", encoding="utf-8") as fh:
                for seg in segments:
                    fh.write(json.dumps(seg.as_dict(), ensure_ascii=False) + "\n")
            manifest.data[key] = digest
        kinds = Counter(json.loads(line)["kind"] for line in target.read_text(encoding="utf-8").splitlines())
        out.append(DocSummary(lang, path.name, {k.value: kinds.get(k.value, 0) for k in SegmentKind}, redone))
    return out


def build(project: Project, progress: Progress | None = None) -> BuildReport:
    """Run the pipeline on ``project``."""
    project.build_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(project.build_dir / "manifest.json")
    report = BuildReport()
    report.documents = segment_step(project, manifest, progress)
    manifest.save()
    return report
