"""Whose words an answer is in, and a form's fields named as the page names them: one place for the edge's wording.

Staff pages and the JSON API are in English; any other page may be a child's, in the language they chose.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from heard.i18n import DEFAULT, STAFF, Catalogue, catalogue
from heard.web.pages import language

ENGLISH = catalogue(DEFAULT)

_STAFF_PATHS = ("/staff", "/admin", "/dashboards", "/api/")


def reader(request: Request[Any, Any, Any]) -> Catalogue:
    """The words of whoever reads this request's answer: English for staff pages and the API, else the child's."""
    return ENGLISH if request.url.path.startswith(_STAFF_PATHS) else language(request)


def field_label(name: str, ui: Catalogue = ENGLISH) -> str:
    """A field as the page names it: the catalogue's ``field.<name>`` (children's forms, in their language), else
    ``staff.field.<name>`` (staff forms, English), else its name in words ("age_min" -> "age min")."""
    last = name.split(".")[-1]
    for key in (f"field.{name}", f"field.{last}", f"{STAFF}field.{name}", f"{STAFF}field.{last}"):
        if ui.has(key) or ENGLISH.has(key):
            return ui.gettext(key)
    return last.replace("_", " ")
