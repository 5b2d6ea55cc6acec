"""A child's own complaint in their language: their words, codes worded from the catalogue, dates written out,
and a receipt that promises the same date the complaint is due."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import asyncpg
from complaint_seed import officer
from support import Client, Council

from heard import i18n
from heard.complaints import _clock, services
from heard.complaints.schemas import AcknowledgeIn, OutcomeIn, ResponseIn

HTML = {"accept": "text/html"}
LONDON_SUMMER = timezone(timedelta(hours=1))
ARABIC_WORDS = "لم يخبرني أحد أنني سأنتقل إلى بيت جديد"


async def complaint_from(
    db: asyncpg.Connection, council: Council, child: str, at: datetime, words: str, language: str, month: str = ""
) -> tuple[int, int]:
    """A complaint statement as the child's form stores it, sent at `at`, and the case it opens: (submission, case)."""
    answers = {"what_happened": words, "want_advocate": "no"} | ({"when_happened": month} if month else {})
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience, language,
                                    idempotency_key, request_hash, instrument, instrument_version, created_at)
           values ($1, $2, 'complaint', 'web', $3, $4, '{complaints}', $5, $6, '\\x00', 'complaint', 1, $7)
           returning id""",
        council.id,
        council.children[child],
        answers,
        words,
        language,
        uuid.uuid4().hex,
        at,
    )
    return sid, await services.open_from_submission(db, sid)


def text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


async def test_the_childs_update_in_arabic_is_in_arabic_with_their_words_and_dates_written_out(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    friday = datetime(2026, 11, 20, 10, tzinfo=UTC)
    sid, answered = await complaint_from(db, council, "Ava", friday, ARABIC_WORDS, "ar", month="2026-10")
    case = await services.get(db, officer(council), answered)
    co = officer(council)
    await services.acknowledge(db, co, answered, AcknowledgeIn(acknowledged_on=date(2026, 11, 23)))
    await services.record_outcome(
        db, co, answered, OutcomeIn(point_id=case.points[0].id, outcome="upheld", decided_on=date(2026, 11, 30))
    )
    letter = ResponseIn(responded_on=date(2026, 12, 1), letter="Dear Ava", child_letter="كنت محقة. نحن آسفون.")
    await services.respond(db, co, answered, letter)
    _, waiting = await complaint_from(db, council, "Ava", datetime(2026, 12, 3, 10, tzinfo=UTC), "المال", "ar")

    ava = await clients().as_child(council.codes["Ava"])
    ava.cookies.set("heard_lang", "ar")
    page = await ava.get("/messages", headers=HTML)
    assert page.status_code == 200
    seen = text_of(page.text)
    ar = i18n.catalogue("ar")
    assert f"What the child wrote in statement H-{sid:06d}" not in page.text, "staff wording reached the child"
    assert ARABIC_WORDS in seen and "كنت محقة. نحن آسفون." in seen
    assert f'lang="ar" dir="auto">{ARABIC_WORDS}</blockquote>' in page.text
    assert "أرسلت هذه الشكوى في 20 نوفمبر 2026." in seen
    assert "قلت إن ذلك حدث في أكتوبر 2026." in seen
    assert f"{ar.gettext('complaint.you_wrote')}: اتفقنا معك." in seen
    assert ar.gettext("complaint.status.answered") in seen and ar.gettext("complaint.stage.1") in seen
    assert "أرسلت هذه الشكوى في 3 ديسمبر 2026." in seen
    due = await db.fetchval("select due_on from complaint_clocks where complaint_id = $1", waiting)
    assert due == date(2026, 12, 17)
    assert "سنجيب بحلول 17 ديسمبر 2026." in seen
    assert not re.search(r"\d{4}-\d{2}", seen), "an ISO date or month reached the child"
    for english in ("We agreed with you.", "Your complaint", "We will answer by", "December"):
        assert english not in seen


async def test_the_receipt_promises_the_stored_due_date_for_a_friday_before_a_bank_holiday(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    # Late on Friday 22 May 2026 in London (already Friday night in UTC); Monday 25 May is the spring bank holiday.
    friday_night = datetime(2026, 5, 22, 23, 30, tzinfo=LONDON_SUMMER)
    sid, case_id = await complaint_from(db, council, "Ben", friday_night, "Nobody answers my calls", "en")
    due = await db.fetchval(
        "select due_on from complaint_clocks where complaint_id = $1 and kind = 'stage1_response'", case_id
    )
    assert due == _clock.add_working_days(date(2026, 5, 22), 10) == date(2026, 6, 8)
    ben = await clients().as_child(council.codes["Ben"])
    receipt = text_of((await ben.get(f"/sent/{sid}", headers=HTML)).text)
    assert "We will answer your complaint by 8 June 2026." in receipt
    assert "5 working days" not in receipt
    mine = text_of((await ben.get("/messages", headers=HTML)).text)
    assert "We will answer by 8 June 2026." in mine
    assert "You sent this complaint on 22 May 2026." in mine
    ben.cookies.set("heard_lang", "ar")
    receipt = text_of((await ben.get(f"/sent/{sid}", headers=HTML)).text)
    assert "سنجيب على شكواك بحلول 8 يونيو 2026." in receipt


async def test_a_statement_that_is_not_a_complaint_keeps_the_usual_receipt(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience,
                                    idempotency_key, request_hash)
           values ($1, $2, 'statement', 'web', '{}', 'Hello', '{worker}', $3, '\\x00') returning id""",
        council.id,
        council.children["Ava"],
        uuid.uuid4().hex,
    )
    ava = await clients().as_child(council.codes["Ava"])
    receipt = text_of((await ava.get(f"/sent/{sid}", headers=HTML)).text)
    assert "You should get a reply in My messages by" in receipt  # the honest promise, not a complaint date
    assert "We will answer your complaint" not in receipt


async def test_someone_elses_complaint_date_is_not_on_a_childs_receipt(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid, _ = await complaint_from(db, council, "Ava", datetime(2026, 5, 22, 10, tzinfo=UTC), "Mine", "en")
    ben = await clients().as_child(council.codes["Ben"])
    assert (await ben.get(f"/sent/{sid}", headers=HTML)).status_code == 404
