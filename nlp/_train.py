"""Train the models: grouped cross-validation for thresholds and honest figures, then fit on everything."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from nlp._data import Item, read_items
from nlp._foreign import read, reads_english
from nlp._metrics import f1, macro_f1, safeguarding_rates
from nlp._models import Models, Probabilities, Thresholds, targets
from nlp._pipeline import build_pipeline
from nlp._redact import feature_text
from nlp._screen import RuleScreen
from nlp.schemas import CATEGORIES, SENTIMENTS, THEMES

FOLDS = 5
# Rules + model, measured out of fold on level-none items. The corpus's none items are now a third look-alikes
# written to be hard; at 6% the read evaluation sets found 87-93% of worries with only 6-9% of their hard negatives
# flagged, against targets of 95% and 10%, so the limit leans towards finding worries.
MAX_FALSE_FLAG_RATE = 0.08
# The same for text with no English sentence: its none items are fewer and mostly look-alikes written to be hard.
MAX_FALSE_FLAG_RATE_FOREIGN = 0.15
MIN_URGENT_PRECISION = 0.8  # for the model to raise a hit to urgent
_GRID = np.round(np.linspace(0.05, 0.95, 91), 2)
_OFFSETS = sorted(np.round(np.linspace(-1.0, 1.0, 21), 2), key=abs)  # smallest change first
_MIN_GAIN = 0.002  # an offset must raise out-of-fold sentiment macro-F1 by this much to be taken


def code_version() -> str:
    """Hash of the package's code and resources (not its data or model)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), *(p for p in (root / "resources").rglob("*") if p.is_file())]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def data_hash(paths: Sequence[Path]) -> str:
    """Hash of the training files' bytes, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sentence_groups(texts: Sequence[str]) -> np.ndarray:
    """Group items that share a sentence (the corpus composes items from shared fragments) for honest CV."""
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            key = re.sub(r"[^a-z ]", "", sentence.lower()).strip()
            if len(key.split()) >= 4:
                parent[find(i)] = find(first.setdefault(key, i))
    return np.array([find(i) for i in range(len(texts))])


def _best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    scores = [f1(y.astype(bool), p >= t) for t in _GRID]
    return float(_GRID[int(np.argmax(scores))])


def _flag_threshold(rule_flag: np.ndarray, gold_flag: np.ndarray, p: np.ndarray, limit: float) -> float:
    """The lowest threshold (most recall) keeping false flags on level-none items under the limit (1.0, the model
    raising nothing, when there are no level-none items to measure it on)."""
    none = ~gold_flag
    if not none.any():
        return 1.0
    for t in _GRID:
        flagged = rule_flag | (p >= t)
        if flagged[none].mean() <= limit:
            return float(t)
    return 1.0


def _urgent_threshold(rule_urgent: np.ndarray, gold_urgent: np.ndarray, p: np.ndarray) -> float:
    for t in _GRID:
        raised = (p >= t) & ~rule_urgent
        if raised.sum() >= 3 and gold_urgent[raised].mean() >= MIN_URGENT_PRECISION:
            return float(t)
    return 1.0


def sentiment_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 of sentiment class indices."""
    eye = np.eye(len(SENTIMENTS), dtype=bool)
    return macro_f1(eye[gold], eye[pred])


def sentiment_decisions(p: np.ndarray, offsets: Sequence[float]) -> np.ndarray:
    """Class indices (SENTIMENTS order) from probabilities and per-class log-probability offsets."""
    return np.asarray((np.log(np.clip(p, 1e-9, None)) + np.asarray(offsets)).argmax(axis=1))


def _sentiment_offsets(gold: np.ndarray, p: np.ndarray) -> tuple[float, ...]:
    """Per-class log-probability offsets that raise out-of-fold macro-F1 (the class-balanced fit leans towards the
    classes the corpus has most of); coordinate ascent from zero, the first class fixed at zero."""
    offsets = [0.0] * len(SENTIMENTS)
    best = sentiment_f1(gold, sentiment_decisions(p, offsets))
    for _ in range(2):
        for k in range(1, len(SENTIMENTS)):
            for value in _OFFSETS:
                trial = [*offsets[:k], float(value), *offsets[k + 1 :]]
                score = sentiment_f1(gold, sentiment_decisions(p, trial))
                if score >= best + _MIN_GAIN:
                    best, offsets = score, trial
    return tuple(offsets)


def tune(oof: Probabilities, y: Any, rule_levels: Sequence[str], english: np.ndarray) -> Thresholds:
    """Thresholds from out-of-fold probabilities; `english` marks the items read as having an English sentence
    (the flag threshold is tuned on those, the foreign one on the rest)."""
    levels = np.array(rule_levels)
    flagged = y.flag.astype(bool)
    ruled = levels != "none"
    foreign = ~english
    return Thresholds(
        themes=tuple(_best_f1_threshold(y.themes[:, j], oof.themes[:, j]) for j in range(len(THEMES))),
        categories=tuple(
            _best_f1_threshold(y.categories[flagged, j], oof.categories[flagged, j]) for j in range(len(CATEGORIES))
        ),
        flag=_flag_threshold(ruled[english], flagged[english], oof.flag[english], MAX_FALSE_FLAG_RATE),
        urgent=_urgent_threshold(levels == "urgent", y.urgent.astype(bool), oof.urgent),
        foreign=_flag_threshold(ruled[foreign], flagged[foreign], oof.flag[foreign], MAX_FALSE_FLAG_RATE_FOREIGN),
        sentiment=_sentiment_offsets(y.sentiment, oof.sentiment),
    )


def out_of_fold(texts: Sequence[str], y: Any, groups: np.ndarray, folds: int = FOLDS) -> Probabilities:
    """Grouped k-fold probabilities for every item."""
    n = len(texts)
    parts: dict[str, np.ndarray] = {
        "themes": np.zeros((n, len(THEMES))),
        "sentiment": np.zeros((n, len(SENTIMENTS))),
        "flag": np.zeros(n),
        "urgent": np.zeros(n),
        "categories": np.zeros((n, len(CATEGORIES))),
    }
    for train, test in GroupKFold(n_splits=folds).split(texts, groups=groups):
        fold_y = type(y)(**{k: getattr(y, k)[train] for k in ("themes", "sentiment", "flag", "urgent", "categories")})
        models = Models.fit([texts[i] for i in train], fold_y)
        probs = models.predict([texts[i] for i in test])
        cols = [SENTIMENTS.index(s) for s in models.sentiment_labels()]
        parts["sentiment"][np.ix_(test, cols)] = probs.sentiment
        for key in ("themes", "flag", "urgent", "categories"):
            parts[key][test] = getattr(probs, key)
    return Probabilities(**parts)


def cv_metrics(
    oof: Probabilities,
    y: Any,
    thresholds: Thresholds,
    items: Sequence[Item],
    rule_levels: Sequence[str],
    english: np.ndarray,
) -> dict[str, Any]:
    """Cross-validated figures with the tuned thresholds (rules + model for safeguarding)."""
    themes_pred = oof.themes >= np.array(thresholds.themes)
    sent_pred = sentiment_decisions(oof.sentiment, thresholds.sentiment)
    levels = []
    flags = np.where(english, thresholds.flag, thresholds.foreign)
    for rule, pf, pu, flag in zip(rule_levels, oof.flag, oof.urgent, flags, strict=True):
        level = rule if rule != "none" else ("concern" if pf >= flag else "none")
        levels.append("urgent" if level != "none" and pu >= thresholds.urgent else level)
    gold_levels = [i.safeguarding.level for i in items]
    return {
        "themes_macro_f1": round(macro_f1(y.themes.astype(bool), themes_pred), 4),
        "sentiment_macro_f1": round(sentiment_f1(y.sentiment, sent_pred), 4),
        "sentiment_macro_f1_argmax": round(sentiment_f1(y.sentiment, oof.sentiment.argmax(axis=1)), 4),
        "safeguarding": safeguarding_rates(gold_levels, levels),
        "safeguarding_rules_only": safeguarding_rates(gold_levels, list(rule_levels)),
    }


def train(data: Sequence[Path], extra: Sequence[Path], out: Path, *, folds: int = FOLDS) -> dict[str, Any]:
    """Train on the data (+ corrections) and write a model directory; returns its meta."""
    items = [item for path in [*data, *extra] for item in read_items(path)]
    texts = [feature_text(i.text) for i in items]
    y = targets(
        [i.themes for i in items],
        [i.sentiment for i in items],
        [i.safeguarding.level for i in items],
        [i.safeguarding.categories for i in items],
    )
    nlp = build_pipeline()
    tmp = Path(tempfile.mkdtemp(prefix=".model-", dir=out.parent))
    nlp.to_disk(tmp / "spacy")  # before any text is processed, so the saved vocabulary is reproducible
    screen = RuleScreen(nlp)
    rule_levels = [screen.screen(i.text).level for i in items]
    english = np.array([reads_english(read(i.text)) for i in items])
    oof = out_of_fold(texts, y, sentence_groups([i.text for i in items]), folds)
    thresholds = tune(oof, y, rule_levels, english)
    Models.fit(texts, y).save(tmp)
    dh, cv = data_hash([*data, *extra]), code_version()
    meta = {
        "version": hashlib.sha256(f"{dh}:{cv}".encode()).hexdigest()[:16],
        "data_hash": dh,
        "code_version": cv,
        "counts": {
            "items": len(items),
            "extra": sum(len(read_items(p)) for p in extra),
            "themes": dict(zip(THEMES, y.themes.sum(axis=0).tolist(), strict=True)),
            "levels": _level_counts(items),
        },
        "thresholds": {
            "themes": dict(zip(THEMES, thresholds.themes, strict=True)),
            "categories": dict(zip(CATEGORIES, thresholds.categories, strict=True)),
            "flag": thresholds.flag,
            "urgent": thresholds.urgent,
            "foreign": thresholds.foreign,
            "sentiment": dict(zip(SENTIMENTS, thresholds.sentiment, strict=True)),
        },
        "cross_validation": {
            "folds": folds,
            "grouped_by": "shared sentences",
            **cv_metrics(oof, y, thresholds, items, rule_levels, english),
        },
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return meta


def _level_counts(items: Sequence[Item]) -> dict[str, int]:
    counts = {"none": 0, "concern": 0, "urgent": 0}
    for item in items:
        counts[item.safeguarding.level] += 1
    return counts
