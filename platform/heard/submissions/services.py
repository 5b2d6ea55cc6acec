"""Storing a submission exactly once, with its screen result and its background work, in one transaction."""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

import asyncpg
import msgspec

from heard import audit, settings
from heard.accounts.access import CHILD_NOT_FOUND, require_child_access
from heard.complaints import services as complaints
from heard.errors import Conflict, Forbidden, Invalid, NotFound
from heard.principal import Principal
from heard.safeguarding import services as safeguarding
from heard.submissions import queries
from heard.submissions.schemas import Receipt, Submission, SubmissionIn
from heard.translation import services as translation

Work = list[tuple[int, str, dict[str, Any]]]


class ScreenResult(msgspec.Struct, frozen=True, kw_only=True):
    """The in-request safeguarding screen's verdict, as the service needs it."""

    level: str = "none"
    categories: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    source: str = "screen"  # or "feelings" when a feelings answer raised it
    screened: bool = True  # False: some words are in a language the screen cannot read, so a person must


def sender_of(child_id: int | None, opening_id: int | None = None) -> str:
    """Whose an idempotency key is: a child's, or an anonymous link's (the `submissions.sender` column's rule)."""
    if child_id is not None:
        return f"child:{child_id}"
    return f"link:{opening_id}" if opening_id is not None else "none"


def request_hash(data: SubmissionIn, sender: str) -> bytes:
    """The same sender and content give the same hash however the JSON was spaced or ordered.

    The sender is part of it so a stored hash never matches another sender's request, whatever the key.
    """
    body = hashlib.sha256(msgspec.json.encode(data, order="sorted")).digest()
    return hashlib.sha256(sender.encode() + b"\0" + body).digest()


async def create(
    conn: asyncpg.Connection,
    principal: Principal,
    data: SubmissionIn,
    key: str,
    screen: ScreenResult,
    *,
    channel: str = "api",
) -> tuple[Receipt, bool, Work]:
    """Store a child's submission; returns the receipt, whether it is new, and work to dispatch after commit.

    A key belongs to the child who sent with it: their replay of the same key and body returns the first
    receipt; their same key with another body is refused; a duplicate arriving while the first is still in flight
    gets Conflict. Another child's key is simply a new key for this child, and says nothing of the first.
    """
    if principal.kind != "child":
        raise Forbidden("Only a child or young person can send a submission here.")
    return await store(
        conn, council_id=principal.council_id, child_id=principal.id, data=data, key=key, screen=screen, channel=channel
    )


async def store(
    conn: asyncpg.Connection,
    *,
    council_id: int,
    child_id: int | None,
    data: SubmissionIn,
    key: str,
    screen: ScreenResult,
    channel: str,
    opening_id: int | None = None,
) -> tuple[Receipt, bool, Work]:
    """One submission, once per sender and key, with its alert, complaint case and analysis work, in one transaction.

    `child_id` is None for an anonymous survey link, whose `opening_id` is then the sender; everything else is the
    same.
    """
    if not data.text.strip() and not data.answers:
        raise Invalid("Write something, or answer at least one question, before sending.", field="text")
    sender = sender_of(child_id, opening_id)
    digest = request_hash(data, sender)
    values = {
        "council_id": council_id,
        "child_id": child_id,
        "kind": data.kind,
        "instrument": data.instrument,
        "instrument_version": data.instrument_version,
        "channel": channel,
        "answers": data.answers,
        "free_text": data.text,
        "audience": list(data.audience),
        "anonymous": data.anonymous,
        "language": data.language,
        "idempotency_key": key,
        "request_hash": digest,
        "opening_id": opening_id,
        "sender": sender,
    }
    opens_case = data.kind == "complaint" and child_id is not None
    plain = screen.level == "none" and not opens_case and screen.screened
    try:
        # A plain submission is one statement, so its own transaction; one with an alert, a complaint case or
        # words to be read by a person writes them in the same transaction, which then holds the key until it
        # commits.
        async with contextlib.nullcontext() if plain else conn.transaction():
            claimed = await queries.claim_and_insert(conn, **values)
            _check_claim(claimed.locked, claimed.existing, digest)
            if claimed.existing is not None:
                return claimed.existing[0], False, []
            assert claimed.new is not None
            submission_id, created_at, outbox_id = claimed.new
            work: Work = []
            if screen.level != "none":
                work += await safeguarding.raise_alert(
                    conn,
                    settings.get().safeguarding,
                    council_id=council_id,
                    submission_id=submission_id,
                    child_id=child_id,
                    level=screen.level,
                    categories=list(screen.categories),
                    triggers=list(screen.triggers),
                    source=screen.source,
                )
            if not screen.screened:  # the analysis names the language later ("und": not known yet)
                await translation.needs_reading(
                    conn,
                    settings.get().safeguarding,
                    council_id=council_id,
                    submission_id=submission_id,
                    child_id=child_id,
                    language="und",
                    level=screen.level,
                )
            if opens_case:
                await complaints.open_from_submission(conn, submission_id)
    except asyncpg.UniqueViolationError as exc:
        # The first request with this key committed between this one's snapshot and its lock: it is not lost,
        # and a retry gets its receipt.
        if "idempotency_key" not in (exc.constraint_name or ""):
            raise
        raise Conflict("This submission is already being sent. Please wait a moment.") from exc
    work.append((outbox_id, "analyse_submission", {"submission_id": submission_id}))
    receipt = Receipt(
        id=submission_id,
        kind=data.kind,
        created_at=created_at,
        reference=queries.reference(submission_id),
        safeguarding=screen.level,  # type: ignore[arg-type]
    )
    return receipt, True, work


def _check_claim(locked: bool, existing: tuple[Receipt, bytes] | None, digest: bytes) -> None:
    """Conflict while another request holds the key; Invalid when the key was used for another body."""
    if not locked:
        raise Conflict("This submission is already being sent. Please wait a moment.")
    if existing is not None and existing[1] != digest:
        raise Invalid(
            "This Idempotency-Key was already used for a different submission; use a new key.",
            field="Idempotency-Key",
        )


async def list_own(conn: asyncpg.Connection, principal: Principal) -> list[Submission]:
    """Everything a child has sent, newest first, with replies."""
    if principal.kind != "child":
        raise Forbidden("Only a child or young person has their own messages.")
    return await queries.list_own(conn, principal.id)


async def get(conn: asyncpg.Connection, principal: Principal, submission_id: int) -> Submission:
    """One submission, for its child or for staff allocated to the child; staff reads are audited."""
    if principal.kind == "child":
        found = await queries.get_own(conn, submission_id, principal.id)
        if found is None:
            await audit.refused(conn, principal, "submission", submission_id, why="not_their_own_message")
            raise NotFound("No message with that number.")
        return found
    found = await queries.get_for_staff(conn, submission_id, principal.id, principal.council_id)
    if found is None:
        await audit.refused(conn, principal, "submission", submission_id, why="read_submission")
        raise NotFound("No submission with that number is shared with you.")
    await audit.record(
        conn, principal, "read", "submission", submission_id, child_id=found.child_id, reason="allocated"
    )
    return found


async def list_for_child(conn: asyncpg.Connection, principal: Principal, child_id: int) -> list[Submission]:
    """A child's submissions as an allocated worker or IRO may see them; the read is audited."""
    await require_child_access(conn, principal, child_id, action="read_submissions")
    found = await queries.list_child_for_staff(conn, child_id, principal.id, principal.council_id)
    await audit.record(
        conn,
        principal,
        "read",
        "child_submissions",
        child_id,
        child_id=child_id,
        reason="allocated",
        submission_ids=[s.id for s in found],
    )
    return found


__all__ = ["CHILD_NOT_FOUND", "ScreenResult", "create", "get", "list_for_child", "list_own"]
