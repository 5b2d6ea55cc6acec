"""Who may reach a handler: declared once on a controller, read from the Principal the session put in scope.

Guards are coroutines: litestar runs a plain function guard in a thread pool, a hop per request for a check
that only reads the scope.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from heard.principal import Principal


def _user(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    user: Principal | None = connection.scope.get("user")
    if user is None:
        raise NotAuthorizedException("Please sign in.")
    if user.needs_totp:
        raise NotAuthorizedException("Please enter the code from your authenticator app.")
    return user


def _staff(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    user = _user(connection)
    if user.kind != "staff":
        raise PermissionDeniedException("This page is for council staff.")
    return user


async def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    _user(connection)


async def child_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if _user(connection).kind != "child":
        raise PermissionDeniedException("This page is for children and young people.")


async def staff_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    _staff(connection)


def roles(*allowed: str) -> Any:
    """A guard admitting staff with any of `allowed` roles."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        if not _staff(connection).has_role(*allowed):
            raise PermissionDeniedException("Your role does not include this.")

    return guard
