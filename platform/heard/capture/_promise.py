"""What a child is told will happen after sending, and only what the council can keep to.

Worked out from what was sent: whom it went to, whether it carries the child's name, how serious the screen found
it, the council's reply target in working days (English bank holidays skipped), and its office hours. Something
without a name is never promised a reply; an urgent message without a name says no one can get in touch and where
to get help now; out of office hours nothing is promised for "today".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import msgspec

from heard import settings
from heard.complaints._clock import add_working_days
from heard.council import reply_target_days, safeguarding_for
from heard.safeguarding import closes_at, in_office_hours, next_opening
from heard.settings import SafeguardingSettings
from heard.web.pages import Words, dated

Line = tuple[str, dict[str, Any]]
"""A catalogue key and its parameters (dates are worded in the child's language when the promise is shown)."""

_READER = {"worker": "promise.reader.worker", "iro": "promise.reader.iro", "complaints": "promise.reader.complaints"}


class Rules(msgspec.Struct, frozen=True, kw_only=True):
    """The council's side of a promise: office hours, its emergency duty team, and its reply target."""

    office_hours: str = "Mon-Fri 09:00-17:00"
    timezone: str = "Europe/London"
    emergency_team: bool = False
    """Whether alerts out of hours reach an emergency duty team (an address is set), or wait for the office."""
    emergency_phone: str = ""
    reply_target_days: int = 5
    concern_ack_minutes: int = 240


class Promise(msgspec.Struct, frozen=True, kw_only=True):
    """What to tell the child: a heading, sentences, and whether to give the numbers to call now."""

    title: str
    lines: tuple[Line, ...]
    help_now: bool = False
    replies: bool = False
    """Whether a reply will come in My messages."""


async def rules_for(conn: asyncpg.Connection, council_id: int) -> Rules:
    """The council's stored settings, the environment's where it has none."""
    config: SafeguardingSettings = await safeguarding_for(conn, council_id, settings.get().safeguarding)
    return Rules(
        office_hours=config.office_hours,
        timezone=config.timezone,
        emergency_team=bool(config.emergency_duty_email),
        emergency_phone=config.emergency_duty_phone,
        reply_target_days=await reply_target_days(conn, council_id),
        concern_ack_minutes=config.concern_ack_minutes,
    )


def promise(
    *, kind: str, audience: list[str], anonymous: bool, level: str, at: datetime, rules: Rules
) -> Promise | None:
    """What will happen to something sent at `at`; None for a complaint, whose receipt the complaints process words."""
    if kind == "complaint":
        return None
    if anonymous:
        return _without_name(level)
    if level == "urgent":
        return _urgent(at, rules)
    reply = _reply(audience, at, rules)
    if level == "concern":
        return Promise(title="promise.next_title", lines=(_concern(at, rules), *reply), replies=True, help_now=True)
    return Promise(title="promise.next_title", lines=reply, replies=True)


def _without_name(level: str) -> Promise:
    if level == "none":
        lines: tuple[Line, ...] = (("receipt.anonymous", {}), ("promise.no_name", {}), ("promise.no_name_use", {}))
        return Promise(title="promise.next_title", lines=lines)
    return Promise(title="promise.urgent_no_name_title", lines=(("promise.urgent_no_name", {}),), help_now=True)


def _urgent(at: datetime, rules: Rules) -> Promise:
    if in_office_hours(at, rules.office_hours, rules.timezone):
        return Promise(title="promise.urgent_today_title", lines=(("promise.urgent_today", {}),), help_now=True)
    opens = next_opening(at, rules.office_hours, rules.timezone)
    told = "promise.urgent_closed_team" if rules.emergency_team else "promise.urgent_closed_no_team"
    lines: tuple[Line, ...] = ((told, {}), ("promise.duty_opens", {"date": opens, "time": opens}))
    return Promise(title="promise.urgent_closed_title", lines=lines, help_now=True)


def _concern(at: datetime, rules: Rules) -> Line:
    """Read by someone who keeps children safe: today when that fits before the office closes, else when it opens."""
    office = rules.office_hours, rules.timezone
    if not in_office_hours(at, *office):
        opens = next_opening(at, *office)
    elif at + timedelta(minutes=rules.concern_ack_minutes) <= closes_at(at, *office):
        return ("promise.concern_today", {})
    else:
        opens = next_opening(closes_at(at, *office), *office)
    return ("promise.concern_opens", {"date": opens, "time": opens})


def _reply(audience: list[str], at: datetime, rules: Rules) -> tuple[Line, ...]:
    reader = next((_READER[a] for a in audience if a in _READER), "promise.reader.council")
    local_day = at.astimezone(ZoneInfo(rules.timezone)).date()
    by = add_working_days(local_day, rules.reply_target_days)
    return (("promise.reply_by", {"reader": reader, "date": by}),)


def worded(found: Promise, ui: Words) -> dict[str, Any]:
    """The promise in the child's language: {'title', 'lines', 'help_now', 'replies'}."""

    def param(name: str, value: Any) -> str:
        if name == "reader":
            return ui.gettext(value)
        if name == "time":
            return f"{value:%H:%M}"
        if name == "date":
            return dated(date(value.year, value.month, value.day), ui)  # the day where the council is
        return str(value)

    lines = [ui.gettext(key, **{k: param(k, v) for k, v in params.items()}) for key, params in found.lines]
    return {"title": ui.gettext(found.title), "lines": lines, "help_now": found.help_now, "replies": found.replies}


async def told(
    conn: asyncpg.Connection,
    council_id: int,
    *,
    kind: str,
    audience: list[str],
    anonymous: bool,
    level: str,
    at: datetime,
    ui: Words,
) -> dict[str, Any]:
    """What a page shows of the promise for something sent: {'promise': worded or None, 'help': the numbers to call}.
    The receipt and the message's own page both say it, so a child who comes back reads the same promise."""
    rules = await rules_for(conn, council_id)
    said = promise(kind=kind, audience=audience, anonymous=anonymous, level=level, at=at, rules=rules)
    return {"promise": worded(said, ui) if said else None, "help": help_lines(rules, ui)}


def help_lines(rules: Rules, ui: Words) -> list[tuple[str, str]]:
    """The numbers to call now, as (tel: number, what to say): 999, Childline, and the council's duty team's."""
    found = [("999", ui.gettext("get_help_now.emergency")), ("08001111", ui.gettext("get_help_now.childline"))]
    if rules.emergency_phone:
        digits = "".join(c for c in rules.emergency_phone if c.isdigit() or c == "+")
        found.append((digits, ui.gettext("promise.council_phone", phone=rules.emergency_phone)))
    return found
