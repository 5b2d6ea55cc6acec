"""Sentiment cues: negation turns a polar word round, contrast between clauses is named, and only sentiment reads them."""

from __future__ import annotations

import numpy as np

from nlp._cues import cue_tokens
from nlp._models import Models, targets
from nlp._redact import feature_text


def cues(text: str) -> list[str]:
    return cue_tokens(feature_text(text))


def test_a_negated_positive_word_counts_as_negative():
    got = cues("I am not happy here")
    assert "neg_happy" in got and "negated_pos" in got
    assert "text_neg" in got


def test_a_negated_negative_word_counts_as_positive():
    assert "text_pos" in cues("i dont get bullied anymore")
    assert "text_pos" in cues("no complaints")


def test_negation_stops_at_a_comma_and_at_idioms():
    assert "neg_carer" not in cues("i dont like it here, my carer is nice")
    assert "text_pos" in cues("ngl my carers are sound")  # "not gonna lie" negates nothing


def test_contrast_between_clauses_is_named():
    got = cues("my carer is nice but i miss my mum")
    assert "contrast_pos_neg" in got and "text_both" in got
    assert "contrast_neg_pos" in cues("school was hard. but my teacher is kind")


def test_cues_ignore_case_and_spacing():
    assert cue_tokens("Not  HAPPY,\tbut OK") == cue_tokens("not happy, but ok")


def test_only_the_sentiment_model_weighs_the_cues():
    texts = [feature_text(t) for t in ["i am happy", "i am not happy", "good but bad", "i hate it"] * 3]
    y = targets([["placement"]] * 12, ["positive", "negative", "mixed", "negative"] * 3, ["none"] * 12, [[]] * 12)
    models = Models.fit(texts, y)
    cue_rows = models.vectoriser.columns(cues=True)
    assert len(cue_rows)
    sentiment = models._sentiment
    weights = models.coef[cue_rows]
    assert np.abs(weights[:, sentiment]).sum() > 0
    others = np.ones(weights.shape[1], dtype=bool)
    others[sentiment] = False
    assert not np.abs(weights[:, others]).any()
