"""The corpus's name and place lists are data files both scripts read; the check never needs the build."""

import shutil
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "nlp" / "data"


def test_the_check_runs_on_a_copy_of_the_data_without_the_build_script(tmp_path):
    for name in ("check_corpus.py", "names.py", "corpus.jsonl"):
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copytree(DATA / "names", tmp_path / "names")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "check_corpus.py")], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pass every check" in done.stdout


def test_a_name_added_to_a_list_is_one_the_check_requires_to_be_marked(tmp_path):
    # A worker's name in the list must be marked as a personal detail wherever a text uses it: 'Christmas' is in
    # texts and never marked, so listing it as a name makes the check fail and name it.
    for name in ("check_corpus.py", "names.py", "corpus.jsonl"):
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copytree(DATA / "names", tmp_path / "names")
    with (tmp_path / "names" / "worker_names.txt").open("a", encoding="utf-8") as fh:
        fh.write("# a word that is not a name\nChristmas\n")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "check_corpus.py")], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 1
    assert "name 'Christmas' not listed in pii" in done.stdout + done.stderr
    assert "'#" not in done.stdout + done.stderr  # a comment line is no name
