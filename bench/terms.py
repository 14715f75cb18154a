"""Term-matcher recall and terminology-check findings on real text (prints figures, asserts nothing).

Data (public, not shipped; CC0 1.0: the TICO-19 data, as the EticaAI/tico-19-hxltm
README and LICENSE state):

* terminologies of the Translation Initiative for COVID-19 (TICO-19), from GitHub
  ``EticaAI/tico-19-hxltm``: ``data/original/terminology/facebook/en_ar-AR.csv``,
  ``en_fa-IR.csv`` (306 English terms each) and ``data/original/tico-19-terminology-google.csv``
  (337 English terms with ar and fa, and a part of speech);
* the TICO-19 test sets (2,100 English sentences translated into Arabic and Persian), as
  ``OPUS-MT-testsets/testsets/eng-{ara,fas}/tico19-test.*`` (see bench/align/README.md).

Both under ``--data`` (default ``bench/align/data``, git-ignored)::

    cd bench/align/data && git clone --depth 1 https://github.com/EticaAI/tico-19-hxltm

Even lines (0, 2, ...) are **dev**, odd lines **test**. Each terminology becomes a glossary
CSV (one concept per English term, its ar or fa terms; written and read back through
``workbench.glossary.load_glossary``). For every pair whose English side holds an English
term (whole words, case-insensitive except
for an acronym: WHO is not "who"), the question is whether the target side holds one of
the concept's target terms: by the workbench's matcher (``Glossary.matcher(lang).scan``,
what ``wb glossary scan`` runs), by exact substring, and by substring after a plain
normalization (NFKC; diacritics, tatweel and ZWNJ removed; alef, yeh, kaf and teh marbuta
unified). The matcher's recall is counted against both baselines on the same cases.

``--check N`` also runs ``wb check`` (every check, as a project would: a TSV of
English-target pairs with the glossary) on the first N pairs of the split and counts the
findings by check; ``--findings`` prints each finding with its pair, for reading, and
``--only facebook|google`` takes one terminology.

Run: ``python bench/terms.py [--split dev|test] [--show misses|extra] [--check 200 [--findings]] [--only facebook]``
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz import fuzz

from workbench.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "bench" / "align" / "data"
TICO = Path("tico-19-hxltm") / "data" / "original"
TERMINOLOGIES = {  # name -> (file under TICO, target language column value per language)
    "facebook": {"ar": TICO / "terminology" / "facebook" / "en_ar-AR.csv",
                 "fa": TICO / "terminology" / "facebook" / "en_fa-IR.csv"},
    "google": {"ar": TICO / "tico-19-terminology-google.csv", "fa": TICO / "tico-19-terminology-google.csv"},
}
SENTENCES = {"ar": ("eng-ara", "ara"), "fa": ("eng-fas", "fas")}

_MARKS = regex.compile(r"[\p{Mn}\u0640\u200c]")
_PLAIN = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه"})


def plain(text: str) -> str:
    """The baseline's normalization: NFKC; diacritics, tatweel and ZWNJ out; alef, yeh, kaf, teh marbuta unified."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_PLAIN)


@dataclass(frozen=True)
class Entry:
    concept: str
    english: str
    targets: tuple[str, ...]
    pattern: regex.Pattern[str]


def read_terminology(data: Path, name: str, lang: str) -> list[tuple[str, str, str]]:
    """(English term, target term, part of speech) rows of one terminology for ``lang``."""
    path = data / TERMINOLOGIES[name][lang]
    if not path.is_file():
        sys.exit(f"missing {path} (see this script's docstring, 'Data')")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    want = lang if name == "google" else None
    return [(r["sourceString"].strip(), r["targetString"].strip(), r.get("pos", "") or "")
            for r in rows if (want is None or r["targetLang"] == want)
            and r["sourceString"].strip() and r["targetString"].strip()]


def make_glossary(rows: list[tuple[str, str, str]], lang: str, folder: Path, name: str) -> tuple[Path, list[Entry]]:
    """Write the glossary CSV (one concept per English term) and the entries the bench looks for."""
    by_en: dict[str, tuple[str, list[str], str]] = {}
    for en, tgt, pos in rows:
        slot = by_en.setdefault(en.lower(), (en, [], pos))
        if tgt not in slot[1]:
            slot[1].append(tgt)
    path = folder / f"tico-{name}-{lang}.csv"
    entries = []
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(("concept", "lang", "term", "status", "part_of_speech", "note"))
        for i, (en, targets, pos) in enumerate(by_en.values()):
            cid = f"{name}-{i:04d}"
            pos = "noun" if pos == "proper noun" else pos
            w.writerow((cid, "en", en, "preferred", pos, ""))
            for j, t in enumerate(targets):
                w.writerow((cid, lang, t, "preferred" if j == 0 else "admitted", pos, ""))
            # Case-insensitive, but an acronym only in capitals (WHO is not "who")
            flags = 0 if en.isupper() and " " not in en else regex.I
            pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(en) + r"(?![\p{L}\p{N}])", flags)
            entries.append(Entry(cid, en, tuple(targets), pattern))
    return path, entries


def read_pairs(data: Path, lang: str, split: str) -> list[tuple[str, str]]:
    folder, code = SENTENCES[lang]
    base = data / "OPUS-MT-testsets" / "testsets" / folder
    try:
        eng = (base / "tico19-test.eng").read_text(encoding="utf-8").splitlines()
        tgt = (base / f"tico19-test.{code}").read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        sys.exit(f"{exc} (see bench/align/README.md, 'Data')")
    keep = 0 if split == "dev" else 1
    return [(e.strip(), t.strip()) for i, (e, t) in enumerate(zip(eng, tgt)) if i % 2 == keep]


@dataclass
class Case:
    pair: int
    entry: Entry
    target: str
    wb: bool
    exact: bool
    norm: bool
    surfaces: tuple[str, ...]


def cases(glossary: Glossary, entries: list[Entry], pairs: list[tuple[str, str]], lang: str) -> list[Case]:
    matcher = glossary.matcher(lang)
    out = []
    for n, (en, tgt) in enumerate(pairs):
        present = [e for e in entries if e.pattern.search(en)]
        if not present:
            continue
        hits = matcher.scan(tgt)
        ptgt = plain(tgt)
        for e in present:
            surfaces = tuple(h.surface for h in hits if h.concept == e.concept)
            out.append(Case(n, e, tgt, bool(surfaces), any(t in tgt for t in e.targets),
                            any(plain(t) in ptgt for t in e.targets), surfaces))
    return out


_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_AR_CLITICS = regex.compile(r"(?:[وف]?(?:[بكل]?(?:ال)?|لل))")
_AFFIX_TAILS = {"ar": ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا"), "fa": ("ها", "هاي", "هايي", "اي", "ي", "ش", "شان", "م", "ت")}
_INFLECTIONS = {"ar": ("ات", "ين", "ون", "ان", "تان", "تين", "ه", "ا", "يه", "يات", "يين", "ا"),
                "fa": ("ان", "ات", "ين", "ي", "يي")}
#: Kinds of misses, in the order they are tried.
KINDS = ("space/ZWNJ variant", "clitic/affix not tolerated", "term's article left out", "inflection", "variant spelling",
         "inside another word", "translator used another word")


def classify(case: Case, lang: str) -> str:
    """Why the matcher missed: rules over the baseline's normalization (spot-checked by reading)."""
    text = plain(case.target)
    tokens = _TOKEN.findall(text)
    joined = text.replace(" ", "")
    kinds = set()
    for term in case.entry.targets:
        t = plain(term)
        words = _TOKEN.findall(t)
        if not words:
            continue
        if len(words) > 1 and "".join(words) in joined and t not in text:
            kinds.add(0)
        if t in text:
            for m in regex.finditer(regex.escape(t), text):
                a, b = m.start(), m.end()
                while a and regex.match(r"[\p{L}\p{M}]", text[a - 1]):
                    a -= 1
                while b < len(text) and regex.match(r"[\p{L}\p{M}]", text[b]):
                    b += 1
                pre, post = text[a:m.start()], text[m.end():b]
                if (not pre or lang == "ar" and _AR_CLITICS.fullmatch(pre)) and (not post or post in _AFFIX_TAILS[lang]):
                    kinds.add(1)
                elif post and (post in _INFLECTIONS[lang] or post.rstrip("ا") in _INFLECTIONS[lang] or post == "ا"):
                    kinds.add(3)
                else:
                    kinds.add(5)
            continue
        bare = " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)
        if lang == "ar" and bare != t and regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(bare), text):
            kinds.add(2)
            continue
        stems = [w[:-1] if len(w) > 3 and w[-1] in "هيا" else w for w in words]
        n = len(words)
        if any(all(s in tok for s, tok in zip(stems, tokens[i:i + n])) for i in range(len(tokens) - n + 1)):
            kinds.add(3)
        elif any(fuzz.ratio(t, " ".join(tokens[i:i + n])) >= 80 for i in range(len(tokens))):
            kinds.add(4)
    return KINDS[min(kinds)] if kinds else KINDS[-1]


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "  n/a"


def run_check(gloss: Path, pairs: list[tuple[str, str]], lang: str, folder: Path) -> list[dict[str, object]]:
    """``wb check`` on the pairs (a TSV with a header of language tags) with the glossary: its findings."""
    tsv = folder / f"pairs-{lang}.tsv"
    with tsv.open("w", encoding="utf-8", newline="") as f:
        f.write(f"en\t{lang}\n")
        for en, tgt in pairs:
            f.write(f"{en.replace(chr(9), ' ')}\t{tgt.replace(chr(9), ' ')}\n")
    wb = Path(sys.executable).with_name("wb")
    out = folder / f"check-{lang}.json"
    subprocess.run([str(wb), "check", str(tsv), "-g", str(gloss), "--no-baseline",
                    "--format", "json", "-o", str(out)], cwd=folder, check=False, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    findings: list[dict[str, object]] = report["findings"]
    return findings


def show_finding(f: dict[str, object]) -> str:
    """One finding for reading: check, message, and the pair it was found in."""
    pair = f.get("pair") or {}
    assert isinstance(pair, dict)
    texts = [f"      {side[:2]}: {pair[side]['text']}" for side in ("source", "target") if pair.get(side)]
    return f"  [{f['check']}] {f['message']}\n" + "\n".join(texts or [f"      {f.get('segment', '')}"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--show", choices=("misses", "extra"), help="print the dev misses or the extra hits")
    ap.add_argument("--sample", type=int, default=50, help="extra hits sampled for reading (precision)")
    ap.add_argument("--check", type=int, default=0, help="also run wb check on the first N pairs")
    ap.add_argument("--findings", action="store_true", help="with --check, print every finding for reading")
    ap.add_argument("--only", choices=tuple(TERMINOLOGIES), help="one terminology only")
    args = ap.parse_args()
    print(f"TICO-19 terminologies and test set (CC0), split {args.split} (even lines dev, odd test)\n")
    print(f"{'lang':4} {'terminology':11} {'pairs':>5} {'cases':>5} {'exact%':>6} {'norm%':>6} {'wb%':>6}"
          f" {'wb-only':>7} {'norm-only':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in ("ar", "fa"):
            pairs = read_pairs(args.data, lang, args.split)
            for name in (args.only,) if args.only else TERMINOLOGIES:
                path, entries = make_glossary(read_terminology(args.data, name, lang), lang, folder, name)
                glossary = load_glossary(path)
                found = cases(glossary, entries, pairs, lang)
                n = len(found)
                wb, ex, no = (sum(getattr(c, a) for c in found) for a in ("wb", "exact", "norm"))
                wb_only = [c for c in found if c.wb and not c.exact]
                print(f"{lang:4} {name:11} {len({c.pair for c in found}):5} {n:5} {pct(ex, n):>6} {pct(no, n):>6}"
                      f" {pct(wb, n):>6} {len(wb_only):7} {sum(c.norm and not c.wb for c in found):9}")
                kinds = Counter(classify(c, lang) for c in found if not c.wb)
                print("       misses: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k]))
                if args.show == "misses":
                    for c in found:
                        if not c.wb:
                            print(f"  MISS {classify(c, lang)}{' NORM' if c.norm else ''} [{c.entry.english}] {' | '.join(c.entry.targets)}"
                                  f"\n      {c.target}")
                elif args.show == "extra":
                    for c in random.Random(7).sample(wb_only, min(args.sample, len(wb_only))):
                        print(f"  EXTRA [{c.entry.english}] {' | '.join(c.entry.targets)} -> {' | '.join(c.surfaces)}"
                              f"\n      {c.target}")
                if args.check:
                    findings = run_check(path, pairs[:args.check], lang, folder)
                    counts = Counter(str(f["check"]) for f in findings)
                    print(f"       wb check on {min(args.check, len(pairs))} pairs: "
                          + (", ".join(f"{k} {v}" for k, v in counts.most_common()) or "no findings"))
                    if args.findings:
                        for f in findings:
                            print(show_finding(f))


if __name__ == "__main__":
    main()
