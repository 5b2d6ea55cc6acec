"""Every route the app has, with the roles its guards admit: read from the app itself, not from a list kept by hand."""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field
from typing import Any

from support import ROLES

STAFF = frozenset(ROLES)
EVERYONE = frozenset({"child", *ROLES})

# Routes with no guard, and why each is open. A new route without a guard fails test_every_route_is_guarded
# until it is added here on purpose.
PUBLIC: dict[tuple[str, str], str] = {
    ("GET", "/"): "landing page",
    ("GET", "/help"): "help for everyone, signed in or not",
    ("GET", "/accessibility"): "the accessibility statement, which the regulations say anyone may read",
    ("GET", "/health/live"): "load balancer probe",
    ("GET", "/health/ready"): "load balancer probe",
    ("GET", "/language"): "choosing a language before signing in",
    ("GET", "/sign-in"): "child sign-in form",
    ("POST", "/sign-in"): "child sign-in",
    ("GET", "/staff/sign-in"): "staff sign-in form",
    ("POST", "/staff/sign-in"): "staff sign-in",
    ("GET", "/staff/totp"): "second step of staff sign-in; checks the half-signed-in session itself",
    ("POST", "/staff/totp"): "second step of staff sign-in; checks the half-signed-in session itself",
    ("GET", "/staff/sso"): "single sign-on offer",
    ("GET", "/staff/sso/start"): "single sign-on redirect",
    ("GET", "/staff/sso/callback"): "single sign-on return",
    ("POST", "/sign-out"): "signing out works for anyone, signed in or not",
    ("DELETE", "/api/session"): "signing out; refuses without a session itself",
    ("POST", "/api/session/everywhere"): "signing out everywhere; refuses without a session itself",
    ("POST", "/api/session/child"): "child sign-in (API)",
    ("POST", "/api/session/staff"): "staff sign-in (API)",
    ("POST", "/api/session/totp"): "second step of staff sign-in (API); checks the session itself",
    ("POST", "/send/{instrument_id:str}"): "a signed-out child's form is held, never lost; checks the kind itself",
    ("POST", "/send/{instrument_id:str}/draft"): "a signed-out child's draft is held; checks the kind itself",
    ("POST", "/not-safe"): "a signed-out press gets its words back with 999 and Childline; checks the kind itself",
    ("GET", "/api/s/{token:str}"): "anonymous survey link",
    ("POST", "/api/s/{token:str}/responses"): "anonymous survey link",
    ("GET", "/s/{token:str}"): "anonymous survey link",
    ("POST", "/s/{token:str}"): "anonymous survey link",
    ("GET", "/you-said-we-did"): "the public 'you said, we did' page",
    ("GET", "/dashboards/dashboards.css"): "a stylesheet",
    ("GET", "/static/{file_path:path}"): "static files",
    ("GET", "/staff/set-up/{token:str}"): "one-time set-password link; the link itself is the proof",
    ("POST", "/staff/set-up/{token:str}"): "one-time set-password link; the link itself is the proof",
    ("GET", "/staff/recovery-codes/use"): "second step of staff sign-in; checks the half-signed-in session itself",
    ("POST", "/staff/recovery-codes/use"): "second step of staff sign-in; checks the half-signed-in session itself",
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    guards: tuple[str, ...]
    allowed: frozenset[str] | None  # None: public
    csv_query: str | None = field(default=None, compare=False)  # how to ask for CSV; None: never CSV

    def url(self, values: dict[str, Any]) -> str:
        path = self.path
        for name, value in values.items():
            for kind in ("int", "str", "path"):
                path = path.replace(f"{{{name}:{kind}}}", str(value))
        assert "{" not in path, f"no value for a parameter of {self.path}"
        return path

    @property
    def has_params(self) -> bool:
        return "{" in self.path


def _admits(guard: Any) -> frozenset[str]:
    name = guard.__name__
    if name == "signed_in":
        return EVERYONE
    if name == "child_only":
        return frozenset({"child"})
    if name == "staff_only":
        return STAFF
    if name == "guard" and guard.__qualname__.startswith("roles."):
        cells = dict(zip(guard.__code__.co_freevars, (c.cell_contents for c in guard.__closure__ or ()), strict=True))
        return frozenset(cells["allowed"]) & STAFF
    raise AssertionError(f"a guard this test does not know: {guard.__qualname__}")


def built_app() -> Any:
    """The app, built only to read its routes (its lifespan never runs), with stand-in settings where none are set."""
    from heard import settings
    from heard.app import create_app

    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "REDIS_URL", "HEARD_SECRET_KEY")}
    os.environ.update(
        DATABASE_URL=saved["DATABASE_URL"] or "postgresql://unused@127.0.0.1/unused",
        REDIS_URL=saved["REDIS_URL"] or "redis://127.0.0.1:1/0",
        HEARD_SECRET_KEY=saved["HEARD_SECRET_KEY"] or "r" * 48,
    )
    settings.get.cache_clear()
    try:
        return create_app()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        settings.get.cache_clear()


def app_routes() -> list[Route]:
    """Every (method, path) of the app, OPTIONS and HEAD aside, with the roles its guards let through."""
    app = built_app()
    found: list[Route] = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            guards = [g for layer in handler.ownership_layers for g in (layer.guards or [])]
            allowed: frozenset[str] | None = EVERYONE if guards else None
            for guard in guards:
                allowed = (allowed or EVERYONE) & _admits(guard)
            for method in sorted(set(getattr(handler, "http_methods", ())) - {"OPTIONS", "HEAD"}):
                found.append(Route(method, route.path, tuple(g.__name__ for g in guards), allowed, _csv_query(handler)))
    return found


def _csv_query(handler: Any) -> str | None:
    """How a route is asked for CSV: its path or media type says CSV (""), or a query parameter offers "csv"."""
    if "csv" in str(handler.media_type) or any(p.endswith(".csv") for p in handler.paths):
        return ""
    for name, param in handler.parsed_fn_signature.parameters.items():
        if "csv" in _literals(param.annotation):
            query = getattr(param.kwarg_definition, "name", None) or name
            return f"{query}=csv"
    return None


def _literals(annotation: Any) -> set[object]:
    """Every value a Literal anywhere inside an annotation allows."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return {v for arg in typing.get_args(annotation) for v in _literals(arg)}
