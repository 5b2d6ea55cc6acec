"""HEARD_MODEL_DIR is where every `heard` command finds (or, for the demo and `heard nlp train`, puts) the model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

LINE = '{"id": 7, "text": "I like my new school"}\n'


def _heard(*args: str, model_dir: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARD_")}
    env["PYTHONPATH"] = f"{ROOT / 'platform'}{os.pathsep}{ROOT}"
    if model_dir is not None:
        env["HEARD_MODEL_DIR"] = str(model_dir)
    return subprocess.run(
        [sys.executable, "-m", "heard", *args], input=LINE, env=env, capture_output=True, text=True, timeout=300
    )


def test_predict_reads_the_model_in_heard_model_dir(tmp_path: Path) -> None:
    missing = _heard("nlp", "predict", model_dir=tmp_path / "no-model-here")
    assert missing.returncode != 0
    assert f"no trained model in {tmp_path / 'no-model-here'}" in missing.stderr
    found = _heard("nlp", "predict", model_dir=ROOT / "nlp" / "model")
    assert found.returncode == 0, found.stderr
    assert '"id":7' in found.stdout


def test_an_explicit_model_wins_over_heard_model_dir(tmp_path: Path) -> None:
    done = _heard("nlp", "predict", "--model", str(ROOT / "nlp" / "model"), model_dir=tmp_path / "no-model-here")
    assert done.returncode == 0, done.stderr


def test_the_demo_looks_for_its_model_in_heard_model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from heard import cli

    monkeypatch.setenv("HEARD_MODEL_DIR", str(tmp_path / "model"))
    assert cli.model_dir() == tmp_path / "model"
    monkeypatch.delenv("HEARD_MODEL_DIR")
    assert cli.model_dir() == ROOT / "nlp" / "model"
