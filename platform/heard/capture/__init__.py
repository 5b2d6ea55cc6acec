"""Capture over HTTP: children's statements and surveys, drafts, messages, anonymous links, survey openings.

``message_title`` and ``not_found_page`` word a child's things for the composite My messages
page (heard.composite), which also shows reporting's published updates.
"""

from heard.capture._pages import message_title, not_found_page

__all__ = ["message_title", "not_found_page"]
