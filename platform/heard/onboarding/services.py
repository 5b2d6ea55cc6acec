"""Onboarding rules: check an import (a dry run), apply it whole or not at all, and issue codes when asked."""

from __future__ import annotations

import secrets as random
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from heard import audit
from heard.accounts import secrets
from heard.accounts import services as accounts
from heard.errors import Invalid
from heard.onboarding import _csv, queries
from heard.onboarding.schemas import (
    AllocationRow,
    ChildRow,
    Counts,
    ImportFiles,
    ImportReport,
    IssuedCodeRow,
    Problem,
    StaffRow,
)
from heard.principal import Principal

NOTHING = "Choose at least one file to import: children, staff or allocations."


@dataclass
class Plan:
    """Every row sorted by what it would change, and every problem found."""

    problems: list[Problem] = field(default_factory=list)
    children: dict[str, list[ChildRow]] = field(default_factory=lambda: {"new": [], "updated": [], "unchanged": []})
    staff: dict[str, list[StaffRow]] = field(default_factory=lambda: {"new": [], "updated": [], "unchanged": []})
    allocations: dict[str, list[AllocationRow]] = field(
        default_factory=lambda: {"new": [], "updated": [], "unchanged": []}
    )

    def report(self, *, applied: bool) -> ImportReport:
        def counts(groups: dict[str, list[Any]]) -> Counts:
            return Counts(new=len(groups["new"]), updated=len(groups["updated"]), unchanged=len(groups["unchanged"]))

        return ImportReport(
            applied=applied,
            problems=sorted(self.problems, key=lambda p: (("children", "staff", "allocations").index(p.file), p.row)),
            children=counts(self.children),
            staff=counts(self.staff),
            allocations=counts(self.allocations),
            new_children=[r.reference for r in self.children["new"]],
        )


def _child_change(row: ChildRow, existing: queries.ExistingChild | None) -> str:
    if existing is None:
        return "new"
    same = all(getattr(row, f) == getattr(existing, f) for f in queries.CHILD_FIELDS)
    return "unchanged" if same else "updated"


async def _plan_children(conn: asyncpg.Connection, council_id: int, rows: list[ChildRow], plan: Plan) -> None:
    existing = await queries.children(conn, council_id, [r.reference for r in rows])
    for row in rows:
        plan.children[_child_change(row, existing.get(row.reference))].append(row)


async def _plan_staff(conn: asyncpg.Connection, council_id: int, rows: list[StaffRow], plan: Plan) -> None:
    existing = await queries.staff(conn, [r.email for r in rows])
    for row in rows:
        found = existing.get(row.email)
        if found is not None and found.council_id != council_id:
            message = f"'{row.email}' already has a Heard account in another council."
            plan.problems.append(Problem(file="staff", row=row.row, column="email", message=message))
            continue
        if found is None:
            change = "new"
        else:
            same = (found.name, sorted(found.roles), found.team) == (row.name, row.roles, row.team)
            change = "unchanged" if same else "updated"
        plan.staff[change].append(row)


async def _plan_allocations(
    conn: asyncpg.Connection, council_id: int, rows: list[AllocationRow], plan: Plan, files: dict[str, list[Any]]
) -> None:
    references = sorted({r.child_reference for r in rows})
    in_db = await queries.children(conn, council_id, references)
    known_children = {r.reference for r in files["children"]} | set(in_db)
    in_file = {r.email for r in files["staff"]}
    staff = await queries.staff(conn, sorted({r.staff_email for r in rows} - in_file))
    known_staff = in_file | {e for e, s in staff.items() if s.council_id == council_id}
    existing = await queries.allocations(conn, council_id, references)
    for row in rows:
        problems = _allocation_problems(row, known_children, known_staff)
        plan.problems += problems
        if problems:
            continue
        key = (row.child_reference, row.staff_email, row.relation, row.starts_on)
        change = "new" if key not in existing else ("unchanged" if existing[key] == row.ends_on else "updated")
        plan.allocations[change].append(row)


def _allocation_problems(row: AllocationRow, children: set[str], staff: set[str]) -> list[Problem]:
    problems = []
    if row.child_reference not in children:
        message = f"There is no child with the reference '{row.child_reference}' in Heard or in the children file."
        problems.append(Problem(file="allocations", row=row.row, column="child_reference", message=message))
    if row.staff_email not in staff:
        message = f"There is no staff member '{row.staff_email}' in your council or in the staff file."
        problems.append(Problem(file="allocations", row=row.row, column="staff_email", message=message))
    if row.ends_on is not None and row.ends_on < row.starts_on:
        message = f"The allocation ends ({row.ends_on}) before it starts ({row.starts_on})."
        problems.append(Problem(file="allocations", row=row.row, column="ends_on", message=message))
    return problems


async def _plan(conn: asyncpg.Connection, council_id: int, files: ImportFiles) -> Plan:
    texts = {"children": files.children, "staff": files.staff, "allocations": files.allocations}
    if not any(text.strip() for text in texts.values()):
        raise Invalid(NOTHING, field="children")
    plan = Plan()
    parsed: dict[str, list[Any]] = {}
    for name, text in texts.items():
        parsed[name], problems = _csv.read(name, text) if text.strip() else ([], [])
        plan.problems += problems
    await _plan_children(conn, council_id, parsed["children"], plan)
    await _plan_staff(conn, council_id, parsed["staff"], plan)
    await _plan_allocations(conn, council_id, parsed["allocations"], plan, parsed)
    return plan


async def check(conn: asyncpg.Connection, principal: Principal, files: ImportFiles) -> ImportReport:
    """The dry run: what the import would change and every problem in it; nothing is written but the audit row."""
    report = (await _plan(conn, principal.council_id, files)).report(applied=False)
    await _audit(conn, principal, "import_checked", report)
    return report


async def apply(conn: asyncpg.Connection, principal: Principal, files: ImportFiles) -> ImportReport:
    """Apply the whole import in one transaction, or (with any problem) nothing at all."""
    async with conn.transaction():
        await queries.lock_council(conn, principal.council_id)
        plan = await _plan(conn, principal.council_id, files)
        if plan.problems:
            report = plan.report(applied=False)
        else:
            await _write(conn, principal.council_id, plan)
            report = plan.report(applied=True)
            await _audit(conn, principal, "import_applied", report)
    return report


async def _write(conn: asyncpg.Connection, council_id: int, plan: Plan) -> None:
    await queries.upsert_children(conn, council_id, plan.children["new"] + plan.children["updated"])
    # New staff get a password nobody knows: they sign in with single sign-on (or an admin sets one).
    # One hash of a secret nobody keeps serves them all (argon2 is slow; a big import would stall the service).
    nobody_knows = await secrets.hash_secret_off_loop(random.token_urlsafe(32)) if plan.staff["new"] else ""
    unusable = [(r, nobody_knows) for r in plan.staff["new"]]
    await queries.upsert_staff(conn, council_id, unusable + [(r, "") for r in plan.staff["updated"]])
    await queries.insert_allocations(conn, council_id, plan.allocations["new"])
    await queries.update_allocations(conn, council_id, plan.allocations["updated"])


async def _audit(conn: asyncpg.Connection, principal: Principal, action: str, report: ImportReport) -> None:
    await audit.record(
        conn, principal, action, "import", None,
        problems=len(report.problems), children=report.children, staff=report.staff, allocations=report.allocations,
    )  # fmt: skip


async def issue_codes(conn: asyncpg.Connection, principal: Principal, references: list[str]) -> list[IssuedCodeRow]:
    """Access codes for the named children who have none yet; each is shown once, never stored in plain text."""
    wanted = await queries.children_without_codes(conn, principal.council_id, sorted(set(references)))
    issued = []
    for child in wanted:
        code = await accounts.issue_access_code(conn, principal, child["id"])
        issued.append(IssuedCodeRow(reference=child["reference"], known_as=child["known_as"], code=code.code))
    return issued
