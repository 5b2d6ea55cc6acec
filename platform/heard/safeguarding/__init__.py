"""Safeguarding alerts: raised with the submission, routed to a person, escalated on time, never lost."""
