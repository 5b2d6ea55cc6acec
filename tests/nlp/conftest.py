"""Fixtures for nlp tests: one trained model per session (the existing nlp/model/ when present)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "nlp" / "model"
CORPUS = ROOT / "nlp" / "data" / "corpus.jsonl"


def shared_dir() -> Path:
    """Where dev.jsonl lives: $HEARD_SHARED_DIR, else ../shared next to the repository."""
    return Path(os.environ.get("HEARD_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if (MODEL_DIR / "meta.json").exists():
        return MODEL_DIR
    if not CORPUS.exists():
        pytest.skip(f"no trained model and no training corpus at {CORPUS}")
    from nlp._train import train

    out = tmp_path_factory.mktemp("nlp") / "model"
    train([CORPUS], [], out)
    return out


@pytest.fixture(scope="session")
def analyser(model_dir: Path):  # type: ignore[no-untyped-def]
    from nlp import Analyser

    return Analyser.load(model_dir)


@pytest.fixture(scope="session")
def dev_path() -> Path:
    path = shared_dir() / "nlp" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"dev set not found at {path} (set HEARD_SHARED_DIR to the folder holding nlp/dev.jsonl)")
    return path
