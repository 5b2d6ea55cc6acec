"""The linear models (themes, sentiment, safeguarding) over one shared TF-IDF vectoriser; fit, save, load, predict.

scikit-learn fits everything. What is saved is only data, in formats that cannot run code when read: the
vocabularies and settings as JSON (``models.json``) and the idf, weight and bias arrays as ``.npy`` files read
with ``allow_pickle=False``. Loading rebuilds a :class:`~nlp._vectorise.Vectoriser` and one weight matrix whose
columns are every head's outputs, so a batch costs one vectorisation and one sparse-dense product.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
from scipy.sparse import csr_matrix

from nlp._vectorise import BlockSpec, Vectoriser
from nlp.schemas import CATEGORIES, SENTIMENTS, THEMES

MODEL_FILE = "models.json"
FORMAT = 2


class Thresholds(msgspec.Struct, frozen=True):
    """Decision thresholds tuned by grouped cross-validation."""

    themes: tuple[float, ...]
    categories: tuple[float, ...]
    flag: float
    urgent: float
    # The flag threshold for a text with no English sentence (the lexicons read it; the model learnt these languages
    # from far fewer items). 1.0, as in a model trained before there was one, lets the model raise nothing there.
    foreign: float = 1.0
    # Added to the log-probability of each sentiment (SENTIMENTS order) before the largest is taken.
    sentiment: tuple[float, ...] = (0.0,) * len(SENTIMENTS)


class Probabilities(msgspec.Struct, frozen=True):
    """Model outputs for a batch (rows follow the input texts)."""

    themes: Any
    sentiment: Any
    flag: Any
    urgent: Any
    categories: Any


class Targets(msgspec.Struct, frozen=True):
    """Training labels, as arrays."""

    themes: Any
    sentiment: Any
    flag: Any
    urgent: Any
    categories: Any


class Layout(msgspec.Struct, frozen=True, kw_only=True):
    """What ``models.json`` holds besides arrays: the vectoriser's blocks and the meaning of each output column."""

    format: int
    blocks: tuple[BlockSpec, ...]
    sentiment_classes: tuple[str, ...]
    # Per output column: None for a fitted linear model, else the constant probability of a one-class label.
    constants: tuple[float | None, ...]


def label_matrix(rows: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """Multi-hot matrix of label lists."""
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), dtype=np.int64)
    for r, row in enumerate(rows):
        for label in row:
            y[r, index[label]] = 1
    return y


def _logistic(c: float, solver: str = "liblinear") -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", solver=solver, max_iter=3000, random_state=0)


def _binary(x: csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float, float | None]:
    """(weights, bias, constant): a class-weighted logistic regression (constant None), or the label's rate when
    ``y`` has one class only (weights zero)."""
    if len(np.unique(y)) < 2:
        return np.zeros(x.shape[1], np.float32), 0.0, float(y.mean()) if len(y) else 0.0
    model = _logistic(4.0).fit(x, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0]), None


def _sentiment(x: csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Multinomial weights (classes x features), biases and class names; a two-class fit is written as a softmax."""
    model = _logistic(2.0, "lbfgs").fit(x, y)
    coef, bias = model.coef_.astype(np.float32), model.intercept_.astype(np.float64)
    if coef.shape[0] == 1:
        coef, bias = np.vstack([-coef / 2, coef / 2]), np.array([-bias[0] / 2, bias[0] / 2])
    return coef, bias, tuple(SENTIMENTS[int(c)] for c in model.classes_)


class Models:
    """One vectoriser feeding every linear head through one weight matrix."""

    def __init__(self, layout: Layout, idfs: Sequence[np.ndarray], coef: np.ndarray, bias: np.ndarray) -> None:
        self.layout = layout
        self.vectoriser = Vectoriser(layout.blocks, idfs)
        self.coef = np.ascontiguousarray(coef, dtype=np.float32)  # features x outputs
        self.bias = np.asarray(bias, dtype=np.float64)
        n_themes, n_sent = len(THEMES), len(layout.sentiment_classes)
        self._sentiment = slice(n_themes, n_themes + n_sent)
        self._flag, self._urgent = n_themes + n_sent, n_themes + n_sent + 1
        self._categories = slice(n_themes + n_sent + 2, n_themes + n_sent + 2 + len(CATEGORIES))
        constants = np.array([np.nan if c is None else c for c in layout.constants], dtype=np.float64)
        self._constant = ~np.isnan(constants)
        self._constants = constants[self._constant]
        self._binary = np.ones(len(constants), dtype=bool)
        self._binary[self._sentiment] = False

    @classmethod
    def fit(cls, texts: Sequence[str], y: Targets) -> Models:
        """Fit every part on feature texts (normalised, redacted). The sentiment cues feed the sentiment model
        only: the other heads are fitted without them and get zero weights there."""
        from nlp._features import make_vectoriser

        union = make_vectoriser()
        x = union.fit_transform(texts).tocsr()
        vectoriser = Vectoriser.from_union(union)
        shared = vectoriser.columns(cues=False)
        xs = x[:, shared]

        def binary(target: np.ndarray) -> tuple[np.ndarray, float, float | None]:
            weights, b, constant = _binary(xs, target)
            full = np.zeros(x.shape[1], np.float32)
            full[shared] = weights
            return full, b, constant

        columns = [binary(y.themes[:, j]) for j in range(y.themes.shape[1])]
        sent_coef, sent_bias, classes = _sentiment(x, y.sentiment)
        tail = [binary(y.flag), binary(y.urgent), *(binary(y.categories[:, j]) for j in range(len(CATEGORIES)))]
        coef = np.vstack([*(c[0] for c in columns), sent_coef, *(c[0] for c in tail)]).T
        bias = np.array([*(c[1] for c in columns), *sent_bias, *(c[1] for c in tail)])
        constants = (*(c[2] for c in columns), *([None] * len(classes)), *(c[2] for c in tail))
        layout = Layout(format=FORMAT, blocks=vectoriser.specs, sentiment_classes=classes, constants=constants)
        return cls(layout, [b.idf for b in vectoriser.blocks], coef, bias)

    def predict(self, texts: Sequence[str]) -> Probabilities:
        """Probabilities for a batch of feature texts."""
        return self.predict_features(self.vectoriser.transform(texts))

    def predict_features(self, x: csr_matrix) -> Probabilities:
        """Probabilities for a TF-IDF matrix made by :attr:`vectoriser`."""
        scores = np.asarray(x @ self.coef, dtype=np.float64) + self.bias
        out = np.empty_like(scores)
        out[:, self._binary] = 1.0 / (1.0 + np.exp(-scores[:, self._binary]))
        sent = scores[:, self._sentiment]
        sent = np.exp(sent - sent.max(axis=1, keepdims=True))
        out[:, self._sentiment] = sent / sent.sum(axis=1, keepdims=True)
        out[:, self._constant] = self._constants
        return Probabilities(
            themes=out[:, : len(THEMES)],
            sentiment=out[:, self._sentiment],
            flag=out[:, self._flag],
            urgent=out[:, self._urgent],
            categories=out[:, self._categories],
        )

    def sentiment_labels(self) -> list[str]:
        """Sentiment names in the order of ``Probabilities.sentiment`` columns."""
        return list(self.layout.sentiment_classes)

    def stop_words(self) -> frozenset[str]:
        """The word block's stop words."""
        return frozenset(self.layout.blocks[0].stop_words)

    def word_weight(self, word: str) -> float:
        """The flag model's weight for a word feature (to explain a model-only flag)."""
        if self._constant[self._flag]:
            return 0.0
        index = self.vectoriser.block_vocabulary(0).get(word)
        return 0.0 if index is None else float(self.coef[index, self._flag])

    def save(self, directory: Path) -> None:
        """Write ``models.json`` and the ``.npy`` arrays (byte-for-byte reproducible)."""
        (directory / MODEL_FILE).write_bytes(msgspec.json.encode(self.layout))
        for i, block in enumerate(self.vectoriser.blocks):
            np.save(directory / f"idf_{i}.npy", block.idf, allow_pickle=False)
        np.save(directory / "coef.npy", self.coef, allow_pickle=False)
        np.save(directory / "bias.npy", self.bias, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> Models:
        """Load a directory written by :meth:`save` (plain data only: never pickle)."""
        layout = msgspec.json.decode((directory / MODEL_FILE).read_bytes(), type=Layout)
        if layout.format != FORMAT:
            raise ValueError(f"model format {layout.format} in {directory}; this code reads {FORMAT}: retrain")
        idfs = [np.load(directory / f"idf_{i}.npy", allow_pickle=False) for i in range(len(layout.blocks))]
        coef = np.load(directory / "coef.npy", allow_pickle=False)
        bias = np.load(directory / "bias.npy", allow_pickle=False)
        return cls(layout, idfs, coef, bias)


def targets(
    themes: Sequence[Sequence[str]],
    sentiments: Sequence[str],
    levels: Sequence[str],
    categories: Sequence[Sequence[str]],
) -> Targets:
    """Label arrays for :meth:`Models.fit`."""
    return Targets(
        themes=label_matrix(themes, THEMES),
        sentiment=np.array([SENTIMENTS.index(s) for s in sentiments]),
        flag=np.array([level != "none" for level in levels], dtype=np.int64),
        urgent=np.array([level == "urgent" for level in levels], dtype=np.int64),
        categories=label_matrix(categories, CATEGORIES),
    )
