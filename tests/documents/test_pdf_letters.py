"""A complaint stage's response letters as PDFs to print and send: tagged, titled, headed with the council's name,
the date written out and the references, the letter's text once and as written, the package's own fonts, and only
for the complaints officers of the council whose case it is."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime

import asyncpg
from complaint_seed import decide_all, new_case, officer
from reading import assert_accessible, once, read
from support import Client, Council, make_council

from heard.complaints import services
from heard.complaints.schemas import Case, ResponseIn

PACKAGE_FONTS = {"Heard-Sans", "Heard-Sans-Bold", "Heard-Ethiopic", "Heard-Ethiopic-Bold"}
LETTER = 'Dear Ms Smith,\n\nWe upheld your complaint about <b>contact</b> & "moves".\n\nYours sincerely'
CHILD_LETTER = "You were right & we are sorry. <script>alert(1)</script> We will ask you first next time."
ARABIC_LETTER = "كنت محقة ونحن آسفون، سنسألك أولاً في المرة القادمة"
HTML = {"accept": "text/html"}


def flat(text: str) -> str:
    return " ".join(text.split())


async def _answered(db: asyncpg.Connection, council: Council, *, child_letter: str = CHILD_LETTER) -> Case:
    case = await new_case(db, council, date(2026, 3, 2))
    case = await decide_all(db, council, case, "upheld", date(2026, 3, 5))
    response = ResponseIn(responded_on=date(2026, 3, 6), letter=LETTER, child_letter=child_letter)
    return await services.respond(db, officer(council), case.id, response)


async def test_the_letter_pdf_is_tagged_headed_and_has_the_letter_once_as_written(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    case = await _answered(db, council)
    co = await clients().as_staff(council.staff["complaints_officer"])
    r = await co.get(f"/staff/complaints/{case.id}/stages/1/letter.pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="{case.reference}-stage-1-letter.pdf"'
    found = read(r.content)
    assert_accessible(found, title=f"Response, stage 1 (local resolution), complaint {case.reference}")
    text = flat(found.text)
    assert once(text, LETTER), text
    assert f"Test council {council.slug}" in text
    assert "Date 6 March 2026" in text
    assert f"Complaint reference {case.reference}" in text
    assert f"Child's reference {council.slug}-Ava" in text
    assert found.fonts <= PACKAGE_FONTS, found.fonts
    assert "\ufffd" not in found.text


async def test_the_childs_version_is_its_own_pdf_with_its_words_once(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    case = await _answered(db, council)
    co = await clients().as_staff(council.staff["complaints_officer"])
    r = await co.get(f"/staff/complaints/{case.id}/stages/1/child-letter.pdf")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="{case.reference}-stage-1-child-letter.pdf"'
    found = read(r.content)
    assert_accessible(found, title=f"Response for the child, stage 1 (local resolution), complaint {case.reference}")
    assert once(found.text, CHILD_LETTER), found.text
    assert "Dear Ms Smith" not in found.text, "the formal letter was printed in the child's version"
    assert found.fonts <= PACKAGE_FONTS, found.fonts


async def test_the_case_page_links_to_each_letter(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    case = await _answered(db, council)
    co = await clients().as_staff(council.staff["complaints_officer"])
    page = (await co.get(f"/staff/complaints/{case.id}", headers=HTML)).text
    assert f'href="/staff/complaints/{case.id}/stages/1/letter.pdf"' in page
    assert f'href="/staff/complaints/{case.id}/stages/1/child-letter.pdf"' in page
    assert "Download the stage 1 letter (PDF)" in page
    assert "Download the stage 1 version for the child (PDF)" in page


async def test_an_arabic_childs_letter_is_tagged_arabic_right_to_left_in_the_packages_font(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience, language,
                                    idempotency_key, request_hash, instrument, instrument_version, created_at)
           values ($1, $2, 'complaint', 'web', $3, $4, '{complaints}', 'ar', $5, '\\x00', 'complaint', 1, $6)
           returning id""",
        council.id,
        council.children["Ava"],
        {"what_happened": "لم يخبرني أحد", "want_advocate": "no"},
        "لم يخبرني أحد",
        uuid.uuid4().hex,
        datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    complaint_id = await services.open_from_submission(db, sid)
    case = await services.get(db, officer(council), complaint_id)
    await decide_all(db, council, case, "upheld", date(2026, 3, 5))
    response = ResponseIn(responded_on=date(2026, 3, 6), letter=LETTER, child_letter=ARABIC_LETTER)
    await services.respond(db, officer(council), complaint_id, response)
    co = await clients().as_staff(council.staff["complaints_officer"])
    content = (await co.get(f"/staff/complaints/{complaint_id}/stages/1/child-letter.pdf")).content
    found = read(content)
    assert_accessible(found, title=f"Response for the child, stage 1 (local resolution), complaint {case.reference}")
    assert once(found.text, ARABIC_LETTER), found.text
    assert found.fonts <= PACKAGE_FONTS and "\ufffd" not in found.text, found.fonts
    assert _starts_right_of_the_heading(content), "the Arabic letter is not set from the right"
    # The formal letter, in English, is not tagged as Arabic because the child wrote in Arabic.
    formal = read((await co.get(f"/staff/complaints/{complaint_id}/stages/1/letter.pdf")).content)
    assert once(formal.text, LETTER)


def _starts_right_of_the_heading(content: bytes) -> bool:
    """The Arabic lines are set from the right: they start further right than the English heading above them."""
    import io

    import pypdf

    starts: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            starts.setdefault(text.strip(), tm[4] * cm[0] + cm[4])

    pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    arabic = [x for text, x in starts.items() if any("\u0600" <= ch <= "\u06ff" for ch in text)]
    latin = [x for text, x in starts.items() if text.startswith("Response for the child")]
    assert arabic and latin, starts
    return min(arabic) > min(latin) + 100


async def test_the_letters_language_is_the_childs_only_when_written_in_it() -> None:
    from heard.complaints._pages import _written_in, text_direction

    assert text_direction(ARABIC_LETTER) == "rtl" and text_direction("  (1) Dear Ava") == "ltr"
    assert _written_in(ARABIC_LETTER, "ar")
    assert not _written_in(CHILD_LETTER, "ar"), "an English letter to a child who wrote in Arabic is English"
    assert not _written_in(ARABIC_LETTER, "")
    assert _written_in("Przepraszamy, miałaś rację.", "pl") and not _written_in("We are sorry.", "pl")


async def test_a_stage_with_no_letter_yet_is_a_plain_not_found(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    waiting = await new_case(db, council, date(2026, 3, 2))
    co = await clients().as_staff(council.staff["complaints_officer"])
    r = await co.get(f"/staff/complaints/{waiting.id}/stages/1/letter.pdf", headers=HTML)
    assert r.status_code == 404
    assert f"There is no response letter for stage 1 of complaint {waiting.reference}." in r.text
    answered = await _answered(db, council)
    for path in ("stages/2/letter.pdf", "stages/9/child-letter.pdf", "stages/1/other.pdf"):
        r = await co.get(f"/staff/complaints/{answered.id}/{path}", headers=HTML)
        assert r.status_code == 404, path
        assert "There is no response letter for stage" in r.text, path


async def test_only_the_councils_complaints_officers_get_a_letter(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    case = await _answered(db, council)
    path = f"/staff/complaints/{case.id}/stages/1/letter.pdf"
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.get(path, headers=HTML)
    assert r.status_code == 403
    assert b"Dear Ms Smith" not in r.content and not r.content.startswith(b"%PDF")
    other = await make_council(db)
    theirs = await clients().as_staff(other.staff["complaints_officer"])
    r = await theirs.get(path, headers=HTML)
    assert r.status_code == 404
    assert b"Dear Ms Smith" not in r.content and not r.content.startswith(b"%PDF")
    refused = await db.fetchval(
        "select count(*) from audit_log where subject_kind = 'complaint' and subject_id = $1 and actor_id = $2",
        case.id,
        other.staff_ids["complaints_officer"],
    )
    assert refused == 1, "the other council's attempt is in the audit log"
