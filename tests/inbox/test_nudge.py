"""A care leaver who gave an email or phone number is told that a reply is waiting, and never what it says: a real
local SMTP server and a real local HTTP server standing in for GOV.UK Notify record what arrives."""

from __future__ import annotations

import email
import json
import secrets
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import asyncpg
import msgspec
import pytest
from aiosmtpd.controller import Controller
from support import Council, drop_database, free_port, heard_env, make_council, with_database

from heard import db as heard_db
from heard import settings
from heard.accounts.schemas import Principal
from heard.db.migrate import migrate
from heard.inbox import jobs, services
from heard.inbox.schemas import ReplyIn

WORDS = "Your new flat's keys are ready, Cai; your adviser Worker B will meet you at 3pm"
SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
SMS_TEMPLATE = str(uuid.uuid4())


class Sink:
    """An SMTP server on loopback that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


class Notify:
    """GOV.UK Notify's /v2/notifications/{email,sms}, recording each body."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        notify = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                notify.received.append((self.path, json.loads(self.rfile.read(int(self.headers["content-length"])))))
                data = json.dumps({"id": str(uuid.uuid4())}).encode()
                self.send_response(201)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler, port = Sink(), free_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    yield handler, port
    smtp.stop()


@pytest.fixture
def notify() -> Iterator[Notify]:
    n = Notify()
    thread = threading.Thread(target=n.server.serve_forever, daemon=True)
    thread.start()
    yield n
    n.server.shutdown()
    n.server.server_close()


@pytest.fixture
async def own_db(
    postgres_url: str, redis_url: str, sink: tuple[Sink, int], notify: Notify
) -> AsyncIterator[tuple[asyncpg.Pool, settings.Settings]]:
    """A database of this test's own, so no running worker relays its outbox rows meanwhile."""
    name = f"heard_nudge_{secrets.token_hex(4)}"
    admin = await heard_db.connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await heard_db.connect(url)
    await migrate(conn)
    await conn.close()
    env = heard_env(
        url, redis_url, HEARD_SMTP_URL=f"smtp://127.0.0.1:{sink[1]}", HEARD_NOTIFY_API_KEY=f"t-{SERVICE_ID}-{SECRET}"
    )
    config = settings.load(env)
    config = msgspec.structs.replace(
        config, safeguarding=msgspec.structs.replace(config.safeguarding, notify_base_url=notify.url)
    )
    pool = await heard_db.create_pool(config.db)
    yield pool, config
    await pool.close()
    await drop_database(postgres_url, name)


async def _statement(conn: asyncpg.Connection, council: Council, child: str) -> int:
    sid: int = await conn.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
               request_hash) values ($1, $2, 'statement', 'web', 'When can I move in?', '{worker}', $3, '\\x00')
           returning id""",
        council.id,
        council.children[child],
        uuid.uuid4().hex,
    )
    return sid


def _staff(council: Council, name: str) -> Principal:
    return Principal(kind="staff", id=council.staff_ids[name], council_id=council.id, name=name, roles=("worker",))


async def _reply(conn: asyncpg.Connection, council: Council, child: str, staff: str) -> tuple[int, int, int]:
    """A reply to the child's statement through the service; returns the statement, reply and outbox ids."""
    sid = await _statement(conn, council, child)
    _, work = await services.reply(conn, _staff(council, staff), sid, ReplyIn(body=WORDS))
    [(outbox_id, job, args)] = work
    assert job == "nudge_child"
    return sid, args["reply_id"], outbox_id


async def test_a_care_leaver_is_nudged_by_email_and_text_with_no_words_name_or_worker(
    own_db: tuple[asyncpg.Pool, settings.Settings], sink: tuple[Sink, int], notify: Notify
) -> None:
    pool, config = own_db
    async with heard_db.acquire(pool) as conn:
        council = await make_council(conn)
        await conn.execute(
            "update children set nudge_email = 'cai@example.org', nudge_phone = '07700900456' where id = $1",
            council.children["Cai"],
        )
        await conn.execute(
            "insert into council_settings (council_id, nudge_sms_template_id) values ($1, $2)", council.id, SMS_TEMPLATE
        )
        _, reply_id, outbox_id = await _reply(conn, council, "Cai", "worker_b")
    ctx = {"db_pool": pool, "settings": config, "job_try": 1}
    assert await jobs.nudge_child(ctx, outbox_id=outbox_id, reply_id=reply_id) == "sent"
    assert await jobs.nudge_child(ctx, outbox_id=outbox_id, reply_id=reply_id) == "already sent"

    [mail] = sink[0].received
    assert mail["To"] == "cai@example.org" and mail["Subject"] == "You have a new message in Heard"
    [(path, sms)] = notify.received
    assert path == "/v2/notifications/sms"
    assert (sms["phone_number"], sms["template_id"]) == ("07700900456", SMS_TEMPLATE)
    assert sms["personalisation"] == {
        "message": "You have a new message in Heard",
        "link": f"{config.app.base_url.rstrip('/')}/messages",
    }
    sent = mail.as_string() + json.dumps(sms)
    for secret in (WORDS, "keys", "flat", "Cai", "Worker B", "worker_b", "When can I move in"):
        assert secret not in sent, f"the nudge gave away {secret!r}"
    async with heard_db.acquire(pool) as conn:
        row = await conn.fetchrow(
            "select actor_kind, child_id, detail from audit_log where action = 'nudged' and subject_id = $1", reply_id
        )
    assert row is not None and row["actor_kind"] == "system" and row["child_id"] == council.children["Cai"]
    assert sorted(row["detail"]["channels"]) == ["email", "sms"]


async def test_no_nudge_for_a_child_in_care_or_for_a_reply_already_read(
    own_db: tuple[asyncpg.Pool, settings.Settings], sink: tuple[Sink, int], notify: Notify
) -> None:
    pool, config = own_db
    async with heard_db.acquire(pool) as conn:
        council = await make_council(conn)
        await conn.execute(
            "update children set nudge_email = 'young@example.org' where id = any($1::bigint[])",
            [council.children["Ava"], council.children["Cai"]],
        )
        _, ava_reply, ava_outbox = await _reply(conn, council, "Ava", "worker")
        _, cai_reply, cai_outbox = await _reply(conn, council, "Cai", "worker_b")
        await conn.execute("update replies set read_by_child_at = now() where id = $1", cai_reply)
    ctx = {"db_pool": pool, "settings": config, "job_try": 1}
    assert await jobs.nudge_child(ctx, outbox_id=ava_outbox, reply_id=ava_reply) == "nothing to send"
    assert await jobs.nudge_child(ctx, outbox_id=cai_outbox, reply_id=cai_reply) == "nothing to send"
    assert sink[0].received == [] and notify.received == []
    async with heard_db.acquire(pool) as conn:
        assert await conn.fetchval("select count(*) from outbox where completed_at is null") == 0
