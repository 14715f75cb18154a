"""A team's shared memory: the SQLite and PostgreSQL engines side by side, in one run.

Prints figures; asserts nothing. One command (Debian's ``postgresql`` package
installed; a throw-away server is started in a temporary directory and stopped):

    python bench/tm_shared.py                       # 100k TUs
    python bench/tm_shared.py --tus 100000 1000000

The memory is the one of ``bench/tm.py`` (``bench/tm_import.py``): real
Arabic-English sentence pairs of NTREX-128 (CC BY-SA 4.0), TICO-19 test (CC0)
and FLORES-200 devtest (CC BY-SA 4.0) with edited variants; 200 real
sentences held back are the lookup queries. For each size and engine:
``wb tm import`` into a new store (whole command: seconds and peak RSS summed
over its processes), ``wb tm import`` of 10k more TUs, and fuzzy lookup of
the 200 queries in one process (median, p95), with the share of queries whose
matches (scores and TUs) equal the SQLite engine's. Then 8 client processes
each look up the 200 queries while one more process imports 10k other TUs:
lookups a second (all clients together, from the first start to the last
end), p95, and failed lookups.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))
from pg_util import server
from tm import WB, pct, run
from tm_import import DATA, real_pairs, write_tmx

_LOOKUPS = r"""
import json, sys, time
from workbench.tm.engine import open_store
from workbench.tm.fuzzy import FuzzyIndex

spec, queries = sys.argv[1], json.loads(sys.argv[2])
with open_store(spec, create=False) as store:
    index = FuzzyIndex(store)
    index.lookup(queries[0], "ar", "en")
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        matches = index.lookup(q, "ar", "en", 70.0, limit=5)
        times.append(time.perf_counter() - t)
        found.append([(m.score, m.tu) for m in matches])
print(json.dumps({"times": times, "found": found}))
"""
_CLIENT = r"""
import json, sys, time
from workbench.tm.engine import open_store
from workbench.tm.fuzzy import FuzzyIndex

spec, queries = sys.argv[1], json.loads(sys.argv[2])
times, failed, first = [], 0, None
start = time.time()
with open_store(spec, create=False) as store:
    for q in queries:
        t = time.perf_counter()
        try:
            FuzzyIndex(store).lookup(q, "ar", "en", 70.0, limit=5)
        except Exception as exc:  # counted, not hidden
            failed += 1
            first = first or f"{type(exc).__name__}: {exc}"
        times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "failed": failed, "first": first, "start": start, "end": time.time()}))
"""
CLIENTS = 8


def concurrent(work: Path, spec: str, queries: list[str], tmx: Path) -> tuple[float, float, int]:
    """Lookups a second, p95 (ms) and failures of :data:`CLIENTS` clients while ``tmx`` is imported."""
    importer = subprocess.Popen([str(WB), "tm", "import", str(tmx), "--store", spec], cwd=work,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    clients = [subprocess.Popen([sys.executable, "-c", _CLIENT, spec, json.dumps(queries)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(CLIENTS)]
    results = [json.loads(c.communicate()[0]) for c in clients]
    if importer.wait():
        sys.exit(f"the concurrent import failed: {importer.stderr.read().decode() if importer.stderr else ''}")
    times = [t for r in results for t in r["times"]]
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    why = next((r["first"] for r in results if r["first"]), None)
    if why:
        print(f"    (a failed lookup: {why})")
    return len(times) / wall, pct(times, 0.95), sum(r["failed"] for r in results)


def one_size(work: Path, tus: int, url: str) -> None:
    tmx, more, meta_path = work / f"real-{tus}.tmx", work / f"more-{tus}.tmx", work / f"queries-{tus}.json"
    if not tmx.exists():
        meta = write_tmx(tmx, real_pairs(DATA), tus, 1)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        write_tmx(more, real_pairs(DATA), 10_000, 2)
        write_tmx(work / f"during-{tus}.tmx", real_pairs(DATA), 10_000, 3)
    queries: list[str] = json.loads(meta_path.read_text(encoding="utf-8"))["queries"]
    print(f"\n{tus:,} TUs, {tmx.stat().st_size / 1e6:.0f} MB TMX")
    print(f"  {'engine':<12}{'import s':>10}{'RSS MB':>8}{'+10k s':>8}{'lookup median ms':>18}{'p95 ms':>8}"
          f"{'same as SQLite':>16}{f'{CLIENTS} clients + import: lookups/s':>34}{'p95 ms':>8}{'failed':>8}")
    reference: list[object] | None = None
    for engine, spec in (("SQLite", str(work / f"store-{tus}.sqlite")), ("PostgreSQL", url)):
        seconds, rss = run([str(WB), "tm", "import", str(tmx), "--store", spec], work)
        added, _ = run([str(WB), "tm", "import", str(more), "--store", spec], work)
        probe = subprocess.run([sys.executable, "-c", _LOOKUPS, spec, json.dumps(queries)], capture_output=True,
                               text=True, check=True)
        out = json.loads(probe.stdout)
        if reference is None:
            reference = out["found"]
        same = sum(a == b for a, b in zip(out["found"], reference)) / len(reference)
        rate, p95, failed = concurrent(work, spec, queries, work / f"during-{tus}.tmx")
        print(f"  {engine:<12}{seconds:>10.1f}{rss:>8.0f}{added:>8.1f}{statistics.median(out['times']) * 1000:>18.1f}"
              f"{pct(out['times'], 0.95):>8.1f}{same:>16.3f}{rate:>34.1f}{p95:>8.1f}{failed:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wb-tm-shared-") as tmp, server() as pg:
        for i, tus in enumerate(args.tus):
            one_size(Path(tmp), tus, pg.new_database(f"bench_{i}"))


if __name__ == "__main__":
    main()
