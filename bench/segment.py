"""Segmentation benchmark on Universal Dependencies treebank text: boundary
F1, and whole-process throughput and peak memory, of `wb segment` and its
peers on the same input, in one run.

    pip install -e '.[bench]'
    python bench/segment.py --ud DIR [--lang fa ar en] [--part dev] [--mb 1 8] [--misses 20] [--no-speed]
    python bench/segment.py --sweep NTREX-128-DIR [--part dev]   # every NTREX-128 language, worst first

DIR holds CoNLL-U files under their UD names (get them from the treebanks'
GitHub repositories, github.com/UniversalDependencies):
  Persian  UD_Persian-Seraji  fa_seraji-ud-{dev,test}.conllu  CC BY-SA 4.0
           UD_Persian-PerDT   fa_perdt-ud-{dev,test}.conllu   CC BY-SA 4.0
  Arabic   UD_Arabic-PUD      ar_pud-ud-test.conllu           CC BY-SA 3.0
           UD_Arabic-PADT     ar_padt-ud-{dev,test}.conllu    CC BY-NC-SA 3.0 (used if present)
                              ar_padt-ud-train.conllu         (dev only, used if present)
  English  UD_English-EWT     en_ewt-ud-{dev,test}.conllu     CC BY-SA 4.0
           UD_English-GUM     en_gum-ud-{dev,test}.conllu     CC BY-NC-SA 4.0 as a whole;
                              its written genres only (see GUM_WRITTEN): Wikinews, Wikivoyage,
                              Wikipedia, academic and OpenStax texts CC BY, speeches public
                              domain, wikiHow and fiction CC BY-NC-SA
           UD_English-PUD     en_pud-ud-test.conllu           CC BY-SA 4.0
News, one sentence a line, in the same folder under the names it is
distributed with (github.com/MicrosoftTranslator/NTREX): the English source
and its Arabic and Persian translations, and its Chinese and Japanese ones
(never tuned on; their paragraphs join sentences without a space), Hindi,
Amharic, Armenian, Burmese, Khmer and Georgian ones (their full stops: dev looked at)
  NTREX-128  newstest2019-src.eng.txt, newstest2019-ref.{arb,fas,zho-CN,jpn,hin,amh,hye,mya,khm,kat}.txt,
             DOCUMENT_IDS.tsv                                    CC BY-SA 4.0
Files that are missing are skipped. A treebank's train file, when present,
is one more dev corpus (it has no test part); a sample of it kept under the
same name works too (only the `# newdoc`, `# newpar` and `# text` lines are
read). No PADT file was at hand when the rules were last tuned: the mirror
used lacked its large files, and no other public copy was found, so no PADT
figure has been measured. PADT's own notes say its sentence units were cut
automatically and often span a whole paragraph (headlines with an inner full
stop and quotations of two sentences are one unit, UD_Arabic-PADT issue 3).
(FLORES-200 is not used: its lines are
translation units, and 15% of its English lines hold more than one sentence.
Nor is TICO-19: 10% of its Arabic and 15% of its Persian test lines hold
sentence-final punctuation followed by more text where the English line
holds none: its translators cut sentences the gold would not.)

Paragraphs are rebuilt from `# newpar` and `# newdoc id` (consecutive
sentences with the same document id form one paragraph); a file with neither
(Seraji, PerDT) is cut into paragraphs of 5 consecutive sentences. GUM's
spoken genres (conversation, vlog, podcast, court transcripts) are left out:
their units are utterances, mostly without final punctuation. A file's
paragraphs are one line each. Dev is a treebank's dev file; a treebank with
only a test file (PUD) has its even paragraphs as dev and its odd ones as
test. NTREX-128 paragraphs are its documents, with a line whose English
source has no sentence-final punctuation (a headline or subheading) a
paragraph of its own; the documents that start in its first 1000 lines are
dev, the rest (from line 1006) test. Rules are tuned on dev only; test is
reported.

Boundary F1 counts the sentence starts inside paragraphs (a paragraph's
first sentence is given by the line and not counted): a tool's segment
start is a hit when a gold sentence starts at the same character.

Peers: a bare split after sentence-final punctuation (. ! ? ؟ … । and closing
quotes or brackets, then white space; 。！？ and closing quotes or brackets,
with or without white space), pySBD, hazm's SentenceTokenizer (fa),
sentencex and BlingFire (its sentence model ships in the wheel). Stanza,
trankit and CAMeL Tools' models are downloaded at run time (and CAMeL Tools
has no sentence splitter), which this benchmark does not do.

Speed: each tool runs as a whole process, as a user runs it, on the same file
of paragraphs (the language's treebank paragraphs repeated to `--mb` MB):
`wb segment --lang L FILE -o /dev/null`, and for peers a Python process that
reads the file a line at a time and writes the segments. Wall time and peak
RSS come from /usr/bin/time -v. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WB = Path(sys.executable).parent / "wb"
PARAGRAPH_SENTENCES = 5
NTREX_DEV_LINES = 1000
LANGS = ("fa", "ar", "en", "zh", "ja", "hi", "am", "hy", "my", "km", "ka")
#: What joins a paragraph's sentences: Chinese and Japanese write no space between them.
JOINER = {"zh": "", "ja": ""}
#: GUM's written genres (its document ids are GUM_<genre>_<name>)
GUM_WRITTEN = ("academic", "bio", "essay", "fiction", "interview", "letter", "news", "speech", "textbook", "voyage", "whow")
BARE = re.compile(r"[.!?؟…।]+[\"'»”’)\]]*\s+|[。！？]+[」』”’）)]*\s*")

Paragraph = list[str]  # its sentences


def conllu_paragraphs(path: Path, keep: Callable[[str], bool] = lambda doc: True) -> list[Paragraph]:
    """The paragraphs of a CoNLL-U file, each as its sentences' text (those of
    the documents whose id ``keep`` accepts)."""
    paragraphs: list[Paragraph] = []
    current: Paragraph = []
    doc = None
    marked = False
    for raw in path.open(encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("# newpar"):
            marked = True
            paragraphs.append(current)
            current = []
        elif line.startswith("# newdoc"):
            marked = True
            ident = line.partition("=")[2].strip()
            if ident != doc or not ident:
                paragraphs.append(current)
                current = []
            doc = ident
        elif line.startswith("# text =") and keep(doc or ""):
            current.append(line.partition("=")[2].strip())
    paragraphs.append(current)
    paragraphs = [p for p in paragraphs if p]
    if not marked:
        flat = [s for p in paragraphs for s in p]
        paragraphs = [flat[i : i + PARAGRAPH_SENTENCES] for i in range(0, len(flat), PARAGRAPH_SENTENCES)]
    return paragraphs


def alternate(paragraphs: list[Paragraph]) -> dict[str, list[Paragraph]]:
    """Even paragraphs as dev, odd ones as test."""
    return {"dev": paragraphs[0::2], "test": paragraphs[1::2]}


def ud_splits(folder: Path, bank: str, keep: Callable[[str], bool] = lambda doc: True) -> dict[str, list[Paragraph]] | None:
    dev, test = folder / f"{bank}-ud-dev.conllu", folder / f"{bank}-ud-test.conllu"
    if not test.exists():
        return None
    if dev.exists():
        return {"dev": conllu_paragraphs(dev, keep), "test": conllu_paragraphs(test, keep)}
    return alternate(conllu_paragraphs(test, keep))


def gum_written(doc: str) -> bool:
    """Whether a GUM document id is one of a written genre's."""
    parts = doc.split("_")
    return len(parts) > 2 and parts[1] in GUM_WRITTEN


def train_only(folder: Path, bank: str) -> dict[str, list[Paragraph]] | None:
    """A treebank's train file (or a sample of it) as dev only."""
    train = folder / f"{bank}-ud-train.conllu"
    return {"dev": conllu_paragraphs(train), "test": []} if train.exists() else None


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


FINAL = re.compile(r"[.!?…]+[\"'»”’)\]]*$")


def ntrex_splits(folder: Path, code: str) -> dict[str, list[Paragraph]] | None:
    name = "newstest2019-src.eng.txt" if code == "eng" else f"newstest2019-ref.{code}.txt"
    text, source, ids = (folder / name for name in (name, "newstest2019-src.eng.txt", "DOCUMENT_IDS.tsv"))
    if not (text.exists() and source.exists() and ids.exists()):
        return None
    documents: list[list[Paragraph]] = []
    previous = None
    for doc, english, sentence in zip(lines(ids), lines(source), lines(text), strict=True):
        if doc != previous:
            documents.append([[]])
        previous = doc
        paragraphs = documents[-1]
        paragraphs[-1].append(sentence.strip())
        if not FINAL.search(english.strip()):  # a headline: a paragraph of its own
            paragraphs.append([])
    kept = [[p for p in doc if p] for doc in documents]
    # the documents that start in the first NTREX_DEV_LINES lines are dev
    dev, first = [], 0
    for doc in kept:
        if first >= NTREX_DEV_LINES:
            break
        dev.append(doc)
        first += sum(len(p) for p in doc)
    return {"dev": [p for doc in dev for p in doc], "test": [p for doc in kept[len(dev):] for p in doc]}


# Each language's sources: (name, licence, loader).
SOURCES: dict[str, list[tuple[str, Callable[[Path], dict[str, list[Paragraph]] | None]]]] = {
    "fa": [
        ("UD Seraji (CC BY-SA 4.0)", lambda f: ud_splits(f, "fa_seraji")),
        ("UD PerDT (CC BY-SA 4.0)", lambda f: ud_splits(f, "fa_perdt")),
        ("NTREX-128 fas (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "fas")),
    ],
    "ar": [
        ("UD PADT (CC BY-NC-SA 3.0)", lambda f: ud_splits(f, "ar_padt")),
        ("UD PADT train (CC BY-NC-SA 3.0)", lambda f: train_only(f, "ar_padt")),
        ("UD PUD (CC BY-SA 3.0)", lambda f: ud_splits(f, "ar_pud")),
        ("NTREX-128 arb (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "arb")),
    ],
    # Never tuned on: the same NTREX-128 documents in languages written without spaces.
    "zh": [("NTREX-128 zho-CN (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "zho-CN"))],
    "ja": [("NTREX-128 jpn (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "jpn"))],
    "hi": [("NTREX-128 hin (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "hin"))],
    "am": [("NTREX-128 amh (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "amh"))],
    "hy": [("NTREX-128 hye (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "hye"))],
    "my": [("NTREX-128 mya (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "mya"))],
    "km": [("NTREX-128 khm (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "khm"))],
    "ka": [("NTREX-128 kat (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "kat"))],
    "en": [
        ("UD EWT (CC BY-SA 4.0)", lambda f: ud_splits(f, "en_ewt")),
        ("UD GUM written (CC BY-NC-SA 4.0)", lambda f: ud_splits(f, "en_gum", gum_written)),
        ("UD PUD (CC BY-SA 4.0)", lambda f: ud_splits(f, "en_pud")),
        ("NTREX-128 eng (CC BY-SA 4.0)", lambda f: ntrex_splits(f, "eng")),
    ],
}


def corpora(folder: Path, lang: str) -> dict[str, dict[str, list[Paragraph]]]:
    """Dev and test paragraphs of each of a language's sources found in ``folder``."""
    found = {}
    for name, load in SOURCES[lang]:
        parts = load(folder)
        if parts:
            found[name] = parts
    return found


def splits(folder: Path, lang: str) -> dict[str, list[Paragraph]]:
    """Dev and test paragraphs of all a language's sources found in ``folder``."""
    out: dict[str, list[Paragraph]] = {"dev": [], "test": []}
    for parts in corpora(folder, lang).values():
        for part in out:
            out[part] += parts[part]
    return out


# --- the tools, each a function from a paragraph to its segments -----------

def workbench_tool(lang: str) -> Callable[[str], list[str]]:
    from workbench.segment import rules_for, segment_string

    rules = rules_for(lang)
    return lambda text: [s.text for s in segment_string(text, rules, lang=lang)]


def bare_split(text: str) -> list[str]:
    """Cut after every run of sentence-final punctuation and closers followed by white space."""
    cuts = [0, *(m.end() for m in BARE.finditer(text)), len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


def bare_tool(lang: str) -> Callable[[str], list[str]]:
    return bare_split


def pysbd_tool(lang: str) -> Callable[[str], list[str]]:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False).segment  # type: ignore[no-any-return]


def hazm_tool(lang: str) -> Callable[[str], list[str]]:
    if lang != "fa":
        raise LookupError("Persian only")
    from hazm import SentenceTokenizer

    return SentenceTokenizer().tokenize  # type: ignore[no-any-return]


def sentencex_tool(lang: str) -> Callable[[str], list[str]]:
    from sentencex import segment

    return lambda text: list(segment(lang, text))


def blingfire_tool(lang: str) -> Callable[[str], list[str]]:
    from blingfire import text_to_sentences

    return lambda text: text_to_sentences(text).split("\n")


TOOLS: dict[str, Callable[[str], Callable[[str], list[str]]]] = {
    "workbench": workbench_tool,
    "bare split": bare_tool,
    "pysbd": pysbd_tool,
    "hazm": hazm_tool,
    "sentencex": sentencex_tool,
    "blingfire": blingfire_tool,
}


# --- boundary F1 -------------------------------------------------------------

def starts(text: str, segments: list[str]) -> set[int]:
    """Where each segment after the first starts in ``text`` (its first non-space character)."""
    out: set[int] = set()
    cursor = 0
    for k, seg in enumerate(segments):
        seg = seg.strip()
        if not seg:
            continue
        at = text.find(seg, cursor)
        if at < 0:  # the tool changed the text: find its first word instead
            at = text.find(seg.split()[0], cursor)
        if at < 0:
            continue
        if k and at > 0:
            out.add(at)
        cursor = at + 1
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp else 0.0


def score(paragraphs: list[Paragraph], split: Callable[[str], list[str]], misses: list[str] | None = None,
          joiner: str = " ") -> Score:
    result = Score()
    for sentences in paragraphs:
        text = joiner.join(sentences)
        gold: set[int] = set()
        at = 0
        for s in sentences[:-1]:
            at += len(s) + len(joiner)
            gold.add(at)
        got = starts(text, split(text))
        result.tp += len(gold & got)
        result.fp += len(got - gold)
        result.fn += len(gold - got)
        if misses is not None:
            for pos in sorted(got ^ gold):
                tag = "split" if pos in got else "missed"
                misses.append(f"{tag:6} …{text[max(0, pos - 50):pos]}|{text[pos:pos + 30]}…")
    return result


def f1_table(folder: Path, show_misses: int, langs: list[str], wanted: list[str]) -> None:
    print("Boundary F1 (sentence starts inside paragraphs), precision / recall")
    print("(ceiling: the share of gold starts that follow sentence-final punctuation and white space)")
    print(f"{'lang':4} {'source':36} {'split':5} {'paras':>6} {'bounds':>6} {'ceiling':>7} {'tool':11} {'F1':>7} {'P':>7} {'R':>7}")
    for lang in langs:
        found = corpora(folder, lang)
        if not found:
            print(f"{lang}: no corpus in {folder}")
            continue
        if len(found) > 1:
            found["all"] = splits(folder, lang)
        for name, make in TOOLS.items():
            try:
                split = make(lang)
            except (ImportError, LookupError):
                continue
            for source, parts in found.items():
                for part in wanted:
                    paragraphs = parts[part]
                    if not paragraphs:
                        continue
                    misses: list[str] | None = [] if (show_misses and name == "workbench" and part == "dev") else None
                    joiner = JOINER.get(lang, " ")
                    s = score(paragraphs, split, misses, joiner)
                    bounds = sum(len(p) - 1 for p in paragraphs)
                    ceiling = score(paragraphs, bare_split, joiner=joiner).recall() if name == "workbench" else float("nan")
                    print(f"{lang:4} {source:36} {part:5} {len(paragraphs):6} {bounds:6} {ceiling:7.4f} {name:11} "
                          f"{s.f1():7.4f} {s.precision():7.4f} {s.recall():7.4f}")
                    for line in (misses or [])[:show_misses] if source != "all" else []:
                        print("      ", line)


# --- speed -----------------------------------------------------------------

def make_corpus(folder: Path, lang: str, megabytes: float, out: Path) -> Path:
    """The language's treebank paragraphs (dev and test), one a line, repeated to ``megabytes``."""
    treebanks = [parts for name, parts in corpora(folder, lang).items() if name.startswith("UD ")]
    block = "".join(" ".join(p) + "\n" for parts in treebanks for p in parts["dev"] + parts["test"])
    data = block.encode("utf-8")
    target = int(megabytes * 1_000_000)
    path = out / f"{lang}-{megabytes:g}mb.txt"
    with path.open("wb") as fh:
        size = 0
        while size < target:
            piece = data[: target - size]
            piece = piece[: piece.rfind(b"\n") + 1]
            if not piece:  # the next paragraph would overshoot: stop short of the target
                break
            fh.write(piece)
            size += len(piece)
    return path


def peer_worker(tool: str, lang: str, path: str) -> None:
    """A peer as a whole process: read paragraphs a line at a time, write segments."""
    split = TOOLS[tool](lang)
    with open(path, encoding="utf-8") as src, open(os.devnull, "w", encoding="utf-8") as out:
        for line in src:
            if line.strip():
                out.writelines(seg.strip() + "\n" for seg in split(line.rstrip("\n")))


def timed(cmd: list[str]) -> tuple[float, float, float] | None:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a whole command."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"  failed: {' '.join(cmd[:3])}: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None

    def field(name: str) -> float:
        found = re.search(rf"{name}: ([\d.]+)", proc.stderr)
        return float(found.group(1)) if found else float("nan")

    cpu = field(r"User time \(seconds\)") + field(r"System time \(seconds\)")
    return seconds, cpu, field(r"Maximum resident set size \(kbytes\)") / 1024


def speed_table(folder: Path, sizes: list[float], peers: list[str], langs: list[str]) -> None:
    print("\nWhole-process throughput on the same file (treebank paragraphs repeated)")
    print("(a busy machine slows wall time; CPU time, user + system, is steadier)")
    print(f"{'lang':4} {'tool':11} {'MB':>5} {'Mchars':>7} {'wall s':>7} {'Mchar/s':>8} {'CPU s':>7} {'Mchar/CPUs':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            if not splits(folder, lang)["test"]:
                continue
            for mb in sizes:
                path = make_corpus(folder, lang, mb, Path(tmp))
                chars = len(path.read_text(encoding="utf-8")) / 1e6
                runs = {"workbench": [str(WB), "segment", "--lang", lang, str(path), "-o", os.devnull]}
                for peer in peers:
                    if peer == "hazm" and lang != "fa":
                        continue
                    runs[peer] = [sys.executable, __file__, "--worker", peer, lang, str(path)]
                for tool, cmd in runs.items():
                    got = timed(cmd)
                    if got:
                        wall, cpu, rss = got
                        print(f"{lang:4} {tool:11} {mb:5g} {chars:7.2f} {wall:7.2f} {chars / wall:8.2f} "
                              f"{cpu:7.2f} {chars / cpu:10.2f} {rss:8.1f}")


def sweep(folder: Path, part: str) -> None:
    """The workbench's boundary F1 on every NTREX-128 translation in ``folder`` (``part``'s
    documents), worst first: where a script's sentences are not found at all."""
    from workbench.errors import LanguageTagError
    from workbench.text.langtag import parse_tag

    rows = []
    for path in sorted(folder.glob("newstest2019-ref.*.txt")):
        code = path.name.removeprefix("newstest2019-ref.").removesuffix(".txt")
        try:
            lang = parse_tag(code)
        except LanguageTagError:
            lang = code.split("-")[0]
        parts = ntrex_splits(folder, code)
        if parts:
            joiner = JOINER.get(lang.split("-")[0], " ")
            rows.append((score(parts[part], workbench_tool(lang), joiner=joiner).f1(), code, lang))
    for f1, code, lang in sorted(rows):
        print(f"{f1:.4f}  {code:10} {lang}")
    if rows:
        print(f"{len(rows)} translations, median {sorted(r[0] for r in rows)[len(rows) // 2]:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ud", type=Path, required=False, help="folder of UD CoNLL-U files (see above)")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS), help="languages to measure")
    parser.add_argument("--part", nargs="+", choices=("dev", "test"), default=["dev", "test"],
                        help="parts to score (dev while tuning rules; test once, to report)")
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 8.0], help="input sizes for the speed runs (MB)")
    parser.add_argument("--peers", nargs="*", default=["bare split", "pysbd", "hazm", "sentencex", "blingfire"], help="peers in the speed runs")
    parser.add_argument("--misses", type=int, default=0, help="show this many of the workbench's dev errors")
    parser.add_argument("--no-speed", action="store_true", help="boundary F1 only")
    parser.add_argument("--no-f1", action="store_true", help="speed only")
    parser.add_argument("--sweep", type=Path, metavar="DIR",
                        help="F1 on every NTREX-128 translation in DIR (with DOCUMENT_IDS.tsv and the English source)")
    parser.add_argument("--worker", nargs=3, metavar=("TOOL", "LANG", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        peer_worker(*args.worker)
        return
    if args.sweep:
        sweep(args.sweep, args.part[0])
        return
    if args.ud is None:
        parser.error("--ud DIR is required (a folder of UD CoNLL-U files)")
    if not args.no_f1:
        f1_table(args.ud, args.misses, args.lang, args.part)
    if not args.no_speed:
        speed_table(args.ud, args.mb, args.peers, args.lang)


if __name__ == "__main__":
    main()
