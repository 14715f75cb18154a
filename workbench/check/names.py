"""Wordings of one named thing: candidate names and the clusters they make.

A named thing (a treaty, a body, an office, an event, an outlet) is often
called by wordings that share most of their words: a different preposition
(``اتفاقية الأمم المتحدة بشأن …``/``لمكافحة …``), a synonym or an inserted
word inside the name (``المؤتمر رفيع المستوى``/``القمة`` between the same
words, ``مراسم امضا``/``مراسم افتتاحیه`` before ``و کنفرانس سطح بالای``).
Such wordings are found as *frames*: the same words before and after (on
a word key that sets aside the article, clitics, plural and feminine
endings, and transliteration letters), with up to ``max_slot`` words
between them that differ. A frame must hold a head word of a name
(``data/names.toml``: convention, committee, office, ceremony...), enough
content words on both sides, and in English capitalised ones: shared
words alone (``… لمكافحة الفساد``/``… لمكافحة الجرائم``) never make a frame.

Glossary terms take part as wordings of their own, so a wording close to a
term (``اتفاقيات الأمم المتحدة بشأن الجريمة المنظمة``) is reported with the
glossary's preferred form. A name given as a nickname (after ``known as``,
``المعروفة باسم``, ``موسوم به``, ``… معروف است``, or in parentheses after the
full title), a short form (a part left out) after the full name in the same
document, and wordings inside quotation marks (quoted speech) are kept as
accepted occurrences, with the reason.
"""
from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import accumulate
from typing import Final

import regex

from ..model import lang_key
from .context import Document
from .keys import TOKEN_KEY, loose
from .words import Word, language_words

#: Characters that may stand between two words of one name.
_JOINERS = regex.compile(r"[\s\-\u200c\u200e\u200f\u061c\u0640]*\p{Arabic}{0,4}")  # clitics set aside end it
_PARENS = regex.compile(r"\(([^()]{1,80})\)")
_HARD_STOP = regex.compile(r"[.،,;:؛!?؟]")
_AR_ARTICLE = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
_SUFFIXES = {"ar": ("ات", "ين", "ون", "ه"), "fa": ("هایی", "های", "ها", "ی"),
             "en": ("s",)}


@dataclass(frozen=True)
class Language:
    """The word lists of ``data/names.toml`` for one language, as word keys."""

    heads: frozenset[str]
    function: frozenset[str]
    cues: frozenset[str]
    cues_after: frozenset[str]
    breaks: frozenset[str]


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    text = files("workbench.check").joinpath("data/names.toml").read_text(encoding="utf-8")
    data: dict[str, dict[str, list[str]]] = tomllib.loads(text)
    return data


@cache
def language(lang: str) -> Language | None:
    """The lists of ``lang`` (by primary subtag), ``None`` for a language without them."""
    entry = _table().get(lang_key(lang))
    if entry is None:
        return None
    code = lang_key(lang)

    def keys(name: str) -> frozenset[str]:
        return frozenset(stem(TOKEN_KEY.fold(w), code) for w in entry.get(name, []))

    return Language(keys("heads"), keys("function") | keys("breaks"), keys("cues"), keys("cues_after"), keys("breaks"))


@cache
def stem(key: str, lang: str) -> str:
    """A word key with its transliteration letters folded, the Arabic article,
    and one plural, feminine or Persian ezafe ending set aside."""
    word = loose(key.lower())
    if lang == "ar":
        for p in _AR_ARTICLE:
            if word.startswith(p) and len(word) - len(p) >= 3:
                word = word[len(p):]
    for s in _SUFFIXES.get(lang, ()):
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[:-len(s)]
    return word


@dataclass(slots=True)
class Tok:
    """A word of a clause: its stem, place, and what it is."""

    stem: str
    doc: str
    start: int
    end: int
    content: bool
    head: bool
    cap: bool
    quoted: bool
    brk: bool


@dataclass(slots=True)
class Mention:
    """One occurrence of a frame: the words before, the differing slot, the words after."""

    doc: str
    start: int
    end: int
    slot: tuple[str, ...]
    slot_start: int
    slot_end: int
    segment: int
    accepted: str = ""


@dataclass(slots=True)
class NameCluster:
    """Wordings of one name: mentions by slot, the shared words, a glossary term if one is among them."""

    frame: tuple[tuple[str, ...], tuple[str, ...]]
    mentions: dict[tuple[str, ...], list[Mention]] = field(default_factory=dict)
    glossary: dict[tuple[str, ...], str] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)

    def wordings(self) -> list[tuple[str, ...]]:
        return list(dict.fromkeys([*self.mentions, *self.glossary]))

    def open_wordings(self) -> list[tuple[str, ...]]:
        """Wordings with an occurrence that is not accepted."""
        return [w for w, ms in self.mentions.items() if any(not m.accepted for m in ms)]


# -- words and clauses ---------------------------------------------------------------------------

_QUOTED = regex.compile(r'«[^»]*»|“[^”]*”|„[^“]*“|‹[^›]*›|"[^"]*"')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (pairs on one segment)."""
    return [m.span() for m in _QUOTED.finditer(text)]


def clauses(words: Sequence[Word], text: str, code: str, table: Language,
            offset: int = 0) -> tuple[list[list[Tok]], set[tuple[str, ...]]]:
    """The words of one segment (language ``code``, a primary subtag) cut into clauses
    at punctuation, and the names the segment gives as nicknames (after a cue, or
    in parentheses right after a name)."""
    quoted = _quoted_spans(text)
    toks: list[Tok] = []
    breaks: list[bool] = []
    prev_end = None
    for w in words:
        surface = text[w.start - offset:w.end - offset]
        s = stem(w.key, code)
        q = bisect_left(quoted, (w.start - offset,)) - 1
        inside = q >= 0 and quoted[q][0] < w.start - offset < quoted[q][1]
        gap = " " if prev_end is None else text[prev_end - offset:w.start - offset]
        breaks.append(prev_end is None or (gap != " " and not _JOINERS.fullmatch(gap)))
        toks.append(Tok(s, w.doc, w.start, w.end, s not in table.function and w.letters > 1, s in table.heads,
                        surface[:1].isupper(), inside, s in table.breaks))
        prev_end = w.end
    out: list[list[Tok]] = []
    for tok, brk in zip(toks, breaks, strict=True):
        if brk or not out:
            out.append([])
        out[-1].append(tok)
    return out, _introduced(toks, text, offset, table)


def _introduced(toks: list[Tok], text: str, offset: int, table: Language) -> set[tuple[str, ...]]:
    """Stem sequences (of up to five words) given as a name after a cue, before a
    trailing cue, or in parentheses right after another word."""
    out: set[tuple[str, ...]] = set()

    def stop(a: Tok, b: Tok) -> bool:
        return bool(_HARD_STOP.search(text[a.end - offset:b.start - offset]))

    for i, tok in enumerate(toks):
        if tok.stem in table.cues:
            run: list[str] = []
            for j in range(i + 1, min(len(toks), i + 7)):
                if stop(toks[j - 1], toks[j]) and run:
                    break
                if run or toks[j].content:
                    run.append(toks[j].stem)
            out.update(tuple(run[:n]) for n in range(1, min(5, len(run)) + 1))
        if tok.stem in table.cues_after:
            back = [t.stem for t in toks[max(0, i - 5):i]]
            out.update(tuple(back[k:]) for k in range(len(back)))
    starts = [t.start - offset for t in toks]
    for m in _PARENS.finditer(text):
        lo, hi = bisect_left(starts, m.start(1)), bisect_left(starts, m.end(1))
        inner = [t.stem for t in toks[lo:hi] if t.end - offset <= m.end(1)][:5]
        before = m.start()
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if inner and before > 0 and text[before - 1].isalpha():
            out.update(tuple(inner[k:n]) for k in range(len(inner)) for n in range(k + 1, len(inner) + 1))
    return out


# -- frames --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """How wide a frame is and how much it must share."""

    max_slot: int = 3
    min_shared: int = 3
    side: int = 3


Frame = tuple[tuple[tuple[str, ...], tuple[str, ...]], int, int, int, int]


def frames(clause: list[Tok], english: bool, st: Settings) -> Iterator[Frame]:
    """``((before, after), start, slot start, slot end, end)`` of every frame of
    ``clause`` (word indices): it starts at a head word of a name or at the word
    after one; in English (``english``) its content words are capitalised."""
    n = len(clause)
    starts = sorted({a for i, t in enumerate(clause) if t.head for a in (i, i + 1) if a < n and clause[a].content})
    for a0 in starts:
        for s in range(a0 + 1, min(n, a0 + st.side + 1)):
            before = clause[a0:s]
            if any(t.brk for t in before) or (english and not all(t.cap for t in before if t.content)):
                break
            x_content = sum(t.content for t in before)
            for e in range(s, min(n, s + st.max_slot + 1)):
                y_content = 0
                for z in range(e + 1, min(n, e + st.side) + 1):
                    last = clause[z - 1]
                    if last.brk or (english and last.content and not last.cap):
                        break  # no word that ends a name after the slot; English names are capitalised
                    y_content += last.content
                    if last.content and y_content >= 2 and x_content + y_content >= st.min_shared:
                        yield (tuple(t.stem for t in before), tuple(t.stem for t in clause[e:z])), a0, s, e, z
                        break  # the shortest such end: the same for every wording that shares it
    if english:
        yield from _modifier_frames(clause, st)


#: The "before" of an English frame whose differing part opens a noun phrase.
MODIFIER: Final = ("[modifier]",)


def _modifier_frames(clause: list[Tok], st: Settings) -> Iterator[Frame]:
    """English puts what tells one ceremony or committee from another before its head:
    frames of one or two words opening a noun phrase (after a function word or at
    the start of a clause) before a head word, and ``min_shared`` content words
    from the head on (``the [signing] ceremony and high-level conference``)."""
    n = len(clause)
    for h, head in enumerate(clause):
        if not head.head:
            continue
        for width in (1, 2):
            s = h - width
            if s < 0 or not all(t.content and not t.head for t in clause[s:h]) or (s and clause[s - 1].content):
                continue
            y_content = 0
            for z in range(h + 1, min(n, h + st.side + 2) + 1):
                last = clause[z - 1]
                if last.brk:
                    break
                y_content += last.content
                if last.content and y_content > st.min_shared:
                    yield (MODIFIER, tuple(t.stem for t in clause[h:z])), s, s, h, z
                    break


def name_clusters(docs: list[Document], lang: str, glossary_terms: Iterable[str] = (),
                  st: Settings = Settings(), words: list[list[Word]] | None = None) -> list[NameCluster]:
    """Clusters of wordings of one name in the documents of ``lang`` (one language),
    with ``glossary_terms`` of that language taking part as wordings; ``words`` are
    :func:`~.words.language_words` of ``docs`` when already made."""
    table = language(lang)
    if table is None or not docs:
        return []
    code = lang_key(lang)
    terms = list(dict.fromkeys(t for t in glossary_terms if " " in t.strip()
                               and stem(TOKEN_KEY.fold(t.split()[0]), code) in table.heads))
    pseudo = Document("\x00glossary", lang, "\n".join(terms), ())
    term_starts = [0, *accumulate(len(t) + 1 for t in terms)]
    segs = [(doc, seg) for doc in docs for seg in doc.translatable]
    words = (language_words(docs) if words is None else words) + (_term_words(pseudo, terms) if terms else [])
    english = code == "en"

    def segment(i: int) -> tuple[str, int, str]:
        if i < len(segs):
            return segs[i][1].text, segs[i][1].start, segs[i][0].id
        return terms[i - len(segs)], term_starts[i - len(segs)], pseudo.id

    # first pass: the wordings of every frame and the segments it is in; the nicknames given
    slots: dict[tuple[tuple[str, ...], tuple[str, ...]], set[tuple[str, ...]]] = defaultdict(set)
    where: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = defaultdict(list)
    introduced: set[tuple[str, ...]] = set()
    for i, seg_words in enumerate(words):
        if not any(stem(w.key, code) in table.heads for w in seg_words):
            continue  # no name here: neither a frame nor a nickname
        text, offset, doc_id = segment(i)
        cls, intro = clauses(seg_words, text, code, table, offset)
        introduced |= intro
        for clause in cls:
            for key, a0, s, e, z in frames(clause, english, st):
                if doc_id == pseudo.id and (a0, z) != (0, len(clause)):
                    continue  # a glossary term is a wording as a whole
                slots[key].add(tuple(t.stem for t in clause[s:e]))
                if not where[key] or where[key][-1] != i:
                    where[key].append(i)
    # second pass: the occurrences of the frames with several wordings
    varying = {k for k, v in slots.items() if len(v) > 1}
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], NameCluster] = {}
    windows: dict[int, list[Tok]] = {}
    for i in sorted({i for k in varying for i in where[k]}):
        text, offset, doc_id = segment(i)
        for clause in clauses(words[i], text, code, table, offset)[0]:
            for key, a0, s, e, z in frames(clause, english, st):
                if key not in varying:
                    continue
                slot = tuple(t.stem for t in clause[s:e])
                c = groups.setdefault(key, NameCluster(key))
                if doc_id == pseudo.id:
                    if (a0, z) == (0, len(clause)):
                        c.glossary.setdefault(slot, text)
                    continue
                m = Mention(doc_id, clause[a0].start, clause[z - 1].end, slot,
                            clause[s].start if e > s else clause[s - 1].end,
                            clause[e - 1].end if e > s else clause[e].start, i)
                if m.start < c.last.get(doc_id, -1):
                    continue  # overlaps an occurrence of the same frame: one place, not two wordings
                c.last[doc_id] = m.end
                if all(t.quoted for t in clause[a0:z]):
                    m.accepted = "quoted speech"
                c.mentions.setdefault(slot, []).append(m)
                windows[id(m)] = clause[a0:z]
    out = []
    for c in groups.values():
        if len(c.mentions) + len(c.glossary) < 2:
            continue  # one wording only
        for ms in c.mentions.values():
            for m in ms:
                if not m.accepted and _nickname(windows[id(m)], len(c.frame[0]), len(m.slot), introduced):
                    m.accepted = "nickname given earlier (after “known as” or in parentheses)"
        _short_after_full(c)
        if _varies(c, table):
            out.append(c)
    return out


def given_nicknames(docs: list[Document], lang: str, words: list[list[Word]]) -> set[tuple[str, ...]]:
    """The names the documents of ``lang`` give as nicknames, as word-key sequences
    (compare :func:`stems`); ``words`` are :func:`~.words.language_words` of ``docs``."""
    table = language(lang)
    if table is None:
        return set()
    code = lang_key(lang)
    out: set[tuple[str, ...]] = set()
    segs = [seg for doc in docs for seg in doc.translatable]
    for seg, seg_words in zip(segs, words, strict=True):
        if any(stem(w.key, code) in table.heads for w in seg_words):
            out |= clauses(seg_words, seg.text, code, table, seg.start)[1]
    return out


def stems(text: str, lang: str) -> tuple[str, ...]:
    """The word keys of a name written alone (a glossary term), as :func:`given_nicknames` has them."""
    code = lang_key(lang)
    return tuple(stem(w, code) for w in regex.findall(r"[\p{L}\p{M}]+", TOKEN_KEY.fold(text)))


def _short_after_full(c: NameCluster) -> None:
    """Accept a shorter wording (a part left out) used after a fuller one in the same document."""
    for m in c.mentions.get((), []):
        if not m.accepted and any(o.doc == m.doc and o.start < m.start for w, ms in c.mentions.items() if w
                                  for o in ms):
            m.accepted = "short form after the full name"


def _term_words(pseudo: Document, terms: list[str]) -> list[list[Word]]:
    """The words of each glossary term (one segment each, offsets in ``pseudo``)."""
    from ..model import Segment, SegmentKind

    segs, pos = [], 0
    for i, t in enumerate(terms):
        segs.append(Segment(pseudo.id, i, pseudo.lang, pos, pos + len(t), i + 1, SegmentKind.SENTENCE, t))
        pos += len(t) + 1
    return language_words([Document(pseudo.id, pseudo.lang, pseudo.text, tuple(segs))])


def _nickname(window: list[Tok], before: int, slot: int, introduced: set[tuple[str, ...]]) -> bool:
    """Is a stretch of ``window`` holding the content words of its slot a name given as a nickname?"""
    i, j = before, before + slot
    while i < j and not window[i].content:
        i += 1
    while j > i and not window[j - 1].content:
        j -= 1
    if i == j:
        return False
    stems = [t.stem for t in window]
    return any(tuple(stems[a:b]) in introduced for a in range(i + 1) for b in range(j, min(len(stems), a + 5) + 1))


def _varies(c: NameCluster, table: Language) -> bool:
    """Leave in ``c`` the wordings that vary with another one; are two left, one of
    them in the documents and not accepted? Two wordings in one segment are two
    things (``… against Corruption … and … against Terrorism …``), not one; an
    English modifier is replaced, not added to (``[successful signing] ceremony``)."""
    segs = {w: {m.segment for m in ms} for w, ms in c.mentions.items()}
    modifier = c.frame[0] == MODIFIER
    keep = {w for w in c.wordings() for v in c.wordings()
            if v != w and _pair(w, v, table) and not segs.get(w, set()) & segs.get(v, set())
            and (not modifier or not set(w) & set(v))}
    c.mentions = {w: ms for w, ms in c.mentions.items() if w in keep}
    c.glossary = {w: t for w, t in c.glossary.items() if w in keep}
    return bool(c.open_wordings()) and len(c.wordings()) > 1


def _pair(a: tuple[str, ...], b: tuple[str, ...], table: Language) -> bool:
    """Can slots ``a`` and ``b`` be two wordings of one part of a name? Their content
    words differ, or one preposition replaces another; both or neither hold a head word (not a name beside another:
    ``وزارة الخارجية ووزارة …``); an inserted part starts with a content word
    (not a phrase of its own: ``الاتفاقية في مكافحة …``), and neither opens with
    a word that ends a name (``في``, ``in``, ``در``)."""
    if {s for s in a if s not in table.function} == {s for s in b if s not in table.function} and not (a and b):
        return False  # only function words inserted; a preposition replaced by another is a variant
    if any(s in table.heads for s in a) != any(s in table.heads for s in b):
        return False
    if any(x and x[0] in table.breaks for x in (a, b)):
        return False
    return not any(not x and y[0] in table.function for x, y in ((a, b), (b, a)))


def counts(c: NameCluster) -> Counter[tuple[str, ...]]:
    """Occurrences of each wording in the documents."""
    return Counter({w: len(ms) for w, ms in c.mentions.items()})


def by_doc(c: NameCluster) -> dict[str, set[tuple[str, ...]]]:
    """The wordings each document uses (accepted occurrences left out)."""
    out: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for w, ms in c.mentions.items():
        for m in ms:
            if not m.accepted:
                out[m.doc].add(w)
    return out
