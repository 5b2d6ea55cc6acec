"""Office hours: when the duty team is in, alerts go to them; otherwise to the emergency duty team."""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@functools.cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


@functools.cache
def _parse(schedule: str) -> tuple[set[int], time, time]:
    days, hours = schedule.split(" ")
    first, last = (_DAYS.index(d) for d in days.split("-"))
    start, end = (time.fromisoformat(t) for t in hours.split("-"))
    return set(range(first, last + 1)), start, end


def in_office_hours(moment: datetime, schedule: str, timezone: str) -> bool:
    """True when `moment` falls inside `schedule` (e.g. 'Mon-Fri 09:00-17:00') and is not an English bank holiday."""
    local = moment.astimezone(ZoneInfo(timezone))
    days, start, end = _parse(schedule)
    return local.weekday() in days and start <= local.time() < end and not is_bank_holiday(local.date())


def next_opening(moment: datetime, schedule: str, timezone: str) -> datetime:
    """When the office is next open at or after `moment` (itself when it is open now), in the office's timezone."""
    zone = ZoneInfo(timezone)
    local = moment.astimezone(zone)
    if in_office_hours(local, schedule, timezone):
        return local
    days, start, _ = _parse(schedule)
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    while day.weekday() not in days or is_bank_holiday(day):
        day += timedelta(days=1)
    return datetime.combine(day, start, tzinfo=zone)


def closes_at(moment: datetime, schedule: str, timezone: str) -> datetime:
    """When the office that is open at `moment` closes that day."""
    local = moment.astimezone(ZoneInfo(timezone))
    _, _, end = _parse(schedule)
    return datetime.combine(local.date(), end, tzinfo=local.tzinfo)
