"""Notifications: only a link and the level, once per alert and recipient, through Redis outages and worker deaths."""

from __future__ import annotations

import asyncio
import email
import threading
import uuid
from pathlib import Path

import asyncpg
import pytest
from aiosmtpd.controller import Controller
from support import Client, OwnRedis, Process, free_port, heard_env, make_council, start_web, start_worker, wait_for

pytestmark = pytest.mark.slow


class SlowSink:
    """An SMTP server on loopback that stalls the first delivery to one address, so a worker dies mid-send."""

    def __init__(self, stall_for: str) -> None:
        self.stall_for, self.stalled = stall_for, threading.Event()
        self.received: list[email.message.Message] = []

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        if address == self.stall_for and not self.stalled.is_set():
            self.stalled.set()
            await asyncio.sleep(30)  # the worker is killed while it waits here; the message never arrives
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


@pytest.fixture
async def own_db(postgres_url: str):  # type: ignore[no-untyped-def]
    """A database of this test's own: the session's worker relays every pending outbox row of a shared one."""
    import secrets

    from support import drop_database, with_database

    from heard.db import connect
    from heard.db.migrate import migrate

    name = f"heard_faults_{secrets.token_hex(4)}"
    admin = await connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await connect(url)
    await migrate(conn)
    yield url, conn
    await conn.close()
    await drop_database(postgres_url, name)


async def _send(child: Client, text: str) -> int:
    r = await child.post(
        "/api/submissions", json={"kind": "statement", "text": text}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 201
    return int(r.json()["id"])


async def test_a_worker_killed_mid_notification_sends_exactly_one_email_per_recipient(
    own_db: tuple[str, asyncpg.Connection], logs_dir: Path, tmp_path: Path
) -> None:
    database_url, db = own_db
    council = await make_council(db)
    own_redis = OwnRedis(tmp_path / "redis")
    own_redis.start()
    redis_url = own_redis.url
    # Three duty officers, so there are several recipients; the second one's delivery stalls.
    for n in (2, 3):
        await db.execute(
            "insert into staff (council_id, email, name, roles, password_hash) values ($1, $2, 'Duty', '{duty_officer}', 'x')",
            council.id,
            f"duty{n}@{council.slug}.example",
        )
    sink = SlowSink(stall_for=f"duty2@{council.slug}.example")
    port = free_port()
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    env = heard_env(
        database_url,
        redis_url,
        HEARD_SMTP_URL=f"smtp://127.0.0.1:{port}",
        HEARD_REQUEUE_AFTER_SECONDS="3",
        HEARD_OFFICE_HOURS="Mon-Sun 00:00-23:59",
    )
    web = start_web(env, logs_dir)
    workers: list[Process] = []
    try:
        async with Client(base_url=web.url, timeout=30) as ava:
            await ava.as_child(council.codes["Ava"])
            sid = await _send(ava, "my carer hits me")
        alert_id = await db.fetchval("select id from alerts where submission_id = $1", sid)
        recipients = {
            r["recipient"] for r in await db.fetch("select recipient from notifications where alert_id = $1", alert_id)
        }
        assert len(recipients) == 3

        workers.append(start_worker(env, logs_dir, "doomed"))
        assert await asyncio.to_thread(sink.stalled.wait, 60), "the stalled delivery never started"

        async def others_sent() -> bool:
            return await db.fetchval(
                "select count(*) = 2 from notifications where alert_id = $1 and sent_at is not null", alert_id
            )

        await wait_for(others_sent, timeout=30, what="the other two notifications")
        workers[0].kill()  # mid-delivery to the second duty officer
        workers.append(start_worker(env, logs_dir, "restarted"))

        async def all_sent() -> bool:
            return await db.fetchval(
                "select count(*) = 3 and bool_and(sent_at is not null) from notifications where alert_id = $1", alert_id
            )

        await wait_for(all_sent, timeout=90, what="every notification to be sent")
        await asyncio.sleep(1)
        per_recipient: dict[str, int] = {}
        ours = [m for m in sink.received if m["To"] in recipients]  # the worker also sends other tests' mail
        for message in ours:
            per_recipient[message["To"]] = per_recipient.get(message["To"], 0) + 1
            body = message.get_payload()
            assert "hits me" not in body and "Ava" not in body
            assert f"/staff/alerts/{alert_id}" in body
        assert per_recipient == dict.fromkeys(recipients, 1)
        attempts = await db.fetchval(
            "select count(*) from notification_attempts a join notifications n on n.id = a.notification_id"
            " where n.alert_id = $1 and a.ok",
            alert_id,
        )
        assert attempts == 3
    finally:
        web.stop()
        for w in workers:
            w.stop()
        smtp.stop()
        own_redis.stop()


async def test_with_redis_down_a_disclosure_still_raises_an_alert_and_the_email_follows_when_redis_returns(
    own_db: tuple[str, asyncpg.Connection], logs_dir: Path, tmp_path: Path
) -> None:
    database_url, db = own_db
    council = await make_council(db)
    redis = OwnRedis(tmp_path / "redis")
    redis.start()
    mail = tmp_path / "mail"
    env = heard_env(
        database_url,
        redis.url,
        HEARD_MAIL_FOLDER=str(mail),
        HEARD_UNSENT_AFTER_SECONDS="1",
        HEARD_OFFICE_HOURS="Mon-Sun 00:00-23:59",
    )
    web = start_web(env, logs_dir)
    worker: Process | None = None
    try:
        async with Client(base_url=web.url, timeout=30) as ben:
            await ben.as_child(council.codes["Ben"])
            redis.stop()
            sid = await _send(ben, "my carer hits me")
        alert = await db.fetchrow("select id, level from alerts where submission_id = $1", sid)
        assert alert["level"] == "urgent"
        assert not mail.exists() or not list(mail.iterdir())
        redis.start()
        worker = start_worker(env, logs_dir)

        async def delivered() -> list[Path]:
            return list(mail.glob("*.eml")) if mail.exists() else []

        files = await wait_for(delivered, timeout=60, what="the duty officer's email")
        text = files[0].read_text()
        assert "urgent safeguarding alert" in text
        assert "hits me" not in text
    finally:
        web.stop()
        if worker:
            worker.stop()
        redis.stop()
