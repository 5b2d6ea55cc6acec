"""The PDF tests seed through the dashboards' and complaints' own seeding helpers, which live beside their tests."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE.parent / "dashboards"), str(HERE.parent / "complaints")]
