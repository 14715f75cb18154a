"""Moses line-parallel bitext."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.formats.moses import read_moses, write_moses
from workbench.model import TU, TUV


def test_round_trip(tmp_path: Path) -> None:
    tus = [TU((TUV.plain("ar", a), TUV.plain("en", b)), (("srclang", "ar"),))
           for a, b in [("سطر أول", "first line"), ("آژانس‌های ٢٠٢٤", "agencies 2024")]]
    assert write_moses(tmp_path / "corpus", tus, "ar", "en") == (2, 0)
    assert (tmp_path / "corpus.ar").read_text(encoding="utf-8") == "سطر أول\nآژانس‌های ٢٠٢٤\n"
    assert list(read_moses(tmp_path / "corpus.ar", tmp_path / "corpus.en")) == tus


def test_line_breaks_become_spaces_and_are_counted(tmp_path: Path) -> None:
    tus = [TU((TUV.plain("ar", "سطر\nثان"), TUV.plain("en", "line\r\ntwo")))]
    assert write_moses(tmp_path / "c", tus, "ar", "en") == (1, 2)
    assert (tmp_path / "c.en").read_text(encoding="utf-8") == "line two\n"


def test_different_lengths_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "c.ar").write_text("أ\nب\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("a\n", encoding="utf-8")
    with pytest.raises(FormatError, match="fewer lines"):
        list(read_moses(tmp_path / "c.ar", tmp_path / "c.en"))
