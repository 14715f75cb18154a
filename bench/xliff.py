"""XLIFF benchmark: write and read N TUs as XLIFF 1.2 and 2.1, against TMX and translate-toolkit.

Prints figures; asserts nothing. One command:

    python bench/xliff.py                 # 100k TUs
    python bench/xliff.py --tus 20000 200000

The TUs are the sample project's Arabic-English memory
(``tmx/hanoi-convention.ar-en.tmx``, the project's own translations) and
OmegaT's level-2 export of an article with inline tags
(``tests/data/tm/omegat_ar_level2.tmx``, made here by OmegaT 3.6), cycled
to N with distinct ids. Each phase runs in a fresh process (time and peak
RSS of that process): workbench writing TMX and XLIFF 1.2/2.1 from a
generator; workbench reading each (``TmxReader``, ``XliffReader``);
translate-toolkit 3.20 reading the XLIFF 1.2 file (``xlifffile``, which
loads the whole document), when it is installed.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tmx" / "hanoi-convention.ar-en.tmx", ROOT / "tests" / "data" / "tm" / "omegat_ar_level2.tmx")


def _tus(n: int):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from workbench.formats.tmx import TmxReader

    seeds = []
    for path in SOURCES:
        with TmxReader(path) as reader:
            seeds += list(reader)
    for k, tu in enumerate(islice(cycle(seeds), n)):
        yield replace(tu, attrs=(("tuid", str(k + 1)), ("srclang", "ar")))


def _phase(kind: str, path: str, n: int) -> None:
    """Run one phase in this process and print its figures as JSON."""
    start = time.perf_counter()
    count = 0
    if kind.startswith("write"):
        fmt = kind.split("-", 1)[1]
        if fmt == "tmx":
            from workbench.formats.tmx import header_for_export, write_tmx

            count = write_tmx(path, _tus(n), header_for_export(None, "ar"))
        else:
            from workbench.formats.xliff_write import write_xliff

            count = write_xliff(path, _tus(n), "ar", "en", fmt)[0]
    elif kind == "read-tmx":
        from workbench.formats.tmx import TmxReader

        with TmxReader(path) as reader:
            count = sum(1 for _ in reader)
    elif kind == "read-xliff":
        from workbench.formats.xliff_read import XliffReader

        count = sum(1 for _ in XliffReader(path))
    elif kind == "read-ttk":
        from translate.storage.xliff import xlifffile

        with open(path, "rb") as fh:
            store = xlifffile.parsefile(fh)  # type: ignore[no-untyped-call]
        count = sum(1 for unit in store.units if unit.target)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss, "units": count}))


def _run(kind: str, path: Path, n: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--phase", kind, str(path), str(n)], capture_output=True,
                         text=True, check=False)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}  # type: ignore[dict-item]
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tus", type=int, nargs="+", default=[100_000])
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        _phase(args.phase[0], args.phase[1], int(args.phase[2]))
        return
    try:
        import translate  # noqa: F401
        ttk = True
    except ImportError:
        ttk = False
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.tus:
            print(f"{n:,} TUs")
            print(f"  {'phase':<24}{'seconds':>9}{'peak RSS MB':>13}{'TUs':>10}{'file MB':>9}")
            for fmt in ("tmx", "1.2", "2.1"):
                path = Path(tmp) / f"m-{fmt}.{'tmx' if fmt == 'tmx' else 'xlf'}"
                phases = [(f"write-{fmt}", f"workbench write {fmt}"),
                          ("read-tmx" if fmt == "tmx" else "read-xliff", f"workbench read {fmt}")]
                if fmt == "1.2" and ttk:
                    phases.append(("read-ttk", "translate-toolkit read 1.2"))
                for kind, label in phases:
                    r = _run(kind, path, n)
                    if "error" in r:
                        print(f"  {label:<24}  {r['error']}")
                        continue
                    size = path.stat().st_size / 1e6 if path.exists() else 0.0
                    print(f"  {label:<24}{r['seconds']:>9.2f}{r['rss_mb']:>13.0f}{int(r['units']):>10,}{size:>9.1f}")


if __name__ == "__main__":
    main()
