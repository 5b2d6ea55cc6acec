"""The worker's inbox and the IRO's review contributions: pages, JSON, and a PDF for the case record."""

from __future__ import annotations

from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody, URLEncodedBody
from litestar.response import Redirect, Template

from heard import errors, pdf
from heard.accounts.schemas import Principal
from heard.http import Conn, roles
from heard.inbox import services
from heard.inbox.schemas import InboxItem, ReplyIn
from heard.pages import session_context
from heard.submissions.schemas import Submission

KIND_LABELS = {
    "statement": "Message",
    "survey": "Survey",
    "review": "Views for my review",
    "complaint": "Complaint",
    "feedback": "Feedback",
}


class InboxApi(Controller):
    path = "/api/inbox"
    guards = [roles("worker", "iro")]
    tags = ["inbox"]

    @get("/")
    async def inbox(self, request: Request[Principal, Any, Any], conn: Conn) -> list[InboxItem]:
        relation = "iro" if not request.user.has_role("worker") else "worker"
        return await services.inbox(conn, request.user, relation=relation)

    @post("/{submission_id:int}/replies", status_code=201)
    async def reply(
        self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int], data: JSONBody[ReplyIn]
    ) -> Submission:
        return await services.reply(conn, request.user, submission_id, data)

    @post("/{submission_id:int}/read", status_code=204)
    async def read(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> None:
        await services.mark_read(conn, request.user, submission_id)

    @post("/{submission_id:int}/used-in-review", status_code=204)
    async def used(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> None:
        await services.mark_used_in_review(conn, request.user, submission_id)


class InboxPages(Controller):
    path = "/staff"
    guards = [roles("worker", "iro")]
    include_in_schema = False

    @get("/inbox")
    async def inbox(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        items = await services.inbox(conn, request.user, relation="worker")
        return _list(request.user, items, "Statements from your children")

    @get("/reviews")
    async def reviews(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        items = await services.inbox(conn, request.user, relation="iro")
        return _list(request.user, items, "Views for reviews you chair")

    @get("/submissions/{submission_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Template:
        return await _page(conn, request.user, submission_id)

    @post("/submissions/{submission_id:int}", status_code=303)
    async def act(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        submission_id: FromPath[int],
        data: URLEncodedBody[dict[str, str]],
    ) -> Response[Any]:
        step = data.get("step")
        if step == "reply":
            body = data.get("body", "").strip()
            if not body:
                return await _page(
                    conn, request.user, submission_id, error="Write a reply before sending it.", status=400
                )
            await services.reply(conn, request.user, submission_id, ReplyIn(body=body[:20_000]))
        elif step == "read":
            await services.mark_read(conn, request.user, submission_id)
        elif step == "used_in_review":
            await services.mark_used_in_review(conn, request.user, submission_id)
        else:
            raise errors.Invalid("That is not something this page can do.", field="step")
        return Redirect(path=f"/staff/submissions/{submission_id}", status_code=303)

    @get("/submissions/{submission_id:int}/pdf")
    async def as_pdf(
        self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]
    ) -> Response[bytes]:
        found = await services.open_submission(conn, request.user, submission_id)
        content = pdf.document(
            f"{KIND_LABELS.get(found.kind, found.kind)} H-{found.id:06d}",
            [
                ("Sent", found.created_at.strftime("%d %B %Y, %H:%M")),
                ("In their own words", found.text),
                *[(key.replace("_", " ").capitalize(), _answer(value)) for key, value in found.answers.items()],
                *[(f"Reply from {r.from_name}, {r.created_at:%d %B %Y}", r.body) for r in found.replies],
            ],
            footer="Printed from Heard for the child's case record. Contains personal information: handle accordingly.",
        )
        return Response(
            content,
            media_type="application/pdf",
            headers={"content-disposition": f'attachment; filename="H-{found.id:06d}.pdf"'},
        )


def _answer(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)


def _list(user: Principal, items: list[InboxItem], title: str) -> Template:
    return Template(
        "inbox/list.html", context={**session_context(user), "items": items, "title": title, "kinds": KIND_LABELS}
    )


async def _page(
    conn: asyncpg.Connection, user: Principal, submission_id: int, *, error: str | None = None, status: int = 200
) -> Template:
    found = await services.open_submission(conn, user, submission_id)
    context = {**session_context(user), "s": found, "kinds": KIND_LABELS, "error": error, "error_field": "body"}
    return Template("inbox/submission.html", context=context, status_code=status)


ROUTE_HANDLERS = [InboxApi, InboxPages]
