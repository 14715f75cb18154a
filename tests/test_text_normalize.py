"""The match key: folds, offset map back to the original, explanations."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.text import ALL_FOLDS, Normalizer, match_key, normalize

_ALL = Normalizer()
_NO_SPACE = Normalizer(exclude=["space"])

ARABIC_PERSIAN = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list(" \u200c\u200d\u200e\u200f\u061c\t\n«»“”ﷲßİÁé")),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


@given(ARABIC_PERSIAN, st.data())
def test_every_key_span_maps_back_inside_the_original(text: str, data: st.DataObject) -> None:
    original = str(text)
    key = match_key(text)
    assert text == original  # never changed
    assert key.source is text
    assert len(key.starts) == len(key.text)
    assert list(key.starts) == sorted(key.starts)
    n = len(key.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    start, end = key.span(a, b)
    assert 0 <= start <= end <= len(text)
    if a < b:
        assert start < end


@given(ARABIC_PERSIAN)
def test_fold_is_the_key_text_without_the_map(text: str) -> None:
    norm = _ALL
    assert norm.fold(text) == norm.key(text).text


@given(ARABIC_PERSIAN)
def test_key_of_each_original_char_is_its_part_of_the_key(text: str) -> None:
    norm = _NO_SPACE
    key = norm.key(text)
    rebuilt = "".join(norm.fold(ch) for ch in text)
    assert key.text == rebuilt


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("للأمم المتحدة", "للامم المتحده"),
        ("إفريقيا", "افريقيا"),
        ("أفريقيا", "افريقيا"),
        ("آژانس‌های", "اژانسهاي"),
        ("کشورهای", "كشورهاي"),
        ("مُنَظَّمَة", "منظمه"),
        ("الكـــتاب", "الكتاب"),
        ("٢٠١٩", "2019"),
        ("۲۰۲۴", "2024"),
        ("٣٫٥٪", "3.5%"),
        ("مصطفى", "مصطفي"),
        ("«روح هانوی»", '"روح هانوي"'),
        ("Lázaro ÁLVAREZ", "lazaro alvarez"),
        ("ﻻ", "لا"),
        ("a\u200fb", "ab"),
        ("a  \t b", "a b"),
    ],
)
def test_folds(a: str, b: str) -> None:
    assert match_key(a).text == b


def test_final_alef_maqsura_never_becomes_alef() -> None:
    assert match_key("مصطفى").text.endswith("ي")
    assert not match_key("مصطفى").text.endswith("ا")


def test_span_points_at_the_original_text() -> None:
    text = "وصرّح مُمثِّل للأمم المتحدة."
    key = match_key(text)
    i = key.text.index("للامم المتحده")
    start, end = key.span(i, i + len("للامم المتحده"))
    assert text[start:end] == "للأمم المتحدة"
    j = key.text.index("ممثل")
    assert text[slice(*key.span(j, j + 4))] == "مُمثِّل"


def test_folds_can_be_switched_off() -> None:
    norm = Normalizer(exclude=["teh_marbuta", "hamza"])
    assert norm.fold("المتحدة") == "المتحدة"
    assert norm.fold("أفريقيا") == "أفريقيا"
    assert "teh_marbuta" not in norm.folds
    with pytest.raises(ValueError, match="unknown fold"):
        Normalizer(exclude=["nope"])


def test_explain_names_the_folds() -> None:
    norm = Normalizer()
    assert norm.explain("آژانس‌های ۲۰۲۴") == ["hamza", "yeh", "zwnj", "digits"]
    assert norm.explain("plain") == []
    assert set(norm.explain("Á")) == {"case", "accents"}


def test_signature_lists_the_folds() -> None:
    assert Normalizer().signature.startswith("norm:v1[nfkc,")
    assert len(ALL_FOLDS) == len(set(ALL_FOLDS))


def test_to_key_inverts_span() -> None:
    text = "مُنَظَّمَة دولية"
    key = match_key(text)
    off = text.index("دولية")
    k = key.to_key(off)
    assert key.text[k:].startswith("دوليه")


def test_the_fast_fold_is_the_fold() -> None:
    texts = ["ﻻ «إنّ»  الأمم\u200cالمتحدة ١٢٣ ۴۵۶", "Ｆｕｌｌ  width\u200f", "ي ى ك ک ة", "\U0001F600 x", "ǅ Straße\tİ"]
    for norm in (_ALL, _NO_SPACE):
        fast = norm.fast_fold()
        assert fast is norm.fast_fold()
        assert [fast(t) for t in texts] == [norm.fold(t) for t in texts]


@given(st.text())
def test_the_fast_fold_is_the_fold_of_any_text(text: str) -> None:
    assert _ALL.fast_fold()(text) == _ALL.fold(text)


def test_the_table_file_is_the_table_the_folds_make() -> None:
    made = normalize._tables(ALL_FOLDS)[0]
    assert normalize.table_key() == normalize.json.loads(normalize.TABLE_FILE.read_text(encoding="utf-8"))["key"], \
        "the folds changed: run python -c 'from workbench.text.normalize import write_table; write_table()'"
    assert dict(_ALL.table()) == dict(made)


def test_a_table_file_of_other_folds_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "folds.json"
    path.write_text(normalize.json.dumps({"key": "0", "table": {"a": "b"}}), encoding="utf-8")
    monkeypatch.setattr(normalize, "TABLE_FILE", path)
    normalize._table.cache_clear()
    try:
        assert Normalizer().fold("a") == "a"
        path.write_text("{not json", encoding="utf-8")
        normalize._table.cache_clear()
        assert Normalizer().fold("Aأ") == "aا"
        normalize.write_table(path)
        normalize._table.cache_clear()
        assert dict(Normalizer().table()) == dict(normalize._tables(ALL_FOLDS)[0])
    finally:
        normalize._table.cache_clear()


@given(st.sets(st.integers(min_value=0, max_value=0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF), min_size=1,
               max_size=40), st.lists(st.characters(codec="utf-8"), max_size=20))
def test_the_class_of_uneven_characters_matches_exactly_them(codes: set[int], probes: list[str]) -> None:
    pattern = normalize.re.compile(normalize._char_class(sorted(codes)))
    for c in [*map(chr, codes), *(chr(c + d) for c in codes for d in (-1, 1) if 0 <= c + d <= 0x10FFFF), *probes]:
        assert bool(pattern.fullmatch(c)) == (ord(c) in codes), hex(ord(c))


def test_a_space_run_is_explained_as_the_space_fold() -> None:
    assert "space" in _ALL.explain("a \t b") and "space" not in _NO_SPACE.explain("a \t b")
