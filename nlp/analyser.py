"""Analyser: the trained pipeline (rules, redaction, language, themes, sentiment, safeguarding) in one object."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from nlp._foreign import ENGLISH_ONLY, Reading, add_reading, read, reads_english
from nlp._language import detect_language
from nlp._models import MODEL_FILE, Models, Thresholds
from nlp._normalise import Normalised, normalise
from nlp._paths import DEFAULT_MODEL_DIR
from nlp._pipeline import load_pipeline
from nlp._redact import feature_text, redact
from nlp._safeguarding import combine
from nlp._screen import Dismissal, RuleScreen, settle_heap
from nlp.schemas import SENTIMENTS, THEMES, Analysis, Safeguarding

_BATCH = 512
_WORD = re.compile(r"[a-z][a-z']+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\n])\s+")
# The safeguarding model reads an English text of this many sentences or more window by window: _WINDOW
# consecutive sentences at a time, and the text is flagged when some window scores at least _WINDOW_FLAG. The
# whole-text score misleads both ways on a long text: a worry told in two sentences of a cheerful review is diluted
# by the rest, and the function words ("me", "i've", "he") that every sentence adds a little of push an ordinary
# text up. Windows are short, so they score higher than whole texts: hence a threshold of their own.
_LONG_SENTENCES = 4
_WINDOW = 2
_WINDOW_FLAG = 0.85
# A model this sure is not held back by a story, joke or denial the rules read: the higher reading stands and a
# person confirms (the rules' reading is a phrase, and "lol" after a threat does not make it a joke).
_SURE = 0.9


class _Window(NamedTuple):
    """The safeguarding outputs of one window of sentences, and the window's normalised text."""

    flag: float
    urgent: float
    categories: np.ndarray
    norm: Normalised


class ModelNotFound(FileNotFoundError):
    """No trained model at the given path: run ``heard nlp train``."""


class Analyser:
    """Load once, then ``analyse`` / ``analyse_many``. Thread-safe for reading."""

    def __init__(self, screen: RuleScreen, models: Models, meta: dict[str, Any]) -> None:
        self.screen = screen
        self.models = models
        self.meta = meta
        self.version: str = meta["version"]
        th = meta["thresholds"]
        self.thresholds = Thresholds(
            themes=tuple(th["themes"][t] for t in THEMES),
            categories=tuple(th["categories"].values()),
            flag=th["flag"],
            urgent=th["urgent"],
            foreign=th.get("foreign", 1.0),
            sentiment=tuple(th.get("sentiment", {}).get(s, 0.0) for s in SENTIMENTS),
        )
        self._theme_thresholds = np.array(self.thresholds.themes)
        self._theme_bits = 1 << np.arange(len(THEMES))
        # Every subset of themes, indexed by its bit mask, so a batch's theme tuples are list lookups.
        self._theme_sets = [tuple(t for j, t in enumerate(THEMES) if bits >> j & 1) for bits in range(2 ** len(THEMES))]
        self._sentiments = models.sentiment_labels()
        # exp(offset) per probability column: argmax(p * scale) is argmax(log p + offset).
        offsets = dict(zip(SENTIMENTS, self.thresholds.sentiment, strict=True))
        self._sentiment_scale = np.exp([offsets[s] for s in self._sentiments])
        self._stop_words = models.stop_words()

    @classmethod
    def load(cls, path: Path | None = None) -> Analyser:
        """Load a model directory written by ``heard nlp train`` (default ``nlp/model/``)."""
        path = Path(path) if path is not None else DEFAULT_MODEL_DIR
        if not (path / "meta.json").exists():
            raise ModelNotFound(f"no trained model in {path}; run `heard nlp train`")
        if not (path / MODEL_FILE).exists():
            raise ModelNotFound(f"the model in {path} was written by an older version; run `heard nlp train`")
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        analyser = cls(RuleScreen(load_pipeline(path / "spacy")), Models.load(path), meta)
        settle_heap()
        return analyser

    def analyse(self, text: str) -> Analysis:
        """Analyse one text."""
        return self.analyse_many([text])[0]

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse a batch (one vectorisation and one model call per chunk of texts)."""
        out: list[Analysis] = []
        for i in range(0, len(texts), _BATCH):
            out.extend(self._batch(texts[i : i + _BATCH]))
        return out

    def _rules(self, norm: Normalised, reading: Reading) -> Safeguarding:
        return add_reading(self.screen.screen_english(norm, reading), reading)

    def _batch(self, texts: Sequence[str]) -> list[Analysis]:
        norms = [normalise(t) for t in texts]
        redacted = [redact(t) for t in texts]
        feats = [n.text if r == t else normalise(r).text for n, r, t in zip(norms, redacted, texts, strict=True)]
        probs = self.models.predict(feats)
        themes = [self._theme_sets[m] for m in ((probs.themes >= self._theme_thresholds) @ self._theme_bits).tolist()]
        sentiments = [self._sentiments[j] for j in (probs.sentiment * self._sentiment_scale).argmax(axis=1).tolist()]
        readings = [read(t) for t in texts]
        # Text with no English sentence has a flag threshold of its own: the model learnt those languages from
        # fewer items, and the English cues below cannot read them.
        english = [reads_english(r) for r in readings]
        flag, urgent, categories = probs.flag, probs.urgent, probs.categories
        thresholds = [self.thresholds.flag if e else self.thresholds.foreign for e in english]
        # What a model-only flag is read against for a denial, story or joke: a long text's highest window (a "lol"
        # three sentences away says nothing of the worry), else the whole text.
        context = list(norms)
        for i, best in self._windows(texts, english).items():
            flag[i], urgent[i], categories[i], thresholds[i] = best.flag, best.urgent, best.categories, _WINDOW_FLAG
            context[i] = best.norm
        out = []
        for i, text in enumerate(texts):
            rules = self._rules(norms[i], readings[i])
            safeguarding = rules
            p_flag, p_urgent, threshold = float(flag[i]), float(urgent[i]), thresholds[i]
            model_flag = p_flag >= threshold
            # Where the rules read the text as no disclosure (a denial, story, accident, joke, exaggeration, or
            # harm past and dealt with), the model alone may not raise it unless it is sure: a person confirms instead.
            unsure = p_flag < _SURE
            held = model_flag and unsure and rules.level == "none" and english[i] and self._held(context[i])
            if (model_flag and not held) or rules.level != "none":
                safeguarding = combine(
                    rules, p_flag, p_urgent, categories[i], self.thresholds, partial(self._explain, feats[i]), threshold
                )
            language = _language(text, readings[i])
            out.append(
                Analysis(
                    themes=themes[i],
                    sentiment=sentiments[i],
                    safeguarding=safeguarding,
                    redacted=redacted[i],
                    language=language,
                    needs_translation=language != "en" or not rules.screened,
                    model_version=self.version,
                    screened=rules.screened,
                    confirm=held or self._confirm(rules.level, p_flag, p_urgent, threshold),
                )
            )
        return out

    def _windows(self, texts: Sequence[str], english: Sequence[bool]) -> dict[int, _Window]:
        """For each long English text (by index): the safeguarding outputs of its highest-scoring window of
        sentences. Every window of the batch goes through the model in one call."""
        owners: list[int] = []
        windows: list[str] = []
        for i, text in enumerate(texts):
            sentences = [s for s in _SENTENCE_BREAK.split(text) if s.strip()] if english[i] else []
            if len(sentences) >= _LONG_SENTENCES:
                for k in range(len(sentences) - _WINDOW + 1):
                    owners.append(i)
                    windows.append(" ".join(sentences[k : k + _WINDOW]))
        if not windows:
            return {}
        probs = self.models.predict([feature_text(w) for w in windows])
        best: dict[int, int] = {}
        for row, i in enumerate(owners):
            if i not in best or probs.flag[row] > probs.flag[best[i]]:
                best[i] = row
        return {
            i: _Window(float(probs.flag[row]), float(probs.urgent[row]), probs.categories[row], normalise(windows[row]))
            for i, row in best.items()
        }

    def _dismissed(self, norm: Normalised) -> Dismissal:
        return self.screen.read_hits(self.screen.doc(norm.text), always=True)[1]

    def _held(self, norm: Normalised) -> bool:
        """Whether the rules read a text the model alone flagged as no disclosure: firmly anywhere in it, or by a
        story, game, house rule or joke named in the sentence the model scores highest. Named in another sentence,
        it says nothing of the worry ("my jeans keep falling down" is not play, two sentences after "she calls me
        greedy if I ask for seconds"); and the model has weighed the word itself already."""
        dismissal = self._dismissed(norm)
        if dismissal.firm or not dismissal.quiet:
            return dismissal.firm
        sentences = [s for s in _SENTENCE_BREAK.split(norm.text) if s.strip()]
        if len(sentences) < 2:
            return True
        probs = self.models.predict([feature_text(s) for s in sentences])
        return self._dismissed(normalise(sentences[int(probs.flag.argmax())])).quiet

    def _confirm(self, rule_level: str, p_flag: float, p_urgent: float, flag: float) -> bool:
        """A second opinion: a person confirms when the rules and the model read the text differently (the higher
        reading already stands), or when the model is unsure (within a fifth of its flag threshold)."""
        model_level = "none" if p_flag < flag else ("urgent" if p_urgent >= self.thresholds.urgent else "concern")
        unsure = abs(p_flag - flag) < 0.2 * flag
        return (rule_level == "none") != (model_level == "none") or (rule_level != "none" and unsure)

    def _explain(self, feats: str) -> tuple[str, ...]:
        """For a model-only flag: the words in the text that pushed the classifier most."""
        words = set(_WORD.findall(feats)) - self._stop_words
        scored = sorted(((self.models.word_weight(w), w) for w in words), reverse=True)
        return tuple(w for score, w in scored[:3] if score > 0)


def _language(text: str, reading: Reading) -> str:
    """The text's language: the first sentence language other than English the reader saw, else the identifier's."""
    if reading is ENGLISH_ONLY:
        return "en"
    other = [lang for lang in reading.languages if lang != "en"]
    return other[0] if other else detect_language(text)
