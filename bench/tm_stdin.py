"""`wb tm import -` of a TMX piped on stdin, against the same file by name: whole processes, as a user runs them.

Prints figures; asserts nothing.

    python bench/tm_stdin.py                  # 100k TUs, 3 rounds
    python bench/tm_stdin.py --tus 200000 --repeat 5

The TMX is bench/tm_import.py's (real Arabic-English pairs of NTREX-128, CC BY-SA 4.0, and
TICO-19 test, CC0, with edited variants past them; see that script). Each round runs, in turn:

- ``wb tm import FILE`` (the peer: a file is parsed by a forked child past 5 MB);
- ``cat FILE | wb tm import -`` (a pipe past its first MB: parsed by a forked child reading
  the inherited stdin, as this workbench does);
- the same pipe parsed in the importing process (``import_file(..., parallel=False)``: the
  other way it could be done), by a Python process doing what the command does.

Each into a new store, with --no-index (the index is made the same way after any of them);
seconds, CPU seconds (of the wb process and its children) and peak RSS from /usr/bin/time,
median of the rounds (on a busy machine, CPU seconds vary less than wall time).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from tm_import import real_tmx

WB = Path(sys.executable).with_name("wb")
IN_PROCESS = """
from workbench.tm.engine import open_store
from workbench.tm.transfer import import_file
with open_store(sys.argv[1]) as store, store.bulk_mode(), store.transaction():
    print(import_file(store, open(0, "rb", closefd=False), parallel=False).summary())
"""


def timed(command: str, store: Path) -> tuple[float, float, float]:
    """Seconds, CPU seconds (user and system, all processes) and peak RSS (MB) of a shell
    command line (``store`` removed first)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    out = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{command} failed: {out.stderr.strip()}")
    seconds, kb, user, system = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(user) + float(system), int(kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="Working folder (default: a new temporary one; the TMX is kept there).")
    args = parser.parse_args()
    work, tmx = real_tmx(args.dir, "wb-bench-stdin-", args.tus, args.seed)
    store = work / "stdin.sqlite"
    time = "/usr/bin/time -f '%e %M %U %S'"
    runs = {
        "wb tm import FILE (peer)": f"{time} {WB} tm import {tmx} --store {store} --no-index >/dev/null",
        "cat FILE | wb tm import - (child reads stdin)": f"cat {tmx} | {time} {WB} tm import - --store {store} "
                                                          "--no-index >/dev/null",
        "cat FILE | import_file in-process": f"cat {tmx} | {time} {sys.executable} -c 'import sys\n{IN_PROCESS}' "
                                               f"{store} >/dev/null",
    }
    figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, command in runs.items():
            figures[name].append(timed(command, store))
    print(f"{args.tus:,} TUs ({tmx.stat().st_size / 1e6:.1f} MB of TMX), median of {args.repeat}")
    peer = statistics.median(s for s, _, _ in figures["wb tm import FILE (peer)"])
    for name, rows in figures.items():
        seconds = statistics.median(s for s, _, _ in rows)
        cpu = statistics.median(c for _, c, _ in rows)
        rss = max(m for _, _, m in rows)
        print(f"  {name:<48} {seconds:6.2f} s ({seconds / peer:4.2f}x the file), CPU {cpu:6.2f} s, "
              f"peak RSS {rss:6.1f} MB")


if __name__ == "__main__":
    main()
