"""Where a care leaver (or a young person of 16 or over) asks to be told that a new message is waiting.

They give or remove an email and a UK mobile number; the nudge job (inbox.jobs) sends only "You have a new message
in Heard" and a link, never what the message says. Numbers are read by `phonenumbers` (what GOV.UK Notify itself
checks against), kept in one form (+447400123456) and must be mobiles, since only a mobile gets a text. Each change
is audited by what changed, never with the address or number itself.
"""

from __future__ import annotations

import re
from typing import Any

import asyncpg
import msgspec
import phonenumbers
from litestar import Controller, Request, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from heard import audit
from heard.capture import queries
from heard.errors import Forbidden
from heard.principal import Principal
from heard.web.bodies import KEEPS_WORDS, form_problems
from heard.web.dependencies import Conn
from heard.web.forms import first, read_form
from heard.web.guards import child_only
from heard.web.pages import Words, child_page, language

User = Request[Principal, Any, Any]

PATH = "/messages/nudge"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
NOT_OFFERED = "This is for care leavers and young people aged 16 or over."


class Contact(msgspec.Struct, frozen=True, kw_only=True):
    """A checked contact: the email as typed (trimmed), the number as +44..., None where left empty."""

    email: str | None = None
    phone: str | None = None


def check(email: str, phone: str) -> tuple[Contact, dict[str, str]]:
    """The contact to keep, and for each field that cannot be kept the catalogue key saying why."""
    problems: dict[str, str] = {}
    email, phone = email.strip(), phone.strip()
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        problems["email"] = "nudge.error.email"
    number = _uk_number(phone) if phone else None
    if phone and number is None:
        problems["phone"] = "nudge.error.phone"
    elif number is not None and phonenumbers.number_type(number) not in _MOBILE:
        problems["phone"] = "nudge.error.landline"
    kept = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else None
    return Contact(email=email or None, phone=kept), problems


def _uk_number(typed: str) -> phonenumbers.PhoneNumber | None:
    """The number when it is a real one on +44 (written 07... or +44 7...), else None."""
    try:
        number = phonenumbers.parse(typed, "GB")
    except phonenumbers.NumberParseException:
        return None
    return number if number.country_code == 44 and phonenumbers.is_valid_number(number) else None


async def save(conn: asyncpg.Connection, principal: Principal, contact: Contact) -> queries.NudgeContact:
    """Keep the young person's contact (None removes it); audited by what changed."""
    async with conn.transaction():
        before = await queries.nudge_contact(conn, principal.id)
        if not before.offered:
            raise Forbidden(NOT_OFFERED)
        await queries.set_nudge_contact(conn, principal.id, contact.email, contact.phone)
        changed: dict[str, Any] = {
            name: _change(old, new)
            for name, old, new in (("email", before.email, contact.email), ("phone", before.phone, contact.phone))
            if old != new
        }
        if changed:
            await audit.record(
                conn, principal, "nudge_contact_changed", "child", principal.id, child_id=principal.id, **changed
            )
    return await queries.nudge_contact(conn, principal.id)


def _change(old: str | None, new: str | None) -> str:
    return "added" if old is None else "removed" if new is None else "changed"


class NudgePages(Controller):
    """GET shows the young person's contact for nudges; POST saves or removes it, keeping what was typed on error."""

    path = PATH
    guards = [child_only]
    include_in_schema = False

    @get("/")
    async def show(self, request: User, conn: Conn, done: FromQuery[str] = "") -> Template:
        current = await queries.nudge_contact(conn, request.user.id)
        typed = {"email": current.email or "", "phone": _shown(current.phone)}
        done = done if done in {"saved", "removed"} else ""
        return _page(request, language(request), current, typed=typed, done=done)

    @post("/", status_code=303, opt={KEEPS_WORDS: True})
    async def change(self, request: User, conn: Conn) -> Response[Any] | Template:
        ui = language(request)
        fields = await read_form(request)
        current = await queries.nudge_contact(conn, request.user.id)
        if not current.offered:
            return _page(request, ui, current, typed={}, status=403)
        if first(fields, "remove"):
            await save(conn, request.user, Contact())
            return Redirect(path=f"{PATH}?done=removed", status_code=303)
        typed = {"email": first(fields, "email"), "phone": first(fields, "phone")}
        contact, problems = check(typed["email"], typed["phone"])
        problems.update({name: f"error.{code}" for name, code in form_problems(request) if name in typed})
        if problems:
            errors = {name: ui.gettext(key) for name, key in problems.items()}
            return _page(request, ui, current, typed=typed, errors=errors, status=400)
        await save(conn, request.user, contact)
        gone = contact.email is None and contact.phone is None
        return Redirect(path=f"{PATH}?done={'removed' if gone else 'saved'}", status_code=303)


def _shown(phone: str | None) -> str:
    """A kept +447400123456 as a young person writes it: 07400 123456."""
    if not phone:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(phone, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL)


def _page(
    request: User,
    ui: Words,
    current: queries.NudgeContact,
    *,
    typed: dict[str, str],
    errors: dict[str, str] | None = None,
    done: str = "",
    status: int = 200,
) -> Template:
    context = child_page(request, request.user, ui=ui, current=current, typed=typed, errors=errors or {}, done=done)
    return Template("capture/message_nudge.html", context=context, status_code=status)
