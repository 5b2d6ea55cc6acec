"""Language identification: English unless the words clearly are not (short and text-speak answers stay English)."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from nlp._resources import lower_set, mapping

# Languages young people in English children's services most often write in (py3langid codes). Tigrinya is
# not in py3langid's model; Ge'ez script is reported as Amharic ("am").
LANGUAGES = (
    "en",
    "ar",
    "fa",
    "ps",
    "ku",
    "am",
    "sq",
    "vi",
    "ro",
    "pl",
    "ur",
    "pa",
    "bn",
    "pt",
    "es",
    "fr",
    "tr",
    "ru",
    "uk",
    "cy",
    "zh",
    "sw",
    "hi",
    "gu",
    "ta",
    "lt",
    "lv",
    "sk",
    "cs",
    "bg",
    "it",
    "de",
    "so",
)
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-zA-Z]")
_lock = threading.Lock()


@cache
def _english() -> frozenset[str]:
    return lower_set("common_words.txt") | frozenset(mapping("textspeak.tsv")) | lower_set("first_names.txt")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in LANGUAGES if lang in identifier.nb_classes])
    return identifier


def _classify(text: str) -> tuple[str, float]:
    with _lock:
        lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" when unsure."""
    words = _WORD.findall(text.lower())
    if not words:
        return "en"
    latin = len(words) if text.isascii() else sum(1 for w in words if _LATIN.match(w))
    if latin == len(words):
        known = _english()
        english = len([w for w in words if w in known]) / len(words)
        if english >= 0.75 or (len(words) <= 3 and english > 0):
            return "en"
    lang, prob = _classify(text)
    threshold = 0.5 if latin < len(words) / 2 else 0.9
    return lang if lang != "en" and prob >= threshold else "en"
