"""Combine the rule screen with the trained safeguarding classifier: the model may raise or add, never drop."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nlp._models import Thresholds
from nlp.schemas import CATEGORIES, Level, Safeguarding


def combine(
    rules: Safeguarding,
    p_flag: float,
    p_urgent: float,
    p_categories: np.ndarray,
    thresholds: Thresholds,
    explain: Callable[[], tuple[str, ...]],
    flag: float,
) -> Safeguarding:
    """The rule result, raised to the model's level and with the model's categories added; `flag` is the flag
    threshold for this text's reading (English or not)."""
    model_flag = p_flag >= flag
    if rules.level == "none" and not model_flag:
        return rules
    level: Level = rules.level if rules.level != "none" else "concern"
    if p_urgent >= thresholds.urgent:
        level = "urgent"
    picked = {CATEGORIES[i] for i, p in enumerate(p_categories) if p >= thresholds.categories[i]}
    cats = set(rules.categories) | (picked if model_flag or level != rules.level else set())
    if not cats:
        cats = {CATEGORIES[int(np.argmax(p_categories))]}
    triggers = rules.triggers or explain()
    return Safeguarding(level, tuple(c for c in CATEGORIES if c in cats), triggers)
