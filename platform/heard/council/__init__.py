"""Council set-up: creating a council, its settings, its staff, and children's replacement access codes."""

from heard.council._stored import safeguarding_for

__all__ = ["safeguarding_for"]
