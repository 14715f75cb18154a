"""ordered_map: results in order, errors at their turn, no deadlock on large items, no process left."""
from __future__ import annotations

import multiprocessing
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import FormatError
from workbench.parallel import ordered_map


def where(item: int) -> tuple[int, int]:
    return item, os.getpid()


def doubled(item: bytes) -> bytes:
    return item + item


def fails_at_7(item: int) -> int:
    if item == 7:
        raise FormatError("bad item", path="x.tmx", line=7, column=2)
    return item


@given(st.lists(st.integers(-2**40, 2**40), max_size=40), st.integers(1, 8))
@settings(max_examples=15, deadline=None)
def test_results_come_in_order(items: list[int], ahead: int) -> None:
    assert list(ordered_map(abs, items, ahead=ahead)) == [abs(i) for i in items]


def test_every_other_item_is_done_by_the_helper() -> None:
    done = list(ordered_map(where, range(10)))
    assert [item for item, _ in done] == list(range(10))
    assert {pid for i, pid in done if i % 2 == 0} == {os.getpid()}
    assert len({pid for i, pid in done if i % 2}) == 1 and done[1][1] != os.getpid()
    assert not multiprocessing.active_children()


def test_items_and_results_larger_than_a_pipe_do_not_block() -> None:
    items = [bytes([i]) * 3_000_000 for i in range(8)]
    assert [len(r) for r in ordered_map(doubled, items, ahead=6)] == [6_000_000] * 8


@pytest.mark.parametrize("first", [6, 7])  # item 7 is the helper's, then this process's
def test_an_error_is_raised_at_its_turn_as_itself(first: int) -> None:
    seen = []
    with pytest.raises(FormatError) as caught:
        for result in ordered_map(fails_at_7, range(first, 20)):
            seen.append(result)
    assert seen == list(range(first, 7))
    assert str(caught.value) == "x.tmx:7:2: bad item" and caught.value.line == 7
    assert not multiprocessing.active_children()


def test_leaving_early_ends_the_helper() -> None:
    results = ordered_map(abs, range(-100, 0))
    assert next(results) == 100
    results.close()
    assert not multiprocessing.active_children()
