"""Who is signed in: the Principal the session puts on every request, read by the web edge, audit and domains.

It lives apart from `heard.accounts` (which signs people in and out) so that the web edge and the audit log can
name it without importing the accounts package, which itself builds on both.
"""

from __future__ import annotations

from typing import Literal

import msgspec


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
