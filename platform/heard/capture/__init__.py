"""Capture over HTTP: children's statements and surveys, drafts, messages, anonymous links, survey openings.

``message_title`` and ``not_found_page`` word a child's things for the composite My messages
page (heard.composite), which also shows reporting's published updates; ``nudge_contact`` says whether it offers
the link to be told of new messages by text or email.
"""

from heard.capture._pages import message_title, not_found_page
from heard.capture.queries import nudge_contact

__all__ = ["message_title", "not_found_page", "nudge_contact"]
