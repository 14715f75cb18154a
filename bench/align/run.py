"""Sentence-alignment benchmark: strict/lax F1 and time/memory, workbench against peers.

    python bench/align/run.py [--data DIR] [--hunalign PATH] [--split test|dev]

See bench/align/README.md for the data, the columns and the options.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assoc_dict
import peers
from make_docs import Doc, documents, long_doc
from scoring import Counts, score
from sources import CORPUS, DEFAULT_DATA, PAIRS, SPLITS, Pair, languages, train_pairs

ROOT = Path(__file__).resolve().parents[2]
QUALITY = ["baseline", "galechurch", "galechurch+ratio", "hunalign", "hunalign+realign", "hunalign+dict",
           "workbench", "workbench+dict", "workbench+train"]
TIMED = ["galechurch+ratio", "hunalign", "hunalign+dict", "workbench", "workbench+dict"]


@dataclass
class Setup:
    """Everything an aligner may need for one language pair."""

    pair: str
    hunalign: Path | None
    dict_tsv: Path
    dict_hunalign: Path
    train: list[Pair]


def make_aligner(name: str, setup: Setup) -> peers.Aligner:
    """The aligner called ``name`` (raises if it cannot run here)."""
    if name == "baseline":
        return peers.baseline
    if name.startswith("galechurch"):
        return peers.galechurch(ratio=name.endswith("+ratio"))
    if name.startswith("hunalign"):
        if setup.hunalign is None:
            raise RuntimeError("no --hunalign binary given")
        return peers.Hunalign(setup.hunalign, setup.dict_hunalign if name.endswith("+dict") else None,
                              realign=name.endswith("+realign"))
    if name == "workbench":
        return peers.workbench()
    if name == "workbench+dict":
        return peers.workbench(dictionary=setup.dict_tsv)
    if name == "workbench+train":
        if not setup.train:
            raise RuntimeError("--train 0")
        return peers.workbench(train=setup.train)
    raise ValueError(f"unknown aligner {name}")


def prepare(pair: str, args: argparse.Namespace, folder: Path) -> Setup:
    """Dictionaries and training pairs from data disjoint from the test set."""
    pool = train_pairs(args.data, pair)
    random.Random(f"{args.seed}:train:{pair}").shuffle(pool)
    src_lang, tgt_lang = languages(pair)
    entries = assoc_dict.learn(pool) + assoc_dict.glossary_entries(ROOT / "glossary", src_lang, tgt_lang)
    return Setup(
        pair=pair,
        hunalign=args.hunalign,
        dict_tsv=assoc_dict.write_tsv(entries, folder / f"{pair}.dict.tsv"),
        dict_hunalign=assoc_dict.write_hunalign(entries, folder / f"{pair}.hunalign.dic"),
        train=pool[: args.train],
    )


def quality(docs: list[Doc], aligner: peers.Aligner) -> tuple[Counts, float]:
    """Summed counts over ``docs`` and the seconds the aligner took."""
    total = Counts()
    seconds = 0.0
    for doc in docs:
        start = time.perf_counter()
        pred = aligner(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang)
        seconds += time.perf_counter() - start
        total.add(score(pred, doc.truth))
    return total, seconds


def _status_mb(field: str, pid: int | str = "self") -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (now) of a process, in MB; 0 if it is gone.

    Read from /proc rather than getrusage: a child's ``ru_maxrss`` starts at its
    parent's resident size, which would blur small peaks."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children_cpu() -> float:
    """CPU seconds of finished child processes (hunalign)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worker(spec: dict[str, object]) -> dict[str, object]:
    """One timing in this fresh process: align the long document in ``spec["doc"]`` once."""
    setup = Setup(str(spec["pair"]), Path(str(spec["hunalign"])) if spec["hunalign"] else None,
                  Path(str(spec["dict_tsv"])), Path(str(spec["dict_hunalign"])), [])
    aligner = make_aligner(str(spec["aligner"]), setup)
    raw = json.loads(Path(str(spec["doc"])).read_text(encoding="utf-8"))
    doc = Doc(name=raw["name"], src_lang=raw["src_lang"], tgt_lang=raw["tgt_lang"], src=raw["src"], tgt=raw["tgt"],
              truth=[(tuple(a), tuple(b)) for a, b in raw["truth"]],
              src_boiler=set(raw["src_boiler"]), tgt_boiler=set(raw["tgt_boiler"]))
    base = _status_mb("VmRSS")
    start = time.perf_counter()
    cpu0 = time.process_time() + _children_cpu()
    beads = aligner(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang)
    seconds = time.perf_counter() - start
    cpu = time.process_time() + _children_cpu() - cpu0
    if isinstance(aligner, peers.Hunalign):
        peak, total = aligner.peak_mb, aligner.peak_mb
    else:
        total = _status_mb("VmHWM")
        peak = total - base
    counts = score(beads, doc.truth)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak, "total_mb": total, "src": len(doc.src), "tgt": len(doc.tgt),
            "strict": counts.strict_f1}


def save_doc(doc: Doc, path: Path) -> Path:
    """``doc`` as JSON, for a timing worker to load without building it."""
    raw = {"name": doc.name, "src_lang": doc.src_lang, "tgt_lang": doc.tgt_lang, "src": doc.src, "tgt": doc.tgt,
           "truth": doc.truth, "src_boiler": sorted(doc.src_boiler), "tgt_boiler": sorted(doc.tgt_boiler)}
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def timing(name: str, doc_path: Path, setup: Setup, args: argparse.Namespace) -> dict[str, object] | str:
    """Run :func:`worker` in a fresh interpreter; its figures, or why it failed."""
    spec = {"aligner": name, "pair": setup.pair, "doc": str(doc_path),
            "hunalign": str(setup.hunalign or ""), "dict_tsv": str(setup.dict_tsv), "dict_hunalign": str(setup.dict_hunalign)}
    try:
        proc = subprocess.run([sys.executable, __file__, "--worker", json.dumps(spec)], capture_output=True,
                              text=True, timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"timeout>{args.timeout:g}s"
    if proc.returncode:
        return "error: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:80]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.rjust(w) if c[:1].isdigit() else c.ljust(w) for c, w in zip(cells, widths))


def print_table(title: str, head: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print(f"\n{title}")
    print(_row(head, widths))
    print(_row(["-" * w for w in widths], widths))
    for r in rows:
        print(_row(r, widths))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default bench/align/data)")
    ap.add_argument("--pairs", default=",".join(PAIRS), help="comma-separated, from: " + ", ".join(PAIRS))
    ap.add_argument("--split", default="test", choices=SPLITS, help="dev for tuning, test for reporting (default)")
    ap.add_argument("--aligners", default=",".join(QUALITY), help="comma-separated, from: " + ", ".join(QUALITY))
    ap.add_argument("--hunalign", type=Path, help="path to a built hunalign binary")
    ap.add_argument("--train", type=int, default=2000, help="disjoint pairs handed to workbench+train (0: skip)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--rounds", type=int, default=1, help="passes over the test set with fresh cuts and perturbations")
    ap.add_argument("--sizes", default="1000,5000,10000", help="sentences a side for timing ('' to skip)")
    ap.add_argument("--timing-pairs", default="ar-en,de-fr", help="pairs to time (comma-separated)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed to one timing")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return
    args.data = args.data.resolve()
    if args.hunalign:
        args.hunalign = args.hunalign.resolve()
    pairs = [p for p in args.pairs.split(",") if p]
    names = [n for n in args.aligners.split(",") if n]
    if args.train <= 0:
        names = [n for n in names if n != "workbench+train"]
    why_not = peers.workbench_available()
    if why_not:
        print(f"workbench aligner not available ({why_not}); its rows are skipped")
        names = [n for n in names if not n.startswith("workbench")]
    if args.hunalign is None:
        print("no --hunalign PATH: hunalign rows are skipped")
        names = [n for n in names if not n.startswith("hunalign")]

    rows: list[list[str]] = []
    setups: dict[str, Setup] = {}
    with tempfile.TemporaryDirectory(prefix="bench-align-") as tmp:
        for pair in pairs:
            setup = setups[pair] = prepare(pair, args, Path(tmp))
            docs = documents(args.data, pair, args.split, args.seed, rounds=args.rounds)
            gold = sum(len(d.truth) for d in docs)
            boiler = sum(len(d.src_boiler) + len(d.tgt_boiler) for d in docs)
            print(f"{pair} ({CORPUS[pair]}, {args.split}): {len(docs)} documents, "
                  f"{sum(len(d.src) for d in docs)}/{sum(len(d.tgt) for d in docs)} sentences, "
                  f"{gold} true beads, {boiler} boilerplate lines; dictionary {sum(1 for _ in setup.dict_tsv.open())} entries, "
                  f"train pool {len(setup.train)} pairs", flush=True)
            for name in names:
                try:
                    counts, seconds = quality(docs, make_aligner(name, setup))
                except Exception as exc:  # noqa: BLE001  (a broken aligner is a row, not a crash)
                    rows.append([pair, CORPUS[pair], name, "-", "-", "-", "-", "-", f"{type(exc).__name__}: {exc}"[:70]])
                    continue
                rows.append([pair, CORPUS[pair], name, f"{counts.strict_f1:.3f}", f"{counts.lax_f1:.3f}",
                             f"{counts.strict_p:.3f}", f"{counts.strict_r:.3f}", f"{seconds:.2f}", ""])
                print("  " + " ".join(rows[-1][2:8]), flush=True)
        print_table(f"Quality on the {args.split} split (micro-averaged over all beads of its documents)",
                    ["pair", "corpus", "aligner", "strict F1", "lax F1", "strict P", "strict R", "seconds", "note"], rows)

        sizes = [int(s) for s in args.sizes.split(",") if s]
        trows: list[list[str]] = []
        for pair in [p for p in args.timing_pairs.split(",") if p and sizes]:
            setup = setups.get(pair) or prepare(pair, args, Path(tmp))
            tests = {size: save_doc(long_doc(args.data, pair, size, args.seed), Path(tmp) / f"{pair}.{size}.json")
                     for size in sizes}
            for name in [n for n in TIMED if n in names]:
                for size in sizes:
                    res = timing(name, tests[size], setup, args)
                    if isinstance(res, str):
                        trows.append([pair, name, str(size), "-", "-", "-", "-", "-", res])
                    else:
                        trows.append([pair, name, f"{res['src']}/{res['tgt']}", f"{res['seconds']:.2f}", f"{res['cpu']:.2f}",
                                      f"{res['peak_mb']:.0f}", f"{res['total_mb']:.0f}", f"{res['strict']:.3f}", ""])
                    print("  " + " ".join(trows[-1][1:]), flush=True)
        if trows:
            print_table("Time and memory (one long document, each run in a fresh process)",
                        ["pair", "aligner", "sentences", "seconds", "CPU s", "peak MB", "process MB", "strict F1", "note"], trows)


if __name__ == "__main__":
    main()
