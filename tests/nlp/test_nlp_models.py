"""The saved model is plain data, and the fast inference path gives scikit-learn's numbers and the screen's hits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nlp._features import make_vectoriser
from nlp._normalise import normalise
from nlp._redact import feature_text
from nlp._screen import default_screen
from nlp._vectorise import Vectoriser

TEXTS = [
    "My sw Kerry never rings back and I miss my mum",
    "i luv my forster carer shes gr8!!! 😂",
    "I don't feel safe at home. my carer hits me",
    "can i have more pocket money for the bus pass   please",
    "ok",
    "",
    "Ünïcödé wörds and İstanbul",
    "nothing to say really. its fine",
    "I want to go to college and get a job, but my PA is never there",
    "its good\n\nbut  not   happy, not\tfair",
]


def test_fast_vectoriser_matches_scikit_learn():
    texts = [feature_text(t) for t in TEXTS]
    union = make_vectoriser().set_params(words__min_df=1, words__max_df=1.0, chars__min_df=1)
    union.fit(texts * 2)
    expected = union.transform(texts).tocsr()
    got = Vectoriser.from_union(union).transform(texts)
    expected.sort_indices()
    assert (got.indptr == expected.indptr).all()
    assert (got.indices == expected.indices).all()
    np.testing.assert_allclose(got.data, expected.data, rtol=1e-6)


def test_model_directory_holds_no_pickles(model_dir: Path):
    for path in model_dir.glob("*.npy"):
        np.load(path, allow_pickle=False)  # raises on an object (pickled) array
    assert not list(model_dir.glob("*.pkl")) and not list(model_dir.glob("*.joblib"))


@pytest.mark.parametrize(
    "text",
    [
        "I dont feel safe",
        "i cant go on anymore",
        "cannot go on anymore",
        "im gonna kill myself tonight",
        "my carer hits me",
        "hello\nmy carer hits me",
        "nobody checks if I've eaten",
        "I've run away and I'm not going back",
    ],
)
def test_pre_check_never_skips_a_text_the_rules_flag(text):
    screen = default_screen()
    norm = normalise(text)
    assert screen.screen_doc(screen.doc(norm.text), norm).level != "none"
    assert screen.could_hit(norm)
