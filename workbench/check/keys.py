"""Keys that fold spelling variation of names and terms, on top of the match key.

The match key already folds hamza forms, yeh/kaf, alef maqsura, teh marbuta,
diacritics, ZWNJ and digits. :func:`loose` also folds the letters that
transliterations of one foreign sound hesitate between (``ج``/``غ``/``ق``/``گ``
for /g/ and -ng, ``ث``/``ت``/``ط``, ``ص``/``س``, ``ذ``/``ز``/``ظ``/``ض``, ``پ``/``ب``,
``ڤ``/``ف``); :func:`gender` drops a word-final teh marbuta (feminine).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..text.normalize import Normalizer

#: The match key with teh marbuta kept: ``وزيرة`` and ``وزير`` stay apart.
TOKEN_KEY: Final = Normalizer(exclude=("teh_marbuta",))

_TRANSLIT = str.maketrans({"غ": "ج", "ق": "ج", "گ": "ج", "ك": "ج", "ث": "ت", "ط": "ت", "ص": "س",
                           "ذ": "ز", "ظ": "ز", "ض": "ز", "پ": "ب", "ڤ": "ف", "ة": "ه", "-": " "})


@lru_cache(maxsize=1 << 16)
def loose(key: str) -> str:
    """A key text with transliteration letter variants folded."""
    return key.translate(_TRANSLIT)


def gender(word: str) -> str:
    """A key word without its final teh marbuta."""
    return word[:-1] if word.endswith("ة") and len(word) > 2 else word
