"""The context every page shares: `staff_page` for council staff, `child_page` for a page a child reads.

A staff page carries the session (who is signed in, when the idle warning shows). A child's page carries their
language (``ui``, the catalogue of the language they chose or their browser's best one), its direction, the
language switcher and the unchecked-translation notice, and the session when someone is signed in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from litestar import Request

from heard import settings
from heard.i18n import SUPPORTED, Catalogue, Direction, catalogue, negotiate
from heard.principal import Principal
from heard.templating import when

LANG_COOKIE = "heard_lang"

Words = Catalogue
"""One language's words; usable as the survey macros' ``ui``."""


def staff_page(user: Principal, **extra: Any) -> dict[str, Any]:
    """Template context of a page for someone signed in: the session and its idle warning, then `extra`."""
    app = settings.get().app
    session = {"user": user, "idle_minutes": app.session_idle_minutes, "warning_minutes": app.session_warning_minutes}
    return {**session, **extra}


def child_page(
    request: Request[Any, Any, Any], user: Principal | None = None, *, ui: Words | None = None, **extra: Any
) -> dict[str, Any]:
    """Template context of a page a child reads: their language and its direction, the switcher, the
    unchecked-translation notice, the session when signed in, then `extra`."""
    ui = ui or language(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context: dict[str, Any] = {
        "lang": ui.lang,
        "dir": ui.direction,
        "ui": ui,
        "languages": languages(),
        "here": here,
        "translation_notice": not ui.reviewed,
        "date": lambda moment: dated(moment, ui),
    }
    if user is not None:
        context = staff_page(user, **context)
    return {**context, **extra}


def language(request: Request[Any, Any, Any]) -> Words:
    """The child's chosen language (cookie), else their browser's best supported one, else English."""
    return words(negotiate(request.headers.get("accept-language"), request.cookies.get(LANG_COOKIE)))


def words(lang: str) -> Words:
    return catalogue(lang)


def languages() -> list[tuple[str, str, Direction]]:
    """Every supported language as (tag, its own name, direction), for the language switcher."""
    return [(tag, catalogue(tag).name, catalogue(tag).direction) for tag in SUPPORTED]


def dated(moment: date | datetime | None, ui: Words) -> str:
    """A date (and time) on a child's page, the one way every child's page words one: '23 Nov 2026, 14:05' in
    English; in other languages the month named in the child's language (the `month.N` words), because digits alone
    (23/11/2026) read differently from country to country. A date without a time: '23 November 2026'."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return f"{moment.day} {ui.gettext(f'month.{moment.month}')} {moment.year}"
    if ui.lang == "en":
        return when(moment)
    local = moment.astimezone()
    return f"{dated(local.date(), ui)}, {local:%H:%M}"
