"""Reporting: rollups the worker keeps current, one place for suppression, SVG charts, CiCC, board and team views.

``TEMPLATE_DIR`` holds the dashboards' page templates (under ``dashboards/``), found through the package.
"""

from pathlib import Path

from dashboards._actions import published_updates

__all__ = ["TEMPLATE_DIR", "published_updates"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
