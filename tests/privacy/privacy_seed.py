"""Records of every kind for one child, written straight to the database, each carrying a marker phrase."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import asyncpg
from support import Council


@dataclass
class Seeded:
    """What was written for one child: ids by kind, and the phrase in their words."""

    child_id: int
    phrase: str
    submissions: list[int] = field(default_factory=list)
    alert_id: int = 0
    complaint_id: int = 0


async def submission(db: asyncpg.Connection, council: Council, child_id: int | None, text: str, **extra) -> int:  # type: ignore[no-untyped-def]
    return await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, answers, free_text, audience,
               idempotency_key, request_hash, created_at)
           values ($1, $2, $3, 'web', $4, $5, '{worker}', $6, '\\x00', coalesce($7, now())) returning id""",
        council.id,
        child_id,
        extra.get("kind", "statement"),
        extra.get("answers", {}),
        text,
        secrets.token_hex(8),
        extra.get("created_at"),
    )


async def seed_child(db: asyncpg.Connection, council: Council, name: str) -> Seeded:
    """A statement with a reply, a follow-up from the child and an analysis, a nudge contact, an alert with events, a complaint with a point, a draft."""
    child_id = council.children[name]
    phrase = f"{name} words {secrets.token_hex(3)}"
    seeded = Seeded(child_id=child_id, phrase=phrase)
    answers = {"feel_safe": "yes", "why": f"{phrase} in an answer", "score": 4}
    first = await submission(db, council, child_id, f"{phrase} in a statement", answers=answers, kind="survey")
    second = await submission(db, council, child_id, f"{phrase} again, scared at home")
    seeded.submissions = [first, second]
    worker = council.staff_ids["worker" if name != "Cai" else "worker_b"]
    await db.execute(
        "insert into replies (submission_id, staff_id, body) values ($1, $2, $3)", first, worker, f"Reply to {phrase}"
    )
    await db.execute(
        "insert into child_messages (submission_id, child_id, body) values ($1, $2, $3)",
        first,
        child_id,
        f"{phrase} wrote back",
    )
    await db.execute(
        "update children set nudge_email = $2, nudge_phone = '+447700900123' where id = $1",
        child_id,
        f"{name.lower()}@example.org",
    )
    for sid, theme in [(first, "placement"), (second, "safety")]:
        await db.execute(
            """insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level,
                   safeguarding_categories, triggers, redacted, language)
               values ($1, 'test', $2, 'negative', 'concern', '{}', $3, $4, 'en')""",
            sid,
            [theme],
            [f"{phrase} trigger"],
            f"{phrase} redacted",
        )
    seeded.alert_id = await db.fetchval(
        """insert into alerts (council_id, submission_id, child_id, level, source, triggers, action, action_note)
           values ($1, $2, $3, 'concern', 'screen', $4, 'spoke_to_child', $5) returning id""",
        council.id,
        second,
        child_id,
        [f"{phrase} trigger"],
        f"Note about {phrase}",
    )
    await db.execute(
        "insert into alert_events (alert_id, staff_id, kind, detail) values ($1, $2, 'action', $3)",
        seeded.alert_id,
        council.staff_ids["duty_officer"],
        {"action": "spoke_to_child", "note": f"Event note about {phrase}"},
    )
    seeded.complaint_id = await db.fetchval(
        """insert into complaints (council_id, child_id, complainant, received_on, summary)
           values ($1, $2, 'child', current_date, $3) returning id""",
        council.id,
        child_id,
        f"Complaint: {phrase}",
    )
    await db.execute(
        "insert into complaint_points (complaint_id, position, summary) values ($1, 1, $2)",
        seeded.complaint_id,
        f"Point: {phrase}",
    )
    await db.execute(
        "insert into drafts (child_id, instrument, fields) values ($1, 'statement', $2)",
        child_id,
        {"text": [f"{phrase} draft"]},
    )
    await db.execute(
        "insert into audit_log (council_id, actor_kind, actor_id, action, subject_kind, subject_id, child_id)"
        " values ($1, 'staff', $2, 'read_submission', 'submission', $3, $4)",
        council.id,
        worker,
        first,
        child_id,
    )
    return seeded


def admin(council: Council):  # type: ignore[no-untyped-def]
    from heard.principal import Principal

    return Principal(kind="staff", id=council.staff_ids["admin"], council_id=council.id, name="Admin", roles=("admin",))
