"""MultiTerm XML, the export format of SDL/Trados MultiTerm (root ``mtf``; not TBX), read
into concepts by the TBX reader (:func:`~workbench.formats.tbx.read_tbx`), which streams
the file and hands each ``conceptGrp`` to :func:`read_mtf_entry`.

An entry is ``conceptGrp``: its number (``concept``), fields (``descripGrp/descrip
type="..."``, named as the termbase's definition names them), and per language
(``languageGrp/language lang="EN-US"``) its terms (``termGrp/term``) with their fields.
Field names are matched without case, spaces or punctuation:

===========================================  =================================================
concept ``Definition``                       ``Concept.definition`` (a language's: the first, as in TBX)
concept ``Subject``/``Subject field``        ``Concept.subject_field``
concept ``Note``/``Comment``, ``Source``     ``Concept.note``, ``Concept.source``
term ``Part of speech``, ``Context``         ``Term.part_of_speech``, ``Term.context``
term ``Status``/``Usage``                    ``Term.status`` (:func:`~workbench.formats.termbase.status_of`)
term ``Note``/``Comment``                    ``Term.note``
term ``Gender``, ``Term type``               ``Term.note`` lines ``grammaticalGender: ...``, ``termType: ...``
any other field                              a ``Name: value`` line of the concept's or term's note
===========================================  =================================================

The entry number becomes the id ``c-<number>``. Transactions (``transacGrp``) and the
workflow status (``system``) are not kept.
"""
from __future__ import annotations

import re
from typing import Any

from ..model import Concept, Term, TermStatus
from .issues import ReadLog
from .termbase import LocatedConcept, make_id, status_of

#: The element each entry is.
MTF_ENTRY = "conceptGrp"
_KEY = re.compile(r"[\s_\-./]+")
_CONCEPT_FIELDS = {"definition": "definition", "def": "definition", "subject": "subject_field",
                   "subjectfield": "subject_field", "domain": "subject_field", "subjectarea": "subject_field",
                   "note": "note", "notes": "note", "comment": "note", "remark": "note", "source": "source"}
_TERM_FIELDS = {"partofspeech": "part_of_speech", "pos": "part_of_speech", "wordclass": "part_of_speech",
                "context": "context", "example": "context", "contextsentence": "context",
                "note": "note", "notes": "note", "comment": "note", "remark": "note",
                "status": "status", "usage": "status", "usagestatus": "status", "termstatus": "status",
                "administrativestatus": "status", "gender": "grammaticalGender",
                "grammaticalgender": "grammaticalGender", "termtype": "termType", "type": "termType"}


def _key(name: str) -> str:
    return _KEY.sub("", name.lower())


def _fields(group: Any) -> list[tuple[str, str]]:
    """The (field name, text) pairs of a ``descripGrp``, nested groups included, in order."""
    found: list[tuple[str, str]] = []
    for el in group:
        if el.tag == "descrip":
            text = "".join(el.itertext()).strip()
            if text:
                found.append((el.get("type") or "descrip", text))
        elif el.tag == "descripGrp":
            found += _fields(el)
    return found


def _add(fields: dict[str, str], key: str, text: str) -> None:
    fields[key] = f"{fields[key]}\n{text}" if fields[key] else text


def read_mtf_entry(el: Any, name: str, log: ReadLog, ids: set[str]) -> LocatedConcept | None:
    """The concept of one ``conceptGrp`` (None, logged, if it has no term)."""
    number = ""
    fields = {"subject_field": "", "definition": "", "note": "", "source": ""}
    terms: list[Term] = []
    lines: list[int | None] = []
    for child in el:
        if child.tag == "concept":
            number = (child.text or "").strip()
        elif child.tag == "descripGrp":
            for field, text in _fields(child):
                key = _CONCEPT_FIELDS.get(_key(field))
                _add(fields, key or "note", text if key else f"{field}: {text}")
        elif child.tag == "languageGrp":
            lang = ""
            for sub in child:
                if sub.tag == "language":
                    lang = (sub.get("lang") or sub.get("type") or "").strip()
                elif sub.tag == "descripGrp":
                    for field, text in _fields(sub):
                        if _key(field) in ("definition", "def") and not fields["definition"]:
                            fields["definition"] = text
                        else:
                            _add(fields, "note", f"{field} ({lang}): {text}")
                elif sub.tag == "termGrp":
                    term = _term(sub, lang, log, number)
                    if term is not None:
                        terms.append(term)
                        lines.append(sub.sourceline)
    if not terms:
        log.add("skipped", "no-term", f"MultiTerm entry {number or '(no number)'} has no term", el.sourceline)
        return None
    cid = make_id(f"c-{number}" if number else terms[0].text, ids)
    ids.add(cid)
    return LocatedConcept(Concept(cid, tuple(terms), **fields), el.sourceline, tuple(lines))


def _term(group: Any, lang: str, log: ReadLog, number: str) -> Term | None:
    text = ""
    values = {"part_of_speech": "", "context": "", "note": ""}
    status = TermStatus.ADMITTED
    for el in group:
        if el.tag == "term":
            text = "".join(el.itertext()).strip()
        elif el.tag == "descripGrp":
            for field, value in _fields(el):
                key = _TERM_FIELDS.get(_key(field))
                if key == "status":
                    found = status_of(value)
                    if found is None:
                        _add(values, "note", f"{field}: {value}")
                        log.add("warning", "unknown-status", f"unknown {field} {value!r} in entry {number}: "
                                "read as admitted", el.sourceline)
                    else:
                        status = found
                elif key == "note" or (key in values and not values[key]):
                    _add(values, key, value)
                else:
                    _add(values, "note", f"{key if key in ('grammaticalGender', 'termType') else field}: {value}")
    if not text:
        log.add("skipped", "no-term-text", f"termGrp without a term in MultiTerm entry {number}", group.sourceline)
        return None
    if not lang:
        log.add("skipped", "no-language", f"term {text!r} in entry {number} has no language", group.sourceline)
        return None
    return Term(text, lang, status, values["part_of_speech"], values["context"], values["note"])
