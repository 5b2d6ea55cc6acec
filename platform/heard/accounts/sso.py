"""Single sign-on routes for staff: off to the council's identity provider and back with a Heard session."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.params import FromQuery, QueryParameter
from litestar.response import Redirect, Template

from heard import errors, settings
from heard.accounts import _oidc
from heard.web.dependencies import Conn
from heard.web.session import SESSION_COOKIE

STATE_COOKIE = "heard_sso_state"
_PATH = "/staff/sso"


def _refused(message: str, status: int) -> Template:
    return Template("sso/error.html", context={"error": message}, status_code=status)


def _signed_in(token: str) -> Response[Any]:
    """The same session cookie a password sign-in sets; the handshake cookie is spent."""
    response: Response[Any] = Redirect(path="/home", status_code=303)
    secure = settings.get().app.secure_cookies
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, secure=secure, samesite="lax", path="/", max_age=12 * 3600
    )
    response.delete_cookie(STATE_COOKIE, path=_PATH)
    return response


class SingleSignOn(Controller):
    """GET /staff/sso offers the button; /start leaves for the provider; /callback comes back from it."""

    path = _PATH
    include_in_schema = False

    @get("/")
    async def offer(self) -> Template:
        config = settings.get().oidc
        if not config.enabled:
            return _refused("Single sign-on is not set up for this Heard. Sign in with your email and password.", 404)
        return Template("sso/start.html", context={"label": config.button_label})

    @get("/start")
    async def start(self, conn: Conn) -> Response[Any]:
        config = settings.get().oidc
        if not config.enabled:
            return _refused("Single sign-on is not set up for this Heard. Sign in with your email and password.", 404)
        try:
            url, handshake = await _oidc.start(conn, config)
        except errors.Unavailable as exc:
            return _refused(exc.message, 503)
        response: Response[Any] = Redirect(path=url, status_code=302)
        response.set_cookie(
            STATE_COOKIE,
            handshake.state,
            httponly=True,
            secure=settings.get().app.secure_cookies,
            samesite="lax",
            path=_PATH,
            max_age=_oidc.HANDSHAKE_MINUTES * 60,
        )
        return response

    @get("/callback")
    async def callback(
        self,
        request: Request[Any, Any, Any],
        conn: Conn,
        code: FromQuery[str] = "",
        returned_state: Annotated[str, QueryParameter(name="state")] = "",
        error: FromQuery[str] = "",
        error_description: FromQuery[str] = "",
    ) -> Response[Any]:
        config = settings.get().oidc
        if not config.enabled:
            return _refused("Single sign-on is not set up for this Heard.", 404)
        if error:
            said = (error_description or error)[:300]
            return _refused(f"Your council's sign-in service did not sign you in: {said}. {_oidc.RETRY}", 400)
        try:
            token, _ = await _oidc.finish(
                conn,
                config,
                code=code[:2000],
                state=returned_state[:200],
                browser_state=request.cookies.get(STATE_COOKIE),
            )
        except (errors.Invalid, errors.Unauthorised) as exc:
            return _refused(exc.message, 400)
        except errors.Unavailable as exc:
            return _refused(exc.message, 503)
        return _signed_in(token)


ROUTE_HANDLERS = [SingleSignOn]
