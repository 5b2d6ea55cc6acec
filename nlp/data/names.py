"""The name and place lists the corpus build draws personal details from, and the check recognises.

Each list is a data file in ``names/``: one entry a line, ``#`` starts a comment line. Both
``build_corpus.py`` and ``check_corpus.py`` read them here, so the check depends on the data,
never on the build.
"""

from __future__ import annotations

from pathlib import Path

NAMES = Path(__file__).resolve().parent / "names"


def read(name: str) -> list[str]:
    """The entries of ``names/<name>.txt`` in file order."""
    lines = (NAMES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
