"""Privacy rules: subject access, requests and their decisions, erasure, audit search and retention."""

from __future__ import annotations

from datetime import UTC, datetime

import asyncpg

from heard import audit
from heard.errors import Conflict, Invalid, NotFound
from heard.principal import Principal
from heard.privacy import _audit, _erasure, _retention, queries
from heard.privacy.schemas import (
    AuditPage,
    AuditQuery,
    ChildRecord,
    ChildSummary,
    DecisionIn,
    PrivacyRequest,
    RequestIn,
    RetentionItem,
    RetentionReport,
    StaffRequestIn,
    SubjectAccess,
)
from heard.settings import RetentionSettings

NO_CHILD = "There is no child with that reference in your council."
NO_REQUEST = "There is no such request in your council."


def now() -> datetime:
    return datetime.now(UTC)


async def _child(conn: asyncpg.Connection, principal: Principal, child_id: int) -> ChildRecord:
    found = await queries.child(conn, child_id, principal.council_id)
    if found is None:
        raise NotFound(NO_CHILD)
    return found


async def child_id_for(conn: asyncpg.Connection, principal: Principal, reference: str) -> int:
    """The id of the child with this case reference in the admin's council."""
    found = await queries.child_id_by_reference(conn, principal.council_id, reference.strip())
    if found is None:
        raise NotFound(NO_CHILD, field="reference")
    return found


async def subject_access(conn: asyncpg.Connection, principal: Principal, child_id: int) -> SubjectAccess:
    """Everything held about one child, for a subject access request; the read itself is audited."""
    child = await _child(conn, principal, child_id)
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        export = SubjectAccess(
            made_at=now(),
            child=child,
            allocations=await queries.allocations(conn, child_id),
            submissions=await queries.submissions(conn, child_id),
            alerts=await queries.alerts(conn, child_id),
            complaints=await queries.complaints(conn, child_id),
            advocacy_requests=await queries.advocacy_requests(conn, child_id),
            drafts=await queries.drafts(conn, child_id),
            privacy_requests=await queries.requests_for_child(conn, child_id),
            audit=await queries.audit_about(conn, child_id, principal.council_id),
        )
    await audit.record(conn, principal, "subject_access_export", "child", child_id, child_id=child_id)
    return export


async def request_from_child(conn: asyncpg.Connection, principal: Principal, data: RequestIn) -> int:
    """A child asks to see, correct or remove what Heard keeps; an admin sees it in the requests list."""
    async with conn.transaction():
        request_id = await queries.insert_request(
            conn, principal.council_id, principal.id, data.kind, data.message.strip(), staff_id=None
        )
        await audit.record(
            conn,
            principal,
            "privacy_request_made",
            "privacy_request",
            request_id,
            child_id=principal.id,
            kind=data.kind,
        )
    return request_id


async def request_from_staff(conn: asyncpg.Connection, principal: Principal, data: StaffRequestIn) -> PrivacyRequest:
    """An admin records a request that came by letter, phone or in person."""
    child_id = await child_id_for(conn, principal, data.child_reference)
    async with conn.transaction():
        request_id = await queries.insert_request(
            conn, principal.council_id, child_id, data.kind, data.message.strip(), staff_id=principal.id
        )
        await audit.record(
            conn, principal, "privacy_request_made", "privacy_request", request_id, child_id=child_id, kind=data.kind
        )
    return await one_request(conn, principal, request_id)


async def requests(conn: asyncpg.Connection, principal: Principal) -> list[PrivacyRequest]:
    return await queries.requests_for_council(conn, principal.council_id)


async def my_requests(conn: asyncpg.Connection, principal: Principal) -> list[PrivacyRequest]:
    return await queries.requests_for_child(conn, principal.id)


async def one_request(conn: asyncpg.Connection, principal: Principal, request_id: int) -> PrivacyRequest:
    found = await queries.request(conn, request_id, principal.council_id)
    if found is None:
        raise NotFound(NO_REQUEST)
    return found


async def decide(conn: asyncpg.Connection, principal: Principal, request_id: int, data: DecisionIn) -> PrivacyRequest:
    """Record the decision; approving an erasure erases the child's words and identifiers in the same transaction."""
    reason = data.reason.strip()
    if data.decision == "refuse" and not reason:
        raise Invalid(
            "Say why the request is refused, for example that the record is needed for safeguarding.", field="reason"
        )
    async with conn.transaction():
        found = await queries.request(conn, request_id, principal.council_id, lock=True)
        if found is None:
            raise NotFound(NO_REQUEST)
        if found.status != "open":
            raise Conflict(f"This request was already {found.status}.")
        erased = None
        if data.decision == "approve" and found.kind == "erasure":
            erased = await _erasure.erase_child(conn, found.child_id)
            await audit.record(
                conn, principal, "erased_child", "child", found.child_id, child_id=found.child_id, erased=erased
            )
        status = "approved" if data.decision == "approve" else "refused"
        await queries.decide(conn, request_id, status, principal.id, reason, erased)
        await audit.record(
            conn, principal, f"privacy_request_{status}", "privacy_request", request_id,
            child_id=found.child_id, reason=reason, kind=found.kind,
        )  # fmt: skip
    return await one_request(conn, principal, request_id)


async def search_audit(conn: asyncpg.Connection, principal: Principal, query: AuditQuery) -> AuditPage:
    """A page of the council's audit log; searching it is itself recorded."""
    entries, more = await _audit.search(conn, principal.council_id, query)
    actions = await _audit.actions(conn, principal.council_id)
    await audit.record(
        conn, principal, "searched_audit_log", "audit_log", None,
        child_reference=query.child_reference, staff_email=query.staff_email, action_filter=query.action,
        date_from=str(query.date_from or ""), date_to=str(query.date_to or ""), page=query.page,
    )  # fmt: skip
    return AuditPage(entries=entries, page=query.page, per_page=_audit.PER_PAGE, more=more, actions=actions)


def _item(rule: _retention.Rule, config: RetentionSettings, rows: list[queries.Due]) -> RetentionItem:
    return RetentionItem(
        kind=rule.kind,
        label=rule.label,
        rule=rule.describe(config),
        scope="council" if rule.scope == "council" else "service",
        count=len(rows),
        oldest=min((r.at for r in rows if r.at is not None), default=None),
        keys=[r.key for r in rows[: _retention.REPORT_KEYS]],
    )


async def retention_report(
    conn: asyncpg.Connection, config: RetentionSettings, *, as_of: datetime | None = None, council_id: int | None = None
) -> RetentionReport:
    """The dry run: what each rule would remove now, changing nothing."""
    moment = as_of or now()
    items = [
        _item(rule, config, await _retention.select(conn, rule, config, moment, council_id))
        for rule in _retention.RULES
    ]
    return RetentionReport(as_of=moment, dry_run=True, items=items)


async def enforce_retention(
    conn: asyncpg.Connection, config: RetentionSettings, *, as_of: datetime | None = None, council_id: int | None = None
) -> RetentionReport:
    """Remove what every rule selects, in one transaction, and record the run in the audit log."""
    moment = as_of or now()
    items = []
    async with conn.transaction():
        for rule in _retention.RULES:
            rows = await _retention.select(conn, rule, config, moment, council_id)
            done = set(await _retention.apply(conn, rule, [r.key for r in rows]))
            items.append(_item(rule, config, [r for r in rows if r.key in done]))
        counts = {item.kind: item.count for item in items if item.count}
        await audit.record(conn, None, "retention_applied", "retention", None, council_id=council_id, counts=counts)
    return RetentionReport(as_of=moment, dry_run=False, items=items)


async def audit_retention_view(conn: asyncpg.Connection, principal: Principal) -> None:
    await audit.record(conn, principal, "viewed_retention_report", "retention", None)


async def child_summary(conn: asyncpg.Connection, principal: Principal, config: RetentionSettings) -> ChildSummary:
    """What Heard keeps about the signed-in child, and until when their words are kept."""
    row = await queries.child_summary(conn, principal.id)
    if not row:
        raise NotFound("We could not find your details.")
    born = row["birth_month"]
    until = born.replace(year=born.year + 25 + config.words_years_after_25)
    await audit.record(conn, principal, "viewed_privacy_page", "child", principal.id, child_id=principal.id)
    allocated = list(row.pop("allocated"))
    return ChildSummary(**row, allocated=allocated, words_kept_until=until)
