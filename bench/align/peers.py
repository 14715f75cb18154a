"""The aligners under comparison, each behind one call: sentences in, beads out.

* ``baseline``: pairs sentence i with sentence i (the floor any aligner must beat).
* ``galechurch``: the PyPI package with its published parameters, and
  ``galechurch+ratio`` with the character ratio of each document.
* ``hunalign`` / ``hunalign+dict``: the binary given by ``--hunalign``, with an
  empty dictionary and with a word list learned from disjoint pairs;
  ``hunalign+realign`` adds its ``-realign`` pass (a dictionary induced from
  a first alignment) to the empty dictionary.
* ``workbench`` / ``workbench+dict`` / ``workbench+train``:
  ``workbench.align.align_lines``.
"""
from __future__ import annotations

import itertools
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex
from sources import Pair

Bead = tuple[tuple[int, ...], tuple[int, ...]]
Aligner = Callable[[list[str], list[str], str, str], list[Bead]]

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}\u200c]*|\p{N}+|[^\s\p{L}\p{N}]")


def baseline(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> list[Bead]:
    """Sentence i with sentence i; the longer side's tail as 1-0 or 0-1."""
    n = min(len(src), len(tgt))
    beads: list[Bead] = [((i,), (i,)) for i in range(n)]
    beads += [((i,), ()) for i in range(n, len(src))]
    beads += [((), (j,)) for j in range(n, len(tgt))]
    return beads


def galechurch(ratio: bool) -> Aligner:
    """The ``galechurch`` package; with ``ratio`` its mean is the document's character ratio."""
    import galechurch as gc

    def run(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> list[Bead]:
        mean = gc.defaults.DEFAULT_MEAN_XY
        if ratio:
            a = sum(len(s.replace(" ", "")) for s in src)
            b = sum(len(t.replace(" ", "")) for t in tgt)
            mean = b / a if a and b else mean
        cells = (len(src) + 1) * (len(tgt) + 1) + 1
        block = gc.align(src, tgt, mean_xy=mean, max_block_size=max(cells, gc.defaults.DEFAULT_MAX_BLOCK_SIZE))
        return [
            (tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in block.beads
        ]

    return run


def tokenize(text: str) -> str:
    """hunalign expects tokenized text: lower-cased words and punctuation, space-separated."""
    return " ".join(t.lower() for t in _TOKEN.findall(text)) or "."


def ladder_beads(ladder: str) -> list[Bead]:
    """Beads between consecutive rungs of a hunalign ladder (``src<TAB>tgt<TAB>score``)."""
    rungs = [tuple(int(x) for x in line.split("\t")[:2]) for line in ladder.splitlines() if line.strip()]
    beads: list[Bead] = []
    for (a0, b0), (a1, b1) in itertools.pairwise(rungs):
        if a1 > a0 or b1 > b0:
            beads.append((tuple(range(a0, a1)), tuple(range(b0, b1))))
    return beads


def _watch_peak(proc: subprocess.Popen[bytes]) -> float:
    """Wait for ``proc``, polling its resident high-water mark (VmHWM) in MB.

    getrusage's ``ru_maxrss`` of a child starts at the parent's resident size,
    so it cannot show a child smaller than its parent."""
    peak = 0.0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            break
        time.sleep(0.005)
    proc.wait()
    return peak


class Hunalign:
    """Runs the hunalign binary on temporary files; remembers the child's peak RSS."""

    def __init__(self, binary: Path, dictionary: Path | None, realign: bool = False) -> None:
        self.binary = binary
        self.dictionary = dictionary
        self.realign = realign
        self.peak_mb = 0.0

    def __call__(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> list[Bead]:
        with tempfile.TemporaryDirectory(prefix="bench-hunalign-") as tmp:
            folder = Path(tmp)
            (folder / "src.txt").write_text("".join(tokenize(s) + "\n" for s in src), encoding="utf-8")
            (folder / "tgt.txt").write_text("".join(tokenize(t) + "\n" for t in tgt), encoding="utf-8")
            dic = self.dictionary
            if dic is None:
                dic = folder / "null.dic"
                dic.write_text("", encoding="utf-8")
            cmd = [str(self.binary), "-utf", *(["-realign"] if self.realign else []), str(dic), str(folder / "src.txt"), str(folder / "tgt.txt")]
            with (folder / "ladder").open("w") as out_fh, (folder / "err").open("w") as err_fh:
                proc = subprocess.Popen(cmd, stdout=out_fh, stderr=err_fh, cwd=folder)  # its log, translate.txt, goes there
                peak = _watch_peak(proc)
            self.peak_mb = max(self.peak_mb, peak)
            if proc.returncode:
                err = (folder / "err").read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"hunalign exited {proc.returncode}: {err.strip()[-300:]}")
            out = (folder / "ladder").read_text(encoding="utf-8")
        return ladder_beads(out)


def workbench(dictionary: Path | None = None, train: list[Pair] | None = None) -> Aligner:
    """``workbench.align.align_lines``: what ``wb align --presegmented`` runs.
    Lines it leaves out of the alignment (boilerplate it recognises) are
    beads of their own, as ``wb align`` reports them.

    ``dictionary`` is read with ``read_dictionary``; ``train`` pairs become a
    lexicon learned by ``learn_lexicon``, as a memory's TUs would.
    """
    import workbench.align as wa

    cache: dict[tuple[str, str], Any] = {}

    def lexicon(src_lang: str, tgt_lang: str) -> Any:
        if (src_lang, tgt_lang) not in cache:
            lex = wa.read_dictionary(dictionary, src_lang, tgt_lang) if dictionary is not None else None
            if train is not None:
                learned = wa.learn_lexicon(train, src_lang, tgt_lang)
                lex = learned if lex is None else lex.merged(learned)
            cache[src_lang, tgt_lang] = lex
        return cache[src_lang, tgt_lang]

    def run(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> list[Bead]:
        beads: list[Bead] = [(tuple(b.src), tuple(b.tgt)) for b in wa.align_lines(src, tgt, src_lang, tgt_lang, lexicon(src_lang, tgt_lang))]
        s_used = {i for a, _ in beads for i in a}
        t_used = {j for _, b in beads for j in b}
        beads += [((i,), ()) for i in range(len(src)) if i not in s_used]
        beads += [((), (j,)) for j in range(len(tgt)) if j not in t_used]
        return beads

    return run


def workbench_available() -> str | None:
    """None if ``workbench.align.align_sentences`` imports, else why not."""
    try:
        from workbench.align import align_sentences  # noqa: F401
    except Exception as exc:  # noqa: BLE001  (ImportError, or the module failing on import)
        return f"{type(exc).__name__}: {exc}"
    return None
