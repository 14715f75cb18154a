"""A team's shared memory: the SQLite and PostgreSQL engines side by side, in one run.

Prints figures; asserts nothing. One command (Debian's ``postgresql`` package
installed; a throw-away server is started in a temporary directory and stopped):

    python bench/tm_shared.py                       # 100k TUs
    python bench/tm_shared.py --tus 100000 1000000  # and 1M (long: most of an hour on 2 busy cores)

The memory is the one of ``bench/tm.py`` (``bench/tm_import.py``): real
Arabic-English sentence pairs of NTREX-128 (CC BY-SA 4.0), TICO-19 test (CC0)
and FLORES-200 devtest (CC BY-SA 4.0), read from ``bench/align/data``, with
edited variants; 200 real sentences held back are the lookup queries. The
TMX files are written to ``--dir`` (kept for the next run) or a temporary folder.

For each size and engine, in one run:

- ``wb tm import`` into a new store (ready for lookups), a whole process:
  seconds and peak memory: the RSS of the command's processes, summed, plus
  for PostgreSQL the PSS of every process of the server (postmaster,
  backends, background workers; PSS so that shared buffers count once),
  sampled every 20 ms; the server's share is shown apart;
- the store's size and its fuzzy index's (``fz_gram``, ``fz_seg``);
- ``wb tm import`` of 10k more TUs;
- in one process: opening the store, the first lookup (the index's variant
  table read), then the 200 queries (median, p95); agreement with a
  brute-force rapidfuzz scan of every stored Arabic key (best score equal;
  five best equal) and the share of queries whose matches (scores and TU ids)
  equal the SQLite engine's; the CPU time a lookup costs its process and, for PostgreSQL, the
  server's backend (``/proc/PID/stat``), with the lookups a second two idle
  cores could serve at that cost (an estimate, free of the machine's load);
- ``wb tm lookup`` as a whole process (median of 5): what a lookup costs from nothing;
- 8 client processes, each with one open store, looking up the 200 queries
  (each lookup on a snapshot of its own), while one more process imports 10k
  other TUs: lookups a second (all clients, from the first lookup to the last),
  p95, the same while the import runs, and failed lookups (their first error shown).

The server is the tests' (tests/pg_util.py: default settings but fsync,
full_page_writes and synchronous_commit off), so PostgreSQL's write figures
are a lower bound; SQLite writes with synchronous=NORMAL. The load average
is printed: the machine may be shared, compare the engines within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))
from pg_util import Server, server
from tm import WB, pct, sampled
from tm_import import DATA, real_pairs, write_tmx

CLIENTS = 8
_PROBE = r"""
import json, os, sys, time
t0 = time.perf_counter()
from workbench.tm.engine import open_store
from workbench.tm.fuzzy import FuzzyIndex

def server_cpu(pid):
    if pid is None:
        return 0.0
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

spec, queries = sys.argv[1], json.loads(sys.argv[2])
with open_store(spec, create=False) as store:
    t1 = time.perf_counter()
    index = FuzzyIndex(store)
    index.lookup(queries[0], "ar", "en")
    t2 = time.perf_counter()
    backend = store.db.conn.info.backend_pid if hasattr(store.db, "conn") else None
    times, found = [], []
    cpu, served = time.process_time(), server_cpu(backend)
    for q in queries:
        t = time.perf_counter()
        matches = index.lookup(q, "ar", "en", 70.0, limit=5)
        times.append(time.perf_counter() - t)
        found.append([(m.score, m.tu) for m in matches])
    cpu, served = time.process_time() - cpu, server_cpu(backend) - served
print(json.dumps({"open": t1 - t0, "first": t2 - t1, "times": times, "found": found,
                  "cpu": cpu / len(queries), "server_cpu": served / len(queries)}))
"""
_CLIENT = r"""
import json, sys, time
from workbench.tm.engine import open_store
from workbench.tm.fuzzy import FuzzyIndex

spec, queries, go = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3])
spans, failed, first = [], 0, None
with open_store(spec, create=False) as store:
    index = FuzzyIndex(store)
    while time.time() < go:
        time.sleep(0.005)
    for q in queries:
        t = time.time()
        try:
            index.lookup(q, "ar", "en", 70.0, limit=5)
        except Exception as exc:  # counted, not hidden
            failed += 1
            first = first or f"{type(exc).__name__}: {exc}"
        spans.append((t, time.time()))
print(json.dumps({"spans": spans, "failed": failed, "first": first}))
"""
_BRUTE = r"""
import json, sys
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from workbench.tm import Store
from workbench.text.normalize import default_normalizer

fold = default_normalizer().fold
with Store(sys.argv[1], create=False) as store:
    keys = [fold(t) for lang, t in store.db.execute("SELECT lang, text FROM tuv") if lang.split("-")[0] == "ar"]
qs = [fold(q) for q in json.loads(sys.argv[2])]
best = np.full((len(qs), 5), -1.0)
for i in range(0, len(keys), 100_000):
    s = process.cdist(qs, keys[i: i + 100_000], scorer=Levenshtein.normalized_similarity, score_cutoff=0.7,
                      workers=-1, dtype=np.float32)
    best = -np.sort(-np.concatenate([best, s.astype(np.float64)], axis=1), axis=1)[:, :5]
print(json.dumps([[round(100.0 * float(s), 2) for s in row if s >= 0.7] for row in best]))
"""


def _kb(pid: int, field: str) -> int:
    """A field of a process's memory (``VmRSS`` from status, ``Pss`` from smaps_rollup), kB; 0 once it is gone."""
    name = "status" if field == "VmRSS" else "smaps_rollup"
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    out = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                out += _tree(int(child))
    except OSError:
        pass
    return out


def _postmaster(pg: Server) -> int:
    return int((pg.socket_dir / "data" / "postmaster.pid").read_text().split()[0])


def run(cmd: list[str], cwd: Path, postmaster: int | None) -> tuple[float, float, float]:
    """Seconds, peak memory (MB: the command's RSS plus the server's PSS) and
    the server's part of it at that peak, of one whole command."""
    def measure(pid: int) -> list[int]:
        own = sum(_kb(p, "VmRSS") for p in _tree(pid))
        return [own, sum(_kb(p, "Pss") for p in _tree(postmaster)) if postmaster else 0]
    seconds, peak = sampled(cmd, cwd, measure)
    return seconds, sum(peak) / 1024, (peak[1] if peak else 0) / 1024


def _sizes(spec: str) -> tuple[float, float]:
    """The store's MB and its fuzzy index's (tables and their indexes)."""
    from workbench.tm.engine import is_url

    if is_url(spec):
        import psycopg

        with psycopg.connect(spec) as conn:
            total, index = conn.execute(
                "SELECT pg_database_size(current_database()), pg_total_relation_size('fz_gram') "
                "+ pg_total_relation_size('fz_seg')").fetchone()  # type: ignore[misc]
        return total / 1e6, index / 1e6
    import sqlite3

    db = sqlite3.connect(spec)
    index = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fz_%' OR name LIKE "
                       "'sqlite_autoindex_fz_%'").fetchone()[0]
    db.close()
    return Path(spec).stat().st_size / 1e6, index / 1e6


def concurrent(work: Path, spec: str, queries: list[str], tmx: Path) -> dict[str, object]:
    """:data:`CLIENTS` clients looking up ``queries`` while ``tmx`` is imported."""
    go = time.time() + 3.0  # every client open and waiting
    clients = [subprocess.Popen([sys.executable, "-c", _CLIENT, spec,
                                 json.dumps(queries[i * 25:] + queries[: i * 25]), str(go)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(CLIENTS)]
    time.sleep(max(0.0, go - time.time()))
    began = time.time()
    importer = subprocess.Popen([str(WB), "tm", "import", str(tmx), "--store", spec], cwd=work,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = importer.communicate()
    imported = time.time()
    if importer.returncode:
        sys.exit(f"the concurrent import failed: {err.decode(errors='replace')}")
    outs = [c.communicate() for c in clients]
    if any(c.returncode for c in clients):
        sys.exit("a client failed: " + next(e for (_, e), c in zip(outs, clients) if c.returncode))
    results = [json.loads(o) for o, _ in outs]
    spans = [s for r in results for s in r["spans"]]
    during = [b - a for a, b in spans if a >= began and b <= imported]
    wall = max(b for _, b in spans) - min(a for a, _ in spans)
    return {"rate": len(spans) / wall, "p95": pct([b - a for a, b in spans], 0.95),
            "during_rate": len(during) / (imported - began), "during_p95": pct(during, 0.95) if during else 0.0,
            "import_s": imported - began, "failed": sum(r["failed"] for r in results),
            "why": next((r["first"] for r in results if r["first"]), None)}


def _agreement(found: list[list[list[float]]], want: list[list[float]]) -> tuple[float, float]:
    got = [[m[0] for m in f] for f in found]
    return (sum(g[:1] == w[:1] for g, w in zip(got, want)) / len(want),
            sum(g == w for g, w in zip(got, want)) / len(want))


def _process_ms(spec: str, query: str, work: Path) -> float:
    """Median of 5 whole ``wb tm lookup`` processes, ms."""
    times = []
    for _ in range(6):
        t = time.perf_counter()
        subprocess.run([str(WB), "tm", "lookup", query, "--store", spec], cwd=work, stdout=subprocess.DEVNULL,
                       check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times[1:]) * 1000


def one_size(work: Path, tus: int, pg: Server, name: str) -> dict[str, dict[str, object]]:
    tmx, more, meta_path = work / f"real-{tus}.tmx", work / f"more-{tus}.tmx", work / f"queries-{tus}.json"
    during = work / f"during-{tus}.tmx"
    if not (tmx.exists() and more.exists() and during.exists() and meta_path.exists()):
        meta = write_tmx(tmx, real_pairs(DATA), tus, 1)
        write_tmx(more, real_pairs(DATA), 10_000, 2)
        write_tmx(during, real_pairs(DATA), 10_000, 3)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    queries: list[str] = json.loads(meta_path.read_text(encoding="utf-8"))["queries"]
    load = os.getloadavg()[0]
    print(f"\n{tus:,} TUs, {tmx.stat().st_size / 1e6:.0f} MB TMX (load average at start {load:.1f})", flush=True)
    sqlite_path = work / f"store-{tus}.sqlite"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    out: dict[str, dict[str, object]] = {}
    for engine, spec, postmaster in (("SQLite", str(sqlite_path), None),
                                     ("PostgreSQL", pg.new_database(name), _postmaster(pg))):
        r: dict[str, object] = {}
        r["import"] = run([str(WB), "tm", "import", str(tmx), "--store", spec], work, postmaster)
        r["added"] = run([str(WB), "tm", "import", str(more), "--store", spec], work, postmaster)[0]
        r["sizes"] = _sizes(spec)
        probe = subprocess.run([sys.executable, "-c", _PROBE, spec, json.dumps(queries)], capture_output=True,
                               text=True, check=True)
        r["probe"] = json.loads(probe.stdout)
        if engine == "SQLite":  # the reference, on the memory the lookups saw
            want = json.loads(subprocess.run([sys.executable, "-c", _BRUTE, spec, json.dumps(queries)],
                                             capture_output=True, text=True, check=True).stdout)
        r["process_ms"] = _process_ms(spec, queries[0], work)
        r["concurrent"] = concurrent(work, spec, queries, during)
        out[engine] = r
        print(f"  {engine} done", flush=True)
    reference = out["SQLite"]["probe"]["found"]  # type: ignore[index]
    for r in out.values():
        probe = r["probe"]
        r["agreement"] = _agreement(probe["found"], want)  # type: ignore[index]
        r["same"] = sum(a == b for a, b in zip(probe["found"], reference)) / len(reference)  # type: ignore[index]
        r["matched"] = sum(bool(w) for w in want)
    out["load"] = {"start": load, "end": os.getloadavg()[0]}
    report(tus, out)
    return out


def report(tus: int, out: dict[str, dict[str, object]]) -> None:
    rows = [e for e in out if e != "load"]
    print(f"  {'':<34}" + "".join(f"{e:>14}" for e in rows) + f"{'PG / SQLite':>14}")

    def line(label: str, values: list[float], fmt: str = ".1f") -> None:
        ratio = values[1] / values[0] if len(values) == 2 and values[0] else float("nan")
        print(f"  {label:<34}" + "".join(f"{v:>14{fmt}}" for v in values) + f"{ratio:>14.2f}")
    get = [out[e] for e in rows]
    line("wb tm import, s", [r["import"][0] for r in get])  # type: ignore[index]
    line("  peak memory, MB", [r["import"][1] for r in get])  # type: ignore[index]
    line("  of it the server's, MB", [r["import"][2] for r in get])  # type: ignore[index]
    line("store MB", [r["sizes"][0] for r in get])  # type: ignore[index]
    line("  fuzzy index MB", [r["sizes"][1] for r in get])  # type: ignore[index]
    line("wb tm import of 10k more, s", [r["added"] for r in get])  # type: ignore[misc]
    line("open the store, ms", [r["probe"]["open"] * 1000 for r in get])  # type: ignore[index]
    line("first lookup, ms", [r["probe"]["first"] * 1000 for r in get])  # type: ignore[index]
    line("lookup median, ms", [statistics.median(r["probe"]["times"]) * 1000 for r in get])  # type: ignore[index]
    line("lookup p95, ms", [pct(r["probe"]["times"], 0.95) for r in get])  # type: ignore[index]
    line("  CPU per lookup: client, ms", [r["probe"]["cpu"] * 1000 for r in get])  # type: ignore[index]
    line("  CPU per lookup: server, ms", [r["probe"]["server_cpu"] * 1000 for r in get])  # type: ignore[index]
    line("  lookups/s 2 idle cores can serve", [2 / (r["probe"]["cpu"] + r["probe"]["server_cpu"])  # type: ignore[index]
                                                for r in get])
    line("agreement: best score", [r["agreement"][0] for r in get], ".3f")  # type: ignore[index]
    line("agreement: five best", [r["agreement"][1] for r in get], ".3f")  # type: ignore[index]
    line("matches equal SQLite's", [r["same"] for r in get], ".3f")  # type: ignore[misc]
    line("wb tm lookup process, ms", [r["process_ms"] for r in get])  # type: ignore[misc]
    line(f"{CLIENTS} clients + import: lookups/s", [r["concurrent"]["rate"] for r in get])  # type: ignore[index]
    line("  p95, ms", [r["concurrent"]["p95"] for r in get])  # type: ignore[index]
    line("  during the import: lookups/s", [r["concurrent"]["during_rate"] for r in get])  # type: ignore[index]
    line("  during the import: p95, ms", [r["concurrent"]["during_p95"] for r in get])  # type: ignore[index]
    line("  the import, s", [r["concurrent"]["import_s"] for r in get])  # type: ignore[index]
    line("  failed lookups", [r["concurrent"]["failed"] for r in get], ".0f")  # type: ignore[index]
    for e, r in zip(rows, get):
        if r["concurrent"]["why"]:  # type: ignore[index]
            print(f"  {e}: a failed lookup: {r['concurrent']['why']}")  # type: ignore[index]
    print(f"  ({get[0]['matched']} of 200 queries have a match >= 70 by brute force; load average "
          f"{out['load']['start']:.1f} at start, {out['load']['end']:.1f} at end)")


def growth(sizes: list[int], results: list[dict[str, dict[str, object]]]) -> None:
    """How the figures grow from the first size to the last."""
    a, b = results[0], results[-1]
    print(f"\ngrowth {sizes[0]:,} -> {sizes[-1]:,} TUs ({sizes[-1] / sizes[0]:.0f}x the memory)")
    for engine in ("SQLite", "PostgreSQL"):
        x, y = a[engine], b[engine]
        print(f"  {engine:<12} import {y['import'][0] / x['import'][0]:.1f}x, "  # type: ignore[index]
              f"peak memory {y['import'][1] / x['import'][1]:.1f}x, "  # type: ignore[index]
              f"fuzzy index {y['sizes'][1] / x['sizes'][1]:.1f}x, "  # type: ignore[index]
              f"lookup median {statistics.median(y['probe']['times']) / statistics.median(x['probe']['times']):.2f}x, "  # type: ignore[index]
              f"p95 {pct(y['probe']['times'], 0.95) / pct(x['probe']['times'], 0.95):.2f}x, "  # type: ignore[index]
              f"{CLIENTS} clients' lookups/s {y['concurrent']['rate'] / x['concurrent']['rate']:.2f}x")  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, nargs="+", default=[100_000])
    parser.add_argument("--dir", type=Path, help="working folder, TMX files kept (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wb-tm-shared-") as tmp, server() as pg:
        work = args.dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = [one_size(work, tus, pg, f"bench_{i}") for i, tus in enumerate(args.tus)]
        if len(results) > 1:
            growth(args.tus, results)
    if args.json:
        args.json.write_text(json.dumps(results), encoding="utf-8")
    print(f"\n{os.cpu_count()} cores; figures of one run on this machine (compare the engines within it)")


if __name__ == "__main__":
    main()
