"""A care leaver who gave an email or phone number is told that a reply is waiting, and never what it says: a real
local SMTP server and a real local HTTP server standing in for GOV.UK Notify record what arrives."""

from __future__ import annotations

import json
import uuid

import asyncpg
from support import Council, Notify, Sink, make_council

from heard import db as heard_db
from heard import settings
from heard.inbox import jobs, services
from heard.inbox.schemas import ReplyIn
from heard.principal import Principal

WORDS = "Your new flat's keys are ready, Cai; your adviser Worker B will meet you at 3pm"
SMS_TEMPLATE = str(uuid.uuid4())


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
    mail_db: tuple[asyncpg.Pool, settings.Settings], sink: tuple[Sink, int], notify: Notify
) -> None:
    pool, config = mail_db
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
    mail_db: tuple[asyncpg.Pool, settings.Settings], sink: tuple[Sink, int], notify: Notify
) -> None:
    pool, config = mail_db
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
