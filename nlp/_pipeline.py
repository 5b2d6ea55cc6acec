"""The spaCy pipeline: a blank English tokenizer plus a fast lookup lemmatizer (tables from spacy-lookups-data)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

LEMMATIZER = "heard_lemmatizer"
# Contractions the lookup table leaves alone; spaCy's tokenizer splits "don't" into "do" + "n't".
_CONTRACTIONS = {
    "n't": "not",
    "nt": "not",
    "'m": "be",
    "m": "be",
    "'re": "be",
    "'ve": "have",
    "ve": "have",
    "'ll": "will",
    "ll": "will",
    "'d": "would",
    "ca": "can",
    "wo": "will",
    "ai": "be",
    "gon": "go",
    "cannot": "can",
}
# Entries of the lookup table that are wrong for the way children write: it reads "does" as the plural of "doe", so a
# rule on ~do ('he does it again') never saw the commonest form of the verb.
_CORRECTIONS = {"does": "do"}


def _lookups_table() -> dict[str, str]:
    """The English lemma lookup table from spacy-lookups-data, lower-case entries only."""
    import spacy_lookups_data  # type: ignore[import-untyped]

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    table: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
    lower = {k: v.lower() for k, v in table.items() if k == k.lower()}
    lower.update(_CONTRACTIONS)
    lower.update(_CORRECTIONS)
    return lower


class LookupLemmatizer:
    """Sets ``token.lemma_`` from a lookup table in one vectorised pass (spaCy's own lookup mode is ~10x slower)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.table: dict[str, str] = {}
        self.ids: dict[int, int] = {}  # lower-case string id -> lemma string id

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        table: dict[str, str] | None = None,
    ) -> None:
        self._set(_lookups_table() if table is None else table)

    def _set(self, table: dict[str, str]) -> None:
        self.table = dict(sorted(table.items()))
        strings = self.vocab.strings
        self.ids = {strings.add(k): strings.add(v) for k, v in self.table.items()}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            ids = self.ids
            get = ids.get
            lemmas = np.array([get(x, x) for x in doc.to_array(LOWER).tolist()], dtype=np.uint64)
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.table, sort_keys=True, separators=(",", ":")).encode()
        (path / "table.json.gz").write_bytes(gzip.compress(data, mtime=0))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LookupLemmatizer:
        self._set(json.loads(gzip.decompress((Path(path) / "table.json.gz").read_bytes())))
        return self


@Language.factory(LEMMATIZER)
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """spaCy factory for :class:`LookupLemmatizer`."""
    return LookupLemmatizer(nlp.vocab)


def build_pipeline() -> Language:
    """A fresh pipeline whose lemma table comes from spacy-lookups-data (used when training)."""
    nlp = spacy.blank("en")
    nlp.add_pipe(LEMMATIZER)
    nlp.initialize()
    return nlp


def load_pipeline(path: Path) -> Language:
    """A pipeline saved by :func:`build_pipeline` + ``to_disk``; needs no lookups package."""
    return spacy.load(path)
