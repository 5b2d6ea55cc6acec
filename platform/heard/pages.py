"""Pages everyone shares: home, help and the accessibility statement."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from heard.council import services as council_services
from heard.i18n import DEFAULT, catalogue
from heard.inbox import services as conversations
from heard.principal import Principal
from heard.translation import services as reading
from heard.translation.controllers import READERS
from heard.web.dependencies import Conn
from heard.web.guards import roles, signed_in
from heard.web.pages import child_page, staff_page

# Each staff role's starting points; the pages themselves belong to their domains.
STAFF_LINKS: dict[str, list[tuple[str, str]]] = {
    "worker": [
        ("/staff/inbox", "Statements from children allocated to you"),
        ("/staff/reading", "Messages waiting to be read by a person"),
        ("/staff/children", "Your children's access cards"),
    ],
    "iro": [
        ("/staff/reviews", "Views for reviews you chair"),
        ("/staff/reading", "Messages waiting to be read by a person"),
    ],
    "duty_officer": [
        ("/staff/alerts", "Safeguarding duty queue"),
        ("/staff/reading", "Messages waiting to be read by a person"),
    ],
    "duty_manager": [
        ("/staff/alerts", "Safeguarding duty queue"),
        ("/staff/alerts/oversight", "Alert oversight"),
        ("/staff/reading", "Messages waiting to be read by a person"),
    ],
    "head_of_service": [("/staff/alerts/oversight", "Alert oversight")],
    "complaints_officer": [("/staff/complaints", "Complaints"), ("/staff/advocacy", "Requests for an advocate")],
    "participation_officer": [
        ("/dashboards/cicc", "Children in Care Council dashboard"),
        ("/staff/surveys", "Surveys and response rates"),
        ("/staff/advocacy", "Requests for an advocate"),
    ],
    "cicc_member": [("/dashboards/cicc", "Children in Care Council dashboard")],
    "board_member": [("/dashboards/board", "Corporate Parenting Board dashboard")],
    "admin": [("/admin", "Administration")],
}


@get("/home", guards=[signed_in], include_in_schema=False)
async def home(request: Request[Principal, Any, Any], conn: Conn) -> Template:
    user = request.user
    links = [link for role in user.roles for link in STAFF_LINKS.get(role, [])]
    unique = list(dict.fromkeys(links))
    if not user.is_staff:
        unread = sum((await conversations.unread_for_child(conn, user)).values())
        return Template("home_child.html", context=child_page(request, user, unread=unread))
    waiting = await reading.count(conn, user) if user.has_role(*READERS) else None
    return Template(
        "home_staff.html", context={**staff_page(user), "links": unique, "reading": waiting, "t": catalogue("en")}
    )


ADMIN_LINKS = [
    ("/admin/council", "Council settings"),
    ("/admin/staff", "Staff: invite, roles, passwords, authenticators"),
    ("/admin/onboarding", "Import children, staff and allocations"),
    ("/staff/surveys", "Surveys and response rates"),
    ("/admin/privacy", "Privacy requests and subject access"),
    ("/admin/audit", "Search the audit log"),
    ("/admin/retention", "What retention will delete"),
]


@get("/admin", guards=[roles("admin")], include_in_schema=False)
async def admin(request: Request[Principal, Any, Any]) -> Template:
    return Template("admin.html", context={**staff_page(request.user), "links": ADMIN_LINKS})


@get("/help", include_in_schema=False)
async def help_page(request: Request[Any, Any, Any]) -> Template:
    return Template("help.html", context=child_page(request))


# When this statement was written and last checked against the service (the regulations ask for both).
STATEMENT_PREPARED = date(2026, 12, 7)


@get("/accessibility", include_in_schema=False)
async def accessibility(request: Request[Any, Any, Any], conn: Conn, council: FromQuery[str | None] = None) -> Template:
    """The accessibility statement: public, and about the council named (``?council=slug``), the signed-in
    person's, or the only one there is."""
    contact = await council_services.public_contact(conn, council, request.scope.get("user"))
    prepared = STATEMENT_PREPARED.strftime("%-d %B %Y")
    return Template(
        "accessibility.html", context=child_page(request, en=catalogue(DEFAULT), council=contact, prepared=prepared)
    )


ROUTE_HANDLERS = [home, help_page, accessibility, admin]
