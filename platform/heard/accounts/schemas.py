"""Staff roles, the sign-in payloads, and what accounts hand back: a session's own view, new codes, notices."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

ROLES = (
    "worker",
    "iro",
    "duty_officer",
    "duty_manager",
    "head_of_service",
    "complaints_officer",
    "participation_officer",
    "cicc_member",
    "board_member",
    "admin",
)
Role = Literal[
    "worker",
    "iro",
    "duty_officer",
    "duty_manager",
    "head_of_service",
    "complaints_officer",
    "participation_officer",
    "cicc_member",
    "board_member",
    "admin",
]


Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
AccessCode = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
TotpCode = Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")]


class StaffSignIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Staff sign-in: email and password, then a TOTP code when enrolled."""

    email: Email
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]


class ChildSignIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A child signs in with the personal code on their card."""

    code: AccessCode


class TotpCheck(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The six digits from an authenticator app."""

    code: TotpCode


class Me(msgspec.Struct, frozen=True, kw_only=True):
    """What a signed-in person may know about their own session."""

    kind: str
    id: int
    name: str
    roles: list[str]
    totp_required: bool


class IssuedCode(msgspec.Struct, frozen=True, kw_only=True):
    """A new access code, shown once to the worker who prints the card."""

    child_id: int
    code: str


class StaffNotice(msgspec.Struct, frozen=True, kw_only=True):
    """Something a member of staff should know about a child of theirs: so far, that their code is being guessed."""

    id: int
    kind: Literal["code_guessed"]
    child_id: int
    child_name: str
    created_at: datetime
