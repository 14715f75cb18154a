"""`wb tm import` of real sentences, as a user runs it: whole processes, against a bare parse.

Prints figures; asserts nothing.

    python bench/tm_import.py                 # 20k TUs
    python bench/tm_import.py --tus 200000 --repeat 3

The TMX is made from real Arabic-English sentence pairs of news and health
text (about 25 words a sentence): NTREX-128 (news, CC BY-SA 4.0), TICO-19
test (COVID-19, CC0) and, when present, FLORES-200 devtest (Wikinews and
Wikivoyage, CC BY-SA 4.0), read from the alignment benchmark's data folder
(``bench/align/data``, see bench/align/README.md; FLORES-200 as
``flores200/devtest/{arb_Arab,eng_Latn}.devtest`` from the
``datasets/facebook/flores`` folder of the same OPUS-MT-testsets repository).
Past the ~5,100 pairs they hold, each pair comes again as an edited variant
(one word left out on each side, another each round), with inline markup,
props and notes as memories hold them.

Figures: a bare ``lxml`` iterparse of the file; ``wb tm import`` (ready for
lookups) and ``wb tm import --no-index``, each a whole process into a new
store, with its peak RSS; then the aligner's word statistics made from that
store on demand (``stored_lexicon``, the first time and from the cache).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "align" / "data"
WB = Path(sys.executable).with_name("wb")


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def real_pairs(data: Path) -> list[tuple[str, str]]:
    """The Arabic-English pairs of NTREX-128, TICO-19 test and (if present) FLORES-200 devtest."""
    files = [
        (data / "NTREX/NTREX-128/newstest2019-ref.arb.txt", data / "NTREX/NTREX-128/newstest2019-src.eng.txt"),
        (data / "OPUS-MT-testsets/testsets/eng-ara/tico19-test.ara", data / "OPUS-MT-testsets/testsets/eng-ara/tico19-test.eng"),
        (data / "flores200/devtest/arb_Arab.devtest", data / "flores200/devtest/eng_Latn.devtest"),
    ]
    pairs: list[tuple[str, str]] = []
    for ar, en in files[:2]:
        if not ar.is_file() or not en.is_file():
            sys.exit(f"missing {ar} or {en}: see bench/align/README.md, 'Data'")
    for ar, en in files:
        if ar.is_file() and en.is_file():
            pairs += [(a, e) for a, e in zip(_lines(ar), _lines(en), strict=True) if a and e]
    return pairs


def _variant(text: str, rng: random.Random, vocab: list[str]) -> str:
    """``text`` with one to three word edits: a word left out, replaced by another of
    the corpus, or two neighbours swapped (as a memory's near-duplicates differ)."""
    words = text.split()
    for _ in range(rng.choice((1, 1, 2, 3))):
        if len(words) < 4:
            break
        i = rng.randrange(len(words) - 1)
        op = rng.random()
        if op < 0.4:
            del words[i]
        elif op < 0.8:
            words[i] = rng.choice(vocab)
        else:
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


#: Real sentences held back from the memory (their edited variants are in it): the lookup queries.
QUERIES = 200


def real_tmx(work: Path | None, prefix: str, tus: int, seed: int, data: Path = DATA) -> tuple[Path, Path]:
    """The working folder (``work``, else a new temporary one) and ``real-TUS.tmx`` in it,
    written by :func:`write_tmx` unless it is there already."""
    folder = work or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    tmx = folder / f"real-{tus}.tmx"
    if not tmx.exists():
        write_tmx(tmx, real_pairs(data), tus, seed)
    return folder, tmx


def write_tmx(path: Path, pairs: list[tuple[str, str]], tus: int, seed: int) -> dict[str, object]:
    """``tus`` TUs cycling through ``pairs``: each pair as it is the first time
    (but :data:`QUERIES` of them, held back), edited variants after. Returns
    the held-back Arabic sentences and how many TUs, and Arabic sources, are distinct."""
    from workbench.formats.tmx import header_for_export
    from workbench.formats.tmx import write_tmx as write
    from workbench.model import TU, TUV, Note, Prop

    rng = random.Random(seed)
    held = set(random.Random(seed + 1).sample(range(len(pairs)), QUERIES))
    vocab = [sorted({w for p in pairs for w in p[side].split()}) for side in (0, 1)]
    distinct_pairs: set[int] = set()
    distinct_sources: set[int] = set()

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def units() -> Iterator[TU]:
        for n in range(tus):
            k = n % len(pairs)
            ar, en = pairs[k]
            if n >= len(pairs) or k in held:
                ar, en = _variant(ar, rng, vocab[0]), _variant(en, rng, vocab[1])
            distinct_pairs.add(hash((ar, en)))
            distinct_sources.add(hash(ar))
            ar_seg, en_seg = esc(ar), esc(en)
            if n % 5 == 0:
                ar_seg = f'<bpt i="1">&lt;b&gt;</bpt>{ar_seg}<ept i="1">&lt;/b&gt;</ept>'
                en_seg = f'<bpt i="1">&lt;b&gt;</bpt>{en_seg}<ept i="1">&lt;/b&gt;</ept>'
            day = n * 1_000_003 % (5 * 365)  # spread over five years, not in file order
            created = f"{2020 + day // 365}{1 + day % 365 // 31:02d}{1 + day % 31 % 28:02d}T120000Z"
            attrs = (("tuid", str(n + 1)), ("srclang", "ar"), ("creationdate", created),
                     ("creationid", f"translator{n % 7}"))
            if n % 3 == 0:
                attrs += (("changedate", f"2025{1 + n % 12:02d}{1 + n % 28:02d}T120000Z"),)
            props = (Prop("x-domain", ("news", "health")[n % 2]), Prop("x-client", "UNODC"))
            notes = (Note(f"unit {n + 1} reviewed"),) if n % 10 == 0 else ()
            yield TU((TUV(lang="ar", seg=ar_seg, text=ar), TUV(lang="en", seg=en_seg, text=en)), attrs, props, notes)

    write(path, units(), header_for_export(None, "ar"))
    return {"queries": [pairs[k][0] for k in sorted(held)], "distinct_tus": len(distinct_pairs),
            "distinct_sources": len(distinct_sources)}


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def _run(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB, of its largest process) of one whole command."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    seconds, rss_kb, code = out.stdout.split()
    if code != "0":
        sys.exit(f"{' '.join(cmd)}: exit {code}\n{out.stderr}")
    return float(seconds), int(rss_kb) / 1024


_FLOOR = """
import sys
from lxml import etree
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="tu", resolve_entities=False, no_network=True):
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
"""

_LEXICON = """
import sys, time
from workbench.tm import Store
from workbench.tm.lexicon import stored_lexicon
with Store(sys.argv[1]) as store:
    t = time.perf_counter(); lex = stored_lexicon(store, "ar", "en"); first = time.perf_counter() - t
    t = time.perf_counter(); stored_lexicon(store, "ar", "en"); again = time.perf_counter() - t
print(first, again, len(lex))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tus", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA, help=f"the alignment benchmark's data (default {DATA})")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the median is shown")
    parser.add_argument("--dir", type=Path, help="working folder (default: a temporary one)")
    args = parser.parse_args()
    work, tmx = real_tmx(args.dir, "wb-bench-import-", args.tus, args.seed, args.data)
    store = work / "store.sqlite"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)

    def timed(cmd: list[str]) -> tuple[float, float]:
        runs = []
        for _ in range(args.repeat):
            fresh()
            runs.append(_run(cmd))
        return statistics.median(s for s, _ in runs), max(r for _, r in runs)

    env_cwd = os.getcwd()
    os.chdir(work)  # outside any project: the store given is the only one written
    try:
        floor, floor_rss = timed([sys.executable, "-c", _FLOOR, str(tmx)])
        no_index = timed([str(WB), "tm", "import", str(tmx), "--store", str(store), "--no-index"])
        whole = timed([str(WB), "tm", "import", str(tmx), "--store", str(store)])
        lex = subprocess.run([sys.executable, "-c", _LEXICON, str(store)], capture_output=True, text=True, check=True)
    finally:
        os.chdir(env_cwd)
    first, again, entries = lex.stdout.split()
    size = tmx.stat().st_size / 1e6
    print(f"wb tm import of real sentences: {args.tus:,} TUs, {size:.0f} MB TMX"
          + (f", median of {args.repeat}" if args.repeat > 1 else ""))
    print(f"{'command':<34}{'seconds':>9}{'× parse':>9}{'peak RSS MB':>13}")
    for label, (s, rss) in (("bare lxml iterparse", (floor, floor_rss)), ("wb tm import --no-index", no_index),
                            ("wb tm import", whole)):
        print(f"{label:<34}{s:>9.2f}{s / floor:>9.1f}{rss:>13.0f}")
    print(f"store {store.stat().st_size / 1e6:.0f} MB ({store.stat().st_size / 1e6 / size:.1f}× the TMX)")
    print(f"word statistics ar-en on demand: {float(first):.2f} s the first time, "
          f"{float(again) * 1000:.1f} ms from the store's cache; {entries} source words")


if __name__ == "__main__":
    main()
