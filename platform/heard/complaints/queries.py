"""SQL for complaints: one round trip per case or list, and one statement per change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import asyncpg
import msgspec

import surveys
from heard.complaints.schemas import Case, CaseSummary, Clock, LearningAction


def reference(complaint_id: int) -> str:
    """The reference a complainant quotes on the phone."""
    return f"C-{complaint_id:06d}"


_CASE_SELECT = """
select c.id, c.child_id, ch.reference as child_reference, c.submission_id, s.free_text, s.answers,
       s.instrument, s.instrument_version, s.language as statement_language,
       c.complainant, c.channel, c.received_on, c.events_on, c.summary, c.stage, c.status, c.tags,
       c.late_decision, c.late_reason, c.late_decided_on, c.advocacy_offered_on, c.advocacy_answer,
       c.closed_on, c.closed_note, c.ombudsman_signposted_on, c.ombudsman_referred_on, c.ombudsman_reference,
       c.ombudsman_outcome, c.ombudsman_decided_on,
       coalesce((select json_agg(json_build_object(
                    'id', p.id, 'position', p.position, 'summary', p.summary,
                    'outcomes', coalesce((select json_agg(json_build_object('stage', o.stage, 'outcome', o.outcome,
                                                 'reason', o.reason, 'decided_on', o.decided_on) order by o.stage)
                                          from complaint_outcomes o where o.point_id = p.id), '[]'))
                    order by p.position)
                 from complaint_points p where p.complaint_id = c.id), '[]') as points,
       coalesce((select json_agg(to_json(st) order by st.stage)
                 from complaint_stages st where st.complaint_id = c.id), '[]') as stages,
       coalesce((select json_agg(to_json(k) order by k.id)
                 from complaint_clocks k where k.complaint_id = c.id), '[]') as clocks,
       coalesce((select json_agg(to_json(a) order by a.id)
                 from complaint_actions a where a.complaint_id = c.id), '[]') as actions,
       coalesce((select json_agg(json_build_object('at', e.at, 'stage', e.stage, 'kind', e.kind,
                                                   'staff_name', sf.name, 'detail', e.detail) order by e.at, e.id)
                 from complaint_events e left join staff sf on sf.id = e.staff_id
                 where e.complaint_id = c.id), '[]') as events
from complaints c
left join children ch on ch.id = c.child_id
left join submissions s on s.id = c.submission_id
"""
_CASE = _CASE_SELECT + "where c.id = $1 and c.council_id = $2"
# A child sees the complaints they made, themselves or through an advocate; not a parent's or carer's.
_CHILD_CASES = (
    _CASE_SELECT
    + """
where c.child_id = $1 and c.complainant in ('child', 'advocate')
order by c.received_on desc, c.id desc
"""
)


def _case(row: asyncpg.Record) -> Case:
    values = dict(row)
    free_text, answers = values.pop("free_text"), values.pop("answers")
    instrument, version = values.pop("instrument"), values.pop("instrument_version")
    shown = surveys.show_submission(instrument, version, answers, free_text, "en")
    values["shown"] = shown if values["submission_id"] is not None else None
    values["statement"] = (free_text or "").strip() or None
    values["reference"] = reference(values["id"])
    values["made_late"] = False
    return msgspec.convert(values, Case)


async def get_case(conn: asyncpg.Connection, complaint_id: int, council_id: int) -> Case | None:
    """A whole case; clocks' explanation and status are filled in by the service."""
    row = await conn.fetchrow(_CASE, complaint_id, council_id)
    return None if row is None else _case(row)


async def council_name(conn: asyncpg.Connection, council_id: int) -> str:
    """The council's name, as its letters are headed."""
    name: str = await conn.fetchval("select name from councils where id = $1", council_id)
    return name


async def child_cases(conn: asyncpg.Connection, child_id: int) -> list[Case]:
    """The complaints a child made, newest first, in one round trip."""
    return [_case(r) for r in await conn.fetch(_CHILD_CASES, child_id)]


# The running stage 1 clock of the complaint a child's own statement opened: its due date was worked out once, when
# the complaint opened, and the receipt says that same stored date.
_ANSWER_BY = """
select k.due_on from complaints c
join complaint_clocks k on k.complaint_id = c.id and k.kind = 'stage1_response'
where c.submission_id = $1 and c.child_id = $2 and c.status = 'open' and k.met_on is null and k.ended_on is null
"""


async def answer_by(conn: asyncpg.Connection, submission_id: int, child_id: int) -> date | None:
    found: date | None = await conn.fetchval(_ANSWER_BY, submission_id, child_id)
    return found


_LOCK = "select id from complaints where id = $1 and council_id = $2 for update"


async def lock(conn: asyncpg.Connection, complaint_id: int, council_id: int) -> bool:
    """Hold the case for this transaction, so two officers' actions apply one after the other."""
    return await conn.fetchval(_LOCK, complaint_id, council_id) is not None


_OPEN_CASES = """
select c.id, ch.reference as child_reference, c.complainant, c.channel, c.received_on, c.stage, c.status,
       c.events_on, c.late_decision,
       (select count(*) from complaint_points p where p.complaint_id = c.id)::int as points,
       k.kind as clock_kind, k.due_on, k.met_on
from complaints c
left join children ch on ch.id = c.child_id
left join lateral (
    select kind, due_on, met_on from complaint_clocks
    where complaint_id = c.id and met_on is null and ended_on is null order by id desc limit 1
) k on true
where c.council_id = $1 and c.status = 'open'
order by c.stage, k.due_on nulls last, c.id
"""


class OpenCase(msgspec.Struct, frozen=True, kw_only=True):
    """An open case's row with the clock it waits on; the service works out due status and lateness."""

    id: int
    child_reference: str | None
    complainant: str
    channel: str
    received_on: date
    stage: int
    status: str
    events_on: date | None
    late_decision: str | None
    points: int
    clock_kind: str | None
    due_on: date | None
    met_on: date | None


async def open_cases(conn: asyncpg.Connection, council_id: int) -> list[OpenCase]:
    return [OpenCase(**dict(r)) for r in await conn.fetch(_OPEN_CASES, council_id)]


def summary(row: OpenCase, **derived: Any) -> CaseSummary:
    values = {**msgspec.structs.asdict(row), **derived, "reference": reference(row.id)}
    return msgspec.convert(values, CaseSummary)


_INSERT_COMPLAINT = """
insert into complaints (council_id, child_id, submission_id, complainant, channel, received_on, events_on, summary)
values ($1, $2, $3, $4, $5, $6, $7, $8)
on conflict (submission_id) do nothing
returning id
"""


async def insert_complaint(conn: asyncpg.Connection, **v: Any) -> int | None:
    """The new complaint's id; None when this submission already opened one."""
    found: int | None = await conn.fetchval(
        _INSERT_COMPLAINT,
        v["council_id"],
        v["child_id"],
        v["submission_id"],
        v["complainant"],
        v["channel"],
        v["received_on"],
        v["events_on"],
        v["summary"],
    )
    return found


_BY_SUBMISSION = "select id from complaints where submission_id = $1"


async def by_submission(conn: asyncpg.Connection, submission_id: int) -> int | None:
    found: int | None = await conn.fetchval(_BY_SUBMISSION, submission_id)
    return found


_SUBMISSION = """
select s.id, s.council_id, s.child_id, s.kind, s.created_at, s.answers, s.free_text
from submissions s where s.id = $1
"""


class Statement(msgspec.Struct, frozen=True, kw_only=True):
    """A child's submission, as far as opening a complaint from it needs."""

    id: int
    council_id: int
    child_id: int | None
    kind: str
    created_at: datetime
    answers: dict[str, Any]
    free_text: str


async def submission(conn: asyncpg.Connection, submission_id: int) -> Statement | None:
    row = await conn.fetchrow(_SUBMISSION, submission_id)
    return None if row is None else msgspec.convert(dict(row), Statement)


_CHILD_IN_COUNCIL = "select exists(select 1 from children where id = $1 and council_id = $2)"


async def child_in_council(conn: asyncpg.Connection, child_id: int, council_id: int) -> bool:
    return bool(await conn.fetchval(_CHILD_IN_COUNCIL, child_id, council_id))


_CHILD_BY_REFERENCE = "select id from children where council_id = $1 and reference = $2"


async def child_by_reference(conn: asyncpg.Connection, council_id: int, child_reference: str) -> int | None:
    found: int | None = await conn.fetchval(_CHILD_BY_REFERENCE, council_id, child_reference)
    return found


_INSERT_POINT = """
insert into complaint_points (complaint_id, position, summary)
select $1, coalesce(max(position), 0) + 1, $2 from complaint_points where complaint_id = $1
returning id
"""


async def insert_point(conn: asyncpg.Connection, complaint_id: int, text: str) -> int:
    return int(await conn.fetchval(_INSERT_POINT, complaint_id, text))


_UPDATE_POINT = "update complaint_points set summary = $3 where id = $2 and complaint_id = $1"


async def update_point(conn: asyncpg.Connection, complaint_id: int, point_id: int, text: str) -> None:
    await conn.execute(_UPDATE_POINT, complaint_id, point_id, text)


_UPSERT_OUTCOME = """
insert into complaint_outcomes (point_id, stage, outcome, reason, decided_on) values ($1, $2, $3, $4, $5)
on conflict (point_id, stage) do update set
    outcome = excluded.outcome, reason = excluded.reason, decided_on = excluded.decided_on
"""


async def upsert_outcome(
    conn: asyncpg.Connection, point_id: int, stage: int, outcome: str, reason: str, decided_on: date
) -> None:
    await conn.execute(_UPSERT_OUTCOME, point_id, stage, outcome, reason, decided_on)


_INSERT_STAGE = """
insert into complaint_stages (complaint_id, stage, requested_on, at_complainant_request, request_note)
values ($1, $2, $3, $4, $5)
"""


async def insert_stage(
    conn: asyncpg.Connection, complaint_id: int, stage: int, requested_on: date, at_request: bool, note: str
) -> None:
    await conn.execute(_INSERT_STAGE, complaint_id, stage, requested_on, at_request, note)
    await conn.execute("update complaints set stage = $2 where id = $1", complaint_id, stage)


_STAGE_FIELDS = frozenset(
    {"responded_on", "letter", "child_letter", "panel_on", "panel_report_on", "acknowledged_on", "acknowledged_note"}
)


async def update_stage(conn: asyncpg.Connection, complaint_id: int, stage: int, **fields: Any) -> None:
    """Set named columns of a stage record; the names come from code, never from input."""
    assert set(fields) <= _STAGE_FIELDS
    sets = ", ".join(f"{name} = ${n}" for n, name in enumerate(fields, start=3))
    await conn.execute(
        f"update complaint_stages set {sets} where complaint_id = $1 and stage = $2",  # noqa: S608
        complaint_id,
        stage,
        *fields.values(),
    )


_INSERT_CLOCK = """
insert into complaint_clocks (complaint_id, stage, kind, starts_on, start_label, base_days, max_days, working_days,
                              base_due_on, due_on)
values ($1, $2, $3, $4, $5, $6, $7, $6, $8, $8)
"""


async def insert_clock(
    conn: asyncpg.Connection,
    complaint_id: int,
    stage: int,
    kind: str,
    starts_on: date,
    start_label: str,
    days: tuple[int, int],
    due_on: date,
) -> None:
    base, most = days
    await conn.execute(_INSERT_CLOCK, complaint_id, stage, kind, starts_on, start_label, base, most, due_on)


_EXTEND_CLOCK = """
update complaint_clocks set working_days = $2, due_on = $3, extension_reason = $4, extended_on = $5 where id = $1
"""


async def extend_clock(
    conn: asyncpg.Connection, clock_id: int, working_days: int, due_on: date, reason: str, on: date
) -> None:
    await conn.execute(_EXTEND_CLOCK, clock_id, working_days, due_on, reason, on)


_STOP_CLOCK = """
update complaint_clocks set met_on = $3 where complaint_id = $1 and kind = $2 and met_on is null and ended_on is null
"""
_END_CLOCKS = """
update complaint_clocks set ended_on = $2 where complaint_id = $1 and met_on is null and ended_on is null
"""


async def stop_clock(conn: asyncpg.Connection, complaint_id: int, kind: str, met_on: date) -> None:
    """The thing the clock waited for happened on `met_on`."""
    await conn.execute(_STOP_CLOCK, complaint_id, kind, met_on)


async def end_clocks(conn: asyncpg.Connection, complaint_id: int, on: date) -> None:
    """Stop every running clock without it being met (escalated early, withdrawn, not considered)."""
    await conn.execute(_END_CLOCKS, complaint_id, on)


_COMPLAINT_FIELDS = frozenset(
    {
        "late_decision", "late_reason", "late_decided_on", "advocacy_offered_on", "advocacy_answer", "status",
        "closed_on", "closed_note", "ombudsman_signposted_on", "ombudsman_referred_on", "ombudsman_reference",
        "ombudsman_outcome", "ombudsman_decided_on", "tags",
    }
)  # fmt: skip


async def update_complaint(conn: asyncpg.Connection, complaint_id: int, **fields: Any) -> None:
    """Set named columns of a complaint; the names come from code, never from input."""
    assert set(fields) <= _COMPLAINT_FIELDS
    sets = ", ".join(f"{name} = ${n}" for n, name in enumerate(fields, start=2))
    await conn.execute(f"update complaints set {sets} where id = $1", complaint_id, *fields.values())  # noqa: S608


_INSERT_EVENT = """
insert into complaint_events (complaint_id, staff_id, stage, kind, detail) values ($1, $2, $3, $4, $5)
"""


async def insert_event(
    conn: asyncpg.Connection, complaint_id: int, staff_id: int | None, stage: int, kind: str, detail: dict[str, Any]
) -> None:
    await conn.execute(_INSERT_EVENT, complaint_id, staff_id, stage, kind, detail)


_INSERT_ACTION = """
insert into complaint_actions (complaint_id, description, owner, due_on, created_on)
values ($1, $2, $3, $4, $5) returning id
"""


async def insert_action(
    conn: asyncpg.Connection, complaint_id: int, description: str, owner: str, due_on: date, created_on: date
) -> int:
    return int(await conn.fetchval(_INSERT_ACTION, complaint_id, description, owner, due_on, created_on))


_UPDATE_ACTION = """
update complaint_actions set status = $3, evidence = $4, completed_on = $5 where id = $2 and complaint_id = $1
"""


async def update_action(
    conn: asyncpg.Connection, complaint_id: int, action_id: int, status: str, evidence: str, completed_on: date | None
) -> None:
    await conn.execute(_UPDATE_ACTION, complaint_id, action_id, status, evidence, completed_on)


__all__ = ["Case", "CaseSummary", "Clock", "LearningAction", "OpenCase", "Statement"]
