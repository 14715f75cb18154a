"""The synthetic Arabic-English TMX of ``python bench/tm.py --synthetic``.

Sentences are drawn from Zipf-weighted Arabic word forms (real stems with
clitics, and pseudo-words for the long tail of a real vocabulary) in
*families* (a base sentence and up to four edited variants), with inline
markup, props and notes; 200 queries are held back: edited variants of
stored families, and a few sentences of new families. Deterministic
(``seed``).
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

STEMS = ["كتب", "قرأ", "وقع", "عقد", "قال", "أعلن", "اتفق", "دول", "أمم", "اتحد", "جرم", "أمن", "مؤتمر", "وزير", "نائب", "رئيس", "حكومة", "برلمان", "مجلس", "لجنة", "تعاون", "دعم", "حماية", "بيانات", "رقمي", "إلكتروني", "شبكة", "نظام", "قانون", "محكمة", "عدل", "حق", "إنسان", "سلام", "تنمية", "اقتصاد", "مال", "تجارة", "سوق", "شركة", "عمل", "عامل", "طالب", "مدرسة", "جامعة", "علم", "بحث", "صحة", "طب", "مستشفى", "مرض", "دواء", "ماء", "غذاء", "زراعة", "أرض", "بحر", "نهر", "مدينة", "قرية", "شارع", "بيت", "باب", "نافذة", "يوم", "شهر", "سنة", "ساعة", "وقت", "عام", "جديد", "قديم", "كبير", "صغير", "أول", "آخر", "هانوي", "فيينا", "جنيف", "نيويورك", "طوكيو", "باريس", "مكتب", "خبير", "تقرير", "وثيقة", "رسالة", "خطاب", "بيان", "قرار", "مشروع", "برنامج", "خطة", "هدف", "نتيجة", "مشكلة", "حل", "سؤال", "جواب", "رأي", "فكرة"]
PREFIXES = ("", "", "", "ال", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف")
SUFFIXES = ("", "", "", "ة", "ات", "ين", "ها", "هم", "ية")
FUNCTION = ["في", "على", "من", "إلى", "عن", "مع", "أن", "إن", "هذا", "هذه", "التي", "الذي", "كان", "قد", "لم", "لا", "ما", "بين", "بعد", "قبل", "حتى", "كل"]
EN = ["sign", "meet", "agree", "state", "nation", "unite", "crime", "security", "conference", "minister", "deputy", "president", "government", "parliament", "council", "committee", "cooperate", "support", "protect", "data", "digital", "electronic", "network", "system", "law", "court", "justice", "right", "human", "peace", "develop", "economy", "money", "trade", "market", "company", "work", "worker", "student", "school", "university", "science", "research", "health", "medicine", "hospital", "disease", "drug", "water", "food", "farm", "land", "sea", "river", "city", "village", "street", "house", "door", "window", "day", "month", "year", "hour", "time", "general", "new", "old", "big", "small", "first", "last", "hanoi", "vienna", "geneva", "york", "tokyo", "paris", "office", "expert", "report", "document", "letter", "speech", "statement", "decision", "project", "programme", "plan", "goal", "result", "problem", "solution", "question", "answer", "opinion", "idea"]
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652"
#: Arabic letters, most frequent first (for pseudo-words: the long tail of a real vocabulary).
LETTERS = "الميونرتبكدسعفقهحجشصخطزذضغثظءأإآةى"


class Corpus:
    """Deterministic synthetic families of Arabic sentences with English twins."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        common = sorted({p + s + f for s in STEMS for p in PREFIXES for f in SUFFIXES})
        letter_weights = [1.0 / (i + 2) for i in range(len(LETTERS))]
        tail = sorted({"".join(self.rng.choices(LETTERS, letter_weights, k=self.rng.randint(3, 8)))
                       for _ in range(60_000)})
        self.words = FUNCTION + common + tail
        self.rng.shuffle(self.words)
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(self.words))]
        self.cum = list(_accumulate(weights))

    def word(self) -> int:
        return _bisect(self.cum, self.rng.random() * self.cum[-1])

    def base(self) -> list[int]:
        return [self.word() for _ in range(self.rng.randint(6, 24))]

    def variant(self, base: list[int]) -> list[int]:
        out = list(base)
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3, 4))):
            i = self.rng.randrange(len(out))
            op = self.rng.random()
            if op < 0.5:
                out[i] = self.word()
            elif op < 0.75:
                out.insert(i, self.word())
            elif len(out) > 4:
                del out[i]
        return out

    def arabic(self, ids: list[int]) -> str:
        words = [self.words[i] for i in ids]
        if self.rng.random() < 0.15:  # sprinkle diacritics and hamza spellings: the key folds them
            j = self.rng.randrange(len(words))
            words[j] = "".join(c + (self.rng.choice(DIACRITICS) if self.rng.random() < 0.3 else "") for c in words[j])
        if self.rng.random() < 0.1:
            words = [w.replace("ا", "أ", 1) if w.startswith("ا") else w for w in words]
        return " ".join(words) + "."

    def english(self, ids: list[int]) -> str:
        return " ".join(EN[i % len(EN)] for i in ids).capitalize() + "."


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def generate(path: Path, tus: int, seed: int, queries_path: Path) -> None:
    """Write the TMX and the held-back queries."""
    from workbench.formats.tmx import header_for_export, write_tmx
    from workbench.model import TU, TUV, Note, Prop

    corpus = Corpus(seed)
    rng = corpus.rng
    families: list[list[int]] = []
    queries: list[str] = []

    def units() -> Iterator[TU]:
        n = 0
        while n < tus:
            base = corpus.base()
            families.append(base)
            for _ in range(rng.randint(1, 5)):
                if n >= tus:
                    break
                ids = corpus.variant(base)
                ar, en = corpus.arabic(ids), corpus.english(ids)
                ar_seg = ar.replace("&", "&amp;").replace("<", "&lt;")
                en_seg = en.replace("&", "&amp;").replace("<", "&lt;")
                if rng.random() < 0.2:
                    w = ar.split(" ", 1)
                    if len(w) == 2:
                        ar_seg = f'<bpt i="1">&lt;b&gt;</bpt>{w[0]}<ept i="1">&lt;/b&gt;</ept> {w[1]}'
                        e = en.split(" ", 1)
                        en_seg = f'<bpt i="1">&lt;b&gt;</bpt>{e[0]}<ept i="1">&lt;/b&gt;</ept> {e[1] if len(e) > 1 else ""}'
                if rng.random() < 0.1:
                    ar_seg += ' <ph x="2">&lt;br/&gt;</ph>'
                    en_seg += ' <ph x="2">&lt;br/&gt;</ph>'
                day = 1 + n % 28
                attrs = (("tuid", str(n + 1)), ("srclang", "ar"), ("creationdate", f"202401{day:02d}T120000Z"),
                         ("creationid", f"translator{n % 7}"), ("usagecount", str(n % 5)))
                props = (Prop("x-domain", ("law", "news", "health")[n % 3]), Prop("x-client", "UNODC"))
                notes = (Note(f"unit {n + 1} reviewed"),) if n % 10 == 0 else ()
                n += 1
                yield TU((TUV(lang="ar", seg=ar_seg, text=ar), TUV(lang="en", seg=en_seg, text=en)), attrs, props, notes)

    write_tmx(path, units(), header_for_export(None, "ar"))
    for i in range(200):
        if i % 10 == 9:
            queries.append(corpus.arabic(corpus.base()))
        else:
            queries.append(corpus.arabic(corpus.variant(rng.choice(families))))
    queries_path.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
