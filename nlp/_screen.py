"""The rule-only safeguarding screen: Matcher hits read in context (negation, past, hypothetical, third party)."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

import msgspec
from spacy.attrs import NORM, ORTH
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from nlp._cues import polarity
from nlp._foreign import Reading, add_reading, read, reads_english
from nlp._matcher import Step, TokenMatcher, Tokens
from nlp._names import plain_first_names
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
_SENTENCE_END_IDS = frozenset(get_string_id(s) for s in _SENTENCE_END)
_CLAUSE_END_IDS = frozenset(get_string_id(s) for s in _CLAUSE_END)
_LIST_IDS = frozenset(get_string_id(s) for s in ("or", "nor", ","))
_RANK = {level: i for i, level in enumerate(LEVELS)}
_WARM_UP = (
    "I used to cut myself but now my carer hits me and I don't feel safe tonight, not joking. Kerry said so.",
    # A sentence for each lexicon, so none is first compiled inside a request. The language identifier (for
    # text in a language no lexicon reads) loads on first use: 0.5 s more here would be paid by every start.
    "ما حدا بيضربني. ኣቦይ ይወቕዓኒ። Askush nuk më rrah. Không ai đánh em. Nikt mnie nie bije. mujhe koi nahi maarta.",
    "I love my carer, nobdy is sooo kind",  # builds the respelling tables (nlp/_respell.py)
)
NONE = Safeguarding()


class Dismissal(NamedTuple):
    """How a text reads as no disclosure, for holding back a flag the model alone raised."""

    # Some hit or idiom was read in its clause as a denial, story, accident, joke or exaggeration, or the harm is
    # told as past and dealt with: a reading of the words around the worry, which the model cannot see.
    firm: bool
    # No rule hit, but a story, game, accident, house rule or joke is named somewhere in the text: words the model
    # weighs itself, so they say something only beside the worry (see nlp.analyser).
    quiet: bool


_NOT_DISMISSED = Dismissal(firm=False, quiet=False)


class Hit(msgspec.Struct, frozen=True):
    """A rule that matched, read in context."""

    rule: Rule
    start: int
    end: int
    level: Level
    categories: tuple[str, ...]


def _outside(spans: list[tuple[int, int]], covers: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that start inside none of the covering spans."""
    return [(s, e) for s, e in spans if not any(cs <= s < ce for cs, ce in covers)] if covers else spans


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

    def __init__(self, toks: Tokens, cues: dict[str, list[tuple[int, int]]]) -> None:
        self.cues = cues
        n = len(toks.norms)
        self.sentence_start: list[int] = []
        self.sentence_end: list[int] = [0] * n
        self.clause_start: list[int] = []
        self.list_start: list[int] = []  # clause start where 'or' and 'nor' join, not split ('hit me or touched me')
        sent = clause = listed = 0
        for i, (norm, orth) in enumerate(zip(toks.norms, toks.orths, strict=True)):
            self.sentence_start.append(sent)
            self.clause_start.append(clause)
            self.list_start.append(listed)
            if norm in _SENTENCE_END_IDS or "\n" in toks.strings[orth]:
                self.sentence_end[sent : i + 1] = [i + 1] * (i + 1 - sent)
                sent = clause = listed = i + 1
            elif norm in _CLAUSE_END_IDS:
                clause = i + 1
                if norm not in _LIST_IDS:
                    listed = i + 1
        self.sentence_end[sent:] = [n] * (n - sent)
        self.subjects = {s: "self" for s, _ in cues.get("subject_self", ())}
        self.subjects.update({s: "other" for s, _ in cues.get("subject_other", ())})
        # A named person is someone other than the writer ('Jayden went missing ... staff found him').
        names = _name_ids()
        for i, norm_id in enumerate(toks.norms):
            if norm_id in names:
                self.subjects.setdefault(i, "other")
        self.dismissed = False  # some hit was read as a denial, story, accident, joke or resolved past
        # An accident someone else claims ('he says it was an accident') is theirs to claim, not the child's account.
        cues["play"] = _outside(cues.get("play", []), cues.get("claimed", ()))
        # A child's life story book is a record of their own life, not a story.
        cues["fiction"] = _outside(cues.get("fiction", []), cues.get("record", ()))
        self.jokes = _outside(cues.get("joke", []), cues.get("boost", ()))
        # Harm is dealt with only when the writer says so as a fact: not in a fear or a supposition ('I thought
        # I'd get moved again'), and never when they say nobody has been told.
        hypothetical = [s for s, _ in cues.get("hypothetical", ())]
        self.resolved = not cues.get("untold") and any(
            not any(self.clause_start[s] <= h < s for h in hypothetical) for s, _ in cues.get("resolved", ())
        )
        self._toks, self._hypothetical = toks, hypothetical

    @cached_property
    def well_now(self) -> bool:
        """Whether some sentence says the writer is well now: a 'now' with only good words ('I'm in a much better
        place now', 'now we see each other every week and it's the best bit of my life'), not in a supposition.
        That ends a harm the screen read as past, but says nothing of the rest of the text (a long review is happy
        'now' about college and can still carry a worry only the model sees). Read only when a past hit asks."""
        if self.cues.get("untold"):
            return False
        toks, hypothetical = self._toks, self._hypothetical
        turns = [t for t, _ in self.cues.get("but", ())]
        for s, _ in self.cues.get("now", ()):
            # From the clause of 'now' to a turn ('I'm not doing that now but I can feel it creeping back').
            lo, hi = self.clause_start[s], min([t for t in turns if t > s] + [self.sentence_end[s]])
            if any(self.sentence_start[s] <= h < hi for h in hypothetical):
                continue
            pos, neg = polarity([toks.strings[o].lower() for o in toks.orths[lo:hi]])
            if pos and not neg:
                return True
        return False

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
        """Whether a hit in a story, game or lesson is about the writer: it names them ('taught me how to hurt
        myself', 'a session with my counsellor about my self harm'), or they are its subject and not only the
        audience or the player of what it is about ('we had a talk in PSHE about county lines', 'I'm on the last
        level where you have to stab the boss')."""
        # The writer named in the hit or just before it ('hurt myself', 'about my self harm').
        if any(s < end and start <= e for s, e in self.cues.get("first_person", ())):
            return True
        return self.subject(start) == "self" and not self._topic_of_fiction(start)

    def _topic_of_fiction(self, start: int) -> bool:
        """A fiction cue stands between the hit and its clause's subject, with no subject of the hit's own after."""
        clause = self.clause_start[start]
        return any(
            clause <= s and e <= start and not any(e <= i < start for i in self.subjects)
            for s, e in self.cues.get("fiction", ())
        )

    def sentence(self, i: int) -> tuple[int, int]:
        return self.sentence_start[i], self.sentence_end[i]

    def next_sentence(self, i: int) -> tuple[int, int]:
        """The bounds of the sentence after token i's (empty at the end of the text)."""
        end = self.sentence_end[i]
        return (end, self.sentence_end[end]) if end < len(self.sentence_end) else (end, end)

    def past(self, start: int, end: int) -> bool:
        """Whether a hit is told as past: a past cue in its sentence with no turn to the present ('now', 'still',
        'but') between the two, so 'he used to hit me but now my stepdad hits me' leaves the second hit present;
        or a next sentence that dates what came before ('That was two years ago.')."""
        sent_lo, sent_hi = self.sentence(start)
        present = [s for s, _ in self.cues.get("present", ())]
        turns = present + [s for s, _ in self.cues.get("but", ())]
        for s, e in self.cues.get("past", ()):
            if not (sent_lo <= s < sent_hi) or start <= s < end:
                continue
            # Before the hit, 'but' turns away from the past ('he used to, but now...'); after it, 'but' is how the
            # past is told ('he hit me but that was two years ago'): there only the present turns it back.
            lo, hi, between = (e, start, turns) if s < start else (end, s, present)
            if not any(lo <= t < hi for t in between):
                return True
        # A later sentence can date what came before ('That was two years ago.'): the next two are read.
        hi = sent_hi
        for _ in range(2):
            if hi >= len(self.sentence_end):
                break
            lo, hi = hi, self.sentence_end[hi]
            if any(lo <= s < hi for s, _ in self.cues.get("dated", ())):
                return True
        return False


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
    # A strong denial reaches back over a list ('nobody has hit me or touched me'), but not over a clause whose
    # own subject is someone else ('nobody helps me, mum hits me every night').
    denial = ctx.cue("denial", max(ctx.list_start[start], start - 12), start, hit) and not (
        ctx.subject(start) == "other" and not ctx.cue("denial", clause, start, hit)
    )
    if ctx.cue("negation", max(clause, start - 3), start, hit) or denial:
        found.append("negation")
    if ctx.past(start, end):
        found.append("past")
    if ctx.cue("hypothetical", max(clause, start - 8), start, hit):
        found.append("hypothetical")
    if ctx.cue("joke", sent_lo, sent_hi, hit):
        found.append("joke")
    if ctx.cue("joke_back", *ctx.next_sentence(start), hit):
        found.append("taken_back")
    third = "third" in rule.flags or ("self" in rule.flags and ctx.subject(start) == "other")
    # Someone else's words passed on ('she says she wants to die') are a disclosure as if the writer's own, in the
    # sentence that passes them on; a text written for someone else is so throughout.
    if third and not (proxy or ctx.cue("relayed", sent_lo, sent_hi, hit)):
        found.append("third_party")
    if "intent" in rule.flags and ctx.cue("intent", max(clause, start - 4), start, hit) and not ctx.anywhere("boost"):
        found.append("intent")
    return found


def _not_a_disclosure(rule: Rule, ctx: _Context, start: int, end: int, cues: list[str]) -> bool:
    """A denial ('nobody hurts me', 'I don't feel unsafe'), a story, a lesson, play, an accident, a joke, or harm
    that is past and dealt with ('he used to hit me; he went to prison and I'm safe now')."""
    hit = (start, end)
    sent_lo, sent_hi = ctx.sentence(start)
    negated = "negation" in cues
    # A cover story is an accident by design ('if anyone asks, I fell'): its accident does not undo it.
    if ctx.cue("play", sent_lo, sent_hi, hit) and "cover" not in rule.flags:
        return True
    if "past" in cues and (ctx.resolved or ctx.well_now):
        return True
    # Someone else's harm that adults are already dealing with is no disclosure of the writer's ('my mate was
    # self harming but we told miss and she's got CAMHS now'), whatever its tense.
    if "third_party" in cues and ctx.resolved:
        return True
    if "house" in rule.flags and ctx.anywhere("rules"):
        return True
    # A laugh does not undo self-harm or exploitation: children laugh off both ('getting £50 lol ez').
    serious = {"self_harm", "exploitation"}.intersection(rule.categories)
    if "joke" in cues and not serious and not ctx.anywhere("boost"):
        return True
    # Said to be a joke in so many words, in the sentence after: that holds for self-harm too.
    if "taken_back" in cues and not ctx.anywhere("boost"):
        return True
    before = ctx.sentence_start[sent_lo - 1] if sent_lo > 0 else sent_lo
    if ctx.cue("fiction", before, sent_hi, hit) and not ctx.about_writer(start, end):
        return True
    return negated and not ctx.cue("but", end, sent_hi, hit)


def _read(rule: Rule, ctx: _Context, start: int, end: int, proxy: bool) -> Hit | None:
    """A match read in context, or None when it is not a disclosure at all."""
    cues = _lowering_cues(rule, ctx, start, end, proxy)
    if _not_a_disclosure(rule, ctx, start, end, cues):
        ctx.dismissed = True
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
        self._needs = _requirements(self.matcher, self._lemmatizer.table, _norm_forms(nlp))
        self._splits = _split_pieces(nlp, frozenset(self._needs))
        for text in _WARM_UP:  # pay first-call costs (lazy tables, regex compiles, lexicons) here, not in a request
            self.screen(text)

    def doc(self, text: str) -> Doc:
        """Tokenise and lemmatise a normalised text (the only pipeline steps the rules need)."""
        doc: Doc = self._lemmatizer(self.nlp.make_doc(text))
        return doc

    def tokenise(self, text: str) -> Doc:
        """Tokenise a normalised text for :meth:`screen_doc` (which looks lemmas up itself)."""
        return self.nlp.make_doc(text)

    def hits(self, doc: Doc) -> list[Hit]:
        """Every rule hit that survives its context, in text order."""
        return self.read_hits(doc)[0]

    def read_hits(self, doc: Doc, *, always: bool = False) -> tuple[list[Hit], Dismissal]:
        """Every surviving hit, and how far the text reads as not a disclosure (:class:`Dismissal`). ``always`` reads
        the context even when no rule matches (to hold back a model-only flag), which the fast screen never needs."""
        toks = Tokens.from_doc(doc, self._lemmatizer.ids)
        matches = self.matcher(toks)
        if not matches and not always:
            return [], _NOT_DISMISSED
        cues: dict[str, list[tuple[int, int]]] = {}
        rule_matches, excluded = [], []
        for label, start, end in _dedupe(matches + self.context_matcher(toks)):
            if label.startswith("CUE_"):
                cues.setdefault(label[4:], []).append((start, end))
            elif label.startswith("EXCLUDE"):
                excluded.append((self.rules.exclusions[label].categories, start, end))
            else:
                rule_matches.append((self.rules.rules[label], start, end))
        ctx = _Context(toks, cues)
        proxy = ctx.anywhere("proxy")
        hits = []
        for rule, start, end in rule_matches:
            if any(s < end and start < e and (not cats or cats & set(rule.categories)) for cats, s, e in excluded):
                ctx.dismissed = True
                continue
            hit = _read(rule, ctx, start, end, proxy)
            if hit is not None:
                hits.append(hit)
        firm = ctx.dismissed or bool(excluded) or (ctx.resolved and ctx.anywhere("past"))
        # An accident or play ('fell off the climbing frame') counts only when asked for a model-only flag.
        # (so do a story, a lesson, a joke and a house rule or sanction: 'got my Xbox taken off me cos...').
        quiet = always and not hits and (any(ctx.anywhere(k) for k in ("play", "fiction", "rules")) or bool(ctx.jokes))
        return _keep_weak(hits), Dismissal(firm, quiet)

    def screen_doc(self, doc: Doc, norm: Normalised) -> Safeguarding:
        """Combine a doc's hits into one result, with the triggering phrases from the original text."""
        hits = self.hits(doc)
        if not hits:
            return NONE
        level = max((h.level for h in hits), key=_RANK.__getitem__)
        cats = {c for h in hits for c in h.categories}
        return Safeguarding(level, tuple(c for c in CATEGORIES if c in cats), _triggers(doc, norm, hits))

    def could_hit(self, norm: Normalised) -> bool:
        """Cheap pre-check before tokenising: does the text contain a word some rule is anchored on, and for one
        such rule, some written form of every word it requires? Most texts do not."""
        words = set(_WORD.findall(norm.text))
        if self.anchor_words.isdisjoint(words):
            return False
        text = norm.text.lower()
        # Tokens can be pieces of a word: the tokenizer's special cases ("cannot" -> "can" "not") and units after
        # a number ("10pm" -> "10" "pm"). Their pieces count as words too, or a rule anchored on one would be missed.
        words.update(_UNIT.findall(text))
        for key, pieces in self._splits:
            if key in text:
                words |= pieces
        needs = self._needs
        return any(
            all(any(form in text for form in forms) for forms in need)
            for word in words.intersection(needs)
            for need in needs[word]
        )

    def screen(self, text: str) -> Safeguarding:
        """Screen one raw text: the English rules, and the lexicon of each sentence in another language."""
        reading = read(text)
        return add_reading(self.screen_english(normalise(text), reading), reading)

    def screen_english(self, norm: Normalised, reading: Reading) -> Safeguarding:
        """The English rules' result, or none when every sentence was read as another language: English rules on
        Polish or Albanian words misread them ('od', Polish 'from', is 'overdose' in English text-speak)."""
        if reading.languages and not reads_english(reading):
            return NONE
        return self.screen_doc(self.tokenise(norm.text), norm) if self.could_hit(norm) else NONE


@cache
def _name_ids() -> frozenset[int]:
    """String ids of the first names that are not also words, as a token's norm holds them."""
    return frozenset(get_string_id(name) for name in plain_first_names())


_WORD = re.compile(r"[a-z0-9]+")
_UNIT = re.compile(r"(?<=[0-9])[a-z]+")


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


def _norm_forms(nlp: Language) -> dict[str, set[str]]:
    """Every lower-cased token text whose spaCy NORM is not simply itself, by NORM ("n't" and "nt" under "not")."""
    norm_of: Callable[[str], str] = getattr(nlp.vocab, "lex_attr_getters")[NORM]  # noqa: B009 (untyped in spaCy)
    forms: dict[str, set[str]] = {}
    for orth in BASE_NORMS:
        forms.setdefault(norm_of(orth), set()).add(orth.lower())
    rules: dict[str, list[dict[int, str]]] = getattr(nlp.tokenizer, "rules")  # noqa: B009 (untyped in spaCy)
    for tokens in rules.values():
        for token in tokens:
            if NORM in token:
                forms.setdefault(token[NORM], set()).add(token[ORTH].lower())
    return forms


def _split_pieces(nlp: Language, wanted: frozenset[str]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Tokenizer special cases that cut a word into pieces: (lower-case key, the pieces' words that the key's own
    words lack), kept only when one of those is a word some rule is anchored on."""
    rules: dict[str, list[dict[int, str]]] = getattr(nlp.tokenizer, "rules")  # noqa: B009 (untyped in spaCy)
    found: dict[str, frozenset[str]] = {}
    for key, tokens in rules.items():
        own = set(_WORD.findall(key.lower()))
        pieces = {part for token in tokens for part in _WORD.findall(token[ORTH].lower())} - own
        if pieces & wanted:
            found[key.lower()] = found.get(key.lower(), frozenset()) | pieces
    return tuple(sorted(found.items()))


def _step_forms(step: Step, by_lemma: dict[str, set[str]], norm_forms: dict[str, set[str]]) -> frozenset[str]:
    """Every lower-cased text a token matching ``step`` can have."""
    forms: set[str] = set(step.words)
    for word in step.words:
        if word in step.lemma_words:
            forms |= by_lemma.get(word, set())
        else:
            forms |= norm_forms.get(word, set())
    return frozenset(forms)


def _requirements(
    matcher: TokenMatcher, lemma_table: dict[str, str], norm_forms: dict[str, set[str]]
) -> dict[str, list[tuple[frozenset[str], ...]]]:
    """Anchor word -> for each rule anchored on it, the written forms each of its required tokens can take.

    A token is a piece of the normalised text, so a rule can only match when, for every required token, one of its
    forms occurs in the text: a sound test that needs no tokenisation."""
    by_lemma: dict[str, set[str]] = {}
    for form, lemma in lemma_table.items():
        by_lemma.setdefault(lemma, set()).add(form)
    needs: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for _, steps, anchor in matcher.patterns:
        required = tuple(
            _step_forms(step, by_lemma, norm_forms)
            for step in steps
            if not (step.optional or step.is_gap or step.number or step.regex is not None)
        )
        for form in _step_forms(steps[anchor], by_lemma, {}) if anchor >= 0 else ():
            for part in _WORD.findall(form):
                if required not in needs.setdefault(part, []):
                    needs[part].append(required)
    return needs


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


def settle_heap() -> None:
    """Move everything loaded so far out of the garbage collector's view (``gc.freeze``).

    The loaded tables are hundreds of thousands of long-lived objects; without this, an occasional full collection
    walks them all inside some unlucky request (40-100 ms measured).
    """
    gc.collect()
    gc.freeze()


def default_screen(model_dir: Path | None = None) -> RuleScreen:
    """The process-wide screen, built on first use (from the trained model's pipeline when present)."""
    global _default
    with _lock:
        if _default is None:
            from nlp._paths import DEFAULT_MODEL_DIR

            spacy_dir = (model_dir or DEFAULT_MODEL_DIR) / "spacy"
            nlp = load_pipeline(spacy_dir) if (spacy_dir / "config.cfg").exists() else build_pipeline()
            _default = RuleScreen(nlp)
            settle_heap()
        return _default


def screen(text: str) -> Safeguarding:
    """Rule-only safeguarding screen for use inside a web request; needs no trained model."""
    return default_screen().screen(text)
