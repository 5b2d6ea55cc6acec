"""Working days in England: adding them, counting them, and explaining a due date in plain English."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

DueStatus = Literal["on_track", "due_soon", "overdue", "met", "met_late"]
DUE_SOON_DAYS = 3
_LONDON = ZoneInfo("Europe/London")
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def today() -> date:
    """Today's date in England, which is what the regulations' days are counted in."""
    return datetime.now(UTC).astimezone(_LONDON).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(_LONDON).date()


@functools.cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def holiday_name(day: date) -> str | None:
    """The English bank holiday on `day`, with "(observed)" said as a substitute day."""
    name = _bank_holidays(day.year).get(day)
    if name is None:
        return None
    return str(name).replace(" (observed)", " substitute day")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`; the start day itself is never counted."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        days -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def skipped(start: date, end: date) -> tuple[list[tuple[date, str]], int]:
    """Bank holidays on weekdays after `start` up to `end`, and the number of weekends in between."""
    days = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    bank = [(d, name) for d in days if d.weekday() < 5 and (name := holiday_name(d)) is not None]
    weekends = {d.isocalendar()[:2] for d in days if d.weekday() >= 5}
    return bank, len(weekends)


def day_list(dates: list[date]) -> str:
    """'25 and 28 December 2026' or '25 December 2026 and 1 January 2027'."""
    groups: dict[tuple[int, int], list[int]] = {}
    for d in dates:
        groups.setdefault((d.year, d.month), []).append(d.day)
    parts = [f"{and_list([str(n) for n in ns])} {_MONTHS[m - 1]} {y}" for (y, m), ns in groups.items()]
    return and_list(parts)


def and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def month_name(month: int) -> str:
    return _MONTHS[month - 1]


def long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def explain(start: date, days: int, start_label: str) -> str:
    """Why a clock is due when it is, e.g. 'due 2026-12-29: 10 working days from 2026-12-11 (received); ...'."""
    due = add_working_days(start, days)
    bank, weekends = skipped(start, due)
    said = [f"{weekends} weekend{'s' if weekends != 1 else ''}"] if weekends else []
    if bank:
        names = ", ".join(name for _, name in bank)
        said.insert(0, f"{day_list([d for d, _ in bank])} ({names})")
    skips = f"; skipped {and_list(said)}" if said else ""
    return f"due {due.isoformat()}: {days} working days from {start.isoformat()} ({start_label}){skips}"


def due_status(due: date, met_on: date | None, on: date) -> DueStatus:
    """On track, due soon (within three working days), overdue; or met, on time or late."""
    if met_on is not None:
        return "met" if met_on <= due else "met_late"
    if on > due:
        return "overdue"
    return "due_soon" if working_days_between(on, due) <= DUE_SOON_DAYS else "on_track"


STATUS_WORDS: dict[str, str] = {
    "on_track": "On track",
    "due_soon": "Due soon",
    "overdue": "Overdue",
    "met": "Done on time",
    "met_late": "Done late",
}
