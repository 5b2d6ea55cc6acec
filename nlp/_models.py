"""The scikit-learn models: themes, sentiment and the safeguarding classifier, saved and loaded with skops."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeAlias

import msgspec
import numpy as np
import skops.io as sio
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from nlp._features import make_vectoriser
from nlp.schemas import CATEGORIES, SENTIMENTS, THEMES

MODEL_FILE = "models.skops"
# Everything models.skops may contain beyond skops' defaults; loading refuses any other type.
TRUSTED_TYPES = [
    "collections.defaultdict",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
]


class Thresholds(msgspec.Struct, frozen=True):
    """Decision thresholds tuned by grouped cross-validation."""

    themes: tuple[float, ...]
    categories: tuple[float, ...]
    flag: float
    urgent: float


class Probabilities(msgspec.Struct, frozen=True):
    """Model outputs for a batch (rows follow the input texts)."""

    themes: Any
    sentiment: Any
    flag: Any
    urgent: Any
    categories: Any


def _logistic(c: float, solver: str = "liblinear") -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", solver=solver, max_iter=3000, random_state=0)


def label_matrix(rows: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """Multi-hot matrix of label lists."""
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), dtype=np.int64)
    for r, row in enumerate(rows):
        for label in row:
            y[r, index[label]] = 1
    return y


class Targets(msgspec.Struct, frozen=True):
    """Training labels, as arrays."""

    themes: Any
    sentiment: Any
    flag: Any
    urgent: Any
    categories: Any


# One binary model per label; a label with a single class in the training data is a constant probability.
Column: TypeAlias = LogisticRegression | float


def _compact(model: LogisticRegression) -> LogisticRegression:
    """float32 weights: half the memory and file size, the same decisions."""
    model.coef_ = model.coef_.astype(np.float32)
    return model


def fit_binary(x: csr_matrix, y: np.ndarray) -> Column:
    """A class-weighted logistic regression, or the constant rate when ``y`` has one class only."""
    if len(np.unique(y)) < 2:
        return float(y.mean()) if len(y) else 0.0
    return _compact(_logistic(4.0).fit(x, y))


def fit_columns(x: csr_matrix, y: np.ndarray) -> list[Column]:
    """One binary model per column of a multi-hot matrix."""
    return [fit_binary(x, y[:, j]) for j in range(y.shape[1])]


def proba(model: Column, x: csr_matrix) -> np.ndarray:
    """Probability of the positive class."""
    if isinstance(model, float):
        return np.full(x.shape[0], model)
    return np.asarray(model.predict_proba(x)[:, 1])


class Models:
    """One vectoriser feeding the linear models."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self.vectoriser: FeatureUnion = parts["vectoriser"]
        self.themes: list[Column] = parts["themes"]
        self.sentiment: LogisticRegression = parts["sentiment"]
        self.flag: Column = parts["flag"]
        self.urgent: Column = parts["urgent"]
        self.categories: list[Column] = parts["categories"]

    @classmethod
    def fit(cls, texts: Sequence[str], y: Targets) -> Models:
        """Fit every part on feature texts (normalised, redacted)."""
        vectoriser = make_vectoriser()
        x = vectoriser.fit_transform(texts)
        parts: dict[str, Any] = {
            "vectoriser": vectoriser,
            "themes": fit_columns(x, y.themes),
            "sentiment": _compact(_logistic(2.0, "lbfgs").fit(x, y.sentiment)),
            "flag": fit_binary(x, y.flag),
            "urgent": fit_binary(x, y.urgent),
            "categories": fit_columns(x, y.categories),
        }
        return cls(parts)

    def predict(self, texts: Sequence[str]) -> Probabilities:
        """Probabilities for a batch of feature texts."""
        x: csr_matrix = self.vectoriser.transform(texts)
        return Probabilities(
            themes=np.column_stack([proba(m, x) for m in self.themes]),
            sentiment=self.sentiment.predict_proba(x),
            flag=proba(self.flag, x),
            urgent=proba(self.urgent, x),
            categories=np.column_stack([proba(m, x) for m in self.categories]),
        )

    def sentiment_labels(self) -> list[str]:
        """Sentiment names in the order of ``Probabilities.sentiment`` columns."""
        return [SENTIMENTS[int(c)] for c in self.sentiment.classes_]

    def word_weight(self, word: str) -> float:
        """The flag model's weight for a word feature (to explain a model-only flag)."""
        if isinstance(self.flag, float):
            return 0.0
        index = self.vectoriser.transformer_list[0][1].vocabulary_.get(word)
        return 0.0 if index is None else float(self.flag.coef_[0][index])

    def save(self, directory: Path) -> None:
        """Write ``models.skops`` byte-for-byte reproducibly (zip entries get a fixed timestamp)."""
        parts = {
            "vectoriser": self.vectoriser,
            "themes": self.themes,
            "sentiment": self.sentiment,
            "flag": self.flag,
            "urgent": self.urgent,
            "categories": self.categories,
        }
        (directory / MODEL_FILE).write_bytes(_stable_zip(sio.dumps(parts)))

    @classmethod
    def load(cls, directory: Path) -> Models:
        """Load ``models.skops`` trusting only :data:`TRUSTED_TYPES` (never pickle)."""
        # skops refuses (raises) if the file holds any type outside the list.
        return cls(sio.loads((directory / MODEL_FILE).read_bytes(), trusted=TRUSTED_TYPES))


_IDS = re.compile(r'("__id__": |"file": ")(\d+)')


def _stable_zip(data: bytes) -> bytes:
    """Re-pack a skops archive reproducibly: object ids (used as memo keys and array file names) become sequence
    numbers in order of appearance, entries are sorted and carry a fixed timestamp."""
    src = zipfile.ZipFile(io.BytesIO(data))
    schema = src.read("schema.json").decode()
    numbers: dict[str, str] = {}
    for m in _IDS.finditer(schema):
        numbers.setdefault(m.group(2), str(len(numbers) + 1))
    schema = _IDS.sub(lambda m: m.group(1) + numbers[m.group(2)], schema)
    entries = {"schema.json": schema.encode()}
    for name in src.namelist():
        stem, dot, ext = name.partition(".")
        if name != "schema.json":
            entries[f"{numbers.get(stem, stem)}{dot}{ext}"] = src.read(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, entries[name])
    return out.getvalue()


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
