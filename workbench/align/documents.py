"""Aligning documents: segment both sides, leave boilerplate out, align, and
say which beads a person should confirm."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..formats.plaintext import Line, iter_lines, open_document
from ..glossary import Glossary
from ..model import Bead, Segment, SegmentKind
from ..segment import rules_for, segment_file
from ..segment.kinds import KindClassifier
from ..text.langtag import parse_tag, primary
from ..text.script import detect_language
from .aligner import AlignSettings, align_sentences
from .lexicon import Lexicon, read_dictionary


@dataclass(frozen=True, slots=True)
class DocumentAlignment:
    """Two documents' translatable segments and the beads between them."""

    src_doc: str
    tgt_doc: str
    src_lang: str
    tgt_lang: str
    src: Sequence[Segment]
    tgt: Sequence[Segment]
    beads: Sequence[Bead]
    threshold: float
    warnings: Sequence[str] = field(default_factory=tuple)

    def unsure(self, bead: Bead) -> bool:
        """Whether a person should confirm this bead: a low probability, or a
        sentence without counterpart (an omission or an addition)."""
        return bead.score < self.threshold or not bead.src or not bead.tgt

    def texts(self, bead: Bead) -> tuple[str, str]:
        """Source and target text of a bead (sentences joined by a space)."""
        return " ".join(self.src[i].text for i in bead.src), " ".join(self.tgt[j].text for j in bead.tgt)


def line_kinds(lines: Sequence[Line], lang: str) -> dict[int, SegmentKind]:
    """The kind of each non-empty line of a one-sentence-per-line text, by line number."""
    classifier = KindClassifier(rules_for(lang if lang != "und" else None))
    spans = ((ln, [(0, len(ln.text))] if ln.text.strip() else []) for ln in lines)
    return {ln.number: kinds[0][1] for ln, kinds in classifier.classify(spans)}


def _presegmented(path: Path, lang: str, doc: str) -> list[Segment]:
    with open_document(path) as fh:
        lines = list(iter_lines(fh, str(path)))
    kinds = line_kinds(lines, lang)
    out: list[Segment] = []
    for line in lines:
        text = line.text.strip()
        kind = kinds.get(line.number)
        if text and kind is not None and kind.translatable:
            start = line.offset + line.text.index(text)
            out.append(Segment(doc, len(out), lang, start, start + len(text), line.number, kind, text))
    return out


def align_lines(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    dictionary: Lexicon | None = None,
    settings: AlignSettings | None = None,
) -> list[Bead]:
    """Align one-sentence-per-line texts as ``wb align --presegmented`` does:
    boilerplate lines (source URLs, counters, junk) take no part; the beads
    carry the indices of the lines given."""
    keep_s = _translatable(src, src_lang)
    keep_t = _translatable(tgt, tgt_lang)
    beads = align_sentences([src[i] for i in keep_s], [tgt[j] for j in keep_t], src_lang, tgt_lang, dictionary, settings)
    return [Bead(tuple(keep_s[i] for i in b.src), tuple(keep_t[j] for j in b.tgt), b.score) for b in beads]


def _translatable(texts: Sequence[str], lang: str) -> list[int]:
    lines = [Line(n + 1, 0, t) for n, t in enumerate(texts)]
    kinds = line_kinds(lines, lang)
    return [n for n, t in enumerate(texts) if t.strip() and kinds.get(n + 1, SegmentKind.SENTENCE).translatable]


def _check_language(segments: Sequence[Segment], lang: str, path: Path, warnings: list[str]) -> None:
    """An error when a side is in another script than its tag says; a warning
    for Arabic given as Persian or the other way round."""
    sample = " ".join(s.text for s in segments[:40])
    found = detect_language(sample)
    want = primary(lang)
    if found is None or found == want:
        return
    scripts = {"ar": "Arabic", "fa": "Arabic", "en": "Latin"}
    if want in scripts and scripts.get(found) != scripts[want]:
        raise InputError(f"looks like {_NAMES.get(found, found)} text, not {_NAMES.get(want, want)} (check the language options)", path=path)
    if want in ("ar", "fa"):
        warnings.append(f"{path}: looks like {_NAMES[found]} rather than {_NAMES[want]}")


_NAMES = {"ar": "Arabic", "fa": "Persian", "en": "English"}


def _side(path: Path, lang: str | None, presegmented: bool, warnings: list[str]) -> tuple[str, list[Segment]]:
    if presegmented:
        with open_document(path) as fh:
            head = " ".join(line.text for _, line in zip(range(40), iter_lines(fh, str(path))))
        tag = parse_tag(lang) if lang else (detect_language(head) or "und")
        segs = _presegmented(path, tag, str(path))
    else:
        tag, all_segs = segment_file(path, lang)
        segs = [s for s in all_segs if s.kind.translatable]
    if not segs:
        raise InputError("no sentences to align (empty, or only boilerplate)", path=path)
    if lang:
        _check_language(segs, tag, path, warnings)
    return tag, segs


def align_documents(
    src_path: str | Path,
    tgt_path: str | Path,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    presegmented: bool = False,
    dictionary: Lexicon | None = None,
    dictionary_file: str | Path | None = None,
    glossary: Glossary | None = None,
    learned: Callable[[str, str], Lexicon] | None = None,
    settings: AlignSettings | None = None,
) -> DocumentAlignment:
    """Segment (unless ``presegmented``) and align a document with its translation.

    ``dictionary_file`` is a two-column word list, read once the languages
    are known; a ``glossary``'s concepts found on both sides are anchors;
    ``learned`` gives the word list a memory learned for a language pair.
    """
    settings = settings or AlignSettings()
    warnings: list[str] = []
    s_tag, src = _side(Path(src_path), src_lang, presegmented, warnings)
    t_tag, tgt = _side(Path(tgt_path), tgt_lang, presegmented, warnings)
    ratio = max(len(src), len(tgt)) / min(len(src), len(tgt))
    if ratio > 3:
        warnings.append(f"the two sides differ widely in length ({len(src)} and {len(tgt)} sentences): "
                        "sentences without a counterpart are left unpaired, for review")
    for extra in (read_dictionary(dictionary_file, s_tag, t_tag) if dictionary_file is not None else None,
                  learned(s_tag, t_tag) if learned is not None else None):
        if extra:
            dictionary = extra if dictionary is None else dictionary.merged(extra)
    terms = (glossary.matcher(s_tag), glossary.matcher(t_tag)) if glossary is not None else None
    beads = align_sentences([s.text for s in src], [t.text for t in tgt], s_tag, t_tag, dictionary, settings, terms)
    return DocumentAlignment(str(src_path), str(tgt_path), s_tag, t_tag, src, tgt, beads, settings.review_threshold, tuple(warnings))
