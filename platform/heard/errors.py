"""Domain errors; only the HTTP layer maps them to status codes.

HeardError
├── ConfigurationError   settings are missing or malformed (never reaches HTTP)
├── Invalid              the input breaks a rule           → 400 / 422
├── Unauthorised         nobody is signed in               → 401
├── Forbidden            signed in, but not allowed        → 403
├── NotFound             no such thing, or not yours       → 404
├── Conflict             clashes with the current state    → 409
├── TooManyRequests      slow down                         → 429
└── Unavailable          a dependency is down              → 503
"""

from __future__ import annotations


class HeardError(Exception):
    """Base of every error Heard raises on purpose; `message` is safe to show a person."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConfigurationError(HeardError):
    """Settings are missing or malformed."""


class Invalid(HeardError):
    """The input breaks a rule; `field` names the part that is wrong."""


class Unauthorised(HeardError):
    """Nobody is signed in, or the session has ended."""


class Forbidden(HeardError):
    """Signed in, but this role may not do this."""


class NotFound(HeardError):
    """No such thing, or it is not the caller's to see (the two look the same on purpose)."""


class Conflict(HeardError):
    """The request clashes with the current state."""


class TooManyRequests(HeardError):
    """Too many attempts; `retry_after` says how long to wait, in seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(HeardError):
    """A dependency is down; nothing was stored."""
