"""Training is reproducible: the same data gives the same version and byte-identical files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from nlp._train import train

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "nlp" / "data" / "corpus.jsonl"


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_training_twice_gives_identical_model_files(tmp_path: Path):
    if not CORPUS.exists():
        pytest.skip(f"no corpus at {CORPUS}")
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(CORPUS.read_text().splitlines(keepends=True)[:150]))
    first = train([sample], [], tmp_path / "a", folds=2)
    second = train([sample], [], tmp_path / "b", folds=2)
    assert first["version"] == second["version"]
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_corrections_change_the_version(tmp_path: Path):
    if not CORPUS.exists():
        pytest.skip(f"no corpus at {CORPUS}")
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(CORPUS.read_text().splitlines(keepends=True)[:150]))
    extra = tmp_path / "corrections.jsonl"
    extra.write_text(
        '{"text": "my carer locks me out", "themes": ["placement"], "sentiment": "negative", '
        '"safeguarding": {"level": "urgent", "categories": ["abuse"]}}\n'
    )
    plain = train([sample], [], tmp_path / "a", folds=2)
    corrected = train([sample], [extra], tmp_path / "b", folds=2)
    assert corrected["version"] != plain["version"]
    assert corrected["counts"]["extra"] == 1
