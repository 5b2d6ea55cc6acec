"""Capture: survey definitions, the built-in instruments, and turning children's answers into typed data.

Instruments are TOML files under ``instruments/<id>/v<version>.toml``; see
``instruments/README.md`` for the format. Templates live in ``TEMPLATE_DIR``
(``surveys/_questions.html``) and the browser scripts and styles in ``STATIC_DIR``.
"""

from pathlib import Path

from ._answers import alerting_choices, themed_text, validate_answers, visible_questions
from ._export import export_columns, export_row
from ._loader import DefinitionError, builtin_instruments, latest, load_instrument
from .schemas import Answer, FieldError, Instrument, Question

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "Answer",
    "DefinitionError",
    "FieldError",
    "Instrument",
    "Question",
    "alerting_choices",
    "builtin_instruments",
    "export_columns",
    "export_row",
    "latest",
    "load_instrument",
    "themed_text",
    "validate_answers",
    "visible_questions",
]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
