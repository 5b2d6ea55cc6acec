"""The council settings page: an admin sets the council's own details and targets; alerts follow them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import asyncpg
import pytest
from support import Client, Council, axe_violations

from heard import settings
from heard.safeguarding import services as safeguarding

FORM = {
    "name": "East Vale Council",
    "logo_text": "East Vale Children's Services",
    "advocacy_contact": "advocacy@eastvale.example",
    "emergency_duty_email": "edt@eastvale.example",
    "office_hours": "Mon-Thu 08:30-16:30",
    "urgent_ack_minutes": "10",
    "urgent_escalate_minutes": "45",
    "concern_ack_minutes": "120",
    "concern_escalate_minutes": "600",
    "reply_target_days": "3",
    "quarter_convention": "calendar",
    "totp_roles": ["admin", "duty_officer"],
    "measure-feel_safe_home-goal": "Every child feels safe where they live",
    "measure-feel_safe_home-target_percent": "85",
    "measure-feel_safe_home-national_percent": "82.5",
    "measure-feel_safe_home-national_source": "Bright Spots national report",
    "measure-feel_safe_home-national_year": "2024",
}


async def test_an_admin_saves_settings_and_each_change_is_audited(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    r = await client.post("/admin/council", data=FORM)
    assert r.status_code == 303, r.text
    page = (await client.get("/admin/council?saved=1")).text
    assert "Settings saved" in page
    for shown in ("East Vale Council", "edt@eastvale.example", "Mon-Thu 08:30-16:30", "Bright Spots national report"):
        assert shown in page
    stored = await db.fetchrow("select * from council_settings where council_id = $1", council.id)
    assert stored["urgent_ack_minutes"] == 10
    assert stored["quarter_convention"] == "calendar"
    assert sorted(stored["totp_roles"]) == ["admin", "duty_officer"]
    assert await db.fetchval("select advocacy_contact from councils where id = $1", council.id) == (
        "advocacy@eastvale.example"
    )
    audited = {
        r["detail"]["setting"]
        for r in await db.fetch(
            "select detail from audit_log where council_id = $1 and action = 'setting_changed'", council.id
        )
    }
    assert {"name", "emergency_duty_email", "office_hours", "board_measure:feel_safe_home", "quarter_convention"} <= (
        audited
    )
    assert "board_measure:trusted_adult" not in audited  # left blank, as it was

    # Saving the same again changes nothing, so nothing more is audited.
    count = await db.fetchval("select count(*) from audit_log where council_id = $1", council.id)
    assert (await client.post("/admin/council", data=FORM)).status_code == 303
    assert await db.fetchval(
        "select count(*) from audit_log where council_id = $1 and action = 'setting_changed'", council.id
    ) == len(audited)
    assert await db.fetchval("select count(*) from audit_log where council_id = $1", council.id) >= count


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("office_hours", "9 to 5", "Write office hours like &#39;Mon-Fri 09:00-17:00&#39;."),
        ("urgent_ack_minutes", "soon", "Minutes must be a whole number from 1 to 1440."),
        ("urgent_ack_minutes", "0", "Minutes must be a whole number from 1 to 1440."),
        ("emergency_duty_email", "edt", "must be an email address"),
        ("name", "", "The council needs a name"),
        (
            "measure-feel_safe_home-national_percent",
            "120",
            "The national figure for &#39;Feel safe where they live&#39; must be a percentage from 0 to 100",
        ),
        (
            "measure-feel_safe_home-national_percent",
            "lots",
            "The national figure for &#39;Feel safe where they live&#39; must be a percentage from 0 to 100",
        ),
        (
            "measure-trusted_adult-national_percent",
            "-3",
            "The national figure for &#39;Have a trusted adult&#39; must be a percentage from 0 to 100",
        ),
        (
            "measure-feel_safe_home-target_percent",
            "101",
            "The target for &#39;Feel safe where they live&#39; must be a percentage from 0 to 100",
        ),
        ("measure-feel_safe_home-national_year", "last year", "must be a year, like 2024 or 2024-25."),
        ("measure-feel_safe_home-national_year", "1850", "must be a year, like 2024 or 2024-25."),
        ("quarter_convention", "lunar", "Choose financial or calendar quarters."),
        (
            "totp_roles",
            "wizard",
            "“wizard” is not one of Heard&#39;s roles. Choose from: Social worker or personal adviser",
        ),
        ("notify_sms_template_id", "abc", "A GOV.UK Notify template id looks like"),
        ("nudge_email_template_id", "my template", "A GOV.UK Notify template id looks like"),
        ("nudge_sms_template_id", "0f3c2b1a", "A GOV.UK Notify template id looks like"),
        ("notify_sms_numbers", "07700 900123, call me", "Write mobile numbers like 07700 900123"),
        ("teams_webhook_url", "http://teams.example/hook", "The Teams webhook must be an https:// address."),
    ],
)
async def test_bad_settings_are_refused_in_plain_words_and_nothing_is_saved(
    client: Client, council: Council, db: asyncpg.Connection, field: str, value: str, said: str
) -> None:
    await client.as_staff(council.staff["admin"])
    r = await client.post("/admin/council", data={**FORM, field: value})
    assert r.status_code == 400
    assert said in r.text
    assert await db.fetchval("select count(*) from council_settings where council_id = $1", council.id) == 0
    assert await db.fetchval("select name from councils where id = $1", council.id) != "East Vale Council"
    assert await db.fetchval("select count(*) from board_measures where council_id = $1", council.id) == 0


async def test_an_admin_sets_the_notify_templates_for_telling_young_people_a_message_is_waiting(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    email_template, sms_template = str(uuid.uuid4()), str(uuid.uuid4())
    await client.as_staff(council.staff["admin"])
    form = {**FORM, "nudge_email_template_id": email_template, "nudge_sms_template_id": sms_template}

    assert (await client.post("/admin/council", data=form)).status_code == 303

    page = (await client.get("/admin/council")).text
    assert f'value="{email_template}"' in page and f'value="{sms_template}"' in page
    stored = await db.fetchrow(
        "select nudge_email_template_id, nudge_sms_template_id from council_settings where council_id = $1", council.id
    )
    assert (stored["nudge_email_template_id"], stored["nudge_sms_template_id"]) == (email_template, sms_template)
    changes = {
        r["detail"]["setting"]: r["detail"]["after"]
        for r in await db.fetch(
            "select detail from audit_log where council_id = $1 and action = 'setting_changed'", council.id
        )
    }
    assert changes["nudge_email_template_id"] == email_template and changes["nudge_sms_template_id"] == sms_template

    # Cleared again: the box left empty stores no template, so no text message is sent.
    assert (await client.post("/admin/council", data={**form, "nudge_sms_template_id": ""})).status_code == 303
    assert (
        await db.fetchval("select nudge_sms_template_id from council_settings where council_id = $1", council.id) == ""
    )


async def test_a_national_figure_set_in_settings_reaches_the_board(
    client: Client, council: Council, db: asyncpg.Connection, clients
) -> None:
    """The settings page edits the measures the Board reads: what the admin types is what the Board shows."""
    await client.as_staff(council.staff["admin"])
    page = (await client.get("/admin/council")).text
    assert "Feel safe where they live" in page and "Have a trusted adult" in page  # every Board measure offered
    assert (await client.post("/admin/council", data=FORM)).status_code == 303
    board = await clients().as_staff(council.staff["board_member"])
    found = (await board.get("/api/dashboards/board")).json()
    row = next(r["cells"] for r in found["comparisons"]["rows"] if r["label"].startswith("Feel safe where they live"))
    assert row[0] == "Every child feels safe where they live"
    assert row[2] == "85%"
    assert row[-1] == "82.5% (Bright Spots national report, 2024)"
    tile = next(t for t in found["tiles"] if t["key"] == "feel_safe_home")
    assert tile["goal"] == "Every child feels safe where they live"
    # and the page shows the stored figures back to the admin
    again = (await client.get("/admin/council")).text
    assert 'value="82.5"' in again and 'value="Bright Spots national report"' in again


async def test_only_admins_reach_the_settings_page(client: Client, council: Council) -> None:
    await client.as_staff(council.staff["duty_manager"])
    assert (await client.get("/admin/council")).status_code == 403
    assert (await client.post("/admin/council", data=FORM)).status_code == 403


async def test_alerts_follow_the_councils_stored_hours_and_emergency_email(
    council: Council, db: asyncpg.Connection
) -> None:
    """The environment says office hours are Mon-Fri 09:00-17:00 and names no emergency team; the council's own
    settings (Saturdays only, its own team) win."""
    await db.execute(
        """insert into council_settings (council_id, emergency_duty_email, office_hours, urgent_ack_minutes)
           values ($1, 'edt@own.example', 'Sat-Sat 09:00-17:00', 7)""",
        council.id,
    )
    sid = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', 'test', '{worker}', $3, '\\x00') returning id""",
        council.id,
        council.children["Dee"],
        uuid.uuid4().hex,
    )
    tuesday_morning = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    await safeguarding.raise_alert(
        db,
        settings.SafeguardingSettings(),
        council_id=council.id,
        submission_id=sid,
        child_id=council.children["Dee"],
        level="urgent",
        categories=["abuse"],
        triggers=["hits me"],
        source="screen",
        at=tuesday_morning,
    )
    alert = await db.fetchrow("select * from alerts where submission_id = $1", sid)
    assert alert["route"] == "emergency_duty_team"
    assert (alert["next_escalation_at"] - alert["raised_at"]).total_seconds() == 7 * 60
    recipients = {
        r["recipient"] for r in await db.fetch("select recipient from notifications where alert_id = $1", alert["id"])
    }
    assert recipients == {"edt@own.example"}


@pytest.mark.browser
async def test_the_settings_page_passes_axe(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    from test_council_staff import sign_in_admin

    await sign_in_admin(page, council)
    await page.goto("/admin/council")
    assert await axe_violations(page) == []
    await page.fill("#office_hours", "whenever")
    await page.click("form[action='/admin/council'] button[type=submit]")
    await page.wait_for_selector(".error-summary")
    assert "Write office hours like" in await page.inner_text(".error-summary")
    assert await axe_violations(page) == []
