"""Working days skip weekends and England's bank holidays, and every due date can be explained."""

from __future__ import annotations

from datetime import date

import pytest

from heard.complaints._clock import add_working_days, due_status, explain, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Christmas 2026: Christmas Day Friday, Boxing Day Saturday so Monday 28th is the substitute day.
        (date(2026, 12, 11), 10, date(2026, 12, 29)),
        (date(2026, 12, 11), 20, date(2027, 1, 13)),  # extended: New Year's Day 2027 skipped too
        # Christmas 2027: both days fall at the weekend, so 27 and 28 December are substitute days.
        (date(2027, 12, 20), 5, date(2027, 12, 29)),
        (date(2027, 12, 17), 10, date(2028, 1, 5)),
        # Easter 2026 (Good Friday 3 April, Easter Monday 6 April) and 2027 (26 and 29 March).
        (date(2026, 3, 27), 10, date(2026, 4, 14)),
        (date(2027, 3, 19), 10, date(2027, 4, 6)),
        (date(2027, 3, 19), 20, date(2027, 4, 20)),
        # August bank holiday: 31 August 2026, 30 August 2027; stage 2's 25 days and its 65-day extension.
        (date(2026, 8, 21), 25, date(2026, 9, 28)),
        (date(2026, 8, 21), 65, date(2026, 11, 23)),
        (date(2027, 8, 20), 25, date(2027, 9, 27)),
        # Stage 3: panel within 30 working days, report within 5, response within 15.
        (date(2027, 8, 2), 30, date(2027, 9, 14)),
        (date(2027, 4, 1), 5, date(2027, 4, 8)),
        (date(2026, 12, 18), 15, date(2027, 1, 13)),
    ],
)
def test_adding_working_days(start: date, days: int, due: date) -> None:
    assert add_working_days(start, days) == due
    assert working_days_between(start, due) == days


def test_bank_holidays_and_weekends_are_not_working_days() -> None:
    for day in [
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 8, 30),
        date(2027, 12, 27),
        date(2027, 12, 28),
        date(2026, 12, 26),
        date(2027, 1, 2),
    ]:
        assert not is_working_day(day), day
    assert is_working_day(date(2026, 12, 29))


def test_a_receipt_on_a_weekend_starts_counting_on_monday() -> None:
    assert add_working_days(date(2026, 10, 3), 1) == date(2026, 10, 5)
    assert add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 3)


def test_a_due_date_is_explained() -> None:
    assert explain(date(2026, 12, 11), 10, "received") == (
        "due 2026-12-29: 10 working days from 2026-12-11 (received); skipped 25 and 28 December 2026 "
        "(Christmas Day, Boxing Day substitute day) and 3 weekends"
    )
    assert explain(date(2027, 3, 19), 20, "received") == (
        "due 2027-04-20: 20 working days from 2027-03-19 (received); skipped 26 and 29 March 2027 "
        "(Good Friday, Easter Monday) and 5 weekends"
    )
    assert explain(date(2026, 6, 1), 4, "panel met") == "due 2026-06-05: 4 working days from 2026-06-01 (panel met)"


def test_due_status_is_on_track_due_soon_or_overdue() -> None:
    due = date(2026, 12, 29)
    assert due_status(due, None, date(2026, 12, 21)) == "on_track"  # 22, 23, 24, 29: four working days left
    assert due_status(due, None, date(2026, 12, 22)) == "due_soon"  # three left, bank holidays skipped
    assert due_status(due, None, due) == "due_soon"
    assert due_status(due, None, date(2026, 12, 30)) == "overdue"
    assert due_status(due, date(2026, 12, 29), date(2027, 2, 1)) == "met"
    assert due_status(due, date(2026, 12, 30), date(2027, 2, 1)) == "met_late"
