"""The dev-set targets from the theming issue; fails if the pipeline regresses below them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp._data import read_items
from nlp._evaluate import evaluate


@pytest.fixture(scope="module")
def report(analyser, dev_path: Path):  # type: ignore[no-untyped-def]
    return evaluate(analyser, read_items(dev_path))


def test_themes_macro_f1(report):
    assert report["themes"]["macro_f1"] >= 0.75


def test_every_urgent_item_is_flagged_and_most_as_urgent(report):
    assert report["safeguarding"]["urgent_flagged"] == 1.0
    assert report["safeguarding"]["urgent_as_urgent"] >= 0.9


def test_concern_and_urgent_items_are_flagged(report):
    assert report["safeguarding"]["concern_or_urgent_flagged"] >= 0.97


def test_few_level_none_items_are_flagged(report):
    assert report["safeguarding"]["none_flagged"] <= 0.10


def test_sentiment_macro_f1(report):
    assert report["sentiment"]["macro_f1"] >= 0.65


def test_personal_details_removed(report):
    by_type = report["pii"]["by_type"]
    for kind in ("phone", "email", "postcode", "handle"):
        if by_type[kind]["support"]:
            assert by_type[kind]["recall"] >= 0.98, kind
    assert by_type["name"]["recall"] >= 0.90
