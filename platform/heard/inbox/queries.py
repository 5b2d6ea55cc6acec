"""SQL for the inbox: one round trip per screen."""

from __future__ import annotations

import asyncpg
import msgspec

from heard.inbox.schemas import AnalysisView, CorrectedText, CorrectionIn, CorrectionMade, InboxItem, Labels

_INBOX = """
select s.id, s.child_id, c.known_as as child_name, c.reference as child_reference, s.kind, s.instrument,
       left(s.free_text, 160) as excerpt, s.created_at, s.read_at, s.used_in_review_at,
       (select count(*) from replies r where r.submission_id = s.id)::int as replies,
       (select level from alerts al where al.submission_id = s.id) as alert_level
from submissions s
join children c on c.id = s.child_id
where s.council_id = $2
  and ($3::text is null or s.kind = $3)
  and exists (
      select 1 from allocations a
      where a.child_id = s.child_id and a.staff_id = $1 and a.relation = $4 and a.relation = any(s.audience)
        and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date))
order by (s.read_at is null) desc, s.created_at desc
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
