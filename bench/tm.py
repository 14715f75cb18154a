"""Translation memory benchmark: whole `wb tm` commands on real sentences, against a bare parse.

Prints figures; asserts nothing. One command gives every figure:

    python bench/tm.py                          # 100k TUs
    python bench/tm.py --tus 100000 1000000     # 100k and 1M (the 1M run takes minutes)
    python bench/tm.py --synthetic              # the synthetic generator's TMX instead

The TMX is made by ``bench/tm_import.py`` from real Arabic-English sentence
pairs of news and health text (NTREX-128, CC BY-SA 4.0; TICO-19 test, CC0;
FLORES-200 devtest, CC BY-SA 4.0; about 5,100 pairs), each pair as it is
and then as edited variants (one to three words left out, replaced or
swapped), with inline markup, props and notes; 200 of the real Arabic
sentences are held back (only their variants are stored): the lookup
queries. Concordance queries are two and three consecutive words of them.

For each size, in one run (each command a whole process, as a user runs it;
peak RSS is the sum over the command's processes, sampled every 20 ms; the
TMX files are read once first, untimed, so that every command, the bare
parse included, finds them in the page cache):
a bare ``lxml`` iterparse of the file; ``wb tm import --no-index`` and
``wb tm import`` into a new store (ready for lookups); the store's size per
table and index (``dbstat``); ``wb tm export``; ``wb tm import`` of 10k more
TUs into the store; fuzzy lookup and concordance in one process (median,
p95; lookup agreement with a brute-force rapidfuzz scan of every stored
Arabic key); ``wb tm lookup`` and ``wb tm concordance`` as whole processes
(median of 11); and the floor of an import, stage by stage, in one
process on one core (CPU and wall seconds): the bare parse, the TMX
reader's records, the records stored, the fuzzy index made.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from tm_import import DATA, real_pairs, write_tmx
from tm_synthetic import generate

WB = Path(sys.executable).with_name("wb")
_FLOOR = """
import sys
from lxml import etree
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="tu", resolve_entities=False, no_network=True):
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
"""


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_rss_kb(int(child))
    except OSError:
        pass
    return total


def sampled(cmd: list[str], cwd: Path, measure: Callable[[int], list[int]]) -> tuple[float, list[int]]:
    """Seconds of one whole command, and the largest (by its sum) of what ``measure`` gave for
    its process id, sampled every 20 ms while it ran (kB figures)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak: list[int] = []

    def sample() -> None:
        while proc.poll() is None:
            now = measure(proc.pid)
            if sum(now) > sum(peak):
                peak[:] = now
            time.sleep(0.02)
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    thread.join()
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{err.decode(errors='replace')}")
    return seconds, peak


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB, summed over its processes) of one whole command."""
    seconds, peak = sampled(cmd, cwd, lambda pid: [_tree_rss_kb(pid)])
    return seconds, sum(peak) / 1024


def _seconds(cmd: list[str], cwd: Path) -> float:
    """Seconds of one whole command, without sampling its memory, as a user's shell runs it
    (Python's compiled modules kept, whatever this process's environment says)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def fresh(store: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)


_INPROCESS = r"""
import inspect, json, statistics, sys, time
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from workbench.tm import Store
from workbench.tm.concordance import concordance
from workbench.tm.fuzzy import FuzzyIndex

store_path, queries, phrases, brute = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4] == "1"
out = {}
with Store(store_path) as store:
    index = FuzzyIndex(store)
    index.lookup(queries[0], "ar", "en")
    times, got = [], []
    for q in queries:
        t = time.perf_counter()
        found = index.lookup(q, "ar", "en", 70.0, limit=5)
        times.append(time.perf_counter() - t)
        got.append([m.score for m in found])
    out["lookup"] = times
    reuse = {"index": index} if "index" in inspect.signature(concordance).parameters else {}  # older versions: none
    ctimes, hits = [], []
    for p in phrases:
        t = time.perf_counter()
        hits.append(len(concordance(store, p, "ar", limit=20, **reuse)))
        ctimes.append(time.perf_counter() - t)
    out["concordance"], out["hits"] = ctimes, hits
    if brute:
        fold = index.fold
        keys = [fold(t) for lang, t in store.db.execute("SELECT lang, text FROM tuv") if lang.split("-")[0] == "ar"]
        qs = [fold(q) for q in queries]
        best = np.full((len(qs), 5), -1.0)
        for i in range(0, len(keys), 100_000):
            s = process.cdist(qs, keys[i: i + 100_000], scorer=Levenshtein.normalized_similarity, score_cutoff=0.7,
                              workers=-1, dtype=np.float32)
            best = -np.sort(-np.concatenate([best, s.astype(np.float64)], axis=1), axis=1)[:, :5]
        want = [[round(100.0 * float(s), 2) for s in row if s >= 0.7] for row in best]
        out["best"] = sum(g[:1] == w[:1] for g, w in zip(got, want)) / len(want)
        out["top5"] = sum(g == w for g, w in zip(got, want)) / len(want)
        out["matched"] = sum(bool(w) for w in want)
print(json.dumps(out))
"""


_LAYERS = r"""
import json, resource, sys, time
from pathlib import Path
from lxml import etree
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import TmxReader
from workbench.tm import Store
from workbench.tm.fuzzy import FuzzyIndex

tmx, store = sys.argv[1], Path(sys.argv[2])
def cpu():  # this process and its helpers (counted once they end)
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
def bare():
    for _, el in etree.iterparse(tmx, events=("end",), tag="tu", resolve_entities=False, no_network=True):
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
def records():
    with TmxReader(tmx, ReadLog(tmx)) as reader:
        for _ in reader.records():
            pass
def stored():
    with Store(store) as s, TmxReader(tmx, ReadLog(tmx)) as reader:
        s.add_records(reader.records(), header=reader.header, bulk=True)
def indexed():
    with Store(store) as s:
        FuzzyIndex(s).build()
out = {}
for name, stage in (("parse", bare), ("records", records), ("store", stored), ("index", indexed)):
    t, c = time.perf_counter(), cpu()
    stage()
    out[name] = (cpu() - c, time.perf_counter() - t)
print(json.dumps(out))
"""


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))] * 1000


def one_size(work: Path, tus: int, seed: int, synthetic: bool, brute: bool) -> dict[str, object]:
    tmx, meta_path = work / f"{'synthetic' if synthetic else 'real'}-{tus}.tmx", work / f"queries-{tus}.json"
    more = work / f"{'synthetic' if synthetic else 'real'}-more-{tus}.tmx"
    if not tmx.exists() or not meta_path.exists():
        if synthetic:
            generate(tmx, tus, seed, meta_path)
            meta = {"queries": json.loads(meta_path.read_text(encoding="utf-8"))}
        else:
            meta = write_tmx(tmx, real_pairs(DATA), tus, seed)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    if not more.exists():
        if synthetic:
            generate(more, 10_000, seed + 1, work / "more-queries.json")
        else:
            write_tmx(more, real_pairs(DATA), 10_000, seed + 1)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    queries: list[str] = meta["queries"]
    phrases = []
    for k, q in enumerate(queries):  # two or three words from a third of the way in
        words = q.split()
        phrases.append(" ".join(words[len(words) // 3: len(words) // 3 + 2 + k % 2]))
    store, out = work / "store.sqlite", work / "export.tmx"
    r: dict[str, object] = {"tus": tus, "mb": tmx.stat().st_size / 1e6, **{k: v for k, v in meta.items() if k != "queries"}}
    for path in (tmx, more):  # read once, untimed: every command, the bare parse first, finds it cached
        with path.open("rb") as fh:
            while fh.read(1 << 23):
                pass
    r["parse"] = run([sys.executable, "-c", _FLOOR, str(tmx)], work)
    fresh(store)
    r["no_index"] = run([str(WB), "tm", "import", str(tmx), "--store", str(store), "--no-index"], work)
    fresh(store)
    r["import"] = run([str(WB), "tm", "import", str(tmx), "--store", str(store)], work)
    import sqlite3

    db = sqlite3.connect(store)
    r["store_mb"] = store.stat().st_size / 1e6
    r["tables"] = {name: size / 1e6 for name, size in db.execute(
        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC") if size > 1e6}
    db.close()
    r["export"] = run([str(WB), "tm", "export", "--store", str(store), "-o", str(out)], work)
    probe = subprocess.run([sys.executable, "-c", _INPROCESS, str(store), json.dumps(queries), json.dumps(phrases),
                            "1" if brute else "0"], capture_output=True, text=True, check=True)
    found = json.loads(probe.stdout)
    r["lookup"] = (statistics.median(found["lookup"]) * 1000, pct(found["lookup"], 0.95))
    r["concordance"] = (statistics.median(found["concordance"]) * 1000, pct(found["concordance"], 0.95),
                        statistics.median(found["hits"]))
    r["agreement"] = (found.get("best"), found.get("top5"), found.get("matched"))
    for label, cmd in (("lookup_process", [str(WB), "tm", "lookup", queries[0], "--store", str(store)]),
                       ("concordance_process", [str(WB), "tm", "concordance", phrases[0], "--store", str(store)])):
        run(cmd, work)
        r[label] = statistics.median(_seconds(cmd, work) for _ in range(11)) * 1000
    r["append"] = run([str(WB), "tm", "import", str(more), "--store", str(store)], work)
    fresh(store)
    layers = subprocess.run([sys.executable, "-c", _LAYERS, str(tmx), str(store)], capture_output=True, text=True,
                            check=True)
    r["layers"] = json.loads(layers.stdout)
    fresh(store)
    return r


def report(r: dict[str, object]) -> None:
    parse = r["parse"][0]  # type: ignore[index]
    print(f"\n{r['tus']:,} TUs, {r['mb']:.0f} MB TMX"
          + (f" ({r['distinct_tus']:,} distinct TUs, {r['distinct_sources']:,} distinct Arabic sources)"
             if "distinct_tus" in r else ""))
    print(f"  {'command':<36}{'seconds':>9}{'× parse':>9}{'peak RSS MB':>13}")
    for label, key in (("bare lxml iterparse", "parse"), ("wb tm import --no-index", "no_index"),
                       ("wb tm import (ready for lookups)", "import"), ("wb tm export", "export"),
                       ("wb tm import of 10k more TUs", "append")):
        s, rss = r[key]  # type: ignore[misc]
        print(f"  {label:<36}{s:>9.2f}{s / parse:>9.2f}{rss:>13.0f}")
    print(f"  store {r['store_mb']:.0f} MB ({r['store_mb'] / r['mb']:.2f}× the TMX): "  # type: ignore[operator]
          + ", ".join(f"{k} {v:.0f}" for k, v in r["tables"].items()))  # type: ignore[attr-defined]
    med, p95 = r["lookup"]  # type: ignore[misc]
    best, top5, matched = r["agreement"]  # type: ignore[misc]
    print(f"  fuzzy lookup, 200 held-back real sentences, in-process: median {med:.1f} ms, p95 {p95:.1f} ms"
          + (f"; agreement with brute force: best {best:.3f}, top-5 {top5:.3f} ({matched} have a match >= 70)"
             if best is not None else ""))
    cmed, cp95, hits = r["concordance"]  # type: ignore[misc]
    print(f"  concordance, 200 two- and three-word Arabic phrases, --lang ar --limit 20, in-process: median {cmed:.1f} ms, "
          f"p95 {cp95:.1f} ms (median {hits:.0f} TUs shown)")
    print(f"  whole processes (median of 11): wb tm lookup {r['lookup_process']:.0f} ms, "
          f"wb tm concordance {r['concordance_process']:.0f} ms")
    layers: dict[str, list[float]] = r["layers"]  # type: ignore[assignment]
    base = layers["parse"][0]
    total, elapsed = 0.0, 0.0
    print("  floor of an import, one process, CPU seconds (× the parse's CPU), wall seconds:")
    for label, key in (("bare lxml iterparse", "parse"), ("+ records (TMX reader)", "records"),
                       ("+ storing them (no index)", "store"), ("+ the fuzzy index", "index")):
        cpu, wall = layers[key]
        if key == "index":
            total, elapsed = total + cpu, elapsed + wall
        else:  # each stage before the index parses the file again
            total, elapsed = cpu, wall
        print(f"    {label:<30}{total:>8.2f} ({total / base:.1f}×){elapsed:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synthetic", action="store_true", help="bench/tm_synthetic.py's TMX instead of real sentences")
    parser.add_argument("--no-brute", action="store_true", help="skip the brute-force scan (agreement figures)")
    parser.add_argument("--dir", type=Path, help="working folder, TMX files kept (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="wb-bench-tm-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for tus in args.tus:
        results.append(one_size(work, tus, args.seed, args.synthetic, not args.no_brute))
        report(results[-1])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\n{os.cpu_count()} cores; figures of one run on this machine (compare ratios to the parse of the same run)")


if __name__ == "__main__":
    main()
