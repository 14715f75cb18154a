"""Start-up: commands a translator, or an editor plug-in, runs once a segment, timed as whole processes.

Prints, for each command, the median and the fastest of ``--runs`` runs
(wall ms), the median CPU time of the process (user + system ms: on a busy
machine the wall time grows with the other work, the CPU time much less) and
the modules it imports; asserts nothing. The commands run with bytecode
caches, as an installed package has them (in ``--dir``, so the checkout stays
clean, even where ``PYTHONDONTWRITEBYTECODE`` is set: without them each
process compiles the workbench's modules again, about 50 ms).

    python bench/startup.py                          # a 200k-TU store made from bench/tm_synthetic.py's TMX
    python bench/startup.py --store my.sqlite --runs 21
    python bench/startup.py --store 100k.sqlite --store 1m.sqlite --queries queries-1000000.json \\
        --compare /tmp/old                           # also an older checkout, run for run (PYTHONPATH)

``wb glossary lookup`` runs in the sample project (its glossary). Without
``--store``, a store of ``--tus`` TUs is made once in ``--dir`` (the synthetic
TMX of bench/tm_synthetic.py, imported with ``wb tm import``). With
``--queries`` (the queries file bench/tm.py writes next to its TMX: real
sentences held back from the store, see bench/tm_import.py for the data and
its licences), the lookup is of its first query and the concordance of the
phrase bench/tm.py takes from it, so the figures are those of bench/tm.py's
whole-process lines. ``--compare DIR`` times each command a second way, with
``PYTHONPATH=DIR`` (a copy of another version's ``workbench`` package, e.g.
``git archive HEAD~1 workbench | tar -x -C DIR``), alternating run by run, so
both see the same machine load. A ``PYTHONPATH`` entry costs every import a
look in it (a few ms over a command's 200 modules): to compare two versions
fairly, give both as copies, ``--compare OLD --compare NEW``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WB = Path(sys.executable).with_name("wb")
QUERY = "بصفتها الدولة المضيفة، ستكون فيتنام من أوائل الدول التي توقع على الاتفاقية"
PHRASE = "الدول التي"


def _env(work: Path, path: Path | None = None) -> dict[str, str]:
    """The environment of the commands: bytecode cached in ``work``; ``path``: the workbench imported from there."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    if path is not None:
        env["PYTHONPATH"] = str(path)
    return env


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _seconds(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env, check=False)
    took = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')}")
    return took, _cpu() - cpu


def _modules(cmd: list[str], env: dict[str, str]) -> int:
    """How many modules the command imports (``PYTHONPROFILEIMPORTTIME``)."""
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
                          check=False)
    return sum(line.startswith("import time:") for line in proc.stderr.splitlines()) - 1


def _store(work: Path, tus: int) -> Path:
    store = work / f"startup-{tus}.sqlite"
    if not store.exists():
        tmx = work / f"startup-{tus}.tmx"
        sys.path.insert(0, str(ROOT / "bench"))
        from tm_synthetic import generate

        generate(tmx, tus, 1, work / "startup-queries.json")
        subprocess.run([str(WB), "tm", "import", str(tmx), "--store", str(store)], cwd=work, check=True,
                       capture_output=True)
    return store


def _searches(queries: Path | None) -> tuple[str, str]:
    """The lookup's query and the concordance's phrase (bench/tm.py's first ones, from ``queries``)."""
    if queries is None:
        return QUERY, PHRASE
    query: str = json.loads(queries.read_text(encoding="utf-8"))["queries"][0]
    words = query.split()
    return query, " ".join(words[len(words) // 3: len(words) // 3 + 2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, action="append",
                        help="a store for wb tm lookup and concordance, once or more (default: one of --tus TUs)")
    parser.add_argument("--tus", type=int, default=200_000)
    parser.add_argument("--queries", type=Path, help="bench/tm.py's queries-N.json: its first lookup and concordance")
    parser.add_argument("--compare", type=Path, metavar="DIR", action="append",
                        help="also time the workbench package in DIR (PYTHONPATH), run for run; once or more")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "wb-bench-startup")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    stores = args.store or [_store(args.dir, args.tus)]
    query, phrase = _searches(args.queries)
    commands = {"wb --version": [str(WB), "--version"],
                "wb glossary lookup": [str(WB), "glossary", "lookup", "اتفاقية هانوي"]}
    for store in stores:
        name = f" ({store.name})" if len(stores) > 1 else ""
        commands[f"wb tm lookup{name}"] = [str(WB), "tm", "lookup", query, "--store", str(store)]
        commands[f"wb tm concordance{name}"] = [str(WB), "tm", "concordance", phrase, "--store", str(store)]
    ways = {"": _env(args.dir)}
    if args.compare:
        ways = {f"{path.name} ": _env(args.dir, path.resolve()) for path in args.compare} | {"this ": ways[""]}
    print(f"start-up, whole processes, {args.runs} runs each (stores: {', '.join(map(str, stores))}); "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    width = max(map(len, commands)) + max(map(len, ways)) + 2
    print(f"{'command':<{width}}{'median ms':>11}{'fastest ms':>12}{'CPU ms':>8}{'modules':>9}")
    for label, cmd in commands.items():
        for env in ways.values():
            _seconds(cmd, env)  # warm the page cache and write the bytecode
        runs: dict[str, list[tuple[float, float]]] = {way: [] for way in ways}
        for _ in range(args.runs):
            for way, env in ways.items():
                runs[way].append(_seconds(cmd, env))
        for way, env in ways.items():
            wall = [w for w, _ in runs[way]]
            cpu = statistics.median(c for _, c in runs[way])
            print(f"{way + label:<{width}}{statistics.median(wall) * 1000:>11.0f}{min(wall) * 1000:>12.0f}"
                  f"{cpu * 1000:>8.0f}{_modules(cmd, env):>9}")


if __name__ == "__main__":
    main()
