"""A child's own request for an advocate: sent to the council's advocacy service, its progress seen by the child.

``for_child`` is what the composite My messages page shows of a child's requests.
"""

from heard.advocacy.services import for_child

__all__ = ["for_child"]
