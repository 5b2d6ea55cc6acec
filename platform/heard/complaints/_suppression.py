"""Small-number suppression for published figures: counts of 1-5 become "c", and no total gives one away."""

from __future__ import annotations

from collections.abc import Sequence

SUPPRESSED = "c"
THRESHOLD = 5


def is_small(value: int, threshold: int = THRESHOLD) -> bool:
    return 1 <= value <= threshold


def suppress(
    counts: Sequence[int], total: int | None = None, *, threshold: int = THRESHOLD
) -> tuple[list[str], str | None]:
    """Cells and total as published.

    Primary: every count from 1 to `threshold` is hidden (0 is shown: it identifies nobody).
    Secondary: when a total is shown and exactly one cell is hidden, the total minus the others
    would reveal it, so the smallest other non-zero cell is hidden too; failing that, the total.
    """
    hidden = {i for i, value in enumerate(counts) if is_small(value, threshold)}
    total_hidden = total is not None and is_small(total, threshold)
    if total is not None and not total_hidden and len(hidden) == 1:
        others = [(value, i) for i, value in enumerate(counts) if i not in hidden and value > 0]
        if others:
            hidden.add(min(others)[1])
        else:
            total_hidden = True
    cells = [SUPPRESSED if i in hidden else str(value) for i, value in enumerate(counts)]
    shown_total = None if total is None else (SUPPRESSED if total_hidden else str(total))
    return cells, shown_total
