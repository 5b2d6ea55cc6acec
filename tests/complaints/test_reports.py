"""The quarterly and annual reports: every figure matches the cases seeded, and the published version suppresses."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime

import asyncpg
import pytest
from complaint_seed import decide_all, escalate, new_case, officer, respond
from support import Council, make_council

from dashboards._complaints import Report, period
from dashboards._complaints_export import to_csv, to_pdf
from dashboards.services import complaints_report
from heard.complaints import services
from heard.complaints.schemas import (
    ActionIn,
    ActionUpdate,
    AdvocacyIn,
    ExtensionIn,
    OmbudsmanIn,
    OutcomeIn,
    PanelIn,
    PanelReportIn,
    PointIn,
    TagsIn,
    WithdrawIn,
)
from heard.errors import Invalid


async def complaint_statement(
    db: asyncpg.Connection,
    council: Council,
    child: str,
    on: date,
    *,
    themes: list[str],
    redacted: str,
    want_advocate: str,
    level: str = "none",
) -> int:
    """A child's complaint as stored by Heard, with its analysis, then opened as a case."""
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience,
                                    idempotency_key, request_hash, created_at)
           values ($1, $2, 'complaint', 'web', $3, $4, '{complaints}', $5, '\\x00', $6) returning id""",
        council.id,
        council.children[child],
        {"want_advocate": want_advocate},
        "raw words that must never reach a report",
        uuid.uuid4().hex,
        datetime(on.year, on.month, on.day, 10, tzinfo=UTC),
    )
    await db.execute(
        """insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level,
                                 safeguarding_categories, redacted, language)
           values ($1, 'test', $2, 'negative', $3, '{}', $4, 'en')""",
        sid,
        themes,
        level,
        redacted,
    )
    return await services.open_from_submission(db, sid)


@pytest.fixture
async def seeded(db: asyncpg.Connection, council: Council) -> Council:
    """Cases around October to December 2025 (2025-26 quarter 3); the expected figures are in the tests."""
    me = officer(council)
    await db.execute("update children set share_quotes = (known_as = 'Ava') where council_id = $1", council.id)
    # A: Ava through Heard, 6 Oct, two points, answered on time; a learning action done.
    a = await services.get(
        db,
        me,
        await complaint_statement(
            db,
            council,
            "Ava",
            date(2025, 10, 6),
            themes=["placement", "being_heard"],
            redacted="My carer [NAME] never listens when I ask to see my brother.",
            want_advocate="yes",
        ),
    )
    await services.add_point(db, me, a.id, PointIn(summary="Not told about the move"))
    a = await services.set_tags(db, me, a.id, TagsIn(tags=["placement"]))
    a = await decide_all(db, council, a, "upheld", date(2025, 10, 10))
    await services.record_outcome(
        db, me, a.id, OutcomeIn(point_id=a.points[1].id, outcome="not_upheld", decided_on=date(2025, 10, 10))
    )
    a = await respond(db, council, await services.get(db, me, a.id), date(2025, 10, 15))
    a = await services.add_action(
        db,
        me,
        a.id,
        ActionIn(
            description="Tell children before a move",
            owner="Head of placements",
            due_on=date(2025, 11, 30),
            agreed_on=date(2025, 10, 16),
        ),
    )
    await services.update_action(
        db,
        me,
        a.id,
        ActionUpdate(
            action_id=a.actions[0].id, status="done", evidence="New checklist in use", completed_on=date(2025, 11, 20)
        ),
    )
    # B: Ben's parent by phone, 13 Oct, extended to 20 days on 20 Oct, answered within the extension.
    b = await new_case(db, council, date(2025, 10, 13), complainant="parent", child="Ben", channel="phone")
    await services.set_tags(db, me, b.id, TagsIn(tags=["money"]))
    await services.extend(db, me, b.id, ExtensionIn(working_days=20, reason="Carer away", agreed_on=date(2025, 10, 20)))
    b = await decide_all(db, council, b, "partly_upheld", date(2025, 11, 3))
    await respond(db, council, b, date(2025, 11, 5))
    # C: a carer by email, 3 Nov, advocate declined, answered late, then stage 2 on 1 Dec.
    c = await new_case(db, council, date(2025, 11, 3), complainant="carer", child=None, channel="email")
    await services.record_advocacy(db, me, c.id, AdvocacyIn(offered_on=date(2025, 11, 4), answer="declined"))
    c = await decide_all(db, council, c, "not_upheld", date(2025, 11, 20))
    c = await respond(db, council, c, date(2025, 11, 25))
    await escalate(db, council, c, 2, date(2025, 12, 1))
    # D: received in September; stage 2 from 1 Oct, on time; stage 3 from 10 Nov, panel on time, report late.
    d = await new_case(db, council, date(2025, 9, 15))
    d = await decide_all(db, council, d, "not_upheld", date(2025, 9, 18))
    d = await respond(db, council, d, date(2025, 9, 22))
    d = await escalate(db, council, d, 2, date(2025, 10, 1))
    d = await decide_all(db, council, d, "upheld", date(2025, 10, 20))
    d = await respond(db, council, d, date(2025, 11, 3))
    d = await escalate(db, council, d, 3, date(2025, 11, 10))
    d = await services.record_panel(db, me, d.id, PanelIn(held_on=date(2025, 12, 1)))
    d = await services.record_panel_report(db, me, d.id, PanelReportIn(received_on=date(2025, 12, 10)))
    await services.record_ombudsman(db, me, d.id, OmbudsmanIn(referred_on=date(2025, 12, 15), reference="25 001 234"))
    await services.add_action(
        db,
        me,
        d.id,
        ActionIn(
            description="Review panel paperwork sent a week ahead",
            owner="Complaints manager",
            due_on=date(2026, 1, 31),
            agreed_on=date(2025, 12, 16),
        ),
    )
    # F: Cai by letter, 1 Dec, withdrawn the next day.
    f = await new_case(db, council, date(2025, 12, 1), complainant="child", child="Cai", channel="letter")
    await services.withdraw(db, me, f.id, WithdrawIn(withdrawn_on=date(2025, 12, 2), reason="Sorted informally"))
    # G: Ben through Heard, 10 Nov; he has not agreed to share quotes, and it raised a concern.
    await complaint_statement(
        db,
        council,
        "Ben",
        date(2025, 11, 10),
        themes=["money"],
        level="concern",
        redacted="I never get my clothing money.",
        want_advocate="not_sure",
    )
    # Outside the quarter, and another council's case inside it: neither counts.
    await new_case(db, council, date(2026, 1, 5))
    other = await make_council(db)
    await new_case(db, other, date(2025, 10, 20))
    return council


def figures(report: Report, key: str) -> tuple[dict[str, int], int | None]:
    table = report.table(key)
    return {r.label: r.value for r in table.rows}, table.total


async def test_every_figure_of_the_quarterly_report_matches_the_seed(db: asyncpg.Connection, seeded: Council) -> None:
    report = await complaints_report(db, officer(seeded), "quarterly", 2025, 3, today=date(2026, 11, 23))
    assert report.title == "Complaints learning report, October to December 2025 (quarter 3, 2025-26)"
    assert (report.starts_on, report.ends_on) == (date(2025, 10, 1), date(2025, 12, 31))
    assert figures(report, "stages") == (
        {"Stage 1 complaints received": 5, "Stage 2 investigations started": 2, "Stage 3 panels requested": 1},
        None,
    )
    assert figures(report, "complainants") == (
        {"Child or young person": 3, "Parent": 1, "Carer": 1, "Advocate": 0, "Other": 0},
        5,
    )
    assert figures(report, "channels") == ({"Heard": 2, "Phone": 1, "Letter": 1, "Email": 1, "In person": 0}, 5)
    assert figures(report, "themes") == ({"Money": 2, "Being heard": 1, "Where I live": 1}, None)
    assert figures(report, "outcomes_1") == ({"Upheld": 1, "Partly upheld": 1, "Not upheld": 2}, 4)
    assert figures(report, "outcomes_2") == ({"Upheld": 1, "Partly upheld": 0, "Not upheld": 0}, 1)
    assert figures(report, "outcomes_3") == ({"Upheld": 0, "Partly upheld": 0, "Not upheld": 0}, 0)
    timing = ("Within the time limit", "Within an agreed extension", "Late")
    expected = {
        "stage1_response": (1, 1, 1),
        "stage2_investigation": (1, 0, 0),
        "stage3_panel": (1, 0, 0),
        "stage3_panel_report": (0, 0, 1),
        "stage3_response": (0, 0, 0),
    }
    for kind, counts in expected.items():
        assert figures(report, f"timeliness_{kind}") == (dict(zip(timing, counts, strict=True)), sum(counts)), kind
    assert figures(report, "extensions") == ({"Stage 1": 1, "Stage 2": 0}, 1)
    assert figures(report, "advocacy") == (
        {
            "Offered an advocate and accepted": 1,
            "Offered an advocate and declined": 1,
            "Offered an advocate, not sure yet": 1,
            "No offer recorded": 2,
        },
        5,
    )
    assert figures(report, "ombudsman") == (
        {
            "Awaiting the Ombudsman's decision": 1,
            "Upheld by the Ombudsman": 0,
            "Partly upheld by the Ombudsman": 0,
            "Not upheld by the Ombudsman": 0,
            "Not investigated by the Ombudsman": 0,
        },
        1,
    )
    assert figures(report, "actions") == ({"Planned": 1, "In progress": 0, "Done": 1, "Dropped": 0}, 2)
    assert figures(report, "actions_overdue") == ({"Not yet done": 1}, None)
    assert [(a.description, a.status, a.overdue) for a in report.actions] == [
        ("Tell children before a move", "done", False),
        ("Review panel paperwork sent a week ahead", "planned", True),
    ]
    # Only Ava agreed to share; only the redacted text; one quote even though it has two themes.
    assert [q.text for q in report.quotes] == ["My carer [NAME] never listens when I ask to see my brother."]


async def test_the_annual_report_covers_the_financial_year(db: asyncpg.Connection, seeded: Council) -> None:
    report = await complaints_report(db, officer(seeded), "annual", 2025, today=date(2026, 11, 23))
    assert report.title == "Complaints annual report 2025-26"
    stages, _ = figures(report, "stages")
    # D (September) and the January case now count as well.
    assert stages == {
        "Stage 1 complaints received": 7,
        "Stage 2 investigations started": 2,
        "Stage 3 panels requested": 1,
    }
    assert figures(report, "outcomes_1") == ({"Upheld": 1, "Partly upheld": 1, "Not upheld": 3}, 5)
    assert figures(report, "timeliness_stage1_response")[0]["Within the time limit"] == 2


async def test_the_published_report_suppresses_small_numbers(db: asyncpg.Connection, seeded: Council) -> None:
    report = await complaints_report(db, officer(seeded), "quarterly", 2025, 3, today=date(2026, 11, 23))
    shown = {t.key: t for t in report.shown(publication=True)}
    assert shown["complainants"].rows == [
        ("Child or young person", "c"),
        ("Parent", "c"),
        ("Carer", "c"),
        ("Advocate", "0"),
        ("Other", "0"),
    ]
    assert shown["complainants"].total == "c"
    assert shown["outcomes_3"].total == "0"
    internal = {t.key: t for t in report.shown(publication=False)}
    assert internal["complainants"].total == "5"
    published_csv = list(csv.reader(io.StringIO(to_csv(report, publication=True))))
    assert published_csv[0] == ["section", "item", "value"]
    assert ["Who complained (stage 1)", "Total", "c"] in published_csv
    assert not any(row[2] in {"1", "2", "3", "4", "5"} for row in published_csv[1:] if row[0] != "What children said")
    assert "raw words" not in to_csv(report, publication=False)
    pdf = await to_pdf(report, publication=True)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 2000


async def test_a_quarter_must_be_one_to_four() -> None:
    with pytest.raises(Invalid) as err:
        period("quarterly", 2025, 5)
    assert err.value.field == "quarter"
    assert period("quarterly", 2025, 4)[:2] == (date(2026, 1, 1), date(2026, 3, 31))
