"""Start-up: commands a translator, or an editor plug-in, runs once a segment, timed as whole processes.

Prints the median and the fastest of ``--runs`` runs of each command, and
the modules each one imports; asserts nothing. The commands run with
bytecode caches, as an installed package has them (in ``--dir``, so the
checkout stays clean, even where ``PYTHONDONTWRITEBYTECODE`` is set: without
them each process compiles the workbench's modules again, about 50 ms).

    python bench/startup.py                          # a 200k-TU store made from bench/tm_synthetic.py's TMX
    python bench/startup.py --store my.sqlite --runs 21

``wb glossary lookup`` runs in the sample project (its glossary). Without
``--store``, a store of ``--tus`` TUs is made once in ``--dir`` (the synthetic
TMX of bench/tm_synthetic.py, imported with ``wb tm import``).
"""
from __future__ import annotations

import argparse
import os
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


def _env(work: Path) -> dict[str, str]:
    """The environment of the commands: bytecode cached in ``work``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache")}


def _seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env, check=False)
    took = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')}")
    return took


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="the store for wb tm lookup (default: one made of --tus TUs)")
    parser.add_argument("--tus", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "wb-bench-startup")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    store = args.store or _store(args.dir, args.tus)
    commands = {
        "wb --version": [str(WB), "--version"],
        "wb tm lookup": [str(WB), "tm", "lookup", QUERY, "--store", str(store)],
        "wb tm concordance": [str(WB), "tm", "concordance", PHRASE, "--store", str(store)],
        "wb glossary lookup": [str(WB), "glossary", "lookup", "اتفاقية هانوي"],
    }
    env = _env(args.dir)
    print(f"start-up, whole processes, {args.runs} runs each (store: {store})")
    print(f"{'command':<22}{'median ms':>11}{'fastest ms':>12}{'modules':>9}")
    for label, cmd in commands.items():
        _seconds(cmd, env)  # warm the page cache and write the bytecode
        runs = [_seconds(cmd, env) for _ in range(args.runs)]
        print(f"{label:<22}{statistics.median(runs) * 1000:>11.0f}{min(runs) * 1000:>12.0f}{_modules(cmd, env):>9}")


if __name__ == "__main__":
    main()
