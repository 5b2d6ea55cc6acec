"""Published counts of 1-5 become "c", and a shown total never lets a reader work one back out."""

from __future__ import annotations

from dashboards.suppression import suppress_row as suppress


def test_small_counts_are_hidden_and_zero_and_large_are_shown() -> None:
    assert suppress([0, 1, 5, 6, 40]) == (["0", "c", "c", "6", "40"], None)


def test_one_hidden_cell_under_a_total_hides_the_next_smallest_too() -> None:
    cells, total = suppress([3, 10, 7, 0], 20)
    assert (cells, total) == (["c", "10", "c", "0"], "20")


def test_two_hidden_cells_need_nothing_more() -> None:
    assert suppress([2, 4, 30], 36) == (["c", "c", "30"], "36")


def test_a_small_total_is_hidden() -> None:
    assert suppress([3, 1, 1, 0], 5) == (["c", "c", "c", "0"], "c")
    assert suppress([0, 0], 0) == (["0", "0"], "0")


def test_with_no_other_cell_to_hide_the_total_is_hidden() -> None:
    # The total counts more than the rows (e.g. an unlisted group): hiding it is the only way.
    assert suppress([4, 0], 12) == (["c", "0"], "c")


def test_no_arithmetic_recovers_a_hidden_cell() -> None:
    cases = [([3, 10, 7, 0], 20), ([1, 9, 8, 12], 30), ([6, 2, 50], 58), ([0, 5, 6], 11)]
    for counts, total in cases:
        cells, shown_total = suppress(counts, total)
        hidden = [i for i, c in enumerate(cells) if c == "c"]
        if shown_total != "c":
            assert len(hidden) != 1, (counts, cells)
        for i in hidden:
            assert cells[i] == "c"
