"""TSV and CSV two-column bitext."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.issues import ReadLog
from workbench.formats.tabular import read_tabular, write_tabular
from workbench.model import TU, TUV

TRICKY = [("نص\tمع\nفواصل \\ هنا", "text\twith\nbreaks \\ here"), ('"اقتباس", فاصلة', '"quote", comma'),
          ("آژانس‌های ٢٠٢٤ 😀", "agencies 2024 😀")]


def tus() -> list[TU]:
    return [TU((TUV.plain("ar", a), TUV.plain("en", b)), (("srclang", "ar"),)) for a, b in TRICKY]


@pytest.mark.parametrize("dialect", ["tsv", "csv"])
def test_round_trip_keeps_any_text(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / f"pairs.{dialect}"
    assert write_tabular(path, tus(), "ar", "en", dialect=dialect) == 3  # type: ignore[arg-type]
    assert list(read_tabular(path, None, None)) == tus()


def test_header_row_or_options_name_the_languages(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv"
    path.write_text("one\tواحد\ntwo\tاثنان\n", encoding="utf-8")
    with pytest.raises(InputError, match="--src-lang"):
        list(read_tabular(path, None, None))
    got = list(read_tabular(path, "en", "ar"))
    assert [t.lang for t in got[0].tuvs] == ["en", "ar"] and len(got) == 2


def test_bad_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv"
    path.write_text("en\tar\none\tواحد\nlonely\n\tفارغ\nthree\tثلاثة\textra\n", encoding="utf-8-sig")
    log = ReadLog(str(path))
    got = list(read_tabular(path, None, None, log))
    assert len(got) == 1 and log.read == 4 and log.skipped == 3
    assert [i.line for i in log.issues] == [3, 4, 5]
