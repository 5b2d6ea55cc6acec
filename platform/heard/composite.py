"""Pages composed from several domains and from reporting: a child's My messages shows their statements and
surveys (capture), their complaints and the council's published "you said, we did" updates (dashboards).

Part of the assembly, beside app.py: it is the one place a child's page reads reporting, so no domain imports
`dashboards`.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

import dashboards
from heard import advocacy
from heard.capture import message_title, not_found_page, nudge_contact
from heard.complaints import services as complaint_services
from heard.errors import NotFound
from heard.inbox import services as conversations
from heard.principal import Principal
from heard.submissions import services as submissions
from heard.web.dependencies import Conn
from heard.web.guards import child_only
from heard.web.pages import child_page, language


class ChildMessagesPage(Controller):
    """My messages: what the child sent (with replies not read yet), their complaints, and what children changed."""

    include_in_schema = False
    exception_handlers = {NotFound: not_found_page}

    @get("/messages", guards=[child_only])
    async def messages(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        ui = language(request)
        mine = await submissions.list_own(conn, request.user)
        unread = await conversations.unread_for_child(conn, request.user)
        complaints = await complaint_services.child_view(conn, request.user.id)
        updates = await dashboards.updates_for_child(conn, request.user.council_id, request.user.id, ui.lang, limit=10)
        context = child_page(
            request,
            request.user,
            ui=ui,
            items=mine,
            titles={s.id: message_title(s.instrument, s.kind, ui) for s in mine},
            unread=unread,
            complaints=complaints,
            updates=updates,
            themes={u.id: ui.translate(u.theme_label) for u in updates},
            advocate_requests=await advocacy.for_child(conn, request.user.id),
            nudge=await nudge_contact(conn, request.user.id),
        )
        return Template("capture/messages.html", context=context)


ROUTE_HANDLERS = [ChildMessagesPage]
