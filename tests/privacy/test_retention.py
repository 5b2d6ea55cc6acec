"""Retention: the dry run lists what each rule would remove; the job removes exactly that, and nothing else."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

import asyncpg
from privacy_seed import submission
from support import Client, Council

from heard.privacy import services
from heard.settings import RetentionSettings

NOW = datetime.now(UTC)
CONFIG = RetentionSettings()


def _ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


async def _pair(db: asyncpg.Connection, sql: str, *args_old: object, args_new: tuple[object, ...]) -> tuple[str, str]:
    return await db.fetchval(sql, *args_old), await db.fetchval(sql, *args_new)


async def _seed(db: asyncpg.Connection, council: Council) -> dict[str, tuple[str, str]]:
    """For each kind, one record past its time and one within it: kind -> (old key, new key)."""
    ava, ben, dee = (council.children[n] for n in ("Ava", "Ben", "Dee"))
    seeded: dict[str, tuple[str, str]] = {}
    await db.execute("update children set birth_month = '1990-01-01' where id = $1", dee)
    seeded["words"] = (str(dee), str(ava))
    await submission(db, council, dee, "Dee's words from long ago")
    sql = "insert into drafts (child_id, instrument, fields, updated_at) values ($1, 'statement', '{}', $2)"
    await db.execute(sql, ava, _ago(31))
    await db.execute(sql, ben, _ago(29))
    seeded["drafts"] = (f"{ava}:statement", f"{ben}:statement")
    sql = """insert into sessions (token_hash, council_id, child_id, last_seen_at) values ($1, $2, $3, $4)
             returning encode(token_hash, 'hex')"""
    seeded["sessions"] = await _pair(
        db,
        sql,
        secrets.token_bytes(32),
        council.id,
        ava,
        _ago(8),
        args_new=(secrets.token_bytes(32), council.id, ben, _ago(6)),
    )
    sql = "insert into sign_in_attempts (key, succeeded, at) values ($1, false, $2) returning id::text"
    key = f"account:someone@{council.slug}.example"
    seeded["sign_in_attempts"] = await _pair(db, sql, key, _ago(91), args_new=(key, _ago(89)))
    sql = "insert into held_forms (token_hash, instrument, fields, created_at) values ($1, 'statement', '{}', $2) returning encode(token_hash, 'hex')"
    seeded["held_forms"] = await _pair(
        db, sql, secrets.token_bytes(32), _ago(2), args_new=(secrets.token_bytes(32), NOW)
    )
    sql = "insert into sso_handshakes (state_hash, nonce, code_verifier, created_at) values ($1, 'n', 'v', $2) returning encode(state_hash, 'hex')"
    seeded["sso_handshakes"] = await _pair(
        db, sql, secrets.token_bytes(32), _ago(2), args_new=(secrets.token_bytes(32), NOW)
    )
    old_anon = await submission(db, council, None, "anonymous and old", created_at=_ago(7 * 366))
    new_anon = await submission(db, council, None, "anonymous and new")
    seeded["anonymous_words"] = (str(old_anon), str(new_anon))
    alert = await db.fetchval(
        "insert into alerts (council_id, submission_id, level, source) values ($1, $2, 'concern', 'screen') returning id",
        council.id,
        new_anon,
    )
    sql = """insert into notifications (alert_id, channel, recipient, reason, sent_at) values ($1, 'email', $2, 'raised', $3)
             returning id::text"""
    seeded["notifications"] = await _pair(
        db, sql, alert, "a@x.example", _ago(366), args_new=(alert, "b@x.example", _ago(364))
    )
    await db.execute(
        "insert into notification_attempts (notification_id, ok) values ($1, true)", int(seeded["notifications"][0])
    )
    sql = """insert into audit_log (council_id, actor_kind, action, subject_kind, at) values ($1, 'system', 'test', 'test', $2)
             returning id::text"""
    seeded["audit_log"] = await _pair(db, sql, council.id, _ago(8 * 366), args_new=(council.id, _ago(6 * 366)))
    return seeded


async def _exists(db: asyncpg.Connection, kind: str, key: str) -> bool:
    checks = {
        "words": "select erased_at is null from children where id = $1::text::bigint",
        "anonymous_words": "select free_text <> '' from submissions where id = $1::text::bigint",
        "drafts": "select exists(select 1 from drafts where child_id || ':' || instrument = $1)",
        "sessions": "select exists(select 1 from sessions where encode(token_hash, 'hex') = $1)",
        "sign_in_attempts": "select exists(select 1 from sign_in_attempts where id = $1::text::bigint)",
        "held_forms": "select exists(select 1 from held_forms where encode(token_hash, 'hex') = $1)",
        "sso_handshakes": "select exists(select 1 from sso_handshakes where encode(state_hash, 'hex') = $1)",
        "notifications": "select exists(select 1 from notifications where id = $1::text::bigint)",
        "audit_log": "select exists(select 1 from audit_log where id = $1::text::bigint)",
    }
    return bool(await db.fetchval(checks[kind], key))


async def test_the_dry_run_lists_what_would_go_and_the_job_removes_exactly_that(
    council: Council, db: asyncpg.Connection
) -> None:
    seeded = await _seed(db, council)

    dry = await services.retention_report(db, CONFIG, as_of=NOW, council_id=council.id)
    listed = {item.kind: set(item.keys) for item in dry.items}
    for kind, (old, new) in seeded.items():
        assert old in listed[kind], kind
        assert new not in listed[kind], kind
        assert await _exists(db, kind, old), kind

    done = await services.enforce_retention(db, CONFIG, as_of=NOW, council_id=council.id)

    assert {item.kind: set(item.keys) for item in done.items} == listed
    for kind, (old, new) in seeded.items():
        assert not await _exists(db, kind, old), kind
        assert await _exists(db, kind, new), kind
    assert await db.fetchval("select known_as from children where id = $1", council.children["Dee"]) == "Erased"
    assert await db.fetchval("select count(*) from submissions where child_id = $1", council.children["Dee"]) == 1
    again = await services.retention_report(db, CONFIG, as_of=NOW, council_id=council.id)
    assert all(not (set(item.keys) & listed[item.kind]) for item in again.items)


async def test_the_admin_page_shows_the_dry_run_and_changes_nothing(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    seeded = await _seed(db, council)
    await client.as_staff(council.staff["admin"])

    page = await client.get("/admin/retention")
    report = (await client.get("/api/admin/retention")).json()

    assert page.status_code == 200
    assert "Unsent drafts" in page.text and "30 days after they were last changed" in page.text
    drafts = next(i for i in report["items"] if i["kind"] == "drafts")
    assert drafts["keys"] == [seeded["drafts"][0]]
    assert await _exists(db, "drafts", seeded["drafts"][0])


async def test_a_child_turning_25_or_leaving_care_is_archived_and_a_24_year_old_care_leaver_is_not(
    clients,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    ava, ben, cai, dee = (council.children[n] for n in ("Ava", "Ben", "Cai", "Dee"))
    today = NOW.date()
    await db.execute("update children set birth_month = $2 where id = $1", ava, date(today.year - 25, today.month, 1))
    await db.execute("update children set left_care_on = $2 where id = $1", ben, today - timedelta(days=1))
    await db.execute(
        "update children set birth_month = $2, left_care_on = $3 where id = $1",
        cai,
        date(today.year - 24, today.month, 1),
        today - timedelta(days=400),
    )
    await db.execute("update children set left_care_on = $2 where id = $1", dee, today + timedelta(days=30))
    await submission(db, council, ava, "Ava's words")
    signed_in = await clients().as_child(council.codes["Ava"])

    done = await services.enforce_retention(db, CONFIG, as_of=NOW, council_id=council.id)

    archived = next(item for item in done.items if item.kind == "archive")
    assert set(archived.keys) == {str(ava), str(ben)}
    assert "25th birthday" in archived.rule and "records kept" in archived.rule
    for name in ("Ava", "Ben"):
        r = await (await clients().prepare()).post("/api/session/child", json={"code": council.codes[name]})
        assert r.status_code == 401, name
    assert (await signed_in.get("/api/session")).status_code == 401
    await clients().as_child(council.codes["Cai"])
    await clients().as_child(council.codes["Dee"])
    rows = await db.fetch(
        "select known_as, erased_at from children where id = any($1::bigint[]) order by id", [ava, ben]
    )
    assert [(r["known_as"], r["erased_at"]) for r in rows] == [("Ava", None), ("Ben", None)]
    assert await db.fetchval("select free_text from submissions where child_id = $1", ava) == "Ava's words"
