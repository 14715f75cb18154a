"""The seed word lists shipped with the aligner (``data/<src>-<tgt>.tsv``):
frequent news and UN vocabulary, written by the workbench team."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from ..text.langtag import primary
from .lexicon import Lexicon


def _resource(src_lang: str, tgt_lang: str) -> resources.abc.Traversable:
    return resources.files("workbench.align").joinpath("data", f"{primary(src_lang)}-{primary(tgt_lang)}.tsv")


def seed_digest(src_lang: str, tgt_lang: str) -> str:
    """A digest of the pair's shipped word list ("" when there is none): a cache key that
    changes whenever the file does."""
    res = _resource(src_lang, tgt_lang)
    return hashlib.sha256(res.read_bytes()).hexdigest()[:16] if res.is_file() else ""


@lru_cache(maxsize=8)
def seed_lexicon(src_lang: str, tgt_lang: str) -> Lexicon | None:
    """The shipped word list for a language pair, or None when there is none."""
    res = _resource(src_lang, tgt_lang)
    if not res.is_file():
        return None
    pairs = []
    for line in res.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            src, tgt = line.split("\t", 1)
            pairs.append((src.strip(), tgt.strip()))
    return Lexicon.from_pairs(pairs, src_lang, tgt_lang)
