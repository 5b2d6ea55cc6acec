"""Reporting: rollups the worker keeps current, one place for suppression, SVG charts, CiCC, board and team views."""

from dashboards._actions import published_updates, updates_for_child

__all__ = ["published_updates", "updates_for_child"]
