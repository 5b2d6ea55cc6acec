"""Alerts through GOV.UK Notify (email, text) and a Teams channel: a real local HTTP server stands in for both."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import asyncpg
import jwt
import pytest
from arq import Retry
from support import Council, Notify, drop_database, heard_env, make_council, notify_stand_in, with_database

from heard import db as heard_db
from heard import settings
from heard.db.migrate import migrate
from heard.safeguarding import jobs, services

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"heard_test-{SERVICE_ID}-{SECRET}"
SMS_TEMPLATE, EMAIL_TEMPLATE = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
def provider() -> Iterator[Notify]:
    """Notify's endpoints and a Teams incoming webhook on one local server."""
    with notify_stand_in() as running:
        yield running


@pytest.fixture
async def own_db(postgres_url: str, redis_url: str) -> AsyncIterator[tuple[asyncpg.Pool, settings.Settings]]:
    """A database of this test's own, so no running worker relays its outbox rows meanwhile."""
    import secrets

    name = f"heard_notify_{secrets.token_hex(4)}"
    admin = await heard_db.connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await heard_db.connect(url)
    await migrate(conn)
    await conn.close()
    config = settings.load(heard_env(url, redis_url, HEARD_NOTIFY_API_KEY=API_KEY))
    pool = await heard_db.create_pool(config.db)
    yield pool, config
    await pool.close()
    await drop_database(postgres_url, name)


async def _alert(conn: asyncpg.Connection, council: Council, config: settings.Settings) -> tuple[int, services.Work]:
    sid = await conn.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'api', 'Dee says my carer hits me', '{worker}', $3, '\\x00')
           returning id""",
        council.id,
        council.children["Dee"],
        uuid.uuid4().hex,
    )
    tuesday_morning = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    work = await services.raise_alert(
        conn,
        config.safeguarding,
        council_id=council.id,
        submission_id=sid,
        child_id=council.children["Dee"],
        level="urgent",
        categories=["abuse"],
        triggers=["hits me"],
        source="screen",
        at=tuesday_morning,
    )
    return int(await conn.fetchval("select id from alerts where submission_id = $1", sid)), work


async def _deliver(pool: asyncpg.Pool, config: settings.Settings, work: services.Work) -> list[str]:
    ctx = {"db_pool": pool, "settings": config, "job_try": 1}
    outcomes = []
    for outbox_id, _, args in work:
        try:
            outcomes.append(await jobs.send_notification(ctx, outbox_id=outbox_id, **args))
        except Retry:
            outcomes.append("retry")
    return outcomes


async def _council_with_providers(conn: asyncpg.Connection, provider: Notify) -> Council:
    council = await make_council(conn)
    await conn.execute(
        """insert into council_settings (council_id, notify_email_template_id, notify_sms_template_id,
               notify_sms_numbers, teams_webhook_url) values ($1, $2, $3, '{07700900123}', $4)""",
        council.id,
        EMAIL_TEMPLATE,
        SMS_TEMPLATE,
        f"{provider.url}/teams",
    )
    return council


async def test_an_alert_goes_by_notify_email_and_text_and_to_teams_with_no_words_or_name(
    own_db: tuple[asyncpg.Pool, settings.Settings], provider: Notify
) -> None:
    pool, config = own_db
    config = _with_notify_at(config, provider.url)
    async with heard_db.acquire(pool) as conn:
        council = await _council_with_providers(conn, provider)
        alert_id, work = await _alert(conn, council, config)
    assert await _deliver(pool, config, work) == ["sent"] * len(work)
    assert sorted(provider.paths()) == ["/teams", "/v2/notifications/email", "/v2/notifications/sms"]
    for (path, body), headers in zip(provider.received, provider.headers, strict=True):
        text = json.dumps(body)
        assert "Dee" not in text and "hits me" not in text and "carer" not in text
        assert f"/staff/alerts/{alert_id}" in text
        if path.startswith("/v2/"):
            token = headers["Authorization"].removeprefix("Bearer ")
            assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == SERVICE_ID
            assert body["personalisation"]["level"] == "urgent"
            assert body["personalisation"]["reference"] == f"alert {alert_id}"
    sms = next(b for p, b in provider.received if p == "/v2/notifications/sms")
    assert (sms["phone_number"], sms["template_id"]) == ("07700900123", SMS_TEMPLATE)
    email = next(b for p, b in provider.received if p == "/v2/notifications/email")
    assert (email["email_address"], email["template_id"]) == (council.staff["duty_officer"], EMAIL_TEMPLATE)
    teams = next(b for p, b in provider.received if p == "/teams")
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["actions"][0]["url"].endswith(f"/staff/alerts/{alert_id}")


async def test_a_failing_provider_is_retried_from_the_outbox_and_the_alert_still_escalates(
    own_db: tuple[asyncpg.Pool, settings.Settings], provider: Notify
) -> None:
    pool, config = own_db
    config = _with_notify_at(config, provider.url)
    async with heard_db.acquire(pool) as conn:
        council = await _council_with_providers(conn, provider)
        alert_id, work = await _alert(conn, council, config)
    provider.fail_next = len(work)
    assert await _deliver(pool, config, work) == ["retry"] * len(work)
    async with heard_db.acquire(pool) as conn:
        failures = await conn.fetchval(
            """select count(*) from notification_attempts t join notifications n on n.id = t.notification_id
               where n.alert_id = $1 and not t.ok""",
            alert_id,
        )
        assert failures == len(work)
        assert await conn.fetchval("select count(*) from outbox where completed_at is null") >= len(work)
        raised_at = await conn.fetchval("select raised_at from alerts where id = $1", alert_id)
        escalation = await services.escalate_due(conn, config.safeguarding, raised_at + timedelta(minutes=16))
    assert escalation, "an unsent notification must not hold the alert back from escalating"
    assert await _deliver(pool, config, work) == ["sent"] * len(work)
    assert sorted(provider.paths()) == ["/teams", "/v2/notifications/email", "/v2/notifications/sms"]


def _with_notify_at(config: settings.Settings, url: str) -> settings.Settings:
    import msgspec

    return msgspec.structs.replace(
        config, safeguarding=msgspec.structs.replace(config.safeguarding, notify_base_url=url)
    )
