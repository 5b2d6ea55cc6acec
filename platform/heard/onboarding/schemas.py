"""Onboarding read models and inputs: the three CSV files, their rows, every problem found, and the report."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

FileName = Literal["children", "staff", "allocations"]
Change = Literal["new", "updated", "unchanged"]

CsvText = Annotated[str, msgspec.Meta(max_length=900_000)]


class ImportFiles(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The CSV text of each file; leave a file out (or empty) when it has nothing to import."""

    children: CsvText = ""
    staff: CsvText = ""
    allocations: CsvText = ""


class CodesIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Children (by case reference) to give an access code, when they do not have one yet."""

    references: Annotated[list[Annotated[str, msgspec.Meta(max_length=100)]], msgspec.Meta(max_length=5000)]


class ChildRow(msgspec.Struct, frozen=True, kw_only=True):
    row: int
    reference: str
    known_as: str
    birth_month: date
    legal_status: str
    placement_type: str
    preferred_language: str = "en"
    placed_out_of_area: bool = False
    uasc: bool = False
    disability: bool = False
    placement_contact: str | None = None
    left_care_on: date | None = None  # the retention job archives the child then, unless a care leaver


class StaffRow(msgspec.Struct, frozen=True, kw_only=True):
    row: int
    email: str
    name: str
    roles: list[str]
    team: str | None = None


class AllocationRow(msgspec.Struct, frozen=True, kw_only=True):
    row: int
    child_reference: str
    staff_email: str
    relation: str
    starts_on: date
    ends_on: date | None = None


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    """One thing wrong: the file, the row as a spreadsheet numbers it (the header is row 1), the column, and why."""

    file: str
    row: int
    column: str
    message: str


class Counts(msgspec.Struct, kw_only=True):
    new: int = 0
    updated: int = 0
    unchanged: int = 0


class ImportReport(msgspec.Struct, kw_only=True):
    """What an import would do (a dry run) or did; never holds an access code."""

    applied: bool
    problems: list[Problem]
    children: Counts
    staff: Counts
    allocations: Counts
    new_children: list[str]  # case references of children the import adds (or added)

    @property
    def ok(self) -> bool:
        return not self.problems


class IssuedCodeRow(msgspec.Struct, frozen=True, kw_only=True):
    """A new access code, shown once so it can be printed on the child's card."""

    reference: str
    known_as: str
    code: str
