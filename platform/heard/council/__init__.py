"""Council set-up: creating a council, its settings, its staff, and children's replacement access codes."""

from heard.council._stored import quarter_convention, reply_target_days, safeguarding_for

__all__ = ["quarter_convention", "reply_target_days", "safeguarding_for"]
