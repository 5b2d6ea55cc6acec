"""Onboarding a council: importing children, staff and allocations from CSV exports, checked before applied."""

from heard.onboarding.schemas import ImportFiles, ImportReport

__all__ = ["ImportFiles", "ImportReport"]
