"""Submission routes: a child sends and reads their own; allocated staff read a child's."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody

import nlp
from heard import db, queue
from heard.principal import Principal
from heard.submissions import services
from heard.submissions.schemas import Receipt, Submission, SubmissionIn
from heard.web.dependencies import IDEMPOTENCY_KEY, Conn
from heard.web.guards import child_only, roles, signed_in
from heard.web.openapi import error_responses


def screen_text(data: JSONBody[SubmissionIn]) -> services.ScreenResult:
    """The in-request safeguarding screen over everything the child typed."""
    typed = [data.text, *(v for v in data.answers.values() if isinstance(v, str))]
    verdict = nlp.screen("\n".join(t for t in typed if t))
    return services.ScreenResult(
        level=verdict.level, categories=verdict.categories, triggers=verdict.triggers, screened=verdict.screened
    )


class SubmissionsApi(Controller):
    """A child's submissions. Send with an Idempotency-Key so a retry never makes two."""

    path = "/api/submissions"
    tags = ["submissions"]

    @post("/", guards=[child_only], status_code=201, responses=error_responses(409, 422))
    async def send(
        self,
        request: Request[Principal, Any, Any],
        data: JSONBody[SubmissionIn],
        idempotency_key: Annotated[str, IDEMPOTENCY_KEY],
    ) -> Response[Receipt]:
        # The busiest route takes its connection, pool and Redis client straight from app state rather
        # than through dependency injection, which costs more per request than the rest of the work.
        state = request.app.state
        screen = screen_text(data)
        async with db.acquire(state.db_pool) as conn:
            receipt, created, work = await services.create(conn, request.user, data, idempotency_key, screen)
        queue.dispatch_soon(state.db_pool, state.redis, work)
        return Response(receipt, status_code=201, headers={"Idempotent-Replayed": str(not created).lower()})

    @get("/", guards=[child_only])
    async def mine(self, request: Request[Principal, Any, Any], conn: Conn) -> list[Submission]:
        return await services.list_own(conn, request.user)

    @get("/{submission_id:int}", guards=[signed_in])
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Submission:
        return await services.get(conn, request.user, submission_id)


class ChildSubmissionsApi(Controller):
    """What a child has sent, for the worker or IRO allocated to them."""

    path = "/api/children/{child_id:int}/submissions"
    guards = [roles("worker", "iro")]
    tags = ["submissions"]

    @get("/")
    async def for_child(
        self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]
    ) -> list[Submission]:
        return await services.list_for_child(conn, request.user, child_id)


ROUTE_HANDLERS = [SubmissionsApi, ChildSubmissionsApi]
