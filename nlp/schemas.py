"""The Structs nlp returns: Safeguarding (also the fast Screen's result) and Analysis.

The one vocabulary of analysis: theme, sentiment, level and category ids are written here and nowhere else (their
names for people are the message catalogues' ``theme.<id>`` entries).
"""

from __future__ import annotations

from typing import Literal, get_args

import msgspec

Theme = Literal[
    "family_contact",
    "placement",
    "social_worker",
    "education_work",
    "health_wellbeing",
    "safety",
    "leaving_care",
    "being_heard",
    "identity",
    "friends_activities",
    "money",
]
Sentiment = Literal["positive", "negative", "mixed", "neutral"]
Level = Literal["none", "concern", "urgent"]

THEMES: tuple[str, ...] = get_args(Theme)
SENTIMENTS: tuple[str, ...] = get_args(Sentiment)
LEVELS: tuple[Level, ...] = get_args(Level)
CATEGORIES = ("abuse", "self_harm", "exploitation", "missing", "neglect", "violence")


class Safeguarding(msgspec.Struct, frozen=True):
    """Safeguarding level, categories, and the phrases from the text that caused the hit."""

    level: Level = "none"
    categories: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()


# The in-request rule screen returns the same shape.
Screen = Safeguarding


class Analysis(msgspec.Struct, frozen=True):
    """Everything the worker stores about one text."""

    themes: tuple[str, ...]
    sentiment: str
    safeguarding: Safeguarding
    redacted: str
    language: str
    needs_translation: bool
    model_version: str
