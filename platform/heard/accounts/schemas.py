"""Who is asking: the principal behind a request, and the sign-in payloads."""

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


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """A signed-in staff member or child; `roles` is empty for a child."""

    kind: Literal["staff", "child"]
    id: int
    council_id: int
    name: str
    roles: tuple[str, ...] = ()
    totp_passed: bool = True
    totp_enrolled: bool = False
    totp_required: bool = False  # the council requires an authenticator for one of this person's roles
    session_hash: bytes = b""

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    def has_role(self, *roles: str) -> bool:
        return self.kind == "staff" and any(r in self.roles for r in roles)

    @property
    def needs_totp(self) -> bool:
        """Admins, and roles the council names, must use TOTP; anyone who enrolled must pass it."""
        must = self.totp_enrolled or self.totp_required or "admin" in self.roles
        return self.kind == "staff" and not self.totp_passed and must


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
