"""Checks on a termbase file, each problem with the line it is on."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import LanguageTagError
from ..formats.issues import ReadLog
from ..formats.termbase import is_xml_id
from ..model import Concept, TermStatus, lang_key
from ..text.langtag import parse_tag
from .store import read_located, twin_path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a glossary file."""

    path: str
    line: int | None
    severity: str  # "error" or "warning"
    code: str
    message: str

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "severity": self.severity, "code": self.code,
                "message": self.message}


def several_preferred(concept: Concept) -> list[str]:
    """What is wrong when ``concept`` has more than one preferred term in a language
    (one message a language; a concept has one preferred term per language)."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for t in concept.terms:
        if t.status is TermStatus.PREFERRED:
            by_lang[lang_key(t.lang)].append(t.text)
    return [f"concept {concept.id!r} has {len(terms)} preferred terms in {lk!r} ({', '.join(map(repr, terms))}): "
            "keep one preferred and make the others admitted" for lk, terms in by_lang.items() if len(terms) > 1]


def validate_glossary(path: str | Path, check_twin: bool = True, strict: bool = False) -> list[Problem]:
    """Duplicate concepts, languages without a preferred term or with several,
    a term both preferred and forbidden, bad language tags, duplicate terms,
    concept ids TBX cannot carry, what the reader skipped or repaired (an entry
    without terms or id, a status it does not know); and, when the file has a
    TBX/CSV twin beside it, any difference between the two. With ``strict``,
    warnings are errors.

    Unreadable or malformed files raise (InputError/FormatError) instead.
    """
    name = str(path)
    log = ReadLog(name)
    entries = read_located(path, log=log)
    problems = [Problem(name, i.line, "warning", i.kind, f"{'' if i.action == 'warning' else i.action + ': '}{i.message}") for i in log.issues]
    seen: dict[str, int | None] = {}
    statuses: dict[str, dict[TermStatus, list[tuple[str, int | None]]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        c = entry.concept
        if not is_xml_id(c.id):
            problems.append(Problem(name, entry.line, "warning", "concept-id",
                                    f"concept id {c.id!r} is not an XML name: TBX needs one that starts with a "
                                    "letter or _ and has no spaces or colons"))
        if c.id in seen:
            problems.append(Problem(name, entry.line, "error", "duplicate-concept",
                                    f"concept {c.id!r} already defined on line {seen[c.id]}"))
        else:
            seen[c.id] = entry.line
        langs: dict[str, list[TermStatus]] = defaultdict(list)
        terms_seen: set[tuple[str, str]] = set()
        for term, line in zip(c.terms, entry.term_lines):
            try:
                parse_tag(term.lang)
            except LanguageTagError:
                problems.append(Problem(name, line, "error", "language-tag",
                                        f"bad language tag {term.lang!r} in concept {c.id!r}"))
                continue
            lk = lang_key(term.lang)
            langs[lk].append(term.status)
            if (lk, term.text) in terms_seen:
                problems.append(Problem(name, line, "warning", "duplicate-term",
                                        f"term {term.text!r} ({lk}) twice in concept {c.id!r}"))
            terms_seen.add((lk, term.text))
            statuses[f"{lk}\t{term.text}"][term.status].append((c.id, line))
        for lk, found in langs.items():
            if TermStatus.PREFERRED not in found:
                problems.append(Problem(name, entry.line, "error", "no-preferred",
                                        f"concept {c.id!r} has no preferred term in {lk!r}"))
        problems += [Problem(name, entry.line, "warning", "several-preferred", m) for m in several_preferred(c)]
    for key, by_status in statuses.items():
        if by_status.get(TermStatus.PREFERRED) and by_status.get(TermStatus.FORBIDDEN):
            lk, text = key.split("\t", 1)
            (pc, _), (fc, fline) = by_status[TermStatus.PREFERRED][0], by_status[TermStatus.FORBIDDEN][0]
            problems.append(Problem(name, fline, "error", "preferred-and-forbidden",
                                    f"term {text!r} ({lk}) is preferred in {pc!r} and forbidden in {fc!r}"))
    if check_twin:
        problems.extend(_twin_problems(Path(path), [e.concept for e in entries]))
    if strict:
        problems = [replace(p, severity="error") for p in problems]
    return sorted(problems, key=lambda p: (p.line or 0, p.code))


def _twin_problems(path: Path, concepts: list[Concept]) -> list[Problem]:
    twin = twin_path(path)
    if not twin.is_file() or path.suffix.lower() != ".tbx":
        return []
    other = {e.concept.id: (e.concept, e.line) for e in read_located(twin)}
    out: list[Problem] = []
    mine = {c.id: c for c in concepts}
    for cid, concept in mine.items():
        if cid not in other:
            out.append(Problem(str(twin), None, "error", "twin", f"concept {cid!r} is in {path.name} but not here"))
        elif other[cid][0] != concept:
            out.append(Problem(str(twin), other[cid][1], "error", "twin",
                               f"concept {cid!r} differs from {path.name}"))
    for cid, (_, line) in other.items():
        if cid not in mine:
            out.append(Problem(str(twin), line, "error", "twin", f"concept {cid!r} is not in {path.name}"))
    return out
