"""What an administrator sends and reads when setting up a council and its staff."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from heard.accounts.schemas import Email, Role

Minutes = Annotated[int, msgspec.Meta(ge=1, le=24 * 60)]
Text = Annotated[str, msgspec.Meta(max_length=300)]
_DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
OfficeHours = Annotated[str, msgspec.Meta(pattern=rf"^{_DAY}-{_DAY} \d\d:\d\d-\d\d:\d\d$")]
QuarterConvention = Literal["financial", "calendar"]
TemplateId = Annotated[str, msgspec.Meta(pattern=r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$")]
PhoneNumber = Annotated[str, msgspec.Meta(pattern=r"^\+?[0-9 ]{10,16}$")]

# Roles whose holders read a child's words: by default they must use an authenticator.
READS_WORDS = ("worker", "iro", "duty_officer", "duty_manager", "head_of_service", "complaints_officer", "admin")


Percent = Annotated[float, msgspec.Meta(ge=0, le=100)]


class BoardMeasure(msgspec.Struct, frozen=True, kw_only=True):
    """One measure the Corporate Parenting Board sees: the council's goal and target, and the national figure
    beside it with where it came from. Stored in `board_measures`, the one place the Board reads them from."""

    measure: str  # a key of the Board's measures (the page offers exactly those)
    goal: Annotated[str, msgspec.Meta(max_length=500)] = ""
    target_percent: Percent | None = None
    national_percent: Percent | None = None
    national_source: Text = ""
    national_year: Annotated[str, msgspec.Meta(pattern=r"^((19|20)\d\d([-/]\d\d)?)?$")] = ""


class CouncilSettings(msgspec.Struct, frozen=True, kw_only=True):
    """A council's own details and targets; also what the settings form sends."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    logo_text: Text = ""
    advocacy_contact: Text = ""
    accessibility_contact: Text = ""  # where a person reports an accessibility problem (the statement shows it)
    emergency_duty_email: Annotated[str, msgspec.Meta(max_length=254, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")] = ""
    emergency_duty_phone: Annotated[str, msgspec.Meta(max_length=40, pattern=r"^[0-9 +()-]*$")] = ""
    office_hours: OfficeHours = "Mon-Fri 09:00-17:00"
    urgent_ack_minutes: Minutes = 15
    urgent_escalate_minutes: Minutes = 60
    concern_ack_minutes: Minutes = 240
    concern_escalate_minutes: Minutes = 1440
    reply_target_days: Annotated[int, msgspec.Meta(ge=1, le=60)] = 5
    quarter_convention: QuarterConvention = "financial"
    totp_roles: list[Role] = msgspec.field(default_factory=lambda: list(READS_WORDS))  # type: ignore[arg-type]
    comparisons: list[BoardMeasure] = msgspec.field(default_factory=list)  # one per Board measure
    notify_email_template_id: TemplateId = ""
    notify_sms_template_id: TemplateId = ""
    notify_sms_numbers: list[PhoneNumber] = msgspec.field(default_factory=list)
    nudge_email_template_id: TemplateId = ""
    """Notify templates for telling a young person a new message is waiting: ((message)) and ((link)), no more."""
    nudge_sms_template_id: TemplateId = ""
    teams_webhook_url: Annotated[
        str, msgspec.Meta(max_length=2000, pattern=r"^((https://|http://(127\.0\.0\.1|localhost)[:/])\S*)?$")
    ] = ""


class PublicContact(msgspec.Struct, frozen=True, kw_only=True):
    """What a public page may say of a council: its name and where to report an accessibility problem."""

    name: str
    accessibility_contact: str


class Invite(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A new member of staff: a set-password link, or single sign-on only."""

    email: Email
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    roles: Annotated[list[Role], msgspec.Meta(min_length=1)]
    team: Annotated[str, msgspec.Meta(max_length=200)] = ""
    sso_only: bool = False


class StaffChange(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """New roles and team for a member of staff."""

    roles: Annotated[list[Role], msgspec.Meta(min_length=1)]
    team: Annotated[str, msgspec.Meta(max_length=200)] = ""


class StaffMember(msgspec.Struct, frozen=True, kw_only=True):
    """One member of staff as the administrator sees them."""

    id: int
    email: str
    name: str
    roles: list[str]
    team: str
    disabled: bool
    totp_enrolled: bool
    sso_only: bool
    password_set: bool
    children: list[str] = msgspec.field(default_factory=list)


class LockedStaff(msgspec.Struct, frozen=True, kw_only=True):
    """A member of staff locked for a change: enough to tell whether the change would leave no administrator."""

    id: int
    roles: tuple[str, ...]
    disabled: bool


class SetUpLink(msgspec.Struct, frozen=True, kw_only=True):
    """A one-time link to set a password (and enrol an authenticator); shown once."""

    staff_id: int
    url: str
    expires_at: datetime


class PendingLink(msgspec.Struct, frozen=True, kw_only=True):
    """A set-password link being used: whose it is, and whether their authenticator is already set up."""

    staff_id: int
    council_id: int
    email: str
    purpose: str
    totp_secret: str | None
    totp_enrolled: bool
