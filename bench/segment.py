"""Segmentation benchmark: throughput and peak memory of `wb segment` against
pySBD (ar, fa, en) and hazm's sentence tokenizer (fa), in the same run.

    pip install -e '.[bench]'
    python bench/segment.py [--mb 20] [--peer-mb 2]

The corpus for each language is the sample project's documents repeated up to
``--mb`` megabytes. The workbench streams the file; peers get the text one
paragraph at a time (pySBD on a whole 20 MB string is far slower still).
Peers run on the first ``--peer-mb`` megabytes to keep the run short; their
throughput is per megabyte, so the comparison stays fair. Each measurement
runs in a fresh process so that peak memory (max RSS above the process's
baseline after imports) belongs to it alone. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_corpus(lang: str, megabytes: float, folder: Path) -> Path:
    """The language's documents of the sample project repeated to ``megabytes``."""
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))]
    if lang == "ar" or not docs:
        docs = docs or [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "ar").glob("*.txt"))]
    block = "\n".join(d.strip("\n") for d in docs) + "\n"
    target = int(megabytes * 1_000_000)
    path = folder / f"{lang}-{megabytes:g}mb.txt"
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            fh.write(block)
            size += len(block.encode("utf-8"))
    return path


def worker(tool: str, lang: str, path: Path) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    size = path.stat().st_size
    if tool == "workbench":
        from workbench.formats.plaintext import open_document
        from workbench.segment import segment_stream

        base = _rss_mb()
        start = time.perf_counter()
        with open_document(path) as fh:
            _, segments = segment_stream(fh, path.name, lang)
            count = sum(1 for _ in segments)
    else:
        paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if tool == "pysbd":
            import pysbd

            seg = pysbd.Segmenter(language=lang, clean=False)
            split = seg.segment
        else:
            from hazm import SentenceTokenizer

            split = SentenceTokenizer().tokenize
        base = _rss_mb()
        start = time.perf_counter()
        count = sum(len(split(p)) for p in paragraphs)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "mb": size / 1e6, "segments": count, "peak_mb": _rss_mb() - base}


def measure(tool: str, lang: str, path: Path) -> dict[str, float] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", tool, lang, str(path)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        print(f"  {tool} {lang}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size per language for the workbench (MB)")
    parser.add_argument("--peer-mb", type=float, default=2.0, help="corpus size for pySBD and hazm (MB)")
    parser.add_argument("--worker", nargs=3, metavar=("TOOL", "LANG", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        tool, lang, path = args.worker
        print(json.dumps(worker(tool, lang, Path(path))))
        return
    print(f"{'lang':4} {'tool':10} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'sent/s':>9} {'peak MB':>8} {'vs pysbd':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in ("ar", "fa", "en"):
            big = make_corpus(lang, args.mb, folder)
            quarter = make_corpus(lang, args.mb / 4, folder)
            small = make_corpus(lang, args.peer_mb, folder)
            runs = [("pysbd", small), ("workbench", quarter), ("workbench", big)]
            if lang == "fa":
                runs.append(("hazm", small))
            ref_rate = None
            for tool, path in runs:
                r = measure(tool, lang, path)
                if r is None:
                    continue
                rate = r["mb"] / r["seconds"]
                if tool == "pysbd":
                    ref_rate = rate
                ratio = f"{rate / ref_rate:.1f}x" if ref_rate else "-"
                print(f"{lang:4} {tool:10} {r['mb']:6.1f} {r['seconds']:8.2f} {rate:7.2f} "
                      f"{r['segments'] / r['seconds']:9.0f} {r['peak_mb']:8.1f} {ratio:>8}")


if __name__ == "__main__":
    main()
