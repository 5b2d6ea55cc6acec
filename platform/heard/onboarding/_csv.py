"""Reading the three CSV files: headers checked, every cell parsed, every problem kept with its row and column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from heard.accounts.schemas import ROLES
from heard.i18n import DEFAULT, catalogue
from heard.onboarding.schemas import AllocationRow, ChildRow, Problem, StaffRow

PLACEMENT_TYPES = (
    "foster", "kinship", "residential", "supported_lodgings", "semi_independent",
    "independent", "staying_put", "placed_with_parents", "secure", "other",
)  # fmt: skip
LEGAL_STATUSES = ("child_in_care", "care_leaver")
RELATIONS = ("worker", "iro")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,99}$")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TRUE, _FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}

Parser = Callable[[str], Any]


def _text(limit: int) -> Parser:
    def parse(value: str) -> str:
        if not value:
            raise ValueError("This is empty; it needs a value.")
        if len(value) > limit:
            raise ValueError(f"This is too long: the most is {limit} characters.")
        return value

    return parse


def _optional_text(limit: int) -> Parser:
    def parse(value: str) -> str | None:
        return _text(limit)(value) if value else None

    return parse


def _reference(value: str) -> str:
    if not _REFERENCE.match(value):
        raise ValueError(f"'{value}' is not a case reference: use letters, numbers, '/', '_', '.' or '-' (up to 100).")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"'{value}' is not an email address.")
    return value.lower()


def _one_of(choices: tuple[str, ...], what: str) -> Parser:
    def parse(value: str) -> str:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in choices:
            raise ValueError(f"'{value}' is not a {what} Heard knows. Use one of: {', '.join(choices)}.")
        return key

    return parse


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD, like 2024-09-01.") from None


def _optional_date(value: str) -> date | None:
    return _date(value) if value else None


def _month(value: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    try:
        if not match:
            raise ValueError
        born = date(int(match[1]), int(match[2]), int(match[3] or 1)).replace(day=1)
    except ValueError:
        raise ValueError(f"'{value}' is not a month; write it as YYYY-MM, like 2012-05.") from None
    today = date.today()
    if born > today:
        raise ValueError(f"'{value}' is in the future.")
    if born.year < today.year - 30:
        raise ValueError(f"'{value}' is more than 30 years ago; Heard is for children and care leavers up to 25.")
    return born


def _flag(value: str) -> bool:
    key = value.strip().lower()
    if key not in _TRUE | _FALSE:
        raise ValueError(f"'{value}' should be yes or no.")
    return key in _TRUE


def _language(value: str) -> str:
    value = value.lower() or "en"
    if not _LANGUAGE.match(value):
        raise ValueError(f"'{value}' is not a language code; use two or three letters, like en or ar.")
    return value


def _roles(value: str) -> list[str]:
    roles = [r for r in re.split(r"[;\s]+", value.strip().lower()) if r]
    if not roles:
        raise ValueError("This is empty; give at least one role.")
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValueError(catalogue(DEFAULT).gettext("staff.invalid.role", value=unknown[0], roles=", ".join(ROLES)))
    return sorted(set(roles))


# Per file: column -> (required, parser). The order is the order the sample files use.
COLUMNS: dict[str, dict[str, tuple[bool, Parser]]] = {
    "children": {
        "reference": (True, _reference),
        "known_as": (True, _text(100)),
        "birth_month": (True, _month),
        "legal_status": (True, _one_of(LEGAL_STATUSES, "legal status")),
        "placement_type": (True, _one_of(PLACEMENT_TYPES, "placement type")),
        "preferred_language": (False, _language),
        "placed_out_of_area": (False, _flag),
        "uasc": (False, _flag),
        "disability": (False, _flag),
        "placement_contact": (False, _optional_text(500)),
        "left_care_on": (False, _optional_date),
    },
    "staff": {
        "email": (True, _email),
        "name": (True, _text(200)),
        "roles": (True, _roles),
        "team": (False, _optional_text(200)),
    },
    "allocations": {
        "child_reference": (True, _reference),
        "staff_email": (True, _email),
        "relation": (True, _one_of(RELATIONS, "relation")),
        "starts_on": (True, _date),
        "ends_on": (False, _optional_date),
    },
}
ROW_TYPES: dict[str, type[Any]] = {"children": ChildRow, "staff": StaffRow, "allocations": AllocationRow}
KEYS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "children": lambda r: (r.reference,),
    "staff": lambda r: (r.email,),
    "allocations": lambda r: (r.child_reference, r.staff_email, r.relation, r.starts_on),
}
_DUPLICATE = {
    "children": ("reference", "The reference '{0}' is also on row {1}; each child appears once."),
    "staff": ("email", "The email address '{0}' is also on row {1}; each staff member appears once."),
    "allocations": ("child_reference", "The same allocation is also on row {1}."),
}


def read(name: str, text: str) -> tuple[list[Any], list[Problem]]:
    """The rows of one file as Structs, and every problem in it; a file with header problems gives no rows."""
    try:
        lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except csv.Error as exc:
        return [], [Problem(file=name, row=0, column="", message=f"This is not a CSV file Heard can read: {exc}.")]
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        return [], [Problem(file=name, row=1, column="", message="The file is empty; it needs a header row.")]
    header = [cell.strip().lower() for cell in lines[0]]
    problems = _check_header(name, header)
    if problems:
        return [], problems
    rows: list[Any] = []
    for number, cells in enumerate(lines[1:], start=2):
        row, found = _row(name, header, number, cells)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems + _duplicates(name, rows)


def _check_header(name: str, header: list[str]) -> list[Problem]:
    spec = COLUMNS[name]
    wanted = ", ".join(spec)
    missing = [column for column, (required, _) in spec.items() if required and column not in header]
    problems = [
        Problem(file=name, row=1, column=c, message=f"The header has no '{c}' column. The columns are: {wanted}.")
        for c in missing
    ]
    for column in header:
        if column not in spec:
            message = f"The header has a column '{column}' that Heard does not know. The columns are: {wanted}."
            problems.append(Problem(file=name, row=1, column=column, message=message))
        elif header.count(column) > 1:
            message = f"The header has the column '{column}' more than once."
            problems.append(Problem(file=name, row=1, column=column, message=message))
    return list({(p.column, p.message): p for p in problems}.values())


def _row(name: str, header: list[str], number: int, cells: list[str]) -> tuple[Any | None, list[Problem]]:
    if len(cells) != len(header):
        message = f"This row has {len(cells)} values but the header has {len(header)} columns."
        return None, [Problem(file=name, row=number, column="", message=message)]
    values: dict[str, Any] = {"row": number}
    problems = []
    for column, cell in zip(header, cells, strict=True):
        _, parse = COLUMNS[name][column]
        try:
            values[column] = parse(cell.strip())
        except ValueError as exc:
            problems.append(Problem(file=name, row=number, column=column, message=str(exc)))
    return (None if problems else ROW_TYPES[name](**values)), problems


def _duplicates(name: str, rows: list[Any]) -> list[Problem]:
    seen: dict[tuple[Any, ...], int] = {}
    problems = []
    column, template = _DUPLICATE[name]
    for row in rows:
        key = KEYS[name](row)
        if key in seen:
            message = template.format(key[0], seen[key])
            problems.append(Problem(file=name, row=row.row, column=column, message=message))
        else:
            seen[key] = row.row
    return problems
