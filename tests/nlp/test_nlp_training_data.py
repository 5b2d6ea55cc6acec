"""What the model trains on: the corpus and the retired evaluation sets, labelled as LABELS.md says, and never an
item of the set that measures it now."""

from __future__ import annotations

import re
from pathlib import Path

from nlp._data import read_items
from nlp._paths import DEFAULT_CORPUS, OUTSIDERS, training_data
from nlp.schemas import CATEGORIES, LEVELS, SENTIMENTS, THEMES

ROOT = Path(__file__).resolve().parents[2]
MEASURING = ROOT / "bench" / "data" / "fresh15"


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_training_reads_the_corpus_and_every_retired_set() -> None:
    paths = training_data()
    assert paths[0] == DEFAULT_CORPUS
    sets = {p.parent.name for p in paths[1:]}
    assert {"fresh2", "fresh8", "fresh9", "fresh14", "independent", "holdout"} <= sets, sets
    assert all(p.is_relative_to(OUTSIDERS) for p in paths[1:])


def test_every_retired_item_is_labelled_in_the_guide_s_terms() -> None:
    wrong = []
    for path in training_data()[1:]:
        for item in read_items(path):
            labels = item.safeguarding
            if (
                not set(item.themes) <= set(THEMES)
                or item.sentiment not in SENTIMENTS
                or labels.level not in LEVELS
                or not set(labels.categories) <= set(CATEGORIES)
                or (labels.level == "none") != (not labels.categories)
            ):
                wrong.append(f"{path.parent.name}/{item.id}")
    assert not wrong, wrong


def test_no_item_of_the_measuring_set_is_trained_on() -> None:
    measuring = {_key(item.text): item.id for path in sorted(MEASURING.glob("*.jsonl")) for item in read_items(path)}
    assert len(measuring) >= 600  # the set is there, so the check below is not vacuous
    trained = {_key(item.text) for path in training_data() for item in read_items(path)}
    assert len(trained) > 14_000
    assert not [ident for key, ident in measuring.items() if key in trained]
