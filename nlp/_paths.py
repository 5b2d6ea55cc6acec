"""Default locations: the trained model directory and the training corpus."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL_DIR = PACKAGE_DIR / "model"
DEFAULT_CORPUS = PACKAGE_DIR / "data" / "corpus.jsonl"
