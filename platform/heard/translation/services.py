"""The needs-reading queue: words nobody could screen wait for a person; their translation is screened in turn.

A submission joins the queue when the request's screen or the analysis finds words in a language the screen
cannot read (`needs_reading`). Staff who may read the child's words (the inbox's allocation rule) see it with its
detected language and the time it must be read by; words from an anonymous survey link, which nobody is allocated
to, are read by the safeguarding duty team (duty officers and managers). The translation they record (who and when,
audited) is read by the same screen, and an urgent or concerning result raises the submission's alert at once
through safeguarding.
The higher of the original and the translated reading stands: an alert is never lowered here.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import asyncpg
import holidays

import nlp
from heard import audit, settings
from heard.council import safeguarding_for
from heard.errors import Invalid, NotFound
from heard.i18n import catalogue
from heard.principal import Principal
from heard.safeguarding import services as safeguarding
from heard.safeguarding.services import Work
from heard.settings import SafeguardingSettings
from heard.translation import queries
from heard.translation.schemas import Counted, Reading, TranslationIn, Waiting
from nlp.schemas import LEVELS

_RANK: dict[str, int] = {level: rank for rank, level in enumerate(LEVELS)}
WORDS = catalogue("en")  # staff read English


DUTY = ("duty_officer", "duty_manager")  # read anonymous words nobody is allocated to, as they get the alerts


def now() -> datetime:
    return datetime.now(UTC)


def _anonymous_too(principal: Principal) -> bool:
    return principal.has_role(*DUTY)


def _reason(child_id: int | None) -> str:
    """Why the words were read, for the audit log: a child's through allocation, anonymous ones for safeguarding."""
    return "allocated" if child_id is not None else "safeguarding"


@functools.cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def _working(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def due(received: datetime, days: int, timezone: str) -> datetime:
    """The end of the `days`-th working day (England's bank holidays off) after the day the words arrived."""
    zone = ZoneInfo(timezone)
    day = received.astimezone(zone).date()
    while days:
        day += timedelta(days=1)
        days -= _working(day)
    return datetime.combine(day, time(23, 59, 59), zone)


async def needs_reading(
    conn: asyncpg.Connection,
    config: SafeguardingSettings,
    *,
    council_id: int,
    submission_id: int,
    child_id: int | None,
    language: str,
    level: str,
    at: datetime | None = None,
) -> None:
    """Put a submission the screen could not read in the queue, in the caller's transaction (once per submission)."""
    config = await safeguarding_for(conn, council_id, config)
    due_at = due(at or now(), config.reading_working_days, config.timezone)
    await queries.add(conn, council_id, submission_id, child_id, language, due_at, level)


async def waiting(conn: asyncpg.Connection, principal: Principal) -> list[Waiting]:
    """What this member of staff may read that waits for a person, soonest due first; the list is audited."""
    found = await queries.waiting(conn, principal.id, principal.council_id, now(), _anonymous_too(principal))
    await audit.record(
        conn,
        principal,
        "read",
        "reading_queue",
        None,
        reason="safeguarding" if _anonymous_too(principal) else "allocated",
        submission_ids=[w.submission_id for w in found],
    )
    return found


async def count(conn: asyncpg.Connection, principal: Principal) -> Counted:
    """How many wait for this member of staff, for the staff home (no words, so not audited)."""
    if not principal.is_staff:
        return Counted(waiting=0, overdue=0)
    return await queries.count(conn, principal.id, principal.council_id, now(), _anonymous_too(principal))


async def view(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> Reading:
    """One submission in the queue with the child's words; the read is audited, a refusal too."""
    found = await queries.one(conn, principal.id, principal.council_id, now(), _anonymous_too(principal), submission_id)
    if found is None:
        await audit.refused(conn, principal, "reading", submission_id, why="read_submission")
        raise NotFound(WORDS("staff.reading.error.not_shared"))
    await audit.record(
        conn, principal, "read", "submission", submission_id, child_id=found.child_id, reason=_reason(found.child_id)
    )
    return found


def checked(data: TranslationIn) -> str:
    """The translation, or Invalid saying what is wrong with it in plain words."""
    text = data.translation.strip()
    if not text:
        raise Invalid(WORDS("staff.reading.error.blank"), field="translation")
    if not nlp.screen(text).screened:
        raise Invalid(WORDS("staff.reading.error.unreadable"), field="translation")
    return text


async def translate(
    conn: asyncpg.Connection, principal: Principal, submission_id: int, data: TranslationIn
) -> tuple[Reading, Work]:
    """Record a translation (who and when), screen it, and raise the submission's alert when it reads a worry.

    Returns the reading and the alert's notifications, to dispatch once the transaction has committed.
    """
    text = checked(data)  # before the read, so a refused translation records no read of the child's words
    found = await view(conn, principal, submission_id)
    verdict = nlp.screen(text)
    level = max(found.original_level, verdict.level, key=_RANK.__getitem__)
    work: Work = []
    async with conn.transaction():
        await queries.translate(conn, submission_id, text, principal.id, now(), verdict.level, list(verdict.categories))
        if verdict.level != "none":
            work = await safeguarding.raise_alert(
                conn,
                settings.get().safeguarding,
                council_id=principal.council_id,
                submission_id=submission_id,
                child_id=found.child_id,
                level=verdict.level,
                categories=list(verdict.categories),
                triggers=list(verdict.triggers),
                source="staff",
                reopen="translation",  # words nobody had read: a closed alert is opened again
            )
        await audit.record(
            conn,
            principal,
            "recorded_translation",
            "submission",
            submission_id,
            child_id=found.child_id,
            reason=_reason(found.child_id),
            language=found.language,
            translated_level=verdict.level,
            level=level,
        )
    saved = await queries.one(conn, principal.id, principal.council_id, now(), _anonymous_too(principal), submission_id)
    assert saved is not None, "found above, in the same council and allocation"
    return saved, work
