"""Sign-in and session routes: JSON API and the pages people use."""

from __future__ import annotations

from typing import Any

import asyncpg
import segno
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template

from heard import errors, settings
from heard.accounts import secrets, services
from heard.accounts.queries import session_lifetime, staff_email
from heard.accounts.schemas import ChildSignIn, IssuedCode, Me, StaffSignIn, TotpCheck
from heard.accounts.secrets import totp_uri
from heard.principal import Principal
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import first, read_form, single, step_or_page
from heard.web.guards import signed_in, staff_only
from heard.web.openapi import error_responses
from heard.web.pages import child_page
from heard.web.session import SESSION_COOKIE

DEVICE_COOKIE = "heard_device"
DEVICE_DAYS = 180


def _address(request: Request[Any, Any, Any]) -> str:
    """The client's address: the peer's, or a trusted load balancer's X-Forwarded-For (see `heard serve`)."""
    return request.client.host if request.client else "unknown"


def _browser(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """What a sign-in needs to know of the browser: its address, the accounts its signed device cookie says signed
    in here before, and its current session (which the new one replaces)."""
    return {
        "address": _address(request),
        "known": secrets.known_accounts(request.cookies.get(DEVICE_COOKIE), settings.get().app.secret_key),
        "replacing": request.cookies.get(SESSION_COOKIE),
    }


def _with_session(
    response: Response[Any], token: str, request: Request[Any, Any, Any] | None = None, user: Principal | None = None
) -> Response[Any]:
    """Set the session cookie; after a sign-in, also remember on this device that the account signed in here."""
    app = settings.get().app
    lifetime = session_lifetime(user.kind if user is not None else "staff")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        secure=app.secure_cookies,
        samesite="lax",
        path="/",
        max_age=int(lifetime.total_seconds()),
    )
    if request is not None and user is not None:
        remembered = secrets.device_cookie(request.cookies.get(DEVICE_COOKIE), app.secret_key, f"{user.kind}:{user.id}")
        response.set_cookie(
            DEVICE_COOKIE,
            remembered,
            httponly=True,
            secure=app.secure_cookies,
            samesite="lax",
            path="/",
            max_age=DEVICE_DAYS * 86400,
        )
    return response


def _cleared(response: Response[Any]) -> Response[Any]:
    """Signed out: the cookie goes, and the browser is told to drop what it cached and stored of the session (a
    shared computer in a children's home must not show the next person the last one's pages)."""
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def _me(user: Principal) -> Me:
    return Me(kind=user.kind, id=user.id, name=user.name, roles=list(user.roles), totp_required=user.needs_totp)


class SessionApi(Controller):
    """JSON sign-in for apps and scripts; the same sessions and limits as the pages."""

    path = "/api/session"
    tags = ["session"]

    @get("/", guards=[signed_in])
    async def me(self, request: Request[Principal, Any, Any]) -> Me:
        return _me(request.user)

    @post("/child", status_code=201, responses=error_responses(401, 422, 429))
    async def sign_in_child(
        self, request: Request[Any, Any, Any], conn: Conn, data: JSONBody[ChildSignIn]
    ) -> Response[Me]:
        token, user = await services.sign_in_child(conn, data, **_browser(request))
        me = Me(kind="child", id=user.id, name="", roles=[], totp_required=False)
        return _with_session(Response(me, status_code=201), token, request, user)

    @post("/staff", status_code=201, responses=error_responses(401, 429))
    async def sign_in_staff(
        self, request: Request[Any, Any, Any], conn: Conn, data: JSONBody[StaffSignIn]
    ) -> Response[Me]:
        token, user = await services.sign_in_staff(conn, data, **_browser(request))
        me = Me(kind="staff", id=user.id, name="", roles=[], totp_required=True)
        return _with_session(Response(me, status_code=201), token, request, user)

    @post("/totp", status_code=200, responses=error_responses(401, 422, 429))
    async def totp(self, request: Request[Any, Any, Any], conn: Conn, data: JSONBody[TotpCheck]) -> Me:
        user = _pending_staff(request)
        await services.pass_totp(conn, user, data.code)
        return Me(kind="staff", id=user.id, name=user.name, roles=list(user.roles), totp_required=False)

    @delete("/", status_code=200, responses=error_responses(401))
    async def sign_out(self, request: Request[Any, Any, Any], conn: Conn) -> Response[dict[str, int]]:
        user = _any_session(request)
        count = await services.sign_out(conn, user)
        return _cleared(Response({"ended": count}))

    @post("/everywhere", status_code=200, responses=error_responses(401))
    async def sign_out_everywhere(self, request: Request[Any, Any, Any], conn: Conn) -> Response[dict[str, int]]:
        user = _any_session(request)
        count = await services.sign_out(conn, user, everywhere=True)
        return _cleared(Response({"ended": count}))


def _sso() -> bool:
    return settings.get().oidc.enabled


def _any_session(request: Request[Any, Any, Any]) -> Principal:
    user = request.scope.get("user")
    if user is None:
        raise errors.Unauthorised("You are not signed in.")
    return user  # type: ignore[no-any-return]


def _pending_staff(request: Request[Any, Any, Any]) -> Principal:
    user = _any_session(request)
    if user.kind != "staff":
        raise errors.Forbidden("Only staff use an authenticator app.")
    return user


class ChildrenApi(Controller):
    """Child accounts: issuing the access code printed on a child's card."""

    path = "/api/children"
    guards = [staff_only]
    tags = ["children"]

    @post("/{child_id:int}/access-code", status_code=201)
    async def issue_code(
        self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]
    ) -> IssuedCode:
        return await services.issue_access_code(conn, request.user, child_id)


class SignInPages(Controller):
    """The sign-in pages for children (a code) and staff (email, password, authenticator)."""

    include_in_schema = False

    @get("/")
    async def landing(self, request: Request[Any, Any, Any]) -> Template | Redirect:
        if request.scope.get("user") is not None and not request.scope["user"].needs_totp:
            return Redirect(path="/home")
        signed_out = bool(request.query_params.get("signed_out"))
        return Template("landing.html", context=child_page(request, None, here="/", signed_out=signed_out))

    @get("/sign-in")
    async def child_form(self, request: Request[Any, Any, Any]) -> Template:
        return Template("sign_in_child.html", context=child_page(request, None, error=None, code=""))

    @post("/sign-in", status_code=303, opt={READS_FORM: True})
    async def child_submit(self, request: Request[Any, Any, Any], conn: Conn) -> Response[Any]:
        typed = first(await read_form(request), "code")[:40]
        try:
            signing_in = ChildSignIn(code=typed or " ")
            token, user = await services.sign_in_child(conn, signing_in, **_browser(request))
        except (errors.Invalid, errors.Unauthorised) as exc:
            context = child_page(request, None, error=exc.message, code=typed)
            return Template("sign_in_child.html", context=context, status_code=400)
        except errors.TooManyRequests as exc:
            context = child_page(request, None, code=typed)
            context["error"] = services.too_many_tries(context["ui"], exc.retry_after)
            return Template("sign_in_child.html", context=context, status_code=429)
        return _with_session(Redirect(path="/home", status_code=303), token, request, user)

    @get("/staff/sign-in")
    async def staff_form(self) -> Template:
        return Template("sign_in_staff.html", context={"error": None, "email": "", "sso_enabled": _sso()})

    @post("/staff/sign-in", status_code=303, opt={READS_FORM: True})
    async def staff_submit(self, request: Request[Any, Any, Any], conn: Conn) -> Response[Any]:
        data = single(await read_form(request))
        email = data.get("email", "")[:254]
        try:
            creds = StaffSignIn(email=email.strip() or "-", password=data.get("password", "")[:1000] or " ")
            token, user = await services.sign_in_staff(conn, creds, **_browser(request))
        except (errors.Invalid, errors.Unauthorised, errors.TooManyRequests) as exc:
            status = 429 if isinstance(exc, errors.TooManyRequests) else 400
            context = {"error": exc.message, "email": email, "sso_enabled": _sso()}
            return Template("sign_in_staff.html", context=context, status_code=status)
        return _with_session(Redirect(path="/staff/totp", status_code=303), token, request, user)

    @get("/staff/totp")
    async def totp_form(self, request: Request[Any, Any, Any], conn: Conn) -> Template | Redirect:
        user = request.scope.get("user")
        if user is None or user.kind != "staff":
            return Redirect(path="/staff/sign-in")
        if not user.needs_totp:
            return Redirect(path="/home")
        return await _totp_page(conn, user, None)

    @post("/staff/totp", status_code=303, opt={READS_FORM: True})
    async def totp_submit(self, request: Request[Any, Any, Any], conn: Conn) -> Response[Any]:
        typed = first(await read_form(request), "code")
        user = request.scope.get("user")
        if user is None or user.kind != "staff":
            return Redirect(path="/staff/sign-in", status_code=303)
        code = "".join(ch for ch in typed if ch.isdigit())[:6]
        return await step_or_page(
            services.pass_totp(conn, user, code),
            done="/home",
            again=lambda exc: _totp_page(conn, user, exc.message),
            refused=(errors.Invalid, errors.TooManyRequests),
        )

    @post("/sign-out", status_code=303, opt={READS_FORM: True})
    async def sign_out(self, request: Request[Any, Any, Any], conn: Conn) -> Response[Any]:
        everywhere = first(await read_form(request), "everywhere") == "1"
        user = request.scope.get("user")
        if user is not None:
            await services.sign_out(conn, user, everywhere=everywhere)
        return _cleared(Redirect(path="/?signed_out=1", status_code=303))


async def _totp_page(conn: asyncpg.Connection, user: Principal, error: str | None) -> Template:
    """The authenticator step, with what went wrong with the code just typed (400) or none (200)."""
    context = await _totp_context(conn, user, error)
    return Template("totp.html", context=context, status_code=200 if error is None else 400)


async def _totp_context(conn: asyncpg.Connection, user: Principal, error: str | None) -> dict[str, Any]:
    if user.totp_enrolled:
        return {"error": error, "enrol": False}
    secret = await services.start_totp_enrolment(conn, user)
    uri = totp_uri(secret, await staff_email(conn, user.id))
    qr = segno.make(uri, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return {"error": error, "enrol": True, "secret": secret, "qr_svg": qr}


ROUTE_HANDLERS = [SessionApi, ChildrenApi, SignInPages]
