"""A council's stored settings over the environment's defaults: what every reader of those settings calls."""

from __future__ import annotations

import asyncpg
import msgspec

from heard.settings import SafeguardingSettings

_SAFEGUARDING = """
select emergency_duty_email, emergency_duty_phone, office_hours, urgent_ack_minutes, urgent_escalate_minutes,
       concern_ack_minutes, concern_escalate_minutes, notify_email_template_id, notify_sms_template_id,
       notify_sms_numbers, teams_webhook_url
from council_settings where council_id = $1
"""


async def safeguarding_for(
    conn: asyncpg.Connection, council_id: int, defaults: SafeguardingSettings
) -> SafeguardingSettings:
    """The council's office hours, emergency duty email and phone, alert targets; else the environment's.

    The environment (HEARD_OFFICE_HOURS and the rest) only seeds a new council: once a council has saved its
    settings, they are the ones that route and escalate its alerts.
    """
    row = await conn.fetchrow(_SAFEGUARDING, council_id)
    if row is None:
        return defaults
    values = dict(row)
    values["notify_sms_numbers"] = tuple(values["notify_sms_numbers"])
    return msgspec.structs.replace(defaults, **values)
