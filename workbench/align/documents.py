"""Aligning documents: segment both sides, leave boilerplate out, align, and
say which beads a person should confirm.

Bead indices are the documents' own segment numbers (``Segment.index``): the
numbers ``wb segment`` gives, or with ``--presegmented`` the 0-based line
numbers, whatever is left out of the alignment.
"""
from __future__ import annotations

from bisect import bisect_left
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
from .aligner import AlignSettings, TermScanner, align_sentences
from .lexicon import Lexicon, read_dictionary


@dataclass(frozen=True, slots=True)
class DocumentAlignment:
    """Two documents' segments (every kind, in order) and the beads between
    their translatable ones; bead indices are ``Segment.index`` values."""

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
        sentence without counterpart (an omission or an addition); never a
        segment left out of the alignment."""
        if self.left_out(bead):
            return False
        return bead.score < self.threshold or not bead.src or not bead.tgt

    def segments(self, bead: Bead) -> tuple[list[Segment], list[Segment]]:
        """The source and target segments of a bead."""
        return [_at(self.src, i) for i in bead.src], [_at(self.tgt, j) for j in bead.tgt]

    def texts(self, bead: Bead) -> tuple[str, str]:
        """Source and target text of a bead (sentences joined by a space)."""
        src, tgt = self.segments(bead)
        return " ".join(s.text for s in src), " ".join(t.text for t in tgt)

    def kind(self, bead: Bead) -> SegmentKind:
        """The kind of the bead's first segment (source side first)."""
        src, tgt = self.segments(bead)
        return (src or tgt)[0].kind

    def left_out(self, bead: Bead) -> bool:
        """Whether the bead is a segment left out of the alignment (boilerplate)."""
        return not self.kind(bead).translatable

    def in_order(self) -> list[Bead]:
        """The aligned beads and, each as a bead of its own (score 1), the
        segments left out of the alignment, in document order."""
        src = [Bead((s.index,), (), 1.0) for s in self.src if not s.kind.translatable]
        tgt = [Bead((), (t.index,), 1.0) for t in self.tgt if not t.kind.translatable]
        out: list[Bead] = []
        si = ti = 0
        for bead in self.beads:
            while si < len(src) and bead.src and src[si].src[0] < bead.src[0]:
                out.append(src[si])
                si += 1
            while ti < len(tgt) and bead.tgt and tgt[ti].tgt[0] < bead.tgt[0]:
                out.append(tgt[ti])
                ti += 1
            out.append(bead)
        return out + src[si:] + tgt[ti:]


def _at(segments: Sequence[Segment], index: int) -> Segment:
    """The segment numbered ``index`` among segments in order."""
    k = bisect_left(segments, index, key=_index)
    if k == len(segments) or segments[k].index != index:
        raise IndexError(f"no segment {index}")
    return segments[k]


def _index(segment: Segment) -> int:
    return segment.index


def line_kinds(lines: Sequence[Line], lang: str) -> dict[int, SegmentKind]:
    """The kind of each non-empty line of a one-sentence-per-line text, by line number."""
    classifier = KindClassifier(rules_for(lang if lang != "und" else None))
    spans = ((ln, [(0, len(ln.text))] if ln.text.strip() else []) for ln in lines)
    return {ln.number: kinds[0][1] for ln, kinds in classifier.classify(spans)}


def line_segments(lines: Sequence[Line], lang: str, doc: str) -> list[Segment]:
    """A segment for each non-blank line of a one-sentence-per-line text, of
    the line's kind, numbered by its line (the first is 0)."""
    kinds = line_kinds(lines, lang)
    out: list[Segment] = []
    for line in lines:
        text = line.text.strip()
        if text:
            start = line.offset + line.text.index(text)
            kind = kinds.get(line.number, SegmentKind.SENTENCE)
            out.append(Segment(doc, line.number - 1, lang, start, start + len(text), line.number, kind, text))
    return out


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    src_lang: str,
    tgt_lang: str,
    dictionary: Lexicon | None = None,
    settings: AlignSettings | None = None,
    terms: tuple[TermScanner, TermScanner] | None = None,
) -> list[Bead]:
    """Align the translatable segments of two documents (segments of other
    kinds take no part); the beads carry the segments' own indices."""
    s_keep = [s for s in src if s.kind.translatable]
    t_keep = [t for t in tgt if t.kind.translatable]
    beads = align_sentences([s.text for s in s_keep], [t.text for t in t_keep], src_lang, tgt_lang, dictionary, settings, terms)
    return [Bead(tuple(s_keep[i].index for i in b.src), tuple(t_keep[j].index for j in b.tgt), b.score) for b in beads]


def align_lines(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    dictionary: Lexicon | None = None,
    settings: AlignSettings | None = None,
) -> list[Bead]:
    """Align one-sentence-per-line texts as ``wb align --presegmented`` does:
    blank and boilerplate lines (source URLs, counters, junk) take no part;
    the beads carry the indices of the lines given."""
    return align_segments(_text_segments(src, src_lang), _text_segments(tgt, tgt_lang), src_lang, tgt_lang, dictionary, settings)


def _text_segments(texts: Sequence[str], lang: str) -> list[Segment]:
    lines: list[Line] = []
    offset = 0
    for n, text in enumerate(texts, start=1):
        lines.append(Line(n, offset, text))
        offset += len(text) + 1
    return line_segments(lines, lang, "-")


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


def _side(path: Path, lang: str | None, presegmented: bool, warnings: list[str]) -> tuple[str, list[Segment], int]:
    """A document's language, its segments (every kind) and how many are translatable."""
    if presegmented:
        with open_document(path) as fh:
            lines = list(iter_lines(fh, str(path)))
        tag = parse_tag(lang) if lang else (detect_language(" ".join(ln.text for ln in lines[:40])) or "und")
        segs = line_segments(lines, tag, str(path))
    else:
        tag, segs = segment_file(path, lang)
    kept = [s for s in segs if s.kind.translatable]
    if not kept:
        raise InputError("no sentences to align (empty, or only boilerplate)", path=path)
    if lang:
        _check_language(kept, tag, path, warnings)
    return tag, segs, len(kept)


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
    """Segment (unless ``presegmented``) and align a document with its translation;
    boilerplate takes no part (``DocumentAlignment.in_order`` reports it).

    ``dictionary_file`` is a two-column word list, read once the languages
    are known; a ``glossary``'s concepts found on both sides are anchors;
    ``learned`` gives the word list a memory learned for a language pair.
    """
    settings = settings or AlignSettings()
    warnings: list[str] = []
    s_tag, src, n_src = _side(Path(src_path), src_lang, presegmented, warnings)
    t_tag, tgt, n_tgt = _side(Path(tgt_path), tgt_lang, presegmented, warnings)
    if max(n_src, n_tgt) / min(n_src, n_tgt) > 3:
        warnings.append(f"the two sides differ widely in length ({n_src} and {n_tgt} sentences): "
                        "sentences without a counterpart are left unpaired, for review")
    for extra in (read_dictionary(dictionary_file, s_tag, t_tag) if dictionary_file is not None else None,
                  learned(s_tag, t_tag) if learned is not None else None):
        if extra:
            dictionary = extra if dictionary is None else dictionary.merged(extra)
    terms = (glossary.matcher(s_tag), glossary.matcher(t_tag)) if glossary is not None else None
    beads = align_segments(src, tgt, s_tag, t_tag, dictionary, settings, terms)
    return DocumentAlignment(str(src_path), str(tgt_path), s_tag, t_tag, src, tgt, beads, settings.review_threshold, tuple(warnings))
