"""Heard's theming pipeline: redaction, safeguarding screen, themes, sentiment, language and topics.

Text in, msgspec Structs out; nothing here knows about HTTP or the database.
"""

from nlp._redact import redact
from nlp._screen import screen
from nlp.analyser import Analyser, ModelNotFound
from nlp.schemas import Analysis, Safeguarding, Screen

__all__ = ["Analyser", "Analysis", "ModelNotFound", "Safeguarding", "Screen", "redact", "screen"]
