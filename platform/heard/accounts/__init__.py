"""Accounts: staff and children signing in, sessions, roles and the allocation rule."""

from heard.accounts.schemas import ROLES

__all__ = ["ROLES"]
