"""SQL for the inbox: one round trip per screen."""

from __future__ import annotations

import asyncpg
import msgspec

from heard.inbox.schemas import (
    AnalysisView,
    ChildFacts,
    Conversation,
    CorrectedText,
    CorrectionIn,
    CorrectionMade,
    InboxItem,
    Labels,
    NudgeTarget,
)

_INBOX = """
select s.id, s.child_id, c.known_as as child_name, c.reference as child_reference, s.kind, s.instrument,
       left(s.free_text, 160) as excerpt, s.created_at, s.read_at, s.used_in_review_at,
       (select count(*) from replies r where r.submission_id = s.id)::int as replies,
       (select level from alerts al where al.submission_id = s.id) as alert_level,
       (select count(*) from child_messages m
        where m.submission_id = s.id and m.read_by_staff_at is null)::int as unread_from_child
from submissions s
join children c on c.id = s.child_id
where s.council_id = $2
  and ($3::text is null or s.kind = $3)
  and exists (
      select 1 from allocations a
      where a.child_id = s.child_id and a.staff_id = $1 and a.relation = $4 and a.relation = any(s.audience)
        and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date))
order by (s.read_at is null or exists (select 1 from child_messages m
                                       where m.submission_id = s.id and m.read_by_staff_at is null)) desc,
         s.created_at desc
limit 300
"""


async def inbox(
    conn: asyncpg.Connection, staff_id: int, council_id: int, relation: str, kind: str | None
) -> list[InboxItem]:
    rows = await conn.fetch(_INBOX, staff_id, council_id, kind, relation)
    return [msgspec.convert(dict(r), InboxItem) for r in rows]


async def add_reply(conn: asyncpg.Connection, submission_id: int, staff_id: int, body: str) -> int:
    reply_id: int = await conn.fetchval(
        "insert into replies (submission_id, staff_id, body) values ($1, $2, $3) returning id",
        submission_id,
        staff_id,
        body,
    )
    return reply_id


async def mark_read(conn: asyncpg.Connection, submission_id: int, staff_id: int) -> None:
    await conn.execute(
        "update submissions set read_at = now(), read_by = $2 where id = $1 and read_at is null",
        submission_id,
        staff_id,
    )


# ---- the conversation -----------------------------------------------------------------------------------

# The statement's read mark, then staff replies and the child's messages in time order, each with when the other
# side read it.
_THREAD = """
select s.id as submission_id, not s.anonymous and s.child_id is not null as open,
       s.read_at as statement_read_at, rb.name as statement_read_by,
       coalesce((select json_agg(t order by t.created_at, t.side desc, t.id) from (
           select r.id, 'staff' as side, st.name as from_name, r.body, r.created_at,
                  r.read_by_child_at as read_at, null as read_by
           from replies r join staff st on st.id = r.staff_id where r.submission_id = s.id
           union all
           select m.id, 'child', c.known_as, m.body, m.created_at, m.read_by_staff_at, ms.name
           from child_messages m join children c on c.id = m.child_id left join staff ms on ms.id = m.read_by
           where m.submission_id = s.id
       ) t), '[]') as messages
from submissions s
left join staff rb on rb.id = s.read_by
where s.id = $1
"""


async def conversation(conn: asyncpg.Connection, submission_id: int) -> Conversation:
    row = await conn.fetchrow(_THREAD, submission_id)
    assert row is not None, "the caller has already found the submission"
    return msgspec.convert(dict(row), Conversation, strict=False)


async def add_child_message(conn: asyncpg.Connection, submission_id: int, child_id: int, body: str) -> int:
    message_id: int = await conn.fetchval(
        "insert into child_messages (submission_id, child_id, body) values ($1, $2, $3) returning id",
        submission_id,
        child_id,
        body,
    )
    return message_id


async def mark_child_messages_read(conn: asyncpg.Connection, submission_id: int, staff_id: int) -> int:
    """Mark the child's unread messages read by this member of staff; returns how many."""
    done: str = await conn.execute(
        "update child_messages set read_by_staff_at = now(), read_by = $2"
        " where submission_id = $1 and read_by_staff_at is null",
        submission_id,
        staff_id,
    )
    return int(done.split()[-1])


async def mark_replies_read(conn: asyncpg.Connection, submission_id: int, child_id: int) -> int:
    """Mark the replies to the child's own submission read; returns how many."""
    done: str = await conn.execute(
        """update replies r set read_by_child_at = now() from submissions s
           where r.submission_id = s.id and s.id = $1 and s.child_id = $2 and r.read_by_child_at is null""",
        submission_id,
        child_id,
    )
    return int(done.split()[-1])


_UNREAD_FOR_CHILD = """
select r.submission_id, count(*)::int as unread
from replies r join submissions s on s.id = r.submission_id
where s.child_id = $1 and r.read_by_child_at is null
group by r.submission_id
"""


async def unread_for_child(conn: asyncpg.Connection, child_id: int) -> dict[int, int]:
    """Unread replies to the child, by submission."""
    return {r["submission_id"]: r["unread"] for r in await conn.fetch(_UNREAD_FOR_CHILD, child_id)}


# The child, the staff allocated to them now (this member of staff marked), and the alert and complaint the
# statement raised.
_FACTS = """
select c.known_as as name, c.legal_status,
       date_part('year', age(current_date, c.birth_month))::int as age,
       coalesce((select json_agg(json_build_object('name', st.name, 'relation', a.relation, 'since', a.starts_on,
                                                   'you', a.staff_id = $2) order by a.relation desc, a.starts_on)
                 from allocations a join staff st on st.id = a.staff_id
                 where a.child_id = c.id and a.starts_on <= current_date
                   and (a.ends_on is null or a.ends_on >= current_date)), '[]') as allocations,
       al.id as alert_id, al.level as alert_level, al.status as alert_status, co.id as complaint_id
from submissions s
join children c on c.id = s.child_id
left join alerts al on al.submission_id = s.id
left join complaints co on co.submission_id = s.id
where s.id = $1
"""


async def child_facts(conn: asyncpg.Connection, submission_id: int, staff_id: int) -> ChildFacts | None:
    """None for a submission with no child (an anonymous link's)."""
    row = await conn.fetchrow(_FACTS, submission_id, staff_id)
    return None if row is None else msgspec.convert(dict(row), ChildFacts, strict=False)


# Only a care leaver or a young person of 16 or over who gave a phone number or email (capture/_nudge.py offers
# it to them alone), and only while the reply is still unread.
_NUDGE_TARGET = """
select c.id as child_id, c.council_id, c.preferred_language as language, c.nudge_email as email,
       c.nudge_phone as phone, coalesce(cs.nudge_email_template_id, '') as email_template,
       coalesce(cs.nudge_sms_template_id, '') as sms_template
from replies r
join submissions s on s.id = r.submission_id
join children c on c.id = s.child_id
left join council_settings cs on cs.council_id = c.council_id
where r.id = $1 and r.read_by_child_at is null and c.archived_at is null
  and (c.legal_status = 'care_leaver' or c.birth_month <= current_date - interval '16 years')
  and (c.nudge_email is not null or c.nudge_phone is not null)
"""


async def nudge_target(conn: asyncpg.Connection, reply_id: int) -> NudgeTarget | None:
    row = await conn.fetchrow(_NUDGE_TARGET, reply_id)
    return None if row is None else msgspec.convert(dict(row), NudgeTarget)


async def mark_used_in_review(conn: asyncpg.Connection, submission_id: int) -> None:
    await conn.execute(
        "update submissions set used_in_review_at = now() where id = $1 and used_in_review_at is null", submission_id
    )


# The model's analysis and the latest correction, each field of the current reading taken from the correction
# when it set one.
_ANALYSIS = """
select s.id as submission_id, an.model_version, an.analysed_at, an.revision,
       an.themes, an.sentiment, an.safeguarding_level, an.safeguarding_categories,
       c.id as correction_id, c.created_at as corrected_at, st.name as corrected_by,
       coalesce(c.themes, an.themes) as current_themes,
       coalesce(c.sentiment, an.sentiment) as current_sentiment,
       coalesce(c.safeguarding_level, an.safeguarding_level) as current_level,
       coalesce(c.safeguarding_categories, an.safeguarding_categories) as current_categories
from submissions s
left join analyses an on an.submission_id = s.id
left join lateral (
    select * from analysis_corrections c where c.submission_id = s.id order by c.id desc limit 1
) c on true
left join staff st on st.id = c.staff_id
where s.id = $1
"""


async def analysis(conn: asyncpg.Connection, submission_id: int) -> AnalysisView:
    """The submission's analysis with its latest correction over it."""
    row = await conn.fetchrow(_ANALYSIS, submission_id)
    assert row is not None, "the caller has already found the submission"
    model = None
    if row["model_version"] is not None:
        model = Labels(
            themes=row["themes"],
            sentiment=row["sentiment"],
            safeguarding_level=row["safeguarding_level"],
            safeguarding_categories=row["safeguarding_categories"],
        )
    current = None
    if row["current_sentiment"] is not None and row["current_level"] is not None:
        current = Labels(
            themes=row["current_themes"] or [],
            sentiment=row["current_sentiment"],
            safeguarding_level=row["current_level"],
            safeguarding_categories=row["current_categories"] or [],
        )
    corrected = None
    if row["correction_id"] is not None:
        corrected = CorrectionMade(by=row["corrected_by"], at=row["corrected_at"])
    return AnalysisView(
        submission_id=row["submission_id"],
        current=current,
        model=model,
        model_version=row["model_version"],
        analysed_at=row["analysed_at"],
        revision=row["revision"],
        correction=corrected,
    )


_CORRECT = """
insert into analysis_corrections (submission_id, staff_id, themes, sentiment, safeguarding_level,
                                  safeguarding_categories)
values ($1, $2, $3, $4, $5, $6)
returning id
"""


async def add_correction(conn: asyncpg.Connection, submission_id: int, staff_id: int, data: CorrectionIn) -> int:
    correction_id: int = await conn.fetchval(
        _CORRECT,
        submission_id,
        staff_id,
        data.themes,
        data.sentiment,
        data.safeguarding_level,
        data.safeguarding_categories,
    )
    return correction_id


# The latest correction of every corrected submission, in every council: training learns a person's final
# reading. Fields a correction left null come from the stored analysis; a label neither gives is unknown, and the
# row is left out rather than given one nobody chose. An erased child's words are gone (a placeholder stands in
# their answers), so they teach nothing.
_CORRECTIONS_FOR_TRAINING = """
select distinct on (c.submission_id) c.id, s.free_text, s.answers, s.instrument, s.instrument_version, s.kind,
       coalesce(c.themes, an.themes, '{}') as themes,
       coalesce(c.sentiment, an.sentiment) as sentiment,
       coalesce(c.safeguarding_level, an.safeguarding_level) as safeguarding_level,
       coalesce(c.safeguarding_categories, an.safeguarding_categories, '{}') as safeguarding_categories
from analysis_corrections c
join submissions s on s.id = c.submission_id
left join children ch on ch.id = s.child_id
left join analyses an on an.submission_id = c.submission_id
where ch.erased_at is null
order by c.submission_id, c.id desc
"""


async def corrections_for_training(conn: asyncpg.Connection) -> list[CorrectedText | None]:
    """Each corrected submission's words and final labels; None where its sentiment or level is unknown."""
    return [
        msgspec.convert(dict(r), CorrectedText) if r["sentiment"] and r["safeguarding_level"] else None
        for r in await conn.fetch(_CORRECTIONS_FOR_TRAINING)
    ]
