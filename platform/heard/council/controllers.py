"""Council set-up pages: settings and staff for admins, the set-password link, recovery codes, new access codes."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import msgspec
import segno
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from heard import errors, settings
from heard.accounts import services as accounts
from heard.accounts.access import require_child_access
from heard.accounts.schemas import ROLES
from heard.accounts.secrets import totp_uri
from heard.council import services
from heard.council.schemas import BoardMeasure, CouncilSettings, Invite, StaffChange
from heard.i18n import DEFAULT, catalogue
from heard.principal import Principal
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn, MeasureTitles
from heard.web.forms import Fields, first, read_form, single, step_or_page, to_struct
from heard.web.guards import roles, staff_only
from heard.web.pages import staff_page

STAFF_WORDS = catalogue(DEFAULT)  # staff pages are in English
ROLE_LABELS = {role: STAFF_WORDS.gettext(f"staff.role.{role}") for role in ROLES}
# What the settings page asks for each of the Board's measures (the form's field names end with these).
MEASURE_FIELDS = ("goal", "target_percent", "national_percent", "national_source", "national_year")
MEASURE_HELP = {
    "goal": "The goal for '{title}' can be at most 500 characters.",
    "target_percent": "The target for '{title}' must be a percentage from 0 to 100, like 75.",
    "national_percent": "The national figure for '{title}' must be a percentage from 0 to 100, like 82.5.",
    "national_source": "The source of the national figure for '{title}' can be at most 300 characters.",
    "national_year": "The year of the national figure for '{title}' must be a year, like 2024 or 2024-25.",
}


def _page(user: Principal, **extra: Any) -> dict[str, Any]:
    return {**staff_page(user), "role_labels": ROLE_LABELS, **extra}


def _text(form: Fields, name: str, most: int = 1000) -> str:
    return first(form, name).strip()[:most]


def _roles(form: Fields) -> list[str]:
    chosen = form.get("roles", [])
    unknown = [r for r in chosen if r not in ROLES]
    if unknown:
        raise errors.Invalid(_not_a_role(unknown[0]), field="roles")
    if not chosen:
        raise errors.Invalid(STAFF_WORDS.gettext("staff.invalid.no_role"), field="roles")
    return chosen


def _not_a_role(value: str) -> str:
    """A role the form does not offer (a forged or stale form), named with the roles it does, as the page names them."""
    return STAFF_WORDS.gettext("staff.invalid.role", value=value[:40], roles=", ".join(ROLE_LABELS.values()))


def _convert(values: dict[str, Any], kind: type[Any], help_: dict[str, str]) -> Any:
    """The form's values as the Struct, or Invalid naming the field, in the page's own words where it has some."""
    try:
        return to_struct(kind, values)
    except errors.Invalid as exc:
        name = (exc.field or "").split(".")[0]
        raise errors.Invalid(help_.get(name, exc.message), field=name or None) from None


STAFF_HELP = {
    "email": "Enter an email address, like name@council.gov.uk.",
    "name": "Enter the person's name (up to 200 characters).",
    "team": "The team's name can be up to 200 characters.",
}


FIELD_HELP = {
    "name": "The council needs a name (up to 200 characters).",
    "emergency_duty_email": "The emergency duty team's email must be an email address, like edt@council.gov.uk.",
    "emergency_duty_phone": "Write the emergency duty team's phone number like 0300 123 4567.",
    "office_hours": "Write office hours like 'Mon-Fri 09:00-17:00'.",
    "urgent_ack_minutes": "Minutes must be a whole number from 1 to 1440.",
    "urgent_escalate_minutes": "Minutes must be a whole number from 1 to 1440.",
    "concern_ack_minutes": "Minutes must be a whole number from 1 to 1440.",
    "concern_escalate_minutes": "Minutes must be a whole number from 1 to 1440.",
    "reply_target_days": "The reply target must be a whole number of days from 1 to 60.",
    "quarter_convention": "Choose financial or calendar quarters.",
    "notify_email_template_id": "A GOV.UK Notify template id looks like 0f3c2b1a-1234-4cde-9abc-0123456789ab.",
    "notify_sms_template_id": "A GOV.UK Notify template id looks like 0f3c2b1a-1234-4cde-9abc-0123456789ab.",
    "notify_sms_numbers": "Write mobile numbers like 07700 900123, separated by commas.",
    "nudge_email_template_id": "A GOV.UK Notify template id looks like 0f3c2b1a-1234-4cde-9abc-0123456789ab.",
    "nudge_sms_template_id": "A GOV.UK Notify template id looks like 0f3c2b1a-1234-4cde-9abc-0123456789ab.",
    "teams_webhook_url": "The Teams webhook must be an https:// address.",
}


def _settings_from(form: Fields, measures: dict[str, str]) -> CouncilSettings:
    names = [
        f for f in CouncilSettings.__struct_fields__ if f not in {"totp_roles", "comparisons", "notify_sms_numbers"}
    ]
    values: dict[str, Any] = {name: _text(form, name) for name in names}
    values["totp_roles"] = form.get("totp_roles", [])
    if unknown := [r for r in values["totp_roles"] if r not in ROLES]:
        raise errors.Invalid(_not_a_role(unknown[0]), field="totp_roles")
    values["notify_sms_numbers"] = [n.strip() for n in _text(form, "notify_sms_numbers").split(",") if n.strip()]
    found = _convert({**values, "comparisons": []}, CouncilSettings, FIELD_HELP)
    return msgspec.structs.replace(found, comparisons=_measures_from(form, measures))  # type: ignore[no-any-return]


def _measures_from(form: Fields, measures: dict[str, str]) -> list[BoardMeasure]:
    """Each Board measure's goal, target and national figure as typed; a blank number is no figure."""
    found = []
    for key, title in measures.items():
        typed = {field: _text(form, f"measure-{key}-{field}") for field in MEASURE_FIELDS}
        values = {field: value for field, value in typed.items() if value or not field.endswith("_percent")}
        try:
            found.append(to_struct(BoardMeasure, {"measure": key, **values}))
        except errors.Invalid as exc:
            field = (exc.field or "").split(".")[0]
            message = MEASURE_HELP.get(field, "Check the figures for '{title}'.").format(title=title)
            raise errors.Invalid(message, field=f"measure-{key}-{field}") from None
    return found


class CouncilSettingsPages(Controller):
    """GET /admin/council shows the council's settings; POST saves them (each change audited)."""

    path = "/admin/council"
    guards = [roles("admin")]
    include_in_schema = False

    def _render(
        self,
        user: Principal,
        current: CouncilSettings,
        measures: dict[str, str],
        error: errors.HeardError | None,
        **extra: Any,
    ) -> Template:
        context = _page(
            user,
            settings=current,
            measures=measures,
            error=error.message if error else None,
            error_field=(error.field if error else None) or "name",
            **extra,
        )
        return Template("council/settings.html", context=context, status_code=400 if error else 200)

    @get("/")
    async def show(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        board_measure_titles: MeasureTitles,
        saved: FromQuery[int] = 0,
    ) -> Template:
        current = await services.council_settings(
            conn, request.user, settings.get().safeguarding, list(board_measure_titles)
        )
        return self._render(request.user, current, board_measure_titles, None, saved=bool(saved))

    @post("/", status_code=303, opt={READS_FORM: True})
    async def save(
        self, request: Request[Principal, Any, Any], conn: Conn, board_measure_titles: MeasureTitles
    ) -> Response[Any]:
        """`board_measure_titles`: the measures the Board shows, given by the assembly (reporting sits above)."""
        form = await read_form(request)
        safeguarding = settings.get().safeguarding

        async def save() -> None:
            data = _settings_from(form, board_measure_titles)
            await services.save_settings(conn, request.user, safeguarding, data)

        async def again(exc: errors.HeardError) -> Template:
            current = await services.council_settings(conn, request.user, safeguarding, list(board_measure_titles))
            return self._render(request.user, current, board_measure_titles, exc, typed=single(form))

        return await step_or_page(save(), done="/admin/council?saved=1", again=again, refused=(errors.Invalid,))


class StaffPages(Controller):
    """The council's staff: invite, change roles and team, allocate children, disable, reset."""

    path = "/admin/staff"
    guards = [roles("admin")]
    include_in_schema = False

    async def _list(self, request: Request[Principal, Any, Any], conn: Conn, **extra: Any) -> Template:
        people = await services.staff(conn, request.user)
        status = 400 if extra.get("error") else 200
        context = _page(request.user, people=people, roles=ROLES, **{"error": None, "typed": {}, **extra})
        return Template("council/staff.html", context=context, status_code=status)

    @get("/")
    async def index(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        return await self._list(request, conn)

    @post("/", status_code=200, opt={READS_FORM: True})
    async def invite(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        form = await read_form(request)
        typed = {k: _text(form, k) for k in ("email", "name", "team")} | {"roles": form.get("roles", [])}
        try:
            values = {
                "email": _text(form, "email"),
                "name": _text(form, "name"),
                "team": _text(form, "team"),
                "roles": _roles(form),
                "sso_only": first(form, "sso_only") == "1",
            }
            data = _convert(values, Invite, STAFF_HELP)
            link = await services.invite(conn, request.user, data, settings.get().app.base_url)
        except (errors.Invalid, errors.Conflict) as exc:
            return await self._list(request, conn, error=exc.message, error_field=exc.field or "email", typed=typed)
        context = _page(request.user, link=link, who=data.email, purpose="set_up")
        return Template("council/link.html", context=context)

    @get("/{staff_id:int}")
    async def show(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int], done: FromQuery[str] = ""
    ) -> Template:
        return await self._member(request, conn, staff_id, done=done)

    async def _member(self, request: Request[Principal, Any, Any], conn: Conn, staff_id: int, **extra: Any) -> Template:
        person = await services.member(conn, request.user, staff_id)
        status = 409 if extra.get("conflict") else 400 if extra.get("error") else 200
        context = _page(request.user, person=person, roles=ROLES, **{"error": None, **extra})
        return Template("council/member.html", context=context, status_code=status)

    async def _step(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: int, action: Any, done: str
    ) -> Response[Any]:
        def again(exc: errors.HeardError) -> Awaitable[Template]:
            if isinstance(exc, errors.Conflict):
                return self._member(request, conn, staff_id, error=exc.message, error_field="roles", conflict=True)
            return self._member(request, conn, staff_id, error=exc.message, error_field=exc.field or "roles")

        return await step_or_page(action(), done=f"/admin/staff/{staff_id}?done={done}", again=again)

    @post("/{staff_id:int}/roles", status_code=303, opt={READS_FORM: True})
    async def change(self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]) -> Response[Any]:
        form = await read_form(request)

        async def act() -> None:
            data = _convert({"roles": _roles(form), "team": _text(form, "team")}, StaffChange, STAFF_HELP)
            await services.change(conn, request.user, staff_id, data)

        return await self._step(request, conn, staff_id, act, "roles")

    @post("/{staff_id:int}/disable", status_code=303)
    async def disable(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]
    ) -> Response[Any]:
        async def act() -> None:
            await services.set_disabled(conn, request.user, staff_id, disabled=True)

        return await self._step(request, conn, staff_id, act, "disabled")

    @post("/{staff_id:int}/enable", status_code=303)
    async def enable(self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]) -> Response[Any]:
        async def act() -> None:
            await services.set_disabled(conn, request.user, staff_id, disabled=False)

        return await self._step(request, conn, staff_id, act, "enabled")

    @post("/{staff_id:int}/authenticator", status_code=303)
    async def reset_authenticator(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]
    ) -> Response[Any]:
        async def act() -> None:
            await services.reset_authenticator(conn, request.user, staff_id)

        return await self._step(request, conn, staff_id, act, "authenticator")

    @post("/{staff_id:int}/allocate", status_code=303, opt={READS_FORM: True})
    async def allocate(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]
    ) -> Response[Any]:
        form = await read_form(request)

        async def act() -> None:
            await services.allocate(conn, request.user, staff_id, _text(form, "reference", 200))

        return await self._step(request, conn, staff_id, act, "allocated")

    @post("/{staff_id:int}/password", status_code=200)
    async def reset_password(
        self, request: Request[Principal, Any, Any], conn: Conn, staff_id: FromPath[int]
    ) -> Template:
        try:
            link = await services.reset_password(conn, request.user, staff_id, settings.get().app.base_url)
        except errors.Conflict as exc:
            return await self._member(request, conn, staff_id, error=exc.message, error_field="roles", conflict=True)
        person = await services.member(conn, request.user, staff_id)
        return Template("council/link.html", context=_page(request.user, link=link, who=person.email, purpose="reset"))


def _qr(secret: str, email: str) -> str:
    return segno.make(totp_uri(secret, email), error="m").svg_inline(
        scale=4, title="QR code for your authenticator app"
    )


class SetUpPages(Controller):
    """The one-time link: choose a password and set up (or pass) an authenticator. No session needed."""

    path = "/staff/set-up"
    include_in_schema = False

    async def _render(self, conn: Conn, token: str, error: errors.HeardError | None) -> Template:
        try:
            pending = await services.open_link(conn, token)
        except errors.Invalid as exc:
            return Template("council/link_problem.html", context={"error": exc.message}, status_code=410)
        secret = await services.enrolment_secret(conn, pending)
        context = {
            "token": token,
            "email": pending.email,
            "enrol": secret is not None,
            "secret": secret,
            "qr_svg": _qr(secret, pending.email) if secret else "",
            "error": error.message if error else None,
            "error_field": (error.field if error else None) or "password",
            "min_password": services.MIN_PASSWORD,
        }
        return Template("council/set_up.html", context=context, status_code=400 if error else 200)

    @get("/{token:str}")
    async def show(self, conn: Conn, token: FromPath[str]) -> Template:
        return await self._render(conn, token, None)

    @post("/{token:str}", status_code=200, opt={READS_FORM: True})
    async def complete(self, request: Request[Any, Any, Any], conn: Conn, token: FromPath[str]) -> Template:
        form = await read_form(request)
        code = "".join(ch for ch in _text(form, "code") if ch.isdigit())[:6]
        try:
            recovery = await services.complete_set_up(
                conn, token, first(form, "password")[:1001], first(form, "confirm")[:1001], code
            )
        except errors.Invalid as exc:
            return await self._render(conn, token, exc)
        return Template("council/set_up_done.html", context={"recovery": recovery})


class RecoveryPages(Controller):
    """A recovery code instead of the authenticator at sign-in, and fresh codes for a signed-in member of staff."""

    path = "/staff/recovery-codes"
    include_in_schema = False

    @get("/use")
    async def use_form(self, request: Request[Any, Any, Any]) -> Template | Redirect:
        user = request.scope.get("user")
        if user is None or user.kind != "staff":
            return Redirect(path="/staff/sign-in")
        return Template("council/recovery_use.html", context={"error": None})

    @post("/use", status_code=303, opt={READS_FORM: True})
    async def use(self, request: Request[Any, Any, Any], conn: Conn) -> Response[Any]:
        code = _text(await read_form(request), "code", 40)
        user = request.scope.get("user")
        if user is None or user.kind != "staff":
            return Redirect(path="/staff/sign-in", status_code=303)

        async def again(exc: errors.HeardError) -> Template:
            return Template("council/recovery_use.html", context={"error": exc.message}, status_code=400)

        return await step_or_page(
            services.use_recovery_code(conn, user, code), done="/home", again=again, refused=(errors.Invalid,)
        )

    @post("/", status_code=200, guards=[staff_only])
    async def renew(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        codes = await services.new_recovery_codes(conn, request.user)
        return Template(
            "council/set_up_done.html", context={**staff_page(request.user), "recovery": codes, "renewed": True}
        )


@get("/staff/authenticator", guards=[staff_only], include_in_schema=False)
async def authenticator(request: Request[Principal, Any, Any], conn: Conn) -> Template:
    """Any member of staff may set up an authenticator, whether or not their council requires it of their role."""
    user = request.user
    context = _page(user, enrolled=user.totp_enrolled, secret=None, qr_svg="")
    if not user.totp_enrolled:
        secret = await accounts.start_totp_enrolment(conn, user)
        context |= {"secret": secret, "qr_svg": _qr(secret, await services.email_of(conn, user))}
    return Template("council/authenticator.html", context=context)


@get("/staff/children", guards=[staff_only], include_in_schema=False)
async def my_children(request: Request[Principal, Any, Any], conn: Conn) -> Template:
    children = await services.my_children(conn, request.user)
    return Template("council/my_children.html", context=_page(request.user, children=children))


class AccessCodePages(Controller):
    """A new access code for a child's lost card: the allocated worker or an admin; printable once."""

    path = "/staff/children/{child_id:int}/access-code"
    guards = [staff_only]
    include_in_schema = False

    @get("/")
    async def confirm(self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]) -> Template:
        await require_child_access(conn, request.user, child_id, action="issue_access_code", relations=("worker",))
        child = await services.child_for_card(conn, request.user, child_id)
        return Template("council/access_code.html", context=_page(request.user, child=child, code=None))

    @post("/", status_code=200)
    async def issue(self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]) -> Template:
        issued = await accounts.issue_access_code(conn, request.user, child_id)
        child = await services.child_for_card(conn, request.user, child_id)
        return Template("council/access_code.html", context=_page(request.user, child=child, code=issued.code))


ROUTE_HANDLERS = [
    CouncilSettingsPages,
    StaffPages,
    SetUpPages,
    RecoveryPages,
    AccessCodePages,
    my_children,
    authenticator,
]
