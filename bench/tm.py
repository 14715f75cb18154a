"""Translation memory benchmark: import, export and fuzzy lookup on a synthetic ar-en TMX.

Prints figures; asserts nothing. Every phase runs in its own process so its
peak RSS is its own.

    python bench/tm.py                 # 100k TUs
    python bench/tm.py --tus 1000000   # the full run (about 650 MB of TMX)
    python bench/tm.py --repeat 3      # floor, import and export: median of 3 runs
    python bench/tm.py --memory        # and memory in PSS (helpers' shared pages counted once)

The TMX is deterministic (``--seed``): sentences are drawn from Zipf-weighted
Arabic word forms (real stems with clitics, and pseudo-words for the long
tail of a real vocabulary) in *families* (a base sentence and up to four edited
variants, as real memories hold), with inline markup, props and notes.
200 queries are held back: edited variants of stored families, and a few
sentences of new families. After the export, 1% more TUs (another seed) are
imported into the indexed store and the index is brought up to date
incrementally, so lookups run over an index with an appended tail. Brute
force scores every stored Arabic key with rapidfuzz (``cdist`` over all
cores) for the agreement figures.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

STEMS = ("كتب قرأ وقع عقد قال أعلن اتفق دول أمم اتحد جرم أمن مؤتمر وزير نائب رئيس حكومة برلمان مجلس لجنة "
         "تعاون دعم حماية بيانات رقمي إلكتروني شبكة نظام قانون محكمة عدل حق إنسان سلام تنمية اقتصاد مال "
         "تجارة سوق شركة عمل عامل طالب مدرسة جامعة علم بحث صحة طب مستشفى مرض دواء ماء غذاء زراعة أرض "
         "بحر نهر مدينة قرية شارع بيت باب نافذة يوم شهر سنة ساعة وقت عام جديد قديم كبير صغير أول آخر "
         "هانوي فيينا جنيف نيويورك طوكيو باريس مكتب خبير تقرير وثيقة رسالة خطاب بيان قرار مشروع برنامج "
         "خطة هدف نتيجة مشكلة حل سؤال جواب رأي فكرة").split()
PREFIXES = ("", "", "", "ال", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف")
SUFFIXES = ("", "", "", "ة", "ات", "ين", "ها", "هم", "ية")
FUNCTION = "في على من إلى عن مع أن إن هذا هذه التي الذي كان قد لم لا ما بين بعد قبل حتى كل".split()
EN = ("sign meet agree state nation unite crime security conference minister deputy president government "
      "parliament council committee cooperate support protect data digital electronic network system law "
      "court justice right human peace develop economy money trade market company work worker student "
      "school university science research health medicine hospital disease drug water food farm land sea "
      "river city village street house door window day month year hour time general new old big small "
      "first last hanoi vienna geneva york tokyo paris office expert report document letter speech "
      "statement decision project programme plan goal result problem solution question answer opinion idea").split()
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


# -- phases (each in its own process) -----------------------------------------

def phase_floor(tmx: str, every: str) -> dict[str, float]:
    from lxml import etree

    start = time.perf_counter()
    n = 0
    kwargs = {"tag": "tu"} if every == "tu" else {}
    for _, el in etree.iterparse(tmx, events=("end",), resolve_entities=False, no_network=True, **kwargs):
        if el.tag == "tu":
            n += 1
            el.clear()
            parent = el.getparent()
            while el.getprevious() is not None:
                del parent[0]
    return {"seconds": time.perf_counter() - start, "tus": n}


def phase_ttk(tmx: str) -> dict[str, float]:
    from translate.storage.tmx import tmxfile

    start = time.perf_counter()
    with open(tmx, "rb") as fh:
        store = tmxfile(fh)
    return {"seconds": time.perf_counter() - start, "tus": len(store.units)}


def phase_import(tmx: str, store_path: str) -> dict[str, float]:
    from workbench.tm import Store, import_file

    start = time.perf_counter()
    with Store(store_path) as store:
        report = import_file(store, tmx)
    return {"seconds": time.perf_counter() - start, "tus": report.stored}


def phase_index(store_path: str) -> dict[str, float]:
    from workbench.tm import Store
    from workbench.tm.fuzzy import FuzzyIndex

    start = time.perf_counter()
    with Store(store_path) as store:
        FuzzyIndex(store).build()
    return {"seconds": time.perf_counter() - start}


def phase_append(more: str, store_path: str) -> dict[str, float]:
    """Import a few more TUs into the indexed store, then bring the index up to date."""
    from workbench.tm import Store, import_file
    from workbench.tm.fuzzy import FuzzyIndex

    with Store(store_path) as store:
        start = time.perf_counter()
        report = import_file(store, more)
        middle = time.perf_counter()
        FuzzyIndex(store).build()
        end = time.perf_counter()
        tail = store.db.execute("SELECT count(*) FROM fz_doc WHERE doc >= ?",
                                (int(store.setting("fuzzy_tail") or 0),)).fetchone()[0]
    return {"seconds": end - start, "index_seconds": end - middle, "tus": report.stored, "tail": tail}


def phase_export(store_path: str, out: str) -> dict[str, float]:
    from workbench.tm import Store, export_store

    start = time.perf_counter()
    with Store(store_path) as store:
        n = export_store(store, out).written
    return {"seconds": time.perf_counter() - start, "tus": n}


def phase_lookup(store_path: str, queries_path: str, min_text: str) -> dict[str, object]:
    from workbench.tm import Store
    from workbench.tm.fuzzy import FuzzyIndex

    queries = json.loads(Path(queries_path).read_text(encoding="utf-8"))
    min_score = float(min_text)
    with Store(store_path) as store:
        index = FuzzyIndex(store)
        for q in queries[:5]:
            index.lookup(q, "ar", "en", min_score)
        times, results = [], []
        for q in queries:
            start = time.perf_counter()
            found = index.lookup(q, "ar", "en", min_score, limit=5)
            times.append(time.perf_counter() - start)
            results.append([m.score for m in found])
    return {"times": times, "scores": results}


def phase_brute(store_path: str, queries_path: str, min_text: str) -> dict[str, object]:
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from workbench.tm import Store
    from workbench.text import default_normalizer

    min_score = float(min_text)
    fold = default_normalizer().fold
    queries = [fold(q) for q in json.loads(Path(queries_path).read_text(encoding="utf-8"))]
    with Store(store_path) as store:
        keys = [k for (k,) in store.db.execute("SELECT key FROM fz_doc WHERE lang = 'ar'")]
    start = time.perf_counter()
    best = np.full((len(queries), 5), -1.0)
    for i in range(0, len(keys), 100_000):
        scores = process.cdist(queries, keys[i: i + 100_000], scorer=Levenshtein.normalized_similarity,
                               score_cutoff=min_score / 100.0, workers=-1, dtype=np.float32)
        both = np.concatenate([best, scores.astype(np.float64)], axis=1)
        best = -np.sort(-both, axis=1)[:, :5]
    seconds = time.perf_counter() - start
    out = [[round(100.0 * float(s), 2) for s in row if s >= min_score / 100.0 and s > 0] for row in best]
    return {"seconds_per_query": seconds / len(queries), "scores": out}


PHASES = {"floor": phase_floor, "ttk": phase_ttk, "import": phase_import, "index": phase_index,
          "append": phase_append, "export": phase_export, "lookup": phase_lookup, "brute": phase_brute}


def run_phase(name: str, *args: str, sample: bool = False) -> dict[str, object]:
    """Run a phase in a child process; its result plus its peak RSS (MB), and
    with ``sample`` its peak memory counted in PSS (see :class:`PssSampler`)."""
    env = {**os.environ, "WB_BENCH_PSS": "1"} if sample else None
    proc = subprocess.run([sys.executable, __file__, "--phase", name, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _peak_rss_mb() -> float:
    """This process's peak RSS. Linux's ru_maxrss counts the parent's RSS at
    fork time too, so the exec'd image's own high-water mark is read instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PssSampler(threading.Thread):
    """The peak of this process's PSS plus its children's (the TMX reader, the
    helpers), read from ``/proc`` every ``every`` seconds. PSS shares a page
    among the processes that map it, so a forked child's copy-on-write pages
    count once, not twice as in the sum of RSS. Reading ``smaps_rollup`` costs
    CPU, so timings come from runs without it."""

    def __init__(self, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.every, self.peak_kb, self.done = every, 0, threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.done.wait(self.every):
            try:
                children = Path(f"/proc/{me}/task/{me}/children").read_text().split()
            except OSError:
                children = []
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in [str(me), *children]))


def _pss_kb(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _child(name: str, args: list[str]) -> None:
    sampler = PssSampler() if os.environ.get("WB_BENCH_PSS") else None
    if sampler is not None:
        sampler.start()
    result = PHASES[name](*args)  # type: ignore[operator]
    # plus the peak of any process the phase started (the import's TMX reader, helpers):
    # an upper bound, as a forked child's RSS counts pages it shares with this one
    result["rss_mb"] = _peak_rss_mb() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if sampler is not None:
        sampler.done.set()
        sampler.join()
        result["pss_mb"] = max(sampler.peak_kb / 1024, _peak_rss_mb())
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min", type=float, default=70.0, help="minimum score of lookups (default 70)")
    parser.add_argument("--dir", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--no-ttk", action="store_true", help="skip translate-toolkit's tmxfile")
    parser.add_argument("--memory", action="store_true",
                        help="at the end, import, index and export once more, sampling memory in PSS")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of the floor, import and export phases; the median is shown (default 1)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.phase:
        _child(args.phase, rest)
        return
    work = args.dir or Path(tempfile.mkdtemp(prefix="wb-bench-tm-"))
    work.mkdir(parents=True, exist_ok=True)
    tmx, queries, store, out = work / "bench.tmx", work / "queries.json", work / "bench.sqlite", work / "export.tmx"
    more, more_tus = work / "more.tmx", max(1, args.tus // 100)
    if not tmx.exists():
        t = time.perf_counter()
        generate(tmx, args.tus, args.seed, queries)
        print(f"generated {args.tus:,} TUs, {tmx.stat().st_size / 1e6:,.0f} MB in {time.perf_counter() - t:.1f} s "
              f"({tmx})", file=sys.stderr)
    if not more.exists():
        generate(more, more_tus, args.seed + 1, work / "more-queries.json")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    rows: list[tuple[str, dict[str, object]]] = []

    def step(label: str, name: str, *a: str, repeat: int = 1) -> dict[str, object]:
        runs = []
        for _ in range(repeat):
            if name == "import":
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{store}{suffix}").unlink(missing_ok=True)
            runs.append(run_phase(name, *a))
        result = next((r for r in runs if "error" in r), None) or {
            **runs[0], "seconds": statistics.median(float(r["seconds"]) for r in runs),  # type: ignore[arg-type]
            "rss_mb": max(float(r["rss_mb"]) for r in runs)}  # type: ignore[arg-type]
        rows.append((label + (f" (median of {repeat})" if repeat > 1 else ""), result))
        print(f"  {label}: done", file=sys.stderr)
        return result

    floor_all = step("lxml iterparse, every element (floor)", "floor", str(tmx), "all", repeat=args.repeat)
    step("lxml iterparse, tag='tu'", "floor", str(tmx), "tu")
    if not args.no_ttk:
        step("translate-toolkit tmxfile load", "ttk", str(tmx))
    imp = step("wb import (store, one transaction)", "import", str(tmx), str(store), repeat=args.repeat)
    idx = step("wb fuzzy index build", "index", str(store))
    step("wb export TMX", "export", str(store), str(out), repeat=args.repeat)
    grown = step(f"wb import of {more_tus:,} more TUs + index update", "append", str(more), str(store))
    if "error" not in grown:
        rows.append(("  of which incremental index update", {**grown, "seconds": grown["index_seconds"]}))
    look = run_phase("lookup", str(store), str(queries), str(args.min))
    cached = work / f"brute-{args.min:g}-more.json"  # the store holds the more TUs too
    if cached.exists() and cached.stat().st_mtime > tmx.stat().st_mtime and not imp.get("error"):
        brute = json.loads(cached.read_text(encoding="utf-8"))
    else:
        brute = run_phase("brute", str(store), str(queries), str(args.min))
        if "error" not in brute:
            cached.write_text(json.dumps(brute), encoding="utf-8")

    base = float(floor_all.get("seconds", 0) or 0)
    print(f"\nTM benchmark: {args.tus:,} TUs, {tmx.stat().st_size / 1e6:,.0f} MB TMX, seed {args.seed}")
    print(f"{'phase':<56}{'seconds':>9}{'× floor':>9}{'peak RSS MB':>13}")
    for label, r in rows:
        if "error" in r:
            print(f"{label:<56}  error: {r['error']}")
            continue
        s = float(r["seconds"])  # type: ignore[arg-type]
        print(f"{label:<56}{s:>9.2f}{s / base if base else 0:>9.2f}{float(r['rss_mb']):>13.0f}")  # type: ignore[arg-type]
    if "error" not in imp and "error" not in idx:
        total = float(imp["seconds"]) + float(idx["seconds"])  # type: ignore[arg-type]
        print(f"{'import + index':<56}{total:>9.2f}{total / base if base else 0:>9.2f}")
    if "error" in look or "error" in brute:
        print(f"lookup: {look.get('error') or brute.get('error')}")
        return
    times = sorted(look["times"])  # type: ignore[arg-type]
    median = statistics.median(times) * 1000
    p95 = times[int(0.95 * (len(times) - 1))] * 1000
    got, want = look["scores"], brute["scores"]  # type: ignore[assignment]
    best = sum(g[:1] == w[:1] for g, w in zip(got, want)) / len(want)
    top5 = sum(g == w for g, w in zip(got, want)) / len(want)
    matched = sum(bool(w) for w in want)
    bf = float(brute["seconds_per_query"]) * 1000  # type: ignore[arg-type]
    tail = f", {grown['tail']:,} of them appended since the index build" if "error" not in grown else ""
    print(f"\nlookup, {len(times)} held-back Arabic queries, min score {args.min:g} ({matched} have a match), "
          f"over every stored variant{tail}:")
    print(f"  median {median:.1f} ms, p95 {p95:.1f} ms, peak RSS {float(look['rss_mb']):.0f} MB")  # type: ignore[arg-type]
    print(f"  brute-force rapidfuzz scan (all cores): {bf:.0f} ms a query; median speed-up {bf / median:.0f}×")
    print(f"  agreement with brute force: best score {best:.3f}, top-5 scores {top5:.3f}")
    if args.memory:
        _memory(tmx, store, out)


def _memory(tmx: Path, store: Path, out: Path) -> None:
    """Import, index and export again, sampling the memory of each phase's processes."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    print("\npeak memory, PSS of the phase's processes sampled every 50 ms (sum of their peak RSS):")
    for label, name, a in (("wb import", "import", (str(tmx), str(store))), ("wb fuzzy index build", "index", (str(store),)),
                           ("wb export TMX", "export", (str(store), str(out)))):
        r = run_phase(name, *a, sample=True)
        if "error" in r:
            print(f"  {label}: error: {r['error']}")
        else:
            print(f"  {label:<22}{float(r['pss_mb']):>6.0f} MB ({float(r['rss_mb']):.0f} MB)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
