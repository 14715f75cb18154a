"""The termbase (TBX, CSV, the tab layout) and the term matcher over running text.

>>> g = load_glossary("glossary/hanoi-convention.tbx")   # doctest: +SKIP
>>> hits = g.matcher("ar").scan(text)                     # doctest: +SKIP
"""
from .lookup import LookupResult, lookup
from .matcher import TermMatcher
from .store import Glossary, glossary_files, glossary_format, id_clashes, load_glossary, save_glossary, twin_path
from .validate import Problem, several_preferred, validate_glossary

__all__ = [
    "Glossary",
    "LookupResult",
    "Problem",
    "TermMatcher",
    "glossary_files",
    "glossary_format",
    "id_clashes",
    "load_glossary",
    "lookup",
    "save_glossary",
    "several_preferred",
    "twin_path",
    "validate_glossary",
]
