"""One way to show a submission: the inbox, alert, complaint and PDF pages show each answer by its label and the
child's words once, exactly as written and escaped."""

from __future__ import annotations

import html
import io
import re
import uuid
from collections.abc import Callable

import asyncpg
from pypdf import PdfReader
from support import Client, Council

from heard.complaints import services as complaints

WORRY = "My mum's boyfriend hit me & <b>I'm</b> scared to go home\n\n  and my brother too"


async def _send(child: Client, instrument: str, answers: dict[str, object]) -> int:
    r = await child.post(
        f"/api/instruments/{instrument}/responses",
        json={"answers": answers},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _text_of(page: str) -> str:
    """The page's text as a reader sees it: marks and tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _once(page: str, words: str) -> None:
    escaped = html.escape(words, quote=False)
    assert "<b>I'm</b>" not in page, "the child's words are escaped"
    assert _text_of(page).count(words) == 1, f"{words!r} should be shown exactly once"
    assert re.sub(r"</?mark>", "", page).count(escaped.replace("'", "&#39;")) + page.count(escaped) >= 1


async def test_a_multi_answer_statement_shows_its_words_once_with_labels_on_every_page(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    worried = await _send(
        ava, "worried", {"feelings": ["scared", "confused"], "what_worry": WORRY, "talk_when": "today"}
    )
    complaint = await _send(
        ava,
        "complaint",
        {"what_happened": "They moved me without asking", "put_right": "Ask me first", "want_advocate": "not_sure"},
    )
    case_id = await complaints.open_from_submission(db, complaint)

    worker = await clients().as_staff(council.staff["worker"])
    inbox = (await worker.get(f"/staff/submissions/{worried}")).text
    _once(inbox, WORRY.strip())
    for label in ("How are you feeling?", "Scared", "Confused", "What is worrying you?"):
        assert label in inbox
    assert "talk_when" not in inbox and "Talk when" not in inbox, "never a raw question or option id"

    duty = await clients().as_staff(council.staff["duty_officer"])
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", worried)
    alert = (await duty.get(f"/staff/alerts/{alert_id}")).text
    _once(alert, WORRY.strip())
    assert "Scared" in alert and "Confused" in alert and "<mark>" in alert

    officer = await clients().as_staff(council.staff["complaints_officer"])
    case = (await officer.get(f"/staff/complaints/{case_id}")).text
    for words in ("They moved me without asking", "Ask me first"):
        _once(case, words)
    wrote = case.split("What the child wrote</h2>", 1)[1].split("<h2", 1)[0]
    assert "put it right" in wrote and "Not sure" in wrote and "not_sure" not in wrote

    pdf = await worker.get(f"/staff/submissions/{worried}/pdf")
    assert pdf.status_code == 200
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert flat.count("scared to go home") == 1 and "Confused, Scared" in flat and "talk_when" not in flat

    admin = await clients().as_staff(council.staff["admin"])
    export = (await admin.get(f"/api/admin/privacy/children/{council.children['Ava']}/export")).json()
    sent = next(s for s in export["submissions"] if s["id"] == worried)
    assert sent["answers"]["feelings"] == ["confused", "scared"], "the stored shape, as held"
    feelings = next(a for a in sent["shown"]["answers"] if a["question"] == "How are you feeling?")
    assert feelings["choices"] == ["Confused", "Scared"], "and read through surveys, by label"
