"""SQL for onboarding: what a council already has, and upserts keyed on case reference, email and allocation."""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import msgspec

from heard.onboarding.schemas import AllocationRow, ChildRow, StaffRow

CHILD_FIELDS = (
    "known_as", "birth_month", "legal_status", "placement_type", "preferred_language",
    "placed_out_of_area", "uasc", "disability", "placement_contact", "left_care_on",
)  # fmt: skip

_CHILDREN = f"""
select reference, {", ".join(CHILD_FIELDS)} from children where council_id = $1 and reference = any($2::text[])
"""  # noqa: S608 - a fixed list of columns

_STAFF = "select email, council_id, name, roles, team from staff where email = any($1::text[])"

_ALLOCATIONS = """
select c.reference as child_reference, st.email as staff_email, a.relation, a.starts_on, a.ends_on
from allocations a join children c on c.id = a.child_id join staff st on st.id = a.staff_id
where a.council_id = $1 and c.reference = any($2::text[])
"""


class ExistingChild(msgspec.Struct, frozen=True, kw_only=True):
    """A child Heard already has, with the fields an import may set (CHILD_FIELDS)."""

    reference: str
    known_as: str
    birth_month: date | None
    legal_status: str | None
    placement_type: str | None
    preferred_language: str | None
    placed_out_of_area: bool | None
    uasc: bool | None
    disability: bool | None
    placement_contact: str | None
    left_care_on: date | None


class ExistingStaff(msgspec.Struct, frozen=True, kw_only=True):
    """A staff account Heard already has, in whichever council holds the email."""

    email: str
    council_id: int
    name: str
    roles: list[str]
    team: str | None


async def children(conn: asyncpg.Connection, council_id: int, references: list[str]) -> dict[str, ExistingChild]:
    """Existing children by reference: the fields an import may set."""
    rows = await conn.fetch(_CHILDREN, council_id, references)
    return {r["reference"]: ExistingChild(**dict(r)) for r in rows}


async def staff(conn: asyncpg.Connection, emails: list[str]) -> dict[str, ExistingStaff]:
    """Existing staff by email, in any council (an email belongs to one council only)."""
    return {
        r["email"]: ExistingStaff(
            email=r["email"], council_id=r["council_id"], name=r["name"], roles=list(r["roles"]), team=r["team"]
        )
        for r in await conn.fetch(_STAFF, emails)
    }


async def allocations(conn: asyncpg.Connection, council_id: int, references: list[str]) -> dict[tuple[Any, ...], Any]:
    """Existing allocations of these children: (reference, email, relation, starts_on) -> ends_on."""
    rows = await conn.fetch(_ALLOCATIONS, council_id, references)
    return {(r["child_reference"], r["staff_email"], r["relation"], r["starts_on"]): r["ends_on"] for r in rows}


async def lock_council(conn: asyncpg.Connection, council_id: int) -> None:
    """Inside the import's transaction: one import per council at a time."""
    await conn.execute("select pg_advisory_xact_lock(hashtext('heard-onboarding'), $1::int)", council_id)


_UPSERT_CHILD = """
insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type, preferred_language,
                      placed_out_of_area, uasc, disability, placement_contact, left_care_on)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
on conflict (council_id, reference) do update set
    known_as = excluded.known_as, birth_month = excluded.birth_month, legal_status = excluded.legal_status,
    placement_type = excluded.placement_type, preferred_language = excluded.preferred_language,
    placed_out_of_area = excluded.placed_out_of_area, uasc = excluded.uasc, disability = excluded.disability,
    placement_contact = excluded.placement_contact, left_care_on = excluded.left_care_on
"""


async def upsert_children(conn: asyncpg.Connection, council_id: int, rows: list[ChildRow]) -> None:
    await conn.executemany(
        _UPSERT_CHILD,
        [(council_id, r.reference, *(getattr(r, f) for f in CHILD_FIELDS)) for r in rows],
    )


_UPSERT_STAFF = """
insert into staff (council_id, email, name, roles, team, password_hash) values ($1, $2, $3, $4, $5, $6)
on conflict (email) do update set name = excluded.name, roles = excluded.roles, team = excluded.team
where staff.council_id = excluded.council_id
"""


async def upsert_staff(conn: asyncpg.Connection, council_id: int, rows: list[tuple[StaffRow, str]]) -> None:
    """(row, password hash for a new account) pairs; an existing account keeps its password."""
    await conn.executemany(_UPSERT_STAFF, [(council_id, r.email, r.name, r.roles, r.team, h) for r, h in rows])


_INSERT_ALLOCATION = """
insert into allocations (council_id, child_id, staff_id, relation, starts_on, ends_on)
select $1, c.id, st.id, $4, $5, $6 from children c, staff st
where c.council_id = $1 and c.reference = $2 and st.email = $3 and st.council_id = $1
"""

_END_ALLOCATION = """
update allocations a set ends_on = $6 from children c, staff st
where a.council_id = $1 and c.id = a.child_id and c.reference = $2 and st.id = a.staff_id and st.email = $3
  and a.relation = $4 and a.starts_on = $5
"""


async def insert_allocations(conn: asyncpg.Connection, council_id: int, rows: list[AllocationRow]) -> None:
    await conn.executemany(_INSERT_ALLOCATION, [_allocation_args(council_id, r) for r in rows])


async def update_allocations(conn: asyncpg.Connection, council_id: int, rows: list[AllocationRow]) -> None:
    await conn.executemany(_END_ALLOCATION, [_allocation_args(council_id, r) for r in rows])


def _allocation_args(council_id: int, r: AllocationRow) -> tuple[Any, ...]:
    return (council_id, r.child_reference, r.staff_email, r.relation, r.starts_on, r.ends_on)


_CODELESS = """
select id, reference, known_as from children
where council_id = $1 and reference = any($2::text[]) and access_code_hash is null and archived_at is null
order by reference
"""


async def children_without_codes(conn: asyncpg.Connection, council_id: int, references: list[str]) -> list[Any]:
    return [dict(r) for r in await conn.fetch(_CODELESS, council_id, references)]
