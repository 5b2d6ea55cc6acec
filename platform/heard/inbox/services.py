"""Reading, replying, marking and correcting the analysis, always through the allocation rule and always audited."""

from __future__ import annotations

import asyncpg

import nlp
import surveys
from heard import audit, queue, settings
from heard.accounts.access import is_allocated
from heard.errors import Conflict, Forbidden, Invalid
from heard.inbox import queries
from heard.inbox.schemas import (
    AnalysisView,
    ChildFacts,
    ChildMessageIn,
    Conversation,
    CorrectionIn,
    InboxItem,
    ReplyIn,
    TrainingItem,
    TrainingSafeguarding,
)
from heard.principal import Principal
from heard.safeguarding import services as safeguarding
from heard.safeguarding.services import Work
from heard.submissions import services as submissions
from heard.submissions.schemas import Submission
from nlp.schemas import CATEGORIES, LEVELS, SENTIMENTS, THEMES

RANK: dict[str, int] = {level: rank for rank, level in enumerate(LEVELS)}


async def inbox(
    conn: asyncpg.Connection, principal: Principal, *, relation: str = "worker", kind: str | None = None
) -> list[InboxItem]:
    """Statements shared with this worker (or review views shared with this IRO), unread first; the read is audited."""
    items = await queries.inbox(conn, principal.id, principal.council_id, relation, kind)
    await audit.record(conn, principal, "read", "inbox", None, reason=relation, submission_ids=[i.id for i in items])
    return items


async def open_submission(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> Submission:
    """One submission with its replies (allocation checked and audited by the submissions service)."""
    return await submissions.get(conn, principal, submission_id)


async def open_with_analysis(
    conn: asyncpg.Connection, principal: Principal, submission_id: int
) -> tuple[Submission, AnalysisView]:
    """One submission, as `open_submission`, with what was read in it."""
    found = await submissions.get(conn, principal, submission_id)
    return found, await queries.analysis(conn, submission_id)


NO_THREAD = "This message was sent anonymously, so nobody can reply to it."


async def reply(
    conn: asyncpg.Connection, principal: Principal, submission_id: int, data: ReplyIn
) -> tuple[Submission, Work]:
    """Reply to the child; replying also marks the submission read. Returns the submission and the work to dispatch:
    the nudge that tells a care leaver who asked for one that a reply is waiting (never what it says)."""
    found = await submissions.get(conn, principal, submission_id)
    if found.anonymous or found.child_id is None:
        raise Conflict(NO_THREAD)
    body = data.body.strip()
    if not body:
        raise Invalid("Write a reply before sending it.", field="body")
    async with conn.transaction():
        reply_id = await queries.add_reply(conn, submission_id, principal.id, body)
        await queries.mark_read(conn, submission_id, principal.id)
        await audit.record(
            conn, principal, "replied", "submission", submission_id, child_id=found.child_id, reply_id=reply_id
        )
        outbox_id = await queue.add(conn, "nudge_child", f"nudge:{reply_id}", reply_id=reply_id)
    work: Work = [(outbox_id, "nudge_child", {"reply_id": reply_id})] if outbox_id else []
    return await submissions.get(conn, principal, submission_id), work


async def open_conversation(
    conn: asyncpg.Connection, principal: Principal, submission_id: int
) -> tuple[Submission, AnalysisView, Conversation, ChildFacts | None]:
    """The worker's statement page: opening it marks the statement and the child's messages read (audited)."""
    found = await submissions.get(conn, principal, submission_id)
    async with conn.transaction():
        await queries.mark_read(conn, submission_id, principal.id)
        marked = await queries.mark_child_messages_read(conn, submission_id, principal.id)
        if marked:
            await audit.record(
                conn, principal, "read_messages", "submission", submission_id, child_id=found.child_id, count=marked
            )
    return (
        found,
        await queries.analysis(conn, submission_id),
        await queries.conversation(conn, submission_id),
        await queries.child_facts(conn, submission_id, principal.id),
    )


async def open_for_child(
    conn: asyncpg.Connection, principal: Principal, submission_id: int
) -> tuple[Submission, Conversation]:
    """A child's own message with its conversation; opening it marks the replies read (audited when it does)."""
    found = await submissions.get(conn, principal, submission_id)  # NotFound for anyone else's
    marked = await queries.mark_replies_read(conn, submission_id, principal.id)
    if marked:
        await audit.record(
            conn, principal, "read_replies", "submission", submission_id, child_id=principal.id, count=marked
        )
    return found, await queries.conversation(conn, submission_id)


async def child_writes(
    conn: asyncpg.Connection, principal: Principal, submission_id: int, data: ChildMessageIn
) -> Work:
    """The child writes back about their own statement, to the people they chose for it.

    The words get the same fast safeguarding screen as a statement: a worry raises (or adds to) the statement's
    alert. Returns the alert's notifications to dispatch.
    """
    found = await submissions.get(conn, principal, submission_id)
    if found.anonymous:
        raise Conflict(NO_THREAD)
    body = data.body.strip()
    if not body:
        raise Invalid("Write something before sending.", field="body")
    verdict = nlp.screen(body)
    work: Work = []
    async with conn.transaction():
        message_id = await queries.add_child_message(conn, submission_id, principal.id, body)
        await audit.record(
            conn, principal, "wrote", "submission", submission_id, child_id=principal.id, message_id=message_id
        )
        if verdict.level != "none":
            work = await safeguarding.raise_alert(
                conn,
                settings.get().safeguarding,
                council_id=principal.council_id,
                submission_id=submission_id,
                child_id=principal.id,
                level=verdict.level,
                categories=list(verdict.categories),
                triggers=list(verdict.triggers),
                source="screen",
                reopen="message",  # new words: a closed alert is opened again
            )
    return work


async def unread_for_child(conn: asyncpg.Connection, principal: Principal) -> dict[int, int]:
    """Replies the child has not opened yet, by message."""
    if principal.kind != "child":
        raise Forbidden("Only a child or young person has their own messages.")
    return await queries.unread_for_child(conn, principal.id)


async def mark_read(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> None:
    found = await submissions.get(conn, principal, submission_id)
    await queries.mark_read(conn, submission_id, principal.id)
    await audit.record(conn, principal, "marked_read", "submission", submission_id, child_id=found.child_id)


async def chairs_review(conn: asyncpg.Connection, principal: Principal, child_id: int | None) -> bool:
    """Whether this member of staff is the reviewing officer for the child's reviews."""
    return child_id is not None and await is_allocated(conn, principal, child_id, ("iro",))


async def mark_used_in_review(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> None:
    """Only the child's reviewing officer says their views were used in the review: it is the IRO's review."""
    found = await submissions.get(conn, principal, submission_id)
    if not await chairs_review(conn, principal, found.child_id):
        await audit.refused(conn, principal, "submission", submission_id, child_id=found.child_id, why="not_their_iro")
        raise Forbidden("Only the reviewing officer who chairs this child's reviews marks views as used in review.")
    await queries.mark_used_in_review(conn, submission_id)
    await audit.record(conn, principal, "used_in_review", "submission", submission_id, child_id=found.child_id)


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def checked(data: CorrectionIn) -> CorrectionIn:
    """The correction with every id checked against the model's labels, or Invalid saying what to choose."""
    if unknown := [t for t in data.themes if t not in THEMES]:
        raise Invalid(
            f"'{_shown(unknown[0])}' is not one of Heard's themes. Choose themes from the list.", field="themes"
        )
    if not data.sentiment:
        raise Invalid("Choose how the child sounds: positive, negative, mixed or neutral.", field="sentiment")
    if data.sentiment not in SENTIMENTS:
        raise Invalid(
            f"'{_shown(data.sentiment)}' is not a sentiment. Choose positive, negative, mixed or neutral.",
            field="sentiment",
        )
    level = data.safeguarding_level
    if not level:
        raise Invalid("Choose a safeguarding level: none, concern or urgent.", field="safeguarding_level")
    if level not in LEVELS:
        raise Invalid(
            f"'{_shown(level)}' is not a safeguarding level. Choose none, concern or urgent.",
            field="safeguarding_level",
        )
    if unknown := [c for c in data.safeguarding_categories if c not in CATEGORIES]:
        raise Invalid(
            f"'{_shown(unknown[0])}' is not a kind of worry. Choose kinds of worry from the list.",
            field="safeguarding_categories",
        )
    categories = [c for c in CATEGORIES if c in data.safeguarding_categories] if level != "none" else []
    if level != "none" and not categories:
        raise Invalid(f"Choose at least one kind of worry for the {level} level.", field="safeguarding_categories")
    return CorrectionIn(
        themes=[t for t in THEMES if t in data.themes],
        sentiment=data.sentiment,
        safeguarding_level=level,
        safeguarding_categories=categories,
    )


async def correct(
    conn: asyncpg.Connection, principal: Principal, submission_id: int, data: CorrectionIn
) -> tuple[AnalysisView, Work]:
    """A person's reading of a submission, stored over the model's; returns it and notifications to dispatch.

    A safeguarding level at least as high as the current reading raises (or adds its kinds of worry to) the
    submission's alert; a lower one is only recorded: an alert is lowered or closed only by the duty team, on the
    alert itself.
    """
    data = checked(data)  # before the read, so a refused correction records no read of the child's words
    found = await submissions.get(conn, principal, submission_id)
    work: Work = []
    async with conn.transaction():
        before = await queries.analysis(conn, submission_id)
        was = before.current.safeguarding_level if before.current else "none"
        await queries.add_correction(conn, submission_id, principal.id, data)
        if data.safeguarding_level != "none" and RANK[data.safeguarding_level] >= RANK[was]:
            work = await safeguarding.raise_alert(
                conn,
                settings.get().safeguarding,
                council_id=principal.council_id,
                submission_id=submission_id,
                child_id=found.child_id,
                level=data.safeguarding_level,
                categories=data.safeguarding_categories,
                triggers=[],
                source="staff",
                reopen="correction",  # a closed alert opens again only for a higher level than it closed at
            )
        await audit.record(
            conn,
            principal,
            "corrected_analysis",
            "submission",
            submission_id,
            child_id=found.child_id,
            reason="allocated",
            themes=data.themes,
            sentiment=data.sentiment,
            level=data.safeguarding_level,
            previous_level=was,
        )
    return await queries.analysis(conn, submission_id), work


async def analysis(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> AnalysisView:
    """What was read in a submission, for staff who may read it (the read is audited)."""
    return (await open_with_analysis(conn, principal, submission_id))[1]


async def training_items(conn: asyncpg.Connection) -> tuple[list[TrainingItem], int]:
    """Every corrected submission in every council as a training item, and how many were left out.

    Labels the model no longer has are dropped (its vocabulary may change after a correction). A submission whose
    words are gone (erased, or past retention), or whose worry no longer has a kind, has nothing to teach.
    """
    items, left_out = [], 0
    for row in await queries.corrections_for_training(conn):
        if row is None:
            left_out += 1
            continue
        text = surveys.typed_words(row.instrument, row.instrument_version, row.answers, row.free_text)
        categories = [c for c in row.safeguarding_categories if c in CATEGORIES]
        if not text.strip() or (row.safeguarding_level != "none" and not categories):
            left_out += 1
            continue
        items.append(
            TrainingItem(
                id=f"correction-{row.id}",
                text=text,
                themes=[t for t in row.themes if t in THEMES],
                sentiment=row.sentiment,
                safeguarding=TrainingSafeguarding(row.safeguarding_level, categories),
                kind=row.kind,
            )
        )
    return items, left_out
