"""BCP 47 tags and script detection."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import LanguageTagError
from workbench.text import detect_language, fallback_chain, parse_tag, primary, same_language


@pytest.mark.parametrize(("raw", "canonical"), [("en_US", "en-US"), ("EN-us", "en-US"), ("ar-eg", "ar-EG"), ("fa", "fa"), (" ar ", "ar")])
def test_parse_normalizes(raw: str, canonical: str) -> None:
    assert parse_tag(raw) == canonical


@pytest.mark.parametrize(("raw", "canonical"), [
    ("arb", "ar"), ("arb_Arab", "ar"), ("pes_Arab", "fa"), ("eng_Latn", "en"), ("ara", "ar"),  # FLORES: a script that goes without saying is dropped
    ("pes", "fa"), ("pes-IR", "fa-IR"), ("fas", "fa"),
    ("prs", "fa-AF"), ("cmn-Hans", "zh-Hans"), ("eng", "en"),
    ("arz", "arz"), ("ary", "ary"), ("yue", "yue"),  # distinct varieties stay themselves
])
def test_three_letter_codes_and_macrolanguage_members(raw: str, canonical: str) -> None:
    """OPUS, NTREX and FLORES write Standard Arabic ``arb`` and Iranian Persian ``pes``: the same languages as ``ar`` and ``fa``."""
    assert parse_tag(raw) == canonical
    assert fallback_chain(raw)[-1] == canonical.split("-")[0]


@pytest.mark.parametrize("bad", ["", "xx", "en-", "123", "abcdefghi", "und", "a_b_c_d_e"])
def test_bad_tags_are_clear_errors(bad: str) -> None:
    with pytest.raises(LanguageTagError, match="language tag"):
        parse_tag(bad)


def test_fallback_chains() -> None:
    assert fallback_chain("ar-EG") == ["ar-EG", "ar"]
    assert fallback_chain("prs") == ["fa-AF", "fa"]
    assert primary("ar-SA") == "ar"
    assert same_language("ar", "AR-sa")
    assert not same_language("ar-EG", "ar-SA")


def test_detect_language_on_the_seeds(seeds: list) -> None:
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        assert detect_language(text) == path.parent.name


@pytest.mark.parametrize(
    ("text", "lang"),
    [("گزارش خبرنگار", "fa"), ("تقرير المراسل في المدينة", "ar"), ("The Hanoi Convention", "en"), ("123 456", None), ("سلام", "ar")],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


@given(st.from_regex(r"[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?", fullmatch=True))
def test_the_canonical_form_is_a_fixed_point(tag: str) -> None:
    """What readers write (glossary import, TMX) is what validation reads back: parsing a canonical tag keeps it."""
    try:
        canonical = parse_tag(tag)
    except LanguageTagError:
        return
    assert parse_tag(canonical) == canonical


def test_tag_or_name_takes_a_language_name_where_a_tag_should_be() -> None:
    from workbench.text.langtag import tag_or_name

    assert [tag_or_name(t) for t in ("en_US", "English", "Arabic", "فارسی", "Arabic (Egypt)")] == [
        "en-US", "en", "ar", "fa", "ar-EG"]
    for bad in ("Klingonish", "xx", "Remark"):
        with pytest.raises(LanguageTagError):
            tag_or_name(bad)
