"""Score a translation against one or more references with sacrebleu.

Files are line-aligned (one segment a line); folders hold documents with the
same names, scored one by one and together. Arabic and Persian targets are
tokenized with sacrebleu's ``intl`` tokenizer, which splits off Unicode
punctuation (``،`` ``؛`` ``؟`` ``«»``) that ``13a`` leaves on the words.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex
from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from .errors import InputError
from .formats.plaintext import read_text
from .model import lang_key
from .text.script import detect_language

METRICS = ("bleu", "chrf", "ter")
_INTL_LANGS = {"ar", "fa", "ur", "ps", "ckb", "he"}

#: Signs that a text was tokenized or segmented before scoring.
_BPE = regex.compile(r"@@(?:\s|$)")
_CLITIC = regex.compile(r"(?:^|\s)(?:[وفبلكس]|ال)\+(?:\s|$)|(?:^|\s)\+(?:ها|هم|هما|هن|ه|ك|كم|ي|نا|ة)(?:\s|$)")
_SPLIT_PUNCT = regex.compile(r"\p{L}\s[,.;:!?،؛؟)»](?:\s|$)|[(«]\s\p{L}|\s(?:n't|'s|'re)\b")


@dataclass(frozen=True, slots=True)
class DocScore:
    """The scores of one document (or the whole corpus, named ``""``)."""

    name: str
    segments: int
    scores: dict[str, float]


@dataclass(slots=True)
class ScoreReport:
    """Per-document and corpus scores, sacrebleu's signatures, warnings."""

    documents: list[DocScore]
    corpus: DocScore
    signatures: dict[str, str]
    lang: str
    warnings: list[str] = field(default_factory=list)


def tokenizer_for(lang: str) -> str:
    """sacrebleu's tokenizer for a target language: ``intl`` for Arabic script, else ``13a``."""
    return "intl" if lang_key(lang) in _INTL_LANGS else "13a"


def _metric(name: str, lang: str) -> Metric:
    if name == "bleu":
        return BLEU(tokenize=tokenizer_for(lang))
    if name == "chrf":
        return CHRF()
    if name == "ter":
        return TER(asian_support=False)
    raise InputError(f"unknown metric {name!r} (known: {', '.join(METRICS)})")


def tokenization_warnings(lines: Sequence[str], what: str) -> list[str]:
    """Warnings when ``lines`` look tokenized or clitic-segmented (scores come out inflated)."""
    out: list[str] = []
    text = [line for line in lines if line.strip()]
    if not text:
        return out
    if sum(bool(_BPE.search(line)) for line in text) > 0:
        out.append(f"{what} holds subword marks (@@): undo BPE before scoring")
    if sum(bool(_CLITIC.search(line)) for line in text) > 0:
        out.append(f"{what} looks clitic-segmented (و+ ... +ها): score detokenized text")
    if sum(bool(_SPLIT_PUNCT.search(line)) for line in text) / len(text) > 0.3:
        out.append(f"{what} looks tokenized (punctuation split off the words): score detokenized text")
    return out


def _documents(path: Path) -> dict[str, list[str]]:
    """``{name: lines}``: one document for a file, every ``*.txt`` for a folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix == ".txt")
        if not files:
            raise InputError("no .txt documents in this folder", path=path)
        return {p.name: read_text(p).splitlines() for p in files}
    return {path.name: read_text(path).splitlines()}


def score(hyp: str | Path, refs: Sequence[str | Path], metrics: Sequence[str] = METRICS,
          lang: str | None = None) -> ScoreReport:
    """Score ``hyp`` against ``refs`` (files or folders, all of one kind)."""
    if not refs:
        raise InputError("give at least one reference")
    hyp_docs = _documents(Path(hyp))
    ref_docs = [_documents(Path(r)) for r in refs]
    names = list(hyp_docs)
    single = not Path(hyp).is_dir()
    for r, docs in zip(refs, ref_docs):
        if single:
            if Path(r).is_dir():
                raise InputError("the hypothesis is a file: give reference files, not folders", path=r)
            continue
        missing = [n for n in names if n not in docs]
        if missing:
            raise InputError(f"no reference for {', '.join(missing)}", path=r)
    lang = lang or detect_language(" ".join(next(iter(hyp_docs.values()))[:50]), "en") or "en"
    per_doc: list[tuple[str, list[str], list[list[str]]]] = []
    for name in names:
        hyp_lines = hyp_docs[name]
        if not hyp_lines:
            raise InputError("empty hypothesis" if single else f"{name}: empty hypothesis", path=hyp)
        ref_sets = [next(iter(d.values())) if single else d[name] for d in ref_docs]
        for r, lines in zip(refs, ref_sets):
            if len(lines) != len(hyp_lines):
                raise InputError(f"{name}: {len(hyp_lines)} hypothesis lines but {len(lines)} reference lines", path=r)
        per_doc.append((name, hyp_lines, ref_sets))
    warnings = tokenization_warnings([x for _, h, _ in per_doc for x in h], "the hypothesis")
    for i, _ in enumerate(refs):
        warnings += tokenization_warnings([x for _, _, rs in per_doc for x in rs[i]],
                                          "the reference" if len(refs) == 1 else f"reference {i + 1}")
    signatures: dict[str, str] = {}
    documents = []
    all_hyp: list[str] = []
    all_refs: list[list[str]] = [[] for _ in refs]
    for name, hyp_lines, ref_sets in per_doc:
        documents.append(DocScore(name, len(hyp_lines), _scores(metrics, lang, hyp_lines, ref_sets, {})))
        all_hyp += hyp_lines
        for i, lines in enumerate(ref_sets):
            all_refs[i] += lines
    corpus = DocScore("", len(all_hyp), _scores(metrics, lang, all_hyp, all_refs, signatures))
    return ScoreReport(documents, corpus, signatures, lang, warnings)


def _scores(metrics: Sequence[str], lang: str, hyp: list[str], refs: list[list[str]],
            signatures: dict[str, str]) -> dict[str, float]:
    out = {}
    for name in metrics:
        metric = _metric(name, lang)
        out[name] = round(metric.corpus_score(hyp, refs).score, 2)
        signatures[name] = str(metric.get_signature())
    return out
