"""Emerging topics: NMF over a period's redacted texts, matched against the previous period's topics.

A current topic matches a previous one when the cosine similarity of their term-weight vectors is at least
``MATCH_COSINE``. Shares compare like with like: both periods' texts are assigned to the *current* topics.
A topic is ``emerging`` when it has at least ``MIN_ITEMS`` texts and its share grew by ``GROWTH`` or more, or it
matches no previous topic.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from nlp._features import TOKEN_PATTERN
from nlp._normalise import normalise
from nlp._redact import redact

MIN_ITEMS = 10
GROWTH = 1.5
MATCH_COSINE = 0.3
MAX_TOPICS = 12
_PLACEHOLDERS = ["name", "phone", "email", "postcode", "address", "school", "handle"]
_EXTRA_STOP = [
    "just",
    "really",
    "like",
    "want",
    "get",
    "got",
    "know",
    "don't",
    "i'm",
    "can",
    "also",
    "tbh",
    "lol",
    "please",
    "thing",
    "things",
    "bit",
    "oh",
    "btw",
    "need",
    "would",
    "make",
    "going",
    "i've",
    "can't",
    "it's",
    "that's",
    "my",
    "not",
    "just",
]


class Topic(msgspec.Struct, frozen=True):
    """One topic of the current period."""

    label: str
    terms: tuple[str, ...]
    quotes: tuple[str, ...]
    size: int
    share: float
    previous_share: float
    growth: float | None
    matched_previous: bool
    emerging: bool


def _topic_count(n: int) -> int:
    return int(min(MAX_TOPICS, max(2, round(np.sqrt(n / 4)))))


def _fit(x: np.ndarray, n_docs: int) -> NMF:
    model = NMF(
        n_components=min(_topic_count(n_docs), x.shape[1], n_docs), init="nndsvda", random_state=0, max_iter=400
    )
    with np.errstate(invalid="ignore"):  # sqrt of a rounding-error negative when the fit is exact
        return model.fit(x)


def _shares(weights: np.ndarray, k: int) -> np.ndarray:
    if weights.shape[0] == 0:
        return np.zeros(k)
    assigned = weights.argmax(axis=1)[weights.max(axis=1) > 0]
    shares: np.ndarray = np.bincount(assigned, minlength=k) / max(weights.shape[0], 1)
    return shares


def _matches(current: NMF, previous: NMF | None) -> np.ndarray:
    if previous is None:
        return np.zeros(current.components_.shape[0], dtype=bool)
    a = current.components_ / (np.linalg.norm(current.components_, axis=1, keepdims=True) + 1e-12)
    b = previous.components_ / (np.linalg.norm(previous.components_, axis=1, keepdims=True) + 1e-12)
    return np.asarray((a @ b.T).max(axis=1) >= MATCH_COSINE)


def _quotes(weights: np.ndarray, topic: int, texts: Sequence[str]) -> tuple[str, ...]:
    order = np.argsort(-weights[:, topic], kind="stable")
    quotes: list[str] = []
    for i in order:
        if weights[i, topic] <= 0 or weights[i].argmax() != topic or len(quotes) == 5:
            break
        quote = texts[i] if len(texts[i]) <= 240 else texts[i][:237].rstrip() + "..."
        if quote not in quotes:
            quotes.append(quote)
    return tuple(quotes)


def find_topics(current: list[str], previous: list[str]) -> list[Topic]:
    """Topics of ``current`` (redacted again before use), largest first, each marked emerging or not."""
    texts = [redact(t) for t in current if t.strip()]
    prev = [redact(t) for t in previous if t.strip()]
    if len(texts) < 5:
        return []
    vectoriser = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.6,
        stop_words=sorted({*ENGLISH_STOP_WORDS, *_PLACEHOLDERS, *_EXTRA_STOP}),
        sublinear_tf=True,
    )
    try:
        x = vectoriser.fit_transform([normalise(t).text for t in [*texts, *prev]])
    except ValueError:  # nothing left after stop words and min_df
        return []
    x_cur, x_prev = x[: len(texts)], x[len(texts) :]
    model = _fit(x_cur, len(texts))
    prev_model = _fit(x_prev, len(prev)) if len(prev) >= 5 and x_prev.nnz else None
    w_cur, w_prev = model.transform(x_cur), model.transform(x_prev) if len(prev) else np.zeros((0, model.n_components_))
    shares, prev_shares = _shares(w_cur, model.n_components_), _shares(w_prev, model.n_components_)
    matched = _matches(model, prev_model)
    terms = vectoriser.get_feature_names_out()
    topics = []
    for k in range(model.n_components_):
        top = tuple(str(terms[j]) for j in np.argsort(-model.components_[k], kind="stable")[:6])
        size = round(float(shares[k]) * len(texts))
        growth = float(shares[k] / prev_shares[k]) if prev_shares[k] > 0 else None
        grew = growth is None or growth >= GROWTH
        topics.append(
            Topic(
                label=", ".join(top[:3]),
                terms=top,
                quotes=_quotes(w_cur, k, texts),
                size=size,
                share=round(float(shares[k]), 4),
                previous_share=round(float(prev_shares[k]), 4),
                growth=None if growth is None else round(growth, 3),
                matched_previous=bool(matched[k]),
                emerging=size >= MIN_ITEMS and (grew or not matched[k]),
            )
        )
    return sorted((t for t in topics if t.size > 0), key=lambda t: -t.size)
