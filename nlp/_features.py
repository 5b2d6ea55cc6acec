"""Text features: TF-IDF word and character n-grams of the normalised, redacted text (every model reads them) and
sentiment cues (negation scope, polarity, contrast; the sentiment model alone reads them)."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from nlp._cues import cue_tokens

# The stock English list drops words that carry meaning here: negation ("not", "no", "nothing", "never",
# "nobody"), being alone ("alone", "without"), and pronouns that tell self from others ("myself", "me", "he").
KEEP = frozenset(
    [
        "not",
        "no",
        "nor",
        "nothing",
        "never",
        "nobody",
        "none",
        "noone",
        "cannot",
        "cant",
        "alone",
        "without",
        "against",
        "off",
        "out",
        "up",
        "down",
        "back",
        "again",
        "myself",
        "me",
        "my",
        "i",
        "he",
        "she",
        "they",
        "him",
        "her",
        "himself",
        "herself",
        "themselves",
        "home",
        "still",
        "anyone",
        "everyone",
        "someone",
        "something",
        "always",
        "often",
        "more",
        "less",
        "very",
        "too",
        "enough",
        "few",
        "only",
        "all",
        "afraid",
        "empty",
        "fire",
        "call",
    ]
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS - KEEP)
TOKEN_PATTERN = r"(?u)\b\w[\w']*\b"  # noqa: S105 (a regex, not a secret)


def make_vectoriser() -> FeatureUnion:
    """An unfitted word (1-2) + character (2-5, within words) + sentiment-cue TF-IDF union; vocabularies capped so
    the saved model stays quick to load. The cue block comes last (see :meth:`Vectoriser.columns`)."""
    words = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        max_features=15000,
        sublinear_tf=True,
        stop_words=STOP_WORDS,
        dtype=np.float32,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=3, max_features=25000, sublinear_tf=True, dtype=np.float32
    )
    cues = TfidfVectorizer(analyzer=cue_tokens, min_df=2, sublinear_tf=True, dtype=np.float32)
    return FeatureUnion([("words", words), ("chars", chars), ("cues", cues)])
