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

Wordings that differ at an end, with nothing shared after the differing part,
come from candidate names read from a head word (:func:`end_clusters`: a short
form before its full name, a related last word, another head word), from Latin
words in Arabic and Persian text (:func:`latin_twins`) and from runs of
capitalised English words (:func:`case_variants`).
"""
from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import accumulate
from typing import Any, Final

import regex

from ..model import SegmentKind, lang_key
from .context import Document
from .keys import TOKEN_KEY, loose
from .stems import skeleton
from .words import Word, language_words

#: Characters that may stand between two words of one name.
_JOINERS = regex.compile(r"[\s\-\u200c\u200e\u200f\u061c\u0640]*\p{Arabic}{0,4}")  # clitics set aside end it
_PARENS = regex.compile(r"\(([^()]{1,80})\)")
_HARD_STOP = regex.compile(r"[.،,;:؛!?؟]")
_AR_ARTICLE = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
_SUFFIXES = {"ar": ("ات", "ين", "ون", "ه"), "fa": ("هایی", "های", "ها", "ی"),
             "en": ("s",)}


@dataclass(frozen=True, eq=False)
class Language:
    """The word lists of ``data/names.toml`` for one language, as word keys."""

    heads: frozenset[str]
    function: frozenset[str]
    cues: frozenset[str]
    cues_after: frozenset[str]
    breaks: frozenset[str]
    ends: frozenset[str] = frozenset()
    groups: dict[str, int] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()


@cache
def _table() -> dict[str, dict[str, Any]]:
    text = files("workbench.check").joinpath("data/names.toml").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = tomllib.loads(text)
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

    groups = {stem(TOKEN_KEY.fold(w), code): n for n, group in enumerate(entry.get("head_groups", [])) for w in group}
    return Language(keys("heads"), keys("function") | keys("breaks"), keys("cues"), keys("cues_after"), keys("breaks"),
                    keys("ends"), groups, keys("titles"))


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
    kind: str = "frame"

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

    def clauses_of(i: int) -> list[list[Tok]]:
        text, offset, _ = segment(i)
        return clauses(words[i], text, code, table, offset)[0]

    ends = _EndScan()
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
            if doc_id != pseudo.id:
                ends.scan(i, clause, text, offset, code, table, st)
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
        for clause in clauses_of(i):
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
    out += end_clusters(ends, segment, clauses_of, code, table, st, introduced)
    if code in ("ar", "fa"):
        out += latin_twins(words, segment, len(segs), code, table)
    if english:
        headings = {i for i, (_, seg) in enumerate(segs) if seg.kind is SegmentKind.HEADING}
        out += case_variants(segment, len(segs), table, headings)
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


# -- wordings that differ at an end --------------------------------------------------------------

#: The "after" of a frame whose differing part ends the name (nothing shared after it).
TAIL: Final = ("[end]",)
#: The "before" of a frame whose differing part is the head word (اتفاقية/معاهدة + the same words).
HEAD: Final = ("[head]",)

Segmenter = Callable[[int], tuple[str, int, str]]


def _ended(clause: list[Tok], e: int, text: str, offset: int, code: str, table: Language) -> bool:
    """May a name stop before word ``e`` of ``clause``: at the end of the clause, before a
    word of ``ends`` (Arabic: a word with the conjunction و), in English before a word in lower case?"""
    if e >= len(clause):
        return True
    nxt = clause[e]
    if nxt.stem in table.ends:
        return True
    if code == "en":
        return not nxt.cap
    if code == "ar":
        at = nxt.start - offset
        return "و" in text[clause[e - 1].end - offset:at] or text.startswith(("وال", "وبال", "ولل"), at)
    return False


def _runs(clause: list[Tok], text: str, offset: int, code: str, table: Language,
          st: Settings) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, ended)`` of the word sequences that may be a name: from a head word
    (the last of a run of heads: «آژانسهای سازمان ملل» is read from «سازمان»), in English
    from the first of a run of capitalised words, to a content word."""
    n = len(clause)
    english = code == "en"
    for h, t in enumerate(clause):
        if not t.content:
            continue
        if english:
            if not t.cap or (h and clause[h - 1].cap and clause[h - 1].content):
                continue
        elif not t.head or (h + 1 < n and clause[h + 1].head):
            continue
        for e in range(h + 2, min(n, h + st.side + st.max_slot) + 1):
            last = clause[e - 1]
            if last.brk or (english and last.content and not last.cap):
                break
            if last.content:
                yield h, e, _ended(clause, e, text, offset, code, table)


@cache
def _synonym_sets(code: str) -> dict[str, frozenset[int]]:
    """One-word members of the language's synonym sets (``data/synonyms/<lang>.toml``), by word key."""
    from .langdata import for_language

    out: dict[str, set[int]] = defaultdict(set)
    for n, entry in enumerate(for_language("synonyms", code).get("sets", [])):
        for w in entry.get("words", []):
            if " " not in w.strip():
                out[stem(TOKEN_KEY.fold(w), code)].add(n)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _root(word: str) -> str:
    """A rough Arabic root of a word key: the derivation prefix م/مت/ت and the long vowels
    left out, doubled letters once (``خاص``, ``مخصص`` -> ``خص``)."""
    w = word
    if w.startswith("مت") and len(w) > 4:
        w = w[2:]
    elif w.startswith(("م", "ت")) and len(w) > 3:
        w = w[1:]
    out: list[str] = []
    for c in w:
        if c not in "اويىء" and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def _related(a: str, b: str, code: str, table: Language) -> str:
    """Why two last words of a name may be one word in two wordings: head words of
    one group, one Arabic root (الخاصة/المخصصة, الصحفي/الصحافي), or one synonym set
    (السيبرانية/الإلكترونية); empty when they are not."""
    if a == b or a in table.function or b in table.function:
        return ""
    sets = _synonym_sets(code)
    if sets.get(a, frozenset()) & sets.get(b, frozenset()):
        return "synonyms"
    if a in table.groups and table.groups.get(b) == table.groups[a]:
        return "heads"
    if code == "ar" and len(_root(a)) >= 2 and _root(a) == _root(b) and skeleton(a) != skeleton(b):
        return "root"  # one root, not one word inflected (الجريمة/الجرائم)
    return ""


@dataclass(slots=True)
class _Wanted:
    """A cluster to collect and how each of its wordings is laid out."""

    cluster: NameCluster
    short: tuple[str, ...] = ()  # a short form's words (kind "short")
    synonyms: bool = False  # related only through a synonym set


@dataclass(slots=True)
class _EndScan:
    """The word sequences that may be names (:func:`_runs`) of a language's segments: the
    segments each is in, how often it is used and how often it ends a name."""

    where: dict[tuple[str, ...], list[int]] = field(default_factory=lambda: defaultdict(list))
    ended: Counter[tuple[str, ...]] = field(default_factory=Counter)
    used: Counter[tuple[str, ...]] = field(default_factory=Counter)

    def scan(self, i: int, clause: list[Tok], text: str, offset: int, code: str, table: Language,
             st: Settings) -> None:
        for h, e, end in _runs(clause, text, offset, code, table, st):
            key = tuple(t.stem for t in clause[h:e])
            where = self.where[key]
            if not where or where[-1] != i:
                where.append(i)
            self.ended[key] += end
            self.used[key] += 1


def end_clusters(scan: _EndScan, segment: Segmenter, clauses_of: Callable[[int], list[list[Tok]]], code: str,
                 table: Language, st: Settings, introduced: set[tuple[str, ...]]) -> list[NameCluster]:
    """Wordings of a name that differ at an end: a short form used before its full name
    in a document (سازمان ملل ... سازمان ملل متحد), a last word replaced by a related one
    (اللجنة الخاصة / اللجنة المخصصة), or a head word replaced by another of its group
    (کنوانسیون هانوی / پیمان هانوی)."""
    where, ended, used = scan.where, scan.ended, scan.used
    wanted: dict[tuple[str, ...], list[_Wanted]] = defaultdict(list)
    for c in [*_short_forms(used, ended, table, st, introduced), *_last_words(where, code, table), *_heads(where, code, table, introduced)]:
        for w in c.cluster.mentions:
            wanted[w].append(c)
        c.cluster.mentions = {}
    out: dict[int, _Wanted] = {}
    for i in sorted({i for w in wanted for i in where[w]}):
        text, offset, doc_id = segment(i)
        for clause in clauses_of(i):
            for h, e, end in _runs(clause, text, offset, code, table, st):
                key = tuple(t.stem for t in clause[h:e])
                for want in wanted.get(key, ()):
                    _mention(want, key, clause[h:e], end, doc_id, i)
                    out[id(want)] = want
    return [w.cluster for w in out.values() if _settle(w, table, introduced)]


def _short_forms(used: Counter[tuple[str, ...]], ended: Counter[tuple[str, ...]], table: Language,
                 st: Settings, introduced: set[tuple[str, ...]]) -> Iterator[_Wanted]:
    """A name of two content words or more (with a head word) that stops where a longer name
    goes on with up to ``max_slot`` words, none of them a head (``سازمان ملل``/``… متحد``;
    not ``United Nations``/``United Nations Ad Hoc Committee``). The longer name is used
    twice or more and in more than half the places its first words are (``متحد`` follows
    ``سازمان ملل`` 7 times in 10): a fixed name, not words that happen to follow a
    name (``حفل التوقيع بسلاسة``, ``مراسم افتتاحیه تأیید کرد``)."""
    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for w in ended:
        for k in range(2, len(w)):
            longer[w[:k]].append(w)
    for short, n in ended.items():
        if not n or short not in longer or sum(s not in table.function for s in short) < 2 \
                or not any(s in table.heads for s in short):
            continue
        if short in introduced:
            continue  # a name the text gives
        fulls = [w for w in longer[short] if len(w) - len(short) <= st.max_slot and ended[w]
                 and used[w] > 1 and 2 * used[w] > used[short]
                 and w[len(short)] not in table.function and not any(s in table.heads for s in w[len(short):])]
        if fulls:
            full = max(fulls, key=lambda w: (used[w], -len(w)))
            c = NameCluster((short, TAIL), {short: [], full: []}, kind="short")
            yield _Wanted(c, short=short)


def _last_words(where: Mapping[tuple[str, ...], list[int]], code: str, table: Language) -> Iterator[_Wanted]:
    """Names that share their words but the last, and whose last words are related."""
    by_start: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for w in where:
        by_start[w[:-1]].append(w[-1])
    for start, lasts in by_start.items():
        for k, a in enumerate(lasts):
            related = [(b, _related(a, b, code, table)) for b in lasts[k + 1:]]
            for b, why in related:
                if why:
                    c = NameCluster((start, TAIL), {(*start, a): [], (*start, b): []}, kind="last")
                    yield _Wanted(c, synonyms=why == "synonyms")


def _heads(where: Mapping[tuple[str, ...], list[int]], code: str, table: Language,
           introduced: set[tuple[str, ...]]) -> Iterator[_Wanted]:
    """Names that share their words after a head word of one group: at least two content
    words, or one where a wording with it is a name the text gives (اتفاقية هانوي)."""
    by_rest: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for w in where:
        if w[0] in table.groups:
            by_rest[w[1:]].append(w[0])
    for rest, heads in by_rest.items():
        content = sum(s not in table.function for s in rest)
        if content < 2 and not any((h, *rest) in introduced for h in heads):
            continue
        for k, a in enumerate(heads):
            for b in heads[k + 1:]:
                if table.groups[a] == table.groups[b]:
                    c = NameCluster((HEAD, rest), {(a, *rest): [], (b, *rest): []}, kind="head")
                    yield _Wanted(c, synonyms=_related(a, b, code, table) == "synonyms")


def _mention(want: _Wanted, key: tuple[str, ...], toks: list[Tok], end: bool, doc: str, seg: int) -> None:
    """Add the occurrence ``toks`` of wording ``key`` to the cluster of ``want``."""
    c = want.cluster
    if c.kind == "short":
        if key == want.short and not end:
            return
        a = len(want.short)
        slot = key[a:]
        s0 = toks[a].start if slot else toks[-1].end
    elif c.kind == "last":
        slot, s0 = key[-1:], toks[-1].start
    else:
        slot, s0 = key[:1], toks[0].start
    s1 = toks[0].end if c.kind == "head" else toks[-1].end
    if toks[0].start < c.last.get(doc, -1):
        return
    c.last[doc] = toks[-1].end
    m = Mention(doc, toks[0].start, toks[-1].end, slot, s0, s1, seg)
    if all(t.quoted for t in toks):
        m.accepted = "quoted speech"
    c.mentions.setdefault(slot, []).append(m)


def _settle(want: _Wanted, table: Language, introduced: set[tuple[str, ...]]) -> bool:
    """Mark the accepted occurrences of a collected cluster; is it still a variant?
    A short form after the full name in its document and a nickname the text gives are
    accepted; two wordings in one sentence are two things; wordings related only through
    a synonym set that one document holds both of are left to the ``synonym`` check."""
    c = want.cluster
    if len(c.mentions) < 2:
        return False
    segs = [{m.segment for m in ms} for ms in c.mentions.values()]
    if c.kind != "short" and segs[0] & segs[1]:
        return False
    docs = [{m.doc for m in ms} for ms in c.mentions.values()]
    if c.kind == "short":
        short, full = c.mentions.get((), []), [m for w, ms in c.mentions.items() if w for m in ms]
        both = {m.doc for m in short} & {m.doc for m in full}
        first = {d: min(m.start for m in full if m.doc == d) for d in both}
        c.mentions = {w: [m for m in ms if m.doc in both] for w, ms in c.mentions.items()}
        for m in c.mentions.get((), []):
            if m.start > first[m.doc]:
                m.accepted = "short form after the full name"
    elif want.synonyms and docs[0] & docs[1]:
        return False
    for w, ms in c.mentions.items():
        words = (*c.frame[0], *w) if c.kind == "last" else (*w, *c.frame[1]) if c.kind == "head" else None
        for m in ms:
            if not m.accepted and words is not None and words in introduced:
                m.accepted = "nickname given earlier (after “known as” or in parentheses)"
    return len(c.mentions) > 1 and all(c.mentions.values()) and bool(c.open_wordings())


# -- a Latin name beside its Arabic-script transcription ----------------------------------------

#: The "before" of a frame of a Latin name and its transcription.
LATIN: Final = ("[latin]",)


def latin_twins(words: list[list[Word]], segment: Segmenter, n_segs: int, code: str,
                table: Language) -> list[NameCluster]:
    """A name written in Latin letters inside Arabic or Persian text (``VietnamPlus``) in
    some places and transcribed in others (``فيتنام بلس``): the same consonant skeleton
    (anyascii romanisation) of at least five consonants, the transcription one to three
    words none of which is a function word (``Vietnam``/``في فيتنام`` is no twin). Abbreviations (``VNA``) are not names to transcribe; a segment that
    gives both is the text introducing the name."""
    from ..align.features import arabic_skeleton, latin_skeleton

    latin: dict[str, list[tuple[int, Word, str]]] = defaultdict(list)
    for i in range(n_segs):
        text, offset, _ = segment(i)
        for w in words[i]:
            surface = text[w.start - offset:w.end - offset]
            if surface.isascii() and surface[:1].isupper() and not surface.isupper() and len(surface) >= 4:
                sk = latin_skeleton(surface)
                if len(sk) >= 5:
                    latin[sk].append((i, w, surface))
    if not latin:
        return []
    prefixes = {sk[:k] for sk in latin for k in range(1, len(sk) + 1)}
    clusters: dict[str, NameCluster] = {}
    persian = code == "fa"
    for i in range(n_segs):
        text, offset, doc_id = segment(i)
        ws = words[i]
        for a in range(len(ws)):
            sk = ""
            for b in range(a, min(len(ws), a + 3)):
                sk = _collapsed(sk + arabic_skeleton(ws[b].key, persian)) if sk else arabic_skeleton(ws[b].key, persian)
                if sk not in prefixes or ws[b].key.isascii() or ws[b].letters < 3 \
                        or stem(ws[b].key, code) in table.function:
                    break
                if b > a and text[ws[b - 1].end - offset:ws[b].start - offset].strip():
                    break
                if sk in latin:
                    key = tuple(stem(w.key, code) for w in ws[a:b + 1])
                    c = clusters.setdefault(sk, NameCluster((LATIN, (sk,)), kind="latin"))
                    c.mentions.setdefault(key, []).append(
                        Mention(doc_id, ws[a].start, ws[b].end, key, ws[a].start, ws[b].end, i))
    out = []
    for sk, c in clusters.items():
        both = {m.segment for ms in c.mentions.values() for m in ms} & {i for i, _, _ in latin[sk]}
        c.mentions = {k: kept for k, ms in c.mentions.items() if (kept := [m for m in ms if m.segment not in both])}
        for i, w, surface in latin[sk]:
            if i not in both:
                c.mentions.setdefault((surface.lower(),), []).append(
                    Mention(w.doc, w.start, w.end, (surface.lower(),), w.start, w.end, i))
        if len(c.mentions) > 1 and any(k[0].isascii() for k in c.mentions):
            out.append(c)
    return out


def _collapsed(text: str) -> str:
    out: list[str] = []
    for c in text:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


# -- a name in capitals and in lower case ----------------------------------------------------------

#: The "before" of a frame of one name written with capitals and in lower case.
CASE: Final = ("[case]",)
#: What may stand before the first word of a sentence, and what ends one.
_OPENERS = " \t-–—(["
_SENTENCE_END = ".!?:\"“"


def case_variants(segment: Segmenter, n_segs: int, table: Language, headings: set[int]) -> list[NameCluster]:
    """An English name of two capitalised content words or more (``Member States``) written
    so at least twice in mid-sentence, and in lower case (``member states``) less often:
    one name in two wordings. A title before a person's name ("Deputy Minister") is
    left alone, and so are headings (title case) and quotations; a single word after
    "the" is the ``case-variant`` check's."""
    runs = _capital_run(table)
    found: dict[tuple[str, ...], NameCluster] = {}
    for i in range(n_segs):
        if i in headings:
            continue
        text, offset, doc_id = segment(i)
        quoted = _quoted_spans(text) if any(q in text for q in "\"“«‹„") else []
        for m in runs.finditer(text):
            start, end = m.span()
            names = list(_WORD_EN.finditer(text, start, end))
            before = text[max(0, start - 8):start].rstrip()
            if before[-1:] in _SENTENCE_END or not text[:start].strip(_OPENERS):
                names = names[1:]  # the first word's capital is the sentence's
            key = tuple(stem(w.group().lower(), "en") for w in names)
            if sum(k not in table.function for k in key) < 2 or key[-1] in table.titles \
                    or any(a <= start < b for a, b in quoted):
                continue
            start = names[0].start()
            c = found.setdefault(key, NameCluster((CASE, key), kind="case"))
            c.mentions.setdefault(("Aa",), []).append(Mention(doc_id, offset + start, offset + end, ("Aa",),
                                                               offset + start, offset + end, i))
    found = {k: c for k, c in found.items() if len(c.mentions[("Aa",)]) >= 2}
    if not found:
        return []
    clusters = list(found.values())
    by_first: dict[str, list[tuple[regex.Pattern[str], NameCluster]]] = defaultdict(list)
    for key, c in found.items():
        by_first[key[0]].append((regex.compile(_plural(key) + r"(?![\p{L}\-])"), c))
    firsts = regex.compile(r"(?<![\p{L}\-])(?:" + "|".join(regex.escape(k) for k in by_first) + r")s?(?![\p{L}\-])")
    for i in range(n_segs):
        text, offset, doc_id = segment(i)
        for m in firsts.finditer(text):
            for pattern, c in by_first[stem(m.group(), "en")]:
                full = pattern.match(text, m.start())
                if full:
                    start, end = offset + full.start(), offset + full.end()
                    c.mentions.setdefault(("a",), []).append(Mention(doc_id, start, end, ("a",), start, end, i))
    return [c for c in clusters if ("a",) in c.mentions and len(c.mentions[("a",)]) < len(c.mentions[("Aa",)])]


_WORD_EN = regex.compile(r"[\p{L}][\p{L}'\-]*")


@cache
def _capital_run(table: Language) -> regex.Pattern[str]:
    """Runs of capitalised words, with function words inside them but not ``and``, ``in``..."""
    inner = sorted(table.function - table.ends - table.breaks, key=len, reverse=True)
    glue = rf"(?:\s+(?:{'|'.join(regex.escape(w) for w in inner)}))*\s+"
    cap = r"\p{Lu}[\p{L}'\-]*"
    return regex.compile(rf"(?<![\p{{L}}\-']){cap}(?:{glue}{cap})+(?![\p{{L}}\-'])")


def _plural(key: tuple[str, ...]) -> str:
    """A pattern of the words of ``key`` in lower case, each with or without a plural s."""
    return r"\s+".join(regex.escape(k) + "s?" for k in key)
