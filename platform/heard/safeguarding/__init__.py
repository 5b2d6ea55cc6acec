"""Safeguarding alerts: raised with the submission, routed to a person, escalated on time, never lost.

``in_office_hours`` and ``next_opening`` say when the duty team is in, for anything that tells a child who will
read what they sent and when.
"""

from heard.safeguarding._schedule import closes_at, in_office_hours, next_opening

__all__ = ["closes_at", "in_office_hours", "next_opening"]
