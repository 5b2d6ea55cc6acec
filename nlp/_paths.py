"""Default locations: the trained model directory and the training data."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL_DIR = PACKAGE_DIR / "model"
DEFAULT_CORPUS = PACKAGE_DIR / "data" / "corpus.jsonl"
# Evaluation sets written by outsiders, measured on, then read for their errors and retired into training
# (nlp/data/README.md). The set that measures now (bench/data/fresh15) is never here.
OUTSIDERS = PACKAGE_DIR / "data" / "outsiders"


def training_data() -> list[Path]:
    """What ``heard nlp train`` reads by default: the corpus, then each retired evaluation set."""
    return [DEFAULT_CORPUS, *sorted(OUTSIDERS.glob("*/*.jsonl"))]
