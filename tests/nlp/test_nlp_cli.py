"""The CLI round trip: predict and evaluate through a real subprocess, and clear errors on bad lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREDICT_KEYS = {"id", "themes", "sentiment", "safeguarding", "redacted", "language", "screened"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}"}
    return subprocess.run(
        [sys.executable, "-m", "nlp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_predict_writes_one_contract_line_per_input(model_dir: Path, tmp_path: Path):
    lines = [{"id": 1, "text": "my carer hits me. call me on 07700 900418"}, {"id": "b", "text": "ok"}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("predict", str(src), "--model", str(model_dir))
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    assert all(set(o) == PREDICT_KEYS for o in out)
    assert set(out[0]["safeguarding"]) == {"level", "categories"}
    assert out[0]["safeguarding"]["level"] == "urgent"
    assert "[PHONE]" in out[0]["redacted"]
    assert out[1]["language"] == "en"


def test_predict_reads_stdin(model_dir: Path):
    result = run("predict", "--model", str(model_dir), stdin='{"id": 7, "text": "I love my foster carer"}\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == 7


def test_predict_names_the_malformed_line(model_dir: Path, tmp_path: Path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": \n')
    result = run("predict", str(src), "--model", str(model_dir))
    assert result.returncode != 0
    assert f"{src}:2" in result.stderr
    assert result.stdout == ""


def test_evaluate_round_trip_as_json(model_dir: Path, tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    item = {
        "id": "x",
        "text": "I used to cut myself. My sw Gemma helps",
        "themes": ["health_wellbeing"],
        "sentiment": "mixed",
        "safeguarding": {"level": "concern", "categories": ["self_harm"]},
        "pii": ["Gemma"],
        "kind": "statement",
    }
    gold.write_text(json.dumps(item) + "\n")
    result = run("evaluate", "--gold", str(gold), "--model", str(model_dir), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["safeguarding"]["concern_or_urgent_flagged"] == 1.0
    assert report["pii"]["by_type"]["name"]["recall"] == 1.0
    table = run("evaluate", "--gold", str(gold), "--model", str(model_dir))
    assert "macro-F1" in table.stdout


def test_evaluate_names_the_malformed_gold_line(model_dir: Path, tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "ok", "themes": []}\n{"text": "x", "themes": ["not_a_theme"]}\n')
    result = run("evaluate", "--gold", str(gold), "--model", str(model_dir))
    assert result.returncode != 0
    assert f"{gold}:2" in result.stderr
