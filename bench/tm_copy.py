"""``wb tm copy`` between the engines, against exporting and importing TMX, in one run.

Prints figures; asserts nothing (but says whether the exports agree). One command
(Debian's ``postgresql`` package installed; a throw-away server is started in a
temporary directory and stopped):

    python bench/tm_copy.py                  # 100k TUs
    python bench/tm_copy.py --tus 20000      # a quicker run

The memory is the one of ``bench/tm.py`` (``bench/tm_import.py``): real
Arabic-English sentence pairs of NTREX-128 (CC BY-SA 4.0), TICO-19 test (CC0)
and FLORES-200 devtest (CC BY-SA 4.0), read from ``bench/align/data``, with
edited variants, inline markup, props and notes. It is imported into an SQLite
store (``wb tm import``, ready for lookups), then, each a whole process timed
by ``/usr/bin/time`` (seconds, peak RSS of the ``wb`` process and the helper it
forks; the PostgreSQL server's own memory is not counted):

- ``wb tm copy`` SQLite -> PostgreSQL, PostgreSQL -> SQLite, SQLite -> SQLite;
- the way without it: ``wb tm export`` to TMX then ``wb tm import`` of that file
  into a new PostgreSQL store (the peer: what a user would otherwise do).

Every store ends ready for lookups (fuzzy index made). The TMX exports of the
source and of both copies are compared byte for byte.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))
from pg_util import server
from tm import WB
from tm_import import real_tmx


def timed(*args: str | Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``wb`` command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", WB, *map(str, args)], capture_output=True, text=True,
                         check=False)
    if out.returncode:
        raise SystemExit(f"wb {' '.join(map(str, args))} failed: {out.stderr.strip()}")
    seconds, kb = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="working folder (default: a temporary one; the TMX is kept there)")
    args = parser.parse_args()
    work, tmx = real_tmx(args.dir, "wb-bench-copy-", args.tus, args.seed)
    for name in ("a.sqlite", "b.sqlite", "c.sqlite", "a.tmx", "b.tmx", "pg.tmx", "via.tmx"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{work / name}{suffix}").unlink(missing_ok=True)
    print(f"{args.tus:,} TUs ({tmx.stat().st_size / 1e6:.1f} MB of TMX); load average {os.getloadavg()[0]:.1f}")
    rows = [("wb tm import (SQLite, the source)", *timed("tm", "import", tmx, "--store", work / "a.sqlite"))]
    with server() as running:
        pg, via = running.new_schema(), running.new_schema()
        rows.append(("wb tm copy SQLite -> PostgreSQL", *timed("tm", "copy", work / "a.sqlite", pg)))
        rows.append(("wb tm copy PostgreSQL -> SQLite", *timed("tm", "copy", pg, work / "b.sqlite")))
        rows.append(("wb tm copy SQLite -> SQLite", *timed("tm", "copy", work / "a.sqlite", work / "c.sqlite")))
        export = timed("tm", "export", "--store", work / "a.sqlite", "-o", work / "via.tmx")
        load = timed("tm", "import", work / "via.tmx", "--store", via)
        rows.append(("peer: wb tm export + wb tm import into PostgreSQL", export[0] + load[0], max(export[1], load[1])))
        for spec, out in ((work / "a.sqlite", "a.tmx"), (pg, "pg.tmx"), (work / "b.sqlite", "b.tmx")):
            timed("tm", "export", "--store", spec, "-o", work / out)
    print(f"\n| {'command':<52} | seconds | peak RSS MB |\n|{'-' * 54}|---------|-------------|")
    for what, seconds, mb in rows:
        print(f"| {what:<52} | {seconds:7.1f} | {mb:11.0f} |")
    same = len({re.sub(rb'creationdate="[^"]*"', b"", (work / name).read_bytes(), count=1)  # the export's date
                for name in ("a.tmx", "pg.tmx", "b.tmx")}) == 1
    print(f"\nTMX exports of the source, the PostgreSQL copy and the copy back (the header's export date aside): "
          f"{'identical' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
