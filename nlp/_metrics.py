"""Plain metric helpers (numpy only): F1, macro-F1, safeguarding rates."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def prf(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of boolean vectors (0 when undefined)."""
    tp = float(np.sum(gold & pred))
    precision = tp / max(float(np.sum(pred)), 1.0)
    recall = tp / max(float(np.sum(gold)), 1.0)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """F1 of boolean vectors."""
    return prf(gold, pred)[2]


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Mean F1 over the columns of boolean matrices (columns with no gold and no predicted items skipped)."""
    scores = [f1(gold[:, j], pred[:, j]) for j in range(gold.shape[1]) if gold[:, j].any() or pred[:, j].any()]
    return float(np.mean(scores)) if scores else 0.0


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def safeguarding_rates(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float | None]:
    """The four headline safeguarding figures."""
    pairs = list(zip(gold, pred, strict=True))
    urgent = [p for g, p in pairs if g == "urgent"]
    flagged = [p for g, p in pairs if g != "none"]
    none = [p for g, p in pairs if g == "none"]
    return {
        "urgent_flagged": _rate(sum(p != "none" for p in urgent), len(urgent)),
        "urgent_as_urgent": _rate(sum(p == "urgent" for p in urgent), len(urgent)),
        "concern_or_urgent_flagged": _rate(sum(p != "none" for p in flagged), len(flagged)),
        "none_flagged": _rate(sum(p != "none" for p in none), len(none)),
    }
