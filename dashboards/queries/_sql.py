"""SQL fragments every dashboard query shares: whose words are a child's, and whose are a parent's or carer's."""

from __future__ import annotations

import surveys

# Instrument ids match surveys.ID_PATTERN, so they are safe as SQL literals.
ADULTS = "array[" + ", ".join(f"'{i}'" for i in surveys.adult_instruments()) + "]::text[]"
"""The parents' and carers' instruments, as a SQL array literal."""

CHILDS = f"s.kind <> 'feedback' and coalesce(s.instrument, '') <> all({ADULTS})"
"""A submission `s` is a child's (never a parent's or carer's feedback)."""

FROM_ADULTS = f"(s.kind = 'feedback' or coalesce(s.instrument, '') = any({ADULTS}))"
"""A submission `s` is a parent's or carer's feedback, counted apart from every child's figure."""
