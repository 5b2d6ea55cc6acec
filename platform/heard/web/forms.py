"""One way to read a posted form, and one way to post a step from a page: redirect (303) when it is done, or
show the page again with the error in plain words and what was typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec
from litestar import Request, Response
from litestar.response import Redirect, Template

from heard import errors
from heard.web.errors import explain_validation

T = TypeVar("T")

Fields = dict[str, list[str]]
"""A posted form: every value of each field (checkboxes repeat a name)."""


async def read_form(request: Request[Any, Any, Any]) -> Fields:
    """The posted form with every value of a repeated field (checkboxes)."""
    form = await request.form()
    return {name: [str(v) for v in form.getall(name)] for name in form}


def first(fields: Fields, name: str, default: str = "") -> str:
    """The first value of a field, or `default` when the form has none."""
    return (fields.get(name) or [default])[0]


def to_struct(kind: type[T], values: dict[str, Any]) -> T:
    """A form's values as the Struct a service takes; a wrong value is `Invalid` naming its field in plain words,
    so the page can show it beside that field."""
    try:
        return msgspec.convert(values, kind, strict=False)
    except msgspec.ValidationError as exc:
        field, message = explain_validation(str(exc))
        raise errors.Invalid(message, field=field) from exc


def single(fields: Fields) -> dict[str, str]:
    """The form as one value per field (the first), for forms without repeated fields."""
    return {name: values[0] for name, values in fields.items() if values}


async def step_or_page(
    step: Awaitable[object],
    *,
    done: str | Callable[[Any], str],
    again: Callable[[errors.HeardError], Awaitable[Template]],
    refused: tuple[type[errors.HeardError], ...] = (errors.Invalid, errors.Conflict),
) -> Response[Any]:
    """Run a step a page posted; then go to `done` (303), or, when the step is refused, the page `again` with the
    error (its message and field) so the person can put it right without retyping. `done` may be worked out from
    what the step returns (say, the page with a confirmation of the step just saved)."""
    try:
        result = await step
    except refused as exc:
        return await again(exc)
    return Redirect(path=done(result) if callable(done) else done, status_code=303)
