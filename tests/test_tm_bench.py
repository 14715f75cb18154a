"""bench/tm.py --synthetic (bench/tm_synthetic.py): its TMX is deterministic, valid and readable (no timings here)."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from lxml import etree

from workbench.formats.tmx import TmxReader

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "tm"


def load_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_tm", ROOT / "bench" / "tm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_tmx_is_deterministic_and_valid(tmp_path: Path) -> None:
    bench = load_bench()
    runs = []
    for name in ("a", "b"):
        bench.generate(tmp_path / f"{name}.tmx", 300, 3, tmp_path / f"{name}.json")
        runs.append(re.sub(rb'creationdate="\w+"', b"", (tmp_path / f"{name}.tmx").read_bytes()))
    assert runs[0] == runs[1]
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == (tmp_path / "b.json").read_text(encoding="utf-8")
    assert len(json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))) == 200
    assert etree.DTD(str(DATA / "tmx14.dtd")).validate(etree.parse(str(tmp_path / "a.tmx")))
    with TmxReader(tmp_path / "a.tmx") as reader:
        tus = list(reader)
    assert len(tus) == 300 and not reader.log.issues
    assert any("<bpt" in tu.tuvs[0].seg for tu in tus) and any(tu.notes for tu in tus)


def test_the_floor_stages_run_and_leave_an_indexed_store(tmp_path: Path) -> None:
    import subprocess
    import sys

    from workbench.tm import Store

    bench = load_bench()
    bench.generate(tmp_path / "a.tmx", 300, 3, tmp_path / "a.json")
    out = subprocess.run([sys.executable, "-c", bench._LAYERS, str(tmp_path / "a.tmx"), str(tmp_path / "s.sqlite")],
                         capture_output=True, text=True, check=True).stdout
    stages = json.loads(out)
    assert list(stages) == ["parse", "records", "store", "index"]
    assert all(cpu >= 0 and wall > 0 for cpu, wall in stages.values())
    with Store(tmp_path / "s.sqlite") as store:
        assert 290 <= store.count() <= 300 and store.setting("fuzzy") == "fresh"  # duplicates merged
