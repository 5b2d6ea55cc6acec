"""Capture over HTTP: children's statements and surveys, drafts, messages, anonymous links, survey openings.

``language`` and ``page`` give any page a child reads their language, the language switcher and
the unchecked-translation notice (the home, sign-in and privacy pages use them too).
"""

from heard.capture._context import language, page

__all__ = ["language", "page"]
