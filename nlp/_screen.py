"""The rule-only safeguarding screen: Matcher hits read in context (negation, past, hypothetical, third party)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import msgspec
from spacy.language import Language
from spacy.tokens import Doc

from nlp._matcher import TokenMatcher, Tokens
from nlp._normalise import Normalised, normalise
from nlp._pipeline import LEMMATIZER, LookupLemmatizer, build_pipeline, load_pipeline
from nlp._rules import Rule, RuleSet, load_rules
from nlp.schemas import CATEGORIES, LEVELS, Level, Safeguarding

_SENTENCE_END = frozenset({".", "!", "?", ";", "...", "..", "!!", "??", "?!"})
_CLAUSE_END = _SENTENCE_END | {
    ",",
    "but",
    "because",
    "cos",
    "so",
    "and",
    "though",
    "although",
    ":",
    "-",
    "then",
    "until",
    "or",
}
_RANK = {level: i for i, level in enumerate(LEVELS)}
NONE = Safeguarding()


class Hit(msgspec.Struct, frozen=True):
    """A rule that matched, read in context."""

    rule: Rule
    start: int
    end: int
    level: Level
    categories: tuple[str, ...]


def _dedupe(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Per label, drop matches overlapping an earlier one."""
    kept: list[tuple[str, int, int]] = []
    last: dict[str, int] = {}
    for key, start, end in sorted(matches, key=lambda m: (m[0], m[1], m[2])):
        if start >= last.get(key, -1):
            kept.append((key, start, end))
            last[key] = end
    return kept


class _Context:
    """Sentence and clause boundaries and cue positions for one doc."""

    def __init__(self, doc: Doc, cues: dict[str, list[tuple[int, int]]]) -> None:
        self.cues = cues
        self.sentence_start: list[int] = []
        self.sentence_end: list[int] = [0] * len(doc)
        self.clause_start: list[int] = []
        sent = clause = 0
        for i, token in enumerate(doc):
            self.sentence_start.append(sent)
            self.clause_start.append(clause)
            norm = token.norm_
            if norm in _SENTENCE_END or "\n" in token.text:
                self.sentence_end[sent : i + 1] = [i + 1] * (i + 1 - sent)
                sent = clause = i + 1
            elif norm in _CLAUSE_END:
                clause = i + 1
        self.sentence_end[sent:] = [len(doc)] * (len(doc) - sent)
        self.subjects = {s: "self" for s, _ in cues.get("subject_self", ())}
        self.subjects.update({s: "other" for s, _ in cues.get("subject_other", ())})
        boosts = cues.get("boost", [])
        self.jokes = [(s, e) for s, e in cues.get("joke", []) if not any(bs <= s < be for bs, be in boosts)]

    def cue(self, kind: str, lo: int, hi: int, hit: tuple[int, int]) -> bool:
        spans = self.jokes if kind == "joke" else self.cues.get(kind, ())
        return any(lo <= s < hi and not (hit[0] <= s < hit[1]) for s, _ in spans)

    def anywhere(self, kind: str) -> bool:
        return bool(self.cues.get(kind))

    def subject(self, start: int) -> str | None:
        """'self' or 'other' for the nearest subject-like word before a hit in its clause (None if none)."""
        for i in range(start, self.clause_start[start] - 1, -1):
            if i in self.subjects:
                return self.subjects[i]
        return None

    def about_writer(self, start: int, end: int) -> bool:
        return self.subject(start) == "self" or any(s < end and start < e for s, e in self.cues.get("first_person", ()))

    def sentence(self, i: int) -> tuple[int, int]:
        return self.sentence_start[i], self.sentence_end[i]


def _category(rule: Rule, ctx: _Context, start: int, end: int) -> tuple[str, ...]:
    sent_lo, sent_hi = ctx.sentence(start)
    clause = ctx.clause_start[start]
    if (
        "peer" in rule.flags
        and ctx.cue("peer", clause, sent_hi, (start, end))
        and not ctx.cue("home", clause, sent_hi, (start, end))
    ):
        return ("violence",)
    if (
        "ctx" in rule.flags
        and not ctx.cue("home", sent_lo, sent_hi, (-1, -1))
        and ctx.cue("out", sent_lo, sent_hi, (-1, -1))
    ):
        return ("violence",)
    return rule.categories


def _lowering_cues(rule: Rule, ctx: _Context, start: int, end: int, proxy: bool) -> list[str]:
    """Names of the context cues that make this hit less pressing (they never remove it)."""
    hit = (start, end)
    sent_lo, sent_hi = ctx.sentence(start)
    clause = ctx.clause_start[start]
    found = []
    if ctx.cue("negation", max(clause, start - 3), start, hit):
        found.append("negation")
    if ctx.cue("past", sent_lo, sent_hi, hit):
        found.append("past")
    if ctx.cue("hypothetical", max(clause, start - 8), start, hit):
        found.append("hypothetical")
    if ctx.cue("joke", sent_lo, sent_hi, hit):
        found.append("joke")
    third = "third" in rule.flags or ("self" in rule.flags and ctx.subject(start) == "other")
    if third and not proxy:
        found.append("third_party")
    if "intent" in rule.flags and ctx.cue("intent", max(clause, start - 4), start, hit) and not ctx.anywhere("boost"):
        found.append("intent")
    return found


def _not_a_disclosure(ctx: _Context, start: int, end: int, negated: bool) -> bool:
    """A denial ('nobody hurts me', 'I don't feel unsafe'), a story, a lesson, play or an accident."""
    hit = (start, end)
    sent_lo, sent_hi = ctx.sentence(start)
    if ctx.cue("play", sent_lo, sent_hi, hit):
        return True
    if ctx.cue("fiction", sent_lo, sent_hi, hit) and not ctx.about_writer(start, end):
        return True
    return negated and not ctx.cue("but", end, sent_hi, hit)


def _read(rule: Rule, ctx: _Context, start: int, end: int, proxy: bool) -> Hit | None:
    """A match read in context, or None when it is not a disclosure at all."""
    cues = _lowering_cues(rule, ctx, start, end, proxy)
    if _not_a_disclosure(ctx, start, end, "negation" in cues):
        return None
    if "other" in rule.flags and ctx.subject(start) in ("self", None):
        return None  # "I hit my head on the cupboard"
    level: Level = "urgent" if rule.level == "urgent" else "concern"
    if cues:
        level = "concern"
    elif "boost" in rule.flags and ctx.anywhere("boost"):
        level = "urgent"
    return Hit(rule, start, end, level, _category(rule, ctx, start, end))


def _keep_weak(hits: list[Hit]) -> list[Hit]:
    """A weak hit needs company: another hit of the same category."""
    labels: dict[str, set[str]] = {}
    for hit in hits:
        for cat in hit.categories:
            labels.setdefault(cat, set()).add(hit.rule.label)
    return [h for h in hits if "weak" not in h.rule.flags or any(len(labels[c]) > 1 for c in h.categories)]


class RuleScreen:
    """Compiled rules bound to one spaCy pipeline's vocabulary."""

    def __init__(self, nlp: Language, rules: RuleSet | None = None) -> None:
        self.nlp = nlp
        self.rules = rules or load_rules()
        self.matcher = TokenMatcher()
        self.context_matcher = TokenMatcher()
        for label, patterns in self.rules.patterns.items():
            target = self.matcher if label.startswith("RULE") else self.context_matcher
            for pattern in patterns:
                target.add(label, pattern)
        self._lemmatizer: LookupLemmatizer = nlp.get_pipe(LEMMATIZER)  # type: ignore[assignment]
        self.anchor_words = _surface_forms(self.matcher, self._lemmatizer.table)

    def doc(self, text: str) -> Doc:
        """Tokenise and lemmatise a normalised text (the only pipeline steps the rules need)."""
        doc: Doc = self._lemmatizer(self.nlp.make_doc(text))
        return doc

    def hits(self, doc: Doc) -> list[Hit]:
        """Every rule hit that survives its context, in text order."""
        toks = Tokens.from_doc(doc)
        matches = self.matcher(toks)
        if not matches:
            return []
        cues: dict[str, list[tuple[int, int]]] = {}
        rule_matches, excluded = [], []
        for label, start, end in _dedupe(matches + self.context_matcher(toks)):
            if label.startswith("CUE_"):
                cues.setdefault(label[4:], []).append((start, end))
            elif label.startswith("EXCLUDE"):
                excluded.append((self.rules.exclusions[label].categories, start, end))
            else:
                rule_matches.append((self.rules.rules[label], start, end))
        ctx = _Context(doc, cues)
        proxy = ctx.anywhere("proxy")
        hits = []
        for rule, start, end in rule_matches:
            if any(s < end and start < e and (not cats or cats & set(rule.categories)) for cats, s, e in excluded):
                continue
            hit = _read(rule, ctx, start, end, proxy)
            if hit is not None:
                hits.append(hit)
        return _keep_weak(hits)

    def screen_doc(self, doc: Doc, norm: Normalised) -> Safeguarding:
        """Combine a doc's hits into one result, with the triggering phrases from the original text."""
        hits = self.hits(doc)
        if not hits:
            return NONE
        level = max((h.level for h in hits), key=_RANK.__getitem__)
        cats = {c for h in hits for c in h.categories}
        return Safeguarding(level, tuple(c for c in CATEGORIES if c in cats), _triggers(doc, norm, hits))

    def could_hit(self, norm: Normalised) -> bool:
        """Cheap pre-check: does the text contain any word a rule is anchored on? Most texts do not."""
        return not self.anchor_words.isdisjoint(_WORD.findall(norm.text))

    def screen(self, text: str) -> Safeguarding:
        """Screen one raw text."""
        norm = normalise(text)
        if not self.could_hit(norm):
            return NONE
        return self.screen_doc(self.doc(norm.text), norm)


_WORD = re.compile(r"[a-z0-9]+")


def _surface_forms(matcher: TokenMatcher, lemma_table: dict[str, str]) -> frozenset[str]:
    """Every written form of every anchor word (lemma anchors expand to all their inflections)."""
    words: set[str] = set()
    lemma_words: set[str] = set()
    for _, steps, anchor in matcher.patterns:
        step = steps[anchor]
        words.update(w for w in step.words if w not in step.lemma_words)
        lemma_words.update(step.lemma_words)
    words |= lemma_words
    words.update(form for form, lemma in lemma_table.items() if lemma in lemma_words)
    return frozenset(part for w in words for part in _WORD.findall(w))


def _word_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens ``[start, end)`` widened to whole words ("n't feel safe" -> "don't feel safe")."""
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _triggers(doc: Doc, norm: Normalised, hits: list[Hit]) -> tuple[str, ...]:
    spans = sorted(_word_span(doc, h.start, h.end) for h in hits)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    for start, end in merged:
        o_start, o_end = norm.to_original(start, end)
        phrase = norm.original[o_start:o_end].strip()
        if phrase and phrase not in out:
            out.append(phrase)
    return tuple(out)


_lock = threading.Lock()
_default: RuleScreen | None = None


def default_screen(model_dir: Path | None = None) -> RuleScreen:
    """The process-wide screen, built on first use (from the trained model's pipeline when present)."""
    global _default
    with _lock:
        if _default is None:
            from nlp._paths import DEFAULT_MODEL_DIR

            spacy_dir = (model_dir or DEFAULT_MODEL_DIR) / "spacy"
            nlp = load_pipeline(spacy_dir) if (spacy_dir / "config.cfg").exists() else build_pipeline()
            _default = RuleScreen(nlp)
        return _default


def screen(text: str) -> Safeguarding:
    """Rule-only safeguarding screen for use inside a web request; needs no trained model."""
    return default_screen().screen(text)
