"""The Structs nlp returns: Safeguarding (also the fast Screen's result) and Analysis."""

from __future__ import annotations

from typing import Literal

import msgspec

Level = Literal["none", "concern", "urgent"]

THEMES = (
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
)
SENTIMENTS = ("positive", "negative", "mixed", "neutral")
LEVELS: tuple[Level, ...] = ("none", "concern", "urgent")
CATEGORIES = ("abuse", "self_harm", "exploitation", "missing", "neglect", "violence")


class Safeguarding(msgspec.Struct, frozen=True):
    """Safeguarding level, categories, and the phrases from the text that caused the hit."""

    level: Level = "none"
    categories: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    # False when some of the text is in a language the screen cannot read: a person must read it.
    screened: bool = True


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
    screened: bool = True  # False: part of the text is in a language nlp cannot read (a person must)
    confirm: bool = False  # True: the rules and the model disagree, or the model is unsure: a person confirms
