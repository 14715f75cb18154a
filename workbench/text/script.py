"""Script detection: Arabic vs Persian (both Arabic script) vs Latin text."""
from __future__ import annotations

from collections import Counter

import regex

# Letters that only Persian (and Urdu...) use, and letters Persian does not use.
_PERSIAN_ONLY = frozenset("پچژگکیۀ")
_ARABIC_ONLY = frozenset("يكةى")
_ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")
_LATIN = regex.compile(r"\p{Script=Latin}")


def script_counts(text: str) -> Counter[str]:
    """Count letters by script family: ``arabic_script``, ``latin``, ``persian``, ``arabic``."""
    counts: Counter[str] = Counter()
    counts["arabic_script"] = len(_ARABIC_SCRIPT.findall(text))
    counts["latin"] = len(_LATIN.findall(text))
    for ch in text:
        if ch in _PERSIAN_ONLY:
            counts["persian"] += 1
        elif ch in _ARABIC_ONLY:
            counts["arabic"] += 1
    return counts


def detect_language(text: str, default: str | None = None) -> str | None:
    """Guess ``ar``, ``fa`` or ``en`` from the letters of ``text``.

    Arabic script is told apart by letters such as پ چ ژ گ ک ی (Persian) and
    ي ك ة ى (Arabic). Latin script is taken as English. Returns ``default``
    when the text has no letters to go by.
    """
    c = script_counts(text)
    if c["arabic_script"] == 0 and c["latin"] == 0:
        return default
    if c["arabic_script"] >= c["latin"]:
        if c["persian"] == 0 and c["arabic"] == 0:
            return default or "ar"
        return "fa" if c["persian"] > c["arabic"] else "ar"
    return "en"
