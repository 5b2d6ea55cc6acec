"""Surveys opened to a cohort: opening and closing them, response rates, anonymous links, CSV export."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import asyncpg

import surveys
from heard import audit, documents, settings
from heard.capture import queries
from heard.capture.schemas import Fields, Opening, OpeningIn
from heard.capture.services import Screen, Sending, submission_in, validate, with_feelings
from heard.errors import Conflict, Invalid, NotFound
from heard.principal import Principal
from heard.submissions import services as submissions
from heard.submissions.schemas import Receipt, SubmissionIn

CLOSED = "This survey is closed. Thank you for wanting to take part."
NO_LINK = "There is no survey at this link."


def _survey(instrument_id: str) -> surveys.Instrument:
    versions = surveys.builtin_instruments().get(instrument_id)
    if versions is None:
        raise NotFound(f"There is no survey called '{instrument_id}'.", field="instrument")
    return versions[max(versions)]


def titles() -> dict[str, str]:
    return {key: surveys.latest(key).title["en"] for key in surveys.builtin_instruments()}


def surveys_to_open() -> list[tuple[str, str]]:
    """Every built-in survey an administrator may open: (id, English title)."""
    return [(key, title) for key, title in titles().items() if surveys.latest(key).kind == "survey"]


async def open_survey(conn: asyncpg.Connection, principal: Principal, data: OpeningIn) -> int:
    """Open a survey to a cohort for a period; an anonymous link gets an unguessable token."""
    instrument = _survey(data.instrument)
    if instrument.kind != "survey":
        raise Invalid(
            f"'{data.instrument}' is a {instrument.kind}, not a survey; only surveys are opened.", field="instrument"
        )
    if data.closes_on < data.opens_on:
        raise Invalid("The closing date is before the opening date.", field="closes_on")
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        raise Invalid("The youngest age is more than the oldest.", field="age_min")
    token = secrets.token_urlsafe(18) if data.access == "anonymous_link" else None
    async with conn.transaction():
        opening_id = await queries.insert_opening(
            conn,
            council_id=principal.council_id,
            token=token,
            created_by=principal.id,
            instrument=data.instrument,
            access=data.access,
            age_min=data.age_min,
            age_max=data.age_max,
            legal_statuses=sorted(set(data.legal_statuses)),
            opens_on=data.opens_on,
            closes_on=data.closes_on,
        )
        await audit.record(conn, principal, "opened", "survey_opening", opening_id, instrument=data.instrument)
    return opening_id


async def list_openings(conn: asyncpg.Connection, principal: Principal) -> list[Opening]:
    return await queries.openings(conn, principal.council_id, titles(), settings.get().app.base_url.rstrip("/"))


async def close(conn: asyncpg.Connection, principal: Principal, opening_id: int) -> None:
    async with conn.transaction():
        if not await queries.close_opening(conn, opening_id, principal.council_id):
            if await queries.opening_exists(conn, opening_id, principal.council_id):
                raise Conflict("This survey is already closed.")
            raise NotFound("No survey opening with that number.")
        await audit.record(conn, principal, "closed", "survey_opening", opening_id)


async def export_csv(conn: asyncpg.Connection, principal: Principal, instrument_id: str) -> str:
    """Every response to one survey as CSV: one column per question over all versions, sensitive ones left out."""
    versions = surveys.builtin_instruments().get(instrument_id)
    if versions is None:
        raise NotFound(f"There is no survey called '{instrument_id}'.", field="instrument")
    columns = surveys.export_columns(versions.values())
    rows: list[Sequence[documents.Cell]] = [columns]
    stored = await queries.responses(conn, principal.council_id, instrument_id)
    for row in stored:
        instrument = versions.get(row.instrument_version)
        if instrument is None:
            continue
        answers = surveys.read_answers(instrument, row.answers)
        rows.append(surveys.export_row(columns, instrument, answers, language=row.language, channel=row.channel))
    await audit.record(conn, principal, "exported", "survey", None, instrument=instrument_id, rows=len(stored))
    return documents.to_csv(rows)


# ---- anonymous links -----------------------------------------------------------------------------


async def by_link(conn: asyncpg.Connection, token: str) -> tuple[queries.LinkOpening, surveys.Instrument]:
    """The opening behind an anonymous link, open or not; NotFound when there is none."""
    opening = await queries.opening_by_token(conn, token[:64]) if token else None
    if opening is None or opening.instrument not in surveys.builtin_instruments():
        raise NotFound(NO_LINK, field="token")
    return opening, surveys.latest(opening.instrument)


async def send_anonymous(
    conn: asyncpg.Connection, token: str, fields: Fields, language: str, key: str, screen: Screen, nothing: str
) -> tuple[Receipt, bool, submissions.Work]:
    """Store an anonymous response once: no child, no name, no address; alerts still raised."""
    opening, instrument = await by_link(conn, token)
    if not opening.is_open:
        raise Conflict(CLOSED, field="token")
    sending = Sending(instrument=instrument, fields=fields, language=language, key=key, audience="council")
    answers = validate(instrument, fields, language, nothing)
    data = submission_in(sending, answers)
    verdict = with_feelings(instrument, answers, screen(data))
    return await _store_anonymous(conn, opening, data, key, verdict)


async def _store_anonymous(
    conn: asyncpg.Connection,
    opening: queries.LinkOpening,
    data: SubmissionIn,
    key: str,
    verdict: submissions.ScreenResult,
) -> tuple[Receipt, bool, submissions.Work]:
    """Store through the same path as a child's submission, with no child; the link's opening is the sender."""
    return await submissions.store(
        conn,
        council_id=opening.council_id,
        child_id=None,
        data=data,
        key=key,
        screen=verdict,
        channel="anonymous_link",
        opening_id=opening.id,
    )


__all__ = [
    "CLOSED",
    "NO_LINK",
    "by_link",
    "close",
    "export_csv",
    "list_openings",
    "open_survey",
    "send_anonymous",
    "surveys_to_open",
    "titles",
]
