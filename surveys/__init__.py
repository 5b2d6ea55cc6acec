"""Capture: survey definitions, the built-in instruments, and turning children's answers into typed data.

Answers are stored in one shape, written and read only through ``store_answers`` and
``read_answers`` (see ``_stored.py``). Instruments are TOML files under ``instruments/<id>/v<version>.toml``; see
``instruments/README.md`` for the format. Templates live in ``TEMPLATE_DIR``
(``surveys/_questions.html``) and the browser scripts and styles in ``STATIC_DIR``.
"""

from pathlib import Path

from ._answers import alerting_choices, themed_text, validate_answers, visible_questions
from ._export import export_columns, export_row
from ._loader import DefinitionError, builtin_instruments, latest, load_instrument
from ._shown import Shown, ShownAnswer, show_submission, shown_sections, typed_words
from ._stored import StoredValue, adult_instruments, instrument_version, read_answers, store_answers
from .schemas import Answer, FieldError, Instrument, Question

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "Answer",
    "DefinitionError",
    "FieldError",
    "Instrument",
    "Question",
    "Shown",
    "ShownAnswer",
    "StoredValue",
    "adult_instruments",
    "alerting_choices",
    "builtin_instruments",
    "export_columns",
    "export_row",
    "instrument_version",
    "latest",
    "load_instrument",
    "read_answers",
    "show_submission",
    "shown_sections",
    "store_answers",
    "themed_text",
    "typed_words",
    "validate_answers",
    "visible_questions",
]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
