"""The term matcher: every occurrence of every glossary term in running text.

Terms and text are both turned into match keys (:mod:`workbench.text.normalize`);
one Aho-Corasick automaton (pyahocorasick) holds every term variant, and each
candidate is checked against the word around it: what precedes it in the
word must be an allowed clitic, what follows an allowed suffix (see
:mod:`.affixes`), so no hit falls inside a longer, different word (nor in a
URL or e-mail address). Spans are mapped back to the original text through
the key's offset map. Where hits overlap, the longest wins and the others
are marked ``nested``.

A term given with the article also matches without it (أعراض المرض for الأعراض; see
:func:`.affixes.arabic_bare_ok`), ranked after a term of the concept spelt that way.

Arabic pronoun suffixes (ودخولها حيز النفاذ, اتفاقيتها) are set aside on an
indefinite noun of a term: on its last word (and a one-word term) as an
allowed ending, on the first word of a multiword term as an inner suffix; the
suffix must be the pronoun in the original text too (وزيرة is not وزير + ه,
though the key folds ة to ه), and no article may precede it. The dual
construct of the head noun of a term ending definite (وزارتا الأمن العام) is a hit of the term;
followed by ``و`` and the complement of another term with the same head
(وزارتا الأمن العام والخارجية) it is a hit of both terms, each spanning
the whole phrase.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import replace as _replace
from itertools import product

import ahocorasick
import regex

from ..errors import ConfigError
from ..formats.plaintext import lines_of
from ..model import Concept, Term, TermHit, lang_key
from ..text.normalize import Normalizer
from .affixes import (AR_BARE_INFLECT_MIN, AR_DUAL_ENDINGS, AR_PRONOUNS, AR_TANWEEN_ALEF, AR_TANWEEN_FATHA,
                      FA_COMPOUND_PARTS, FA_INNER_SUFFIXES, FA_SPACED_SUFFIXES, ZWNJ, arabic_bare_ok, arabic_dual_stem,
                      arabic_endings, arabic_inflectable, arabic_prefix_ok, arabic_pronoun_stems,
                      arabic_suffix_prefix_ok, english_plurals, english_verb_forms, has_bare_article, is_word_char,
                      persian_suffixes)

#: Folds that only make the comparison of a surface with its term fair (light key).
_LIGHT = ("nfkc", "diacritics", "tatweel", "bidi", "space")
#: URLs and e-mail addresses: one token each, never searched for terms.
_LINK = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", regex.I)
#: More ZWNJs (or Persian word joints, or hyphens) than this in one term: only the all-joined
#: and all-spaced variants.
_MAX_ZWNJ = 4
#: More Persian word joints than this in one term: one closed at a time, or all.
_MAX_JOINTS = 2
#: A hyphen, or a space beside a digit, between two parts of a term: either may be written (كوفيد-19, كوفيد 19).
_JOINT = regex.compile(r"-|(?<=\d) | (?=\d)")


class _CharTest(dict[str, bool]):
    """A memoized test on one character: ``test[ch]``."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, ch: str) -> bool:
        self[ch] = value = self._test(ch)
        return value


#: Letters, digits, marks and ZWNJ: a word goes on.
_WORD = _CharTest(is_word_char)
#: Tashkeel and tatweel: part of the letter before them.
_MARK = _CharTest(lambda ch: ch == "\u0640" or unicodedata.category(ch) == "Mn")


def _after_marks(line: str, pos: int) -> int:
    """``pos`` moved past the tashkeel and tatweel that follow it."""
    while pos < len(line) and _MARK[line[pos]]:
        pos += 1
    return pos


@dataclass(frozen=True, slots=True)
class _Entry:
    """One variant of one term in the automaton."""

    concept: str
    term: Term
    article: bool = False
    lam: bool = False
    tails: frozenset[str] = frozenset({""})
    inner: tuple[int, int] | None = None  # key range of a suffix inside the term (Persian plural, English verb)
    exact_case: bool = False
    light: str = ""
    pron: bool = False  # Arabic: a non-empty tail or the inner suffix is an attached pronoun
    restore: tuple[int, str] | None = None  # key offset of a stem letter standing for the term's (ت for ة)
    dual: tuple[str, int] | None = None  # Arabic dual construct: (head key, key length of the head's stem)
    endings: bool = False  # Arabic: the tails are number/gender endings or the tanween alef (checked as written)
    bare: bool = False  # Arabic: a term given with the article, written without it (only و ف ب ك ل before it)


class TermMatcher:
    """Finds the terms of one language of a glossary in text of that language.

    >>> m = TermMatcher(concepts, "ar")            # doctest: +SKIP
    >>> [h.surface for h in m.scan("وللأمم المتحدة")]  # doctest: +SKIP
    ['وللأمم المتحدة']
    """

    def __init__(self, concepts: Iterable[Concept], lang: str, folds_off: Iterable[str] = ()) -> None:
        self.lang = lang
        self._lk = lang_key(lang)
        try:
            self.normalizer = Normalizer(exclude=folds_off)
        except ValueError as exc:
            raise ConfigError(f"glossary folds_off: {exc}") from None
        self._light = Normalizer(folds=[f for f in _LIGHT if f in self.normalizer.folds])
        self._why: dict[str, tuple[str, ...]] = {}
        self._folds_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._spaced = frozenset(self._fold(s) for s in FA_SPACED_SUFFIXES)
        self._pronouns = tuple(self._fold(s) for s in AR_PRONOUNS)
        self._pron_tails = frozenset(self._pronouns)
        self._ta = self._fold("ة")
        self._parts = {part: len(part) for part in (self._fold(x) for x in FA_COMPOUND_PARTS)}
        # Arabic heads in the dual: head key -> complement key -> entries; and the complements' word counts
        self._dual_comps: dict[str, dict[str, list[_Entry]]] = {}
        self._dual_lens: dict[str, tuple[int, ...]] = {}
        table: dict[str, list[_Entry]] = {}
        for concept in concepts:
            for term in concept.terms_in(lang):
                for pattern, entry in self._variants(concept.id, term):
                    if pattern.strip():
                        table.setdefault(pattern, []).append(entry)
        self.size = len(table)
        self._dual_lens = {h: tuple(sorted({c.count(" ") + 1 for c in comps}))
                           for h, comps in self._dual_comps.items()}
        self._automaton = ahocorasick.Automaton()
        for pattern, entries in table.items():
            # (length, entries, does it start / end with a letter, i.e. may a word go on around it)
            value = (len(pattern), tuple(entries), is_word_char(pattern[0]), is_word_char(pattern[-1]))
            self._automaton.add_word(pattern, value)
        if table:
            self._automaton.make_automaton()

    @property
    def signature(self) -> str:
        """Identifies how hits were found, for artifact signatures (``term-match:v3|norm:v1[...]``)."""
        return f"term-match:v3|{self.normalizer.signature}"

    # -- building -----------------------------------------------------------------
    def _fold(self, text: str) -> str:
        return self.normalizer.fold(text)

    def _variants(self, cid: str, term: Term) -> Iterator[tuple[str, _Entry]]:
        light = self._light.fold(term.text)
        exact_case = term.text.isupper() and " " not in term.text and len(term.text) <= 8
        base = _Entry(cid, term, exact_case=exact_case, light=light)
        for key in dict.fromkeys(k for z in self._zwnj_variants(term.text) for k in _joint_variants(z.strip())):
            if self._lk == "ar":
                yield from self._arabic(key, term, base)
            elif self._lk == "fa":
                tails = frozenset({"", *(self._fold(x) for x in persian_suffixes(term.text.split()[-1]))})
                yield key, _replace(base, tails=tails)
                yield from self._persian_inner(key, _replace(base, tails=tails))
                for closed in self._persian_joints(key):
                    yield closed, _replace(base, tails=tails)
            elif self._lk == "en" and not exact_case:
                yield from self._english(key, term, base)
            else:
                yield key, base

    def _zwnj_variants(self, text: str) -> list[str]:
        """A term written with ZWNJ also matches closed up and with a space."""
        pieces = [self._fold(p) for p in text.split(ZWNJ)]
        if len(pieces) == 1:
            return pieces
        seps = ("", " ") if "zwnj" in self.normalizer.folds else (ZWNJ,)
        n = len(pieces) - 1
        combos = product(seps, repeat=n) if n <= _MAX_ZWNJ else ((s,) * n for s in seps)
        return ["".join(p + s for p, s in zip(pieces, (*combo, ""))) for combo in combos]

    def _arabic(self, key: str, term: Term, base: _Entry) -> Iterator[tuple[str, _Entry]]:
        text = term.text
        words = key.split(" ")
        if has_bare_article(text) and len(words[0]) > 3:
            # The term's own ال is set aside: the text may spell it ال، وال، بال، لل...
            core = key[2:]
            yield core, _replace(base, article=True, lam=core.startswith("ل"))
            yield from self._arabic_bare(key, text, base)
            return
        light = self._light.fold(text).split(" ")
        inflect = term.part_of_speech.lower() in ("", "noun") and len(light) == len(words)
        indefinite = not any(has_bare_article(w) for w in text.split())
        rests = [" ".join(words[1:])] if len(words) > 1 else []
        if rests and indefinite:
            # An indefinite term (أمن سيبراني) also matches with the article on every word.
            rests.append(" ".join("ال" + w for w in words[1:]))
            yield f"{words[0]} {rests[1]}", base
        stems = arabic_pronoun_stems(light[-1]) if inflect and arabic_inflectable(light[-1]) else []
        if any(not letter for _, letter in stems):
            yield key, _replace(base, tails=base.tails | self._pron_tails, pron=True)
        else:
            yield key, base
        if term.part_of_speech.lower() in ("", "noun", "adjective") and len(light) == len(words) == 1 \
                and arabic_inflectable(light[0]):
            # The plural, dual or feminine of a one-word term: لقاحات، مصابين، التنفسية; and the accusative
            # indefinite alef where the tanween is written: قيودًا. Not on the last word of a longer term,
            # which agrees with the others (تعاون دولي, never تعاون دولية).
            endings = {self._fold(x) for x in arabic_endings(light[-1])}
            if light[-1][-1] not in "ةاىء":
                endings.add(self._fold(AR_TANWEEN_ALEF))
            if endings:
                yield key, _replace(base, tails=frozenset(endings), endings=True)
        for stem, letter in stems:
            # A pronoun on the last (or only) word: حفل توقيعها، اتفاقيتها.
            if letter:
                pattern = " ".join([*words[:-1], self._fold(stem)])
                yield pattern, _replace(base, tails=self._pron_tails, pron=True, restore=(len(pattern) - 1, letter))
        if not (inflect and rests and arabic_inflectable(light[0])):
            return
        # A pronoun on the first word: دخولها حيز النفاذ (the rest as it is, when it ends definite),
        # سيادتها الوطنية (an indefinite term: the rest takes the article).
        rest = rests[0] if has_bare_article(light[-1]) else rests[-1] if indefinite else None
        for stem, letter in arabic_pronoun_stems(light[0]) if rest is not None else ():
            head = self._fold(stem)
            for pron in self._pronouns:
                yield f"{head}{pron} {rest}", _replace(
                    base, pron=True, inner=(len(head), len(head) + len(pron)),
                    restore=(len(head) - 1, letter) if letter else None)
        # The head noun in the dual construct: وزارتا الأمن العام (and والخارجية, see _dual_partners).
        # Only a construct (a term ending definite): the dual of a noun and its adjective inflects
        # both (تعاونان دوليان), and تعاوني دولي is the adjective "cooperative", not two cooperations.
        dual = arabic_dual_stem(light[0]) if has_bare_article(light[-1]) else None
        if dual is not None:
            head = self._fold(dual[0])
            self._dual_comps.setdefault(words[0], {}).setdefault(rests[0], []).append(base)
            for ending in AR_DUAL_ENDINGS:
                yield f"{head}{self._fold(ending)} {rests[0]}", _replace(
                    base, dual=(words[0], len(head)), inner=(len(head), len(head) + 1),
                    restore=(len(head) - 1, dual[1]) if dual[1] else None)

    def _arabic_bare(self, key: str, text: str, base: _Entry) -> Iterator[tuple[str, _Entry]]:
        """A term given with the article, written without it: one word as the head of a construct
        or indefinite (أعراض المرض، لانتشار for الأعراض، الانتشار), a noun and its adjective both
        bare (حجر صحي for الحجر الصحي; a construct keeps its inner article: منظمة الصحة العالمية)."""
        words, light = key.split(" "), self._light.fold(text).split(" ")
        if len(words) != len(light) or len(words) > 2 or not all(arabic_bare_ok(w, len(words) == 1) for w in light):
            return
        bare = _replace(base, bare=True)
        yield " ".join(w[2:] for w in words), bare
        word = light[0][2:]
        if len(words) > 1 or len(word) < AR_BARE_INFLECT_MIN or base.term.part_of_speech.lower() not in ("", "noun"):
            return
        # A pronoun on the bare word (أعراضهم، انتقاله، استعدادها), and the accusative alef where the
        # tanween is written (أعراضًا، فيروسًا).
        for stem, letter in arabic_pronoun_stems(word):
            pattern = self._fold(stem)
            yield pattern, _replace(bare, tails=self._pron_tails, pron=True,
                                    restore=(len(pattern) - 1, letter) if letter else None)
        if word[-1] not in "ةاىء":
            yield words[0][2:], _replace(bare, tails=frozenset({self._fold(AR_TANWEEN_ALEF)}), endings=True)

    @staticmethod
    def _english(key: str, term: Term, base: _Entry) -> Iterator[tuple[str, _Entry]]:
        if term.part_of_speech.lower() != "verb":
            for pattern, tails in english_plurals(key):
                yield pattern, _replace(base, tails=tails)
            return
        first, sep, rest = key.partition(" ")
        for stem, tails in english_verb_forms(first):
            if not sep:
                yield stem, _replace(base, tails=tails)
                continue
            for tail in tails:
                yield f"{stem}{tail} {rest}", _replace(base, inner=(len(stem), len(stem) + len(tail)))

    def _persian_inner(self, key: str, base: _Entry) -> Iterator[tuple[str, _Entry]]:
        """Plural suffix on the head (first) word of a multiword term."""
        head, sep, rest = key.partition(" ")
        if not sep:
            return
        joins = ("", " ") if "zwnj" in self.normalizer.folds else (ZWNJ, " ")
        for suffix in FA_INNER_SUFFIXES:
            folded = self._fold(suffix)
            for join in joins:
                inner = join + folded
                yield f"{head}{inner} {rest}", _replace(base, inner=(len(head), len(head) + len(inner)))

    def _persian_joints(self, key: str) -> Iterator[str]:
        """A Persian term's words, and the parts of a compound (تأییدشده), also written closed up
        (a ZWNJ or nothing between them: ذات‌الریه for ذات الریه) or apart: every other way."""
        spots = [i for i, ch in enumerate(key) if ch == " "]
        for word in regex.finditer(r"[^ ]+", key):
            for part, size in self._parts.items():
                if word.group().endswith(part) and len(word.group()) > size + 1:
                    spots.append(word.end() - size)
        if not spots:
            return
        spots.sort()
        closed = "" if "zwnj" in self.normalizer.folds else ZWNJ
        n = len(spots)
        # Every way for two joints or fewer; past that, one joint closed at a time, or all (a long
        # term's every combination costs a big glossary's matcher too many patterns).
        combos: Iterable[tuple[bool, ...]] = product((True, False), repeat=n) if n <= _MAX_JOINTS else (
            *(tuple(i != j for j in range(n)) for i in range(n)), (False,) * n)
        for combo in combos:  # True: written apart
            out, prev = [], 0
            for at, apart in zip(spots, combo):
                spaced = key[at] == " "
                out.append(key[prev:at] + (" " if apart else closed))
                prev = at + 1 if spaced else at
            variant = "".join(out) + key[prev:]
            if variant != key:
                yield variant

    # -- scanning -----------------------------------------------------------------
    def scan(self, text: str) -> list[TermHit]:
        """Every hit in ``text``, by position (offsets in ``text``)."""
        return [hit for _, _, hit in self.iter_hits(text)]

    def iter_hits(self, text: str) -> Iterator[tuple[int, int, TermHit]]:
        """``(line number, line offset, hit)`` for every hit, line by line."""
        if not self.size:
            return
        for line in lines_of(text):
            for hit in self.scan_line(line.text, line.offset):
                yield line.number, line.offset, hit

    def records(self, text: str, name: str) -> Iterator[dict[str, object]]:
        """One JSON-ready record a hit, as ``wb glossary scan --format jsonl`` and
        ``build/terms.jsonl`` write them: ``file``, ``line``, ``col`` (1-based)
        and the fields of :class:`~workbench.model.TermHit`."""
        for number, offset, hit in self.iter_hits(text):
            yield {"file": name, "line": number, "col": hit.start - offset + 1, **hit.as_dict()}

    def scan_line(self, line: str, offset: int = 0) -> list[TermHit]:
        """The hits in one line (no term spans a line break)."""
        key = self.normalizer.key(line)
        kt = key.text
        links = [m.span() for m in _LINK.finditer(kt)] if ("/" in kt or "@" in kt) else []
        found: dict[tuple[int, int, str], list[_Candidate]] = {}
        arabic, persian = self._lk == "ar", self._lk == "fa"
        word, n = _WORD, len(kt)
        for end, (plen, entries, open_start, open_end) in self._automaton.iter(kt):
            e = end + 1
            s = ws = e - plen
            if open_start:
                while ws and word[kt[ws - 1]]:
                    ws -= 1
            we = e
            if open_end:
                while we < n and word[kt[we]]:
                    we += 1
            prefix, tail = kt[ws:s], kt[e:we]
            if tail[:1] == ZWNJ:
                tail = tail.lstrip(ZWNJ)
            if links and any(a < e and s < b for a, b in links):
                continue
            stop = we + self._spaced_suffix(kt, we) if persian and not tail else we
            for entry in entries:
                if tail not in entry.tails:
                    continue
                if entry.endings and not _ending_written(line, key.starts, e, we):
                    continue
                if (prefix or entry.article) and not (arabic and arabic_prefix_ok(prefix, entry.article, entry.lam)):
                    continue
                if entry.bare and not arabic_suffix_prefix_ok(prefix):
                    continue  # the article-less form of a term takes no article (that is the term as given)
                if arabic and (entry.dual or entry.pron and (tail or entry.inner)):
                    if not arabic_suffix_prefix_ok(prefix):
                        continue  # ال and a pronoun (or a dual construct) never go together
                    if entry.pron and not self._pronoun_written(line, key.starts, s, e, we, entry):
                        continue
                    if entry.dual:
                        partners = list(self._dual_partners(kt, e, entry.dual[0], kt[s + entry.dual[1] + 2:e]))
                        for q, partner in partners:
                            found.setdefault((ws, q, entry.concept), []).append((entry, s, e, (entry, q, False)))
                            found.setdefault((ws, q, partner.concept), []).append((partner, s, e, (entry, q, True)))
                        if partners:
                            continue
                found.setdefault((ws, stop, entry.concept), []).append((entry, s, e, None))
        hits = [hit for slot, candidates in found.items()
                if (hit := self._resolve(line, key.starts, offset, slot, candidates)) is not None]
        return _mark_nested(hits) if len(hits) > 1 else hits

    def _pronoun_written(self, line: str, starts: tuple[int, ...], s: int, e: int, we: int, entry: _Entry) -> bool:
        """Is the pronoun a pronoun in the original text? The key folds ة to ه: وزيرة is not وزير + ه."""
        if entry.inner is not None:
            a, b = s + entry.inner[0], s + entry.inner[1]
        else:
            a, b = e, we
        if a == b:
            return True
        written = line[starts[a]:starts[b - 1] + 1]
        return "ة" not in written and "ۀ" not in written

    def _dual_partners(self, kt: str, e: int, head: str, own: str) -> Iterator[tuple[int, _Entry]]:
        """After a head in the dual and its first complement (``own``), `` و`` and the complement
        of another term with the same head: (key end, that term's entry)."""
        comps = self._dual_comps.get(head)
        if comps is None or len(comps) < 2 or kt[e:e + 2] != " و":
            return
        size = len(kt)
        p = n = e + 2
        words = 0
        for count in self._dual_lens[head]:
            while words < count:
                if words:
                    if n >= size or kt[n] != " ":
                        return
                    n += 1
                begin = n
                while n < size and kt[n] != " ":
                    n += 1
                if n == begin:
                    return
                words += 1
            q = n
            while q > p and not _WORD[kt[q - 1]]:
                q -= 1  # punctuation after the complement
            comp = kt[p:q]
            if comp != own:
                for partner in comps.get(comp, ()):
                    yield q, partner

    def _spaced_suffix(self, kt: str, we: int) -> int:
        """Length of `` های`` (space or ZWNJ, then a plural suffix word) at ``we``."""
        if we >= len(kt) or kt[we] not in (" ", ZWNJ):
            return 0
        j = we + 1
        while j < len(kt) and _WORD[kt[j]]:
            j += 1
        return j - we if kt[we + 1:j] in self._spaced else 0

    def _resolve(self, line: str, starts: tuple[int, ...], offset: int, slot: tuple[int, int, str],
                 candidates: list[_Candidate]) -> TermHit | None:
        """The hit of one concept at one place: the term the surface spells most exactly."""
        best: tuple[tuple[int, int], _Entry, int, int, str, _Candidate] | None = None
        for candidate in candidates:
            entry, s, e, coord = candidate
            core = _core(line, starts, s, e, entry) if coord is None else _coordinated_core(line, starts, s, e, coord)
            if entry.exact_case and core != entry.term.text:
                continue
            if len(candidates) == 1:
                best = ((0, 0), entry, s, e, core, candidate)
                break
            light = entry.light[2:] if entry.article and entry.light.startswith("ال") else entry.light
            rank = (0 if not entry.bare and self._light.fold(core) == light else 1, entry.term.status.rank)
            if best is None or rank < best[0]:
                best = (rank, entry, s, e, core, candidate)
        if best is None:
            return None
        _, entry, s, e, core, (_, _, _, coord) = best
        ws, we, _ = slot
        start = starts[ws]
        stop = _after_marks(line, starts[we - 1] + 1)  # trailing tashkeel belongs to the word
        source = entry if coord is None else coord[0]  # a coordinated dual: the ending is the dual entry's
        suffix = line[_after_marks(line, starts[e - 1] + 1):stop] if coord is None else ""
        if source.inner is not None and source.inner[1] > source.inner[0]:
            suffix = line[starts[s + source.inner[0]]:starts[s + source.inner[1] - 1] + 1] + suffix
        return TermHit(
            start=offset + start, end=offset + stop, surface=line[start:stop], concept=entry.concept,
            lang=entry.term.lang, term=entry.term.text, status=entry.term.status,
            prefix=line[start:starts[s]], suffix=suffix.strip(ZWNJ + " ") if suffix else "",
            folds=self._needed_folds(core, entry.term.text),
        )

    def _needed_folds(self, core: str, term: str) -> tuple[str, ...]:
        """The folds that make ``core`` and ``term`` differ: those that had to apply."""
        cached = self._folds_cache.get((core, term))
        if cached is None:
            a, b = self._profile(core), self._profile(term)
            cached = tuple(f for f in self.normalizer.folds if a.get(f, []) != b.get(f, []))
            self._folds_cache[(core, term)] = cached
        return cached

    def _profile(self, text: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for ch in text:
            why = self._why.get(ch)
            if why is None:
                why = self._why[ch] = tuple(self.normalizer.explain(ch))
            for fold in why:
                out.setdefault(fold, []).append(ch)
        return {f: sorted(v) for f, v in out.items()}


def _joint_variants(key: str) -> list[str]:
    """A term with a hyphen, or a space beside a digit, between its parts also matches with
    the other one there (كوفيد-19، كوفيد 19)."""
    spots = [m.start() for m in _JOINT.finditer(key)]
    if not spots:
        return [key]
    n = len(spots)
    combos = product(" -", repeat=n) if n <= _MAX_ZWNJ else ((c,) * n for c in " -")
    out = [key]
    for combo in combos:
        chars = list(key)
        for at, c in zip(spots, combo):
            chars[at] = c
        out.append("".join(chars))
    return list(dict.fromkeys(out))


def _ending_written(line: str, starts: tuple[int, ...], e: int, we: int) -> bool:
    """Is an Arabic ending set aside after a term written as one? The alef of the
    accusative only with its tanween (قيودًا, not قيودا), the feminine as ة (not a pronoun ه)."""
    if e == we:
        return True
    written = line[starts[e]:_after_marks(line, starts[we - 1] + 1)]
    if written.strip("\u064b\u0651\u0652") in ("ا", "أ"):  # tanween fatha may sit on the alef or before it
        return AR_TANWEEN_FATHA in line[starts[e - 1]:_after_marks(line, starts[we - 1] + 1)]
    return "ه" not in written


#: A candidate hit: entry, key start and end of the pattern, and for a coordinated dual
#: (the dual entry, key end of the phrase, whether this is the partner term) or None.
_Candidate = tuple[_Entry, int, int, "tuple[_Entry, int, bool] | None"]


def _core(line: str, starts: tuple[int, ...], s: int, e: int, entry: _Entry) -> str:
    """The original text of the term itself (clitics, suffixes, inner suffix left out;
    a stem letter standing for the term's own, as ت for ة, given back)."""
    a, b = starts[s], _after_marks(line, starts[e - 1] + 1)
    head = ""
    if entry.restore is not None:
        pos = starts[s + entry.restore[0]]
        head, a = line[a:pos] + entry.restore[1], _after_marks(line, pos + 1)
    if entry.inner is None or entry.inner[1] == entry.inner[0]:
        return head + line[a:b]
    i0, i1 = starts[s + entry.inner[0]], starts[s + entry.inner[1] - 1] + 1
    return head + line[a:i0] + line[i1:b]


def _coordinated_core(line: str, starts: tuple[int, ...], s: int, e: int,
                      coord: tuple[_Entry, int, bool]) -> str:
    """The term a coordinated dual spells: the head (ت given back as ة) and the
    first complement, or, for the partner term, the head and the complement after و."""
    entry, q, partner = coord
    assert entry.dual is not None
    n = entry.dual[1]
    pos = starts[s + n - 1]
    head = line[starts[s]:pos] + (entry.restore[1] if entry.restore else line[pos])
    if not partner:
        return head + line[starts[s + n + 1]:_after_marks(line, starts[e - 1] + 1)]
    return head + " " + line[starts[e + 2]:_after_marks(line, starts[q - 1] + 1)]


def _mark_nested(hits: list[TermHit]) -> list[TermHit]:
    """Longest hit wins; hits inside or across a longer one are marked nested."""
    hits.sort(key=lambda h: (h.start, -h.end, h.concept))
    if all(a.end <= b.start or (a.start, a.end) == (b.start, b.end) for a, b in zip(hits, hits[1:])):
        return hits  # nothing overlaps (the usual case)
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    winners: list[TermHit] = []
    out: list[TermHit] = []
    for hit in hits:
        covered = any(w.start < hit.end and hit.start < w.end and (w.start, w.end) != (hit.start, hit.end)
                      for w in winners)
        if covered:
            out.append(_nested(hit))
        else:
            winners.append(hit)
            out.append(hit)
    out.sort(key=lambda h: (h.start, -h.end, h.concept))
    return out


def _nested(hit: TermHit) -> TermHit:
    return TermHit(hit.start, hit.end, hit.surface, hit.concept, hit.lang, hit.term, hit.status, True,
                   hit.prefix, hit.suffix, hit.folds)
