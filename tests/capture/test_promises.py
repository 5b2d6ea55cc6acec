"""What a child is told after sending, for each audience, with and without their name, at each time of day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from heard.capture._promise import Rules, promise, worded
from heard.i18n import catalogue

EN = catalogue("en")
RULES = Rules(reply_target_days=5, emergency_team=True, emergency_phone="0300 123 4567")
# Winter: London is on UTC, so these are the times a child in England sees.
TUESDAY_11 = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
TUESDAY_16 = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
FRIDAY_18 = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
SUNDAY_22 = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)
CHRISTMAS_EVE_22 = datetime(2026, 12, 24, 22, 0, tzinfo=UTC)


def said(
    *,
    audience: str = "worker",
    anonymous: bool = False,
    level: str = "none",
    at: datetime = TUESDAY_11,
    kind: str = "statement",
    rules: Rules = RULES,
) -> str:
    found = promise(kind=kind, audience=[audience], anonymous=anonymous, level=level, at=at, rules=rules)
    assert found is not None
    words = worded(found, EN)
    return " ".join([words["title"], *words["lines"]])


@pytest.mark.parametrize(
    ("audience", "reader"),
    [("worker", "Your worker"), ("iro", "Your IRO"), ("complaints", "The complaints team")],
)
@pytest.mark.parametrize("at", [TUESDAY_11, SUNDAY_22])
def test_a_named_message_promises_a_reply_by_the_reply_target_in_working_days(
    audience: str, reader: str, at: datetime
) -> None:
    text = said(audience=audience, at=at)
    # Tuesday 1 December + 5 working days is Tuesday 8 December; sent on Sunday 6 December, Friday 11 December.
    due = "8 December 2026" if at == TUESDAY_11 else "11 December 2026"
    assert f"{reader} will read it. You should get a reply in My messages by {due}." in text
    assert "today" not in text


def test_bank_holidays_are_not_working_days_in_the_reply_date() -> None:
    # Thursday 24 December: Friday 25, Monday 28 (Boxing Day substitute) and Friday 1 January are bank holidays,
    # so five working days are the 29th, 30th, 31st, 4th and 5th (weekdays alone would end on the 31st).
    text = said(at=CHRISTMAS_EVE_22)
    assert "by 31 December 2026" not in text and "by 5 January 2027" in text


def test_the_councils_own_reply_target_is_the_one_promised() -> None:
    assert "by 3 December 2026" in said(rules=Rules(reply_target_days=2))


@pytest.mark.parametrize("audience", ["council", "worker"])
@pytest.mark.parametrize("at", [TUESDAY_11, SUNDAY_22])
def test_without_a_name_no_reply_is_promised(audience: str, at: datetime) -> None:
    text = said(audience=audience, anonymous=True, at=at, kind="survey")
    assert "no one can reply to you" in text
    assert "My messages by" not in text and "will read it" not in text


@pytest.mark.parametrize("level", ["urgent", "concern"])
@pytest.mark.parametrize("at", [TUESDAY_11, SUNDAY_22])
def test_an_anonymous_worry_says_no_one_can_get_in_touch_and_where_to_get_help(level: str, at: datetime) -> None:
    found = promise(kind="survey", audience=["council"], anonymous=True, level=level, at=at, rules=RULES)
    assert found is not None and found.help_now and not found.replies
    text = said(anonymous=True, level=level, at=at, kind="survey", audience="council")
    assert "No one can get in touch with you" in text
    assert "You did not give your name" in text
    assert "today" not in text and "get in touch with you today" not in text


def test_an_urgent_message_in_office_hours_promises_contact_today() -> None:
    text = said(level="urgent", at=TUESDAY_11)
    assert "Someone will try to get in touch with you today" in text


@pytest.mark.parametrize("at", [SUNDAY_22, FRIDAY_18])
def test_an_urgent_message_out_of_hours_never_says_today(at: datetime) -> None:
    text = said(level="urgent", at=at)
    assert "today" not in text.lower()
    assert "The council's emergency duty team has been told now" in text
    assert "when the offices open, on 7 December 2026 at 09:00" in text


def test_out_of_hours_without_an_emergency_team_says_no_one_may_see_it_until_the_office_opens() -> None:
    text = said(level="urgent", at=SUNDAY_22, rules=Rules())
    assert "No one at the council may see this until the offices open." in text
    assert "emergency duty team has been told" not in text


def test_a_concern_late_in_the_day_is_read_when_the_office_next_opens() -> None:
    assert "will read it today" in said(level="concern", at=TUESDAY_11)
    late = said(level="concern", at=TUESDAY_16)  # the 4-hour target runs past 17:00
    assert "today" not in late and "on 2 December 2026 at 09:00" in late


def test_a_complaint_is_worded_by_the_complaints_process_not_here() -> None:
    assert (
        promise(kind="complaint", audience=["complaints"], anonymous=False, level="none", at=TUESDAY_11, rules=RULES)
        is None
    )


@pytest.mark.parametrize("lang", ["ar", "fa", "ps", "ti"])
def test_every_promise_is_said_in_the_childs_language(lang: str) -> None:
    ui = catalogue(lang)
    for kwargs in (
        {},
        {"anonymous": True},
        {"level": "urgent", "at": SUNDAY_22},
        {"level": "urgent", "anonymous": True},
    ):
        found = promise(
            kind="statement",
            audience=["worker"],
            rules=RULES,
            **{"anonymous": False, "level": "none", "at": TUESDAY_11, **kwargs},
        )
        assert found is not None
        words = worded(found, ui)
        for line in [words["title"], *words["lines"]]:
            assert line not in {EN.gettext(k) for k, _ in found.lines}, f"{lang}: {line} is English"
            assert "{" not in line
