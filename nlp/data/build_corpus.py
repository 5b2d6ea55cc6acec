"""Build Heard's labelled training corpus (nlp/data/corpus.jsonl) from hand-written sources.

Standard library only, fixed seed, no network: running it twice gives the same file.

Sources live in ``nlp/data/src/``:

* ``items_<voice>.txt``: complete hand-written items, one per line.
* ``frags_<voice>.txt``: labelled sentence fragments, composed 1-3 at a time.
* ``sentiment_<voice>.txt``: complete hand-written items added later for the sentiment boundaries (mixed
  feelings, plain facts and asks, negation). Filled with a random generator of their own and appended after
  everything else, ids continuing each voice's numbering, so every earlier item stays byte-identical.
* ``foreign_<voice>.txt``, ``multi_<voice>.txt`` then ``kinds_<voice>_<kind>.txt``: later hand-written complete
  items (other languages; longer texts with several themes and mixed feelings; worries said indirectly, their
  look-alikes, and both in ten other languages), appended the same way after the sentiment items.

Line format (fields separated by `` | ``; the text is everything before the last fields)::

    text | themes | sentiment | safeguarding | kind-or-flags

* themes: space-separated short codes (see THEMES) or ``-`` for none.
* sentiment: ``+`` positive, ``-`` negative, ``m`` mixed, ``0`` neutral.
* safeguarding: ``-`` for none, else ``c:`` (concern) or ``u:`` (urgent) then
  comma-separated category codes (see CATEGORIES), e.g. ``u:ab,ne``.
* last field: for items the kind (``s`` survey, ``t`` statement, ``r`` review,
  ``c`` complaint); for fragments ``-`` or ``H`` (a hard negative: alarming words
  used safely, never composed with a safeguarding fragment).

Inside the text:

* ``[Kerry]`` marks a literal personal detail; the brackets are dropped and the
  string is listed in ``pii``.
* ``{F}`` ``{f}`` (a first name, lower-case variant; a token repeated in one
  template is the same person), ``{W}`` ``{w}`` (a worker's
  or carer's first name), ``{FULL}``, ``{MOB}``, ``{LAND}``, ``{EMAIL}``, ``{PC}``,
  ``{ADDR}``, ``{SCHOOL}``, ``{COLLEGE}``, ``{HANDLE}`` are filled from the lists
  below and listed in ``pii``.
* ``{a|b|c}`` picks one alternative (alternatives never change the labels).

Composition rules (fragments of one voice only):

* 1 to 4 fragments (a safeguarding one with at most one other); no two share their first (primary) theme; at most one
  safeguarding fragment, and never alongside a hard-negative fragment or a
  positive fragment that shares a theme with it; a fragment is used at most
  3 to ``MAX_USES`` times (more when it has more alternatives), at most once on its own, and no combination repeats.
* at most one hard-negative fragment per item.
* themes: union in order; sentiment: all equal -> that, neutral is absorbed,
  otherwise (positive with negative, or any mixed) -> mixed, and positive beside a
  disclosure -> mixed; safeguarding: the highest level and the union of categories.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # keep nlp/data free of __pycache__

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import names  # noqa: E402

SRC = HERE / "src"
OUT = HERE / "corpus.jsonl"
SEED = 20240917
MAX_USES = 8
DECORATE_P = 0.24  # share of composed items given a greeting or sign-off with a personal detail

THEMES = {
    "fc": "family_contact",
    "pl": "placement",
    "sw": "social_worker",
    "ed": "education_work",
    "hw": "health_wellbeing",
    "sf": "safety",
    "lc": "leaving_care",
    "bh": "being_heard",
    "id": "identity",
    "fa": "friends_activities",
    "mo": "money",
}
CATEGORIES = {
    "ab": "abuse",
    "sh": "self_harm",
    "ex": "exploitation",
    "mi": "missing",
    "ne": "neglect",
    "vi": "violence",
}
SENTIMENTS = {"+": "positive", "-": "negative", "m": "mixed", "0": "neutral"}
LEVELS = {"c": "concern", "u": "urgent"}
KINDS = {"s": "survey", "t": "statement", "r": "review", "c": "complaint"}
LEVEL_RANK = {"none": 0, "concern": 1, "urgent": 2}

# Voices: id prefix -> (items file, fragments file, target total items).
VOICES = {
    "yc": 720,  # younger children, about 4-11
    "tn": 900,  # teenagers, 12-17
    "cl": 760,  # care leavers, 16-25
    "ua": 560,  # young people with little English (mostly unaccompanied asylum seekers)
    "sh": 300,  # one-word and very short survey answers (all ages)
}

FIRST = names.read("first_names")
WORKERS = names.read("worker_names")
SURNAMES = names.read("surnames")
POSTCODES = names.read("postcodes")
STREETS = names.read("streets")
SCHOOLS = names.read("schools")
COLLEGES = names.read("colleges")
LANDLINE_STEMS = ["0161 496 0", "020 7946 0", "0113 496 0", "0121 496 0", "0117 496 0", "0151 496 0"]
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "icloud.com", "yahoo.co.uk"]
HANDLE_TAILS = ["xx_", "_07", ".x", "x", "_official", "99", "_", ".k"]

SLOT = re.compile(r"\{(F|f|W|w|FULL|MOB|LAND|EMAIL|PC|ADDR|SCHOOL|COLLEGE|HANDLE)\}")
LITERAL = re.compile(r"\[([^\[\]]+)\]")


class Source:
    """One parsed line: an item or a fragment, with its labels."""

    def __init__(self, text, themes, sentiment, level, cats, tail, origin):
        self.text, self.themes, self.sentiment = text, themes, sentiment
        self.level, self.cats, self.tail, self.origin = level, cats, tail, origin
        self.uses = 0
        self.solo = False
        self.cap = use_cap(text)

    @property
    def primary(self):
        return self.themes[0] if self.themes else None

    @property
    def is_sg(self):
        return self.level != "none"


def variants(text: str) -> int:
    """How many surface forms a template has (product of its alternative counts)."""
    n, depth, bars = 1, 0, []
    for ch in text:
        if ch == "{":
            depth += 1
            bars.append(0)
        elif ch == "|" and depth:
            bars[-1] += 1
        elif ch == "}" and depth:
            depth -= 1
            n *= bars.pop() + 1
    return n


def use_cap(text: str) -> int:
    """A fragment with more surface forms may be used more often (at most MAX_USES)."""
    v = variants(text)
    return 3 if v == 1 else 5 if v < 6 else 7 if v < 18 else MAX_USES


def parse_line(line: str, origin: str) -> Source:
    parts = line.rsplit(" | ", 4)
    if len(parts) != 5:
        raise ValueError(f"{origin}: expected 5 fields: {line!r}")
    text, th, se, sg, tail = (p.strip() for p in parts)
    themes = [] if th == "-" else [THEMES[c] for c in th.split()]
    if len(set(themes)) != len(themes):
        raise ValueError(f"{origin}: repeated theme: {line!r}")
    if sg == "-":
        level, cats = "none", []
    else:
        lv, cs = sg.split(":")
        level, cats = LEVELS[lv], [CATEGORIES[c] for c in cs.split(",")]
    return Source(text, themes, SENTIMENTS[se], level, cats, tail, origin)


def read_sources(path: Path) -> list[Source]:
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(parse_line(line, f"{path.name}:{n}"))
    return out


class Filler:
    """Fills slots and alternatives, recording personal details."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _value(self, slot: str) -> str:
        r = self.rng
        if slot in ("F", "f"):
            v = r.choice(FIRST)
        elif slot in ("W", "w"):
            v = r.choice(WORKERS)
        elif slot == "FULL":
            v = f"{r.choice(FIRST)} {r.choice(SURNAMES)}"
        elif slot == "MOB":
            d = r.randrange(1000)
            v = r.choice([f"07700 900{d:03d}", f"07700900{d:03d}", f"07700 900 {d:03d}"])
        elif slot == "LAND":
            v = f"{r.choice(LANDLINE_STEMS)}{r.randrange(1000):03d}"
        elif slot == "EMAIL":
            a, b = r.choice(FIRST).lower(), r.choice(SURNAMES).lower().replace("'", "")
            user = r.choice(
                [f"{a}.{b}", f"{a}{b}{r.randrange(1, 99)}", f"{a}_{r.randrange(2000, 2012)}", f"{a}{b[0]}x"]
            )
            v = f"{user}@{r.choice(EMAIL_DOMAINS)}"
        elif slot == "PC":
            v = r.choice(POSTCODES)
        elif slot == "ADDR":
            street, n = r.choice(STREETS), r.randrange(1, 90)
            v = r.choice([f"{n} {street}"] * 3 + [f"Flat {r.randrange(1, 12)}, {n} {street}"])
        elif slot == "SCHOOL":
            v = r.choice(SCHOOLS)
        elif slot == "COLLEGE":
            v = r.choice(COLLEGES)
        else:  # HANDLE
            v = r.choice(["@", ""]) + r.choice(FIRST).lower() + r.choice(HANDLE_TAILS)
        return v.lower() if slot in ("f", "w") else v

    def expand(self, text: str) -> str:
        """Resolve ``{a|b}`` alternatives (which may nest slots or alternatives)."""
        out, i = [], 0
        while i < len(text):
            if text[i] != "{":
                out.append(text[i])
                i += 1
                continue
            depth, j, bars = 0, i, []
            while True:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif text[j] == "|" and depth == 1:
                    bars.append(j)
                j += 1
            if not bars:  # a slot such as {F}: keep it for fill()
                out.append(text[i : j + 1])
            else:
                cuts = [i, *bars, j]
                options = [text[a + 1 : b] for a, b in itertools.pairwise(cuts)]
                out.append(self.expand(self.rng.choice(options)))
            i = j + 1
        return "".join(out)

    def fill(self, template: str) -> tuple[str, list[str]]:
        text = self.expand(template)
        pii: list[str] = []
        used: dict[str, str] = {}

        def slot(m: re.Match) -> str:
            # The same token twice in one template is the same person; different tokens differ.
            if m.group(1) in used:
                return used[m.group(1)]
            v = self._value(m.group(1))
            while v.lower() in {u.lower() for u in used.values()}:
                v = self._value(m.group(1))
            used[m.group(1)] = v
            pii.append(v)
            return v

        text = SLOT.sub(slot, text)

        def literal(m: re.Match) -> str:
            pii.append(m.group(1))
            return m.group(1)

        text = LITERAL.sub(literal, text)
        # unique, order kept
        return text, list(dict.fromkeys(pii))


def combine_sentiment(values: list[str]) -> str:
    s = {v for v in values if v != "neutral"}
    if not s:
        return "neutral"
    if len(s) == 1:
        return s.pop()
    return "mixed"


def record(rid, text, themes, sentiment, level, cats, pii, kind):
    return {
        "id": rid,
        "text": text,
        "themes": themes,
        "sentiment": sentiment,
        "safeguarding": {"level": level, "categories": cats},
        "pii": pii,
        "kind": kind,
    }


JOINERS = {
    "yc": [" and ", ". ", " ", ". and ", " also "],
    "tn": [". ", " ", ". also ", " and ", ". tbh ", ". oh and ", "\n"],
    "cl": [". ", ". Also, ", ". ", " and ", ". Another thing, ", "\n\n"],
    "ua": [". ", ". ", " and ", ". Also ", ". "],
    "sh": [", ", " and "],
}
PREFIXES = {
    "review": {
        "yc": ["for my review ", "for my meeting: ", ""],
        "tn": ["for my review: ", "stuff for my lac review - ", "views: ", ""],
        "cl": ["My views for my pathway plan review: ", "For my review: ", "What I want to say: ", ""],
        "ua": ["For my review meeting. ", "My views: ", ""],
        "sh": [""],
    },
    "survey": {
        "yc": ["what would make my life better ", "", "", ""],
        "tn": ["", "", "what would make it better? "],
        "cl": ["", "", "Anything else you want to tell us? "],
        "ua": ["", ""],
        "sh": [""],
    },
}


N_WEIGHTS = {"yc": [4, 5, 2, 0], "tn": [3, 5, 3, 1], "cl": [2, 5, 3, 1.5], "ua": [3, 5, 3, 1], "sh": [6, 4, 0, 0]}
GREETINGS = {
    "yc": ["hi {w} ", "hello its {F} ", "to {W} "],
    "tn": ["hiya {W} ", "hi {w} ", "yo its {F} ", "{w} "],
    "cl": ["Hi {W}, ", "Hiya {W}, ", "Hello, it's {FULL}. ", "Hi, {F} here. "],
    "ua": ["Hello {W}. ", "Hello, my name is {FULL}. ", "Dear {W}, "],
}
SIGNOFFS = {
    "yc": [
        " from {F}",
        " by {F} age {7|8|9|10}",
        " {F} x",
        " love from {F}",
        " i go to {SCHOOL}",
        " from {F} at {SCHOOL}",
    ],
    "tn": [
        " - {F}",
        " {F} x",
        " its {f} btw",
        " text me on {MOB}",
        " my snap is {HANDLE}",
        " from {f}",
        " my email is {EMAIL}",
        " im at {ADDR} now btw",
        " insta {HANDLE}",
    ],
    "cl": [
        " Thanks, {FULL}",
        " {F}",
        " Best to ring me on {MOB}.",
        " {FULL} (care leaver)",
        " Thanks, {F}",
        " My email is {EMAIL}.",
        " My address is {ADDR}, {PC}.",
        " Please write to me at {ADDR} {PC}.",
        " Home phone is {LAND}.",
    ],
    "ua": [
        " {FULL}",
        " My name is {F}.",
        " Thank you. {F}",
        " My number is {MOB}.",
        " Thank you, {FULL}",
        " My address {ADDR} {PC}.",
        " My email {EMAIL}",
    ],
}


def tidy(text: str, voice: str) -> str:
    text = re.sub(r"\.\s*\.", ".", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r"(?<=\S) {2,}", " ", text)
    if voice in ("cl", "ua") and text:
        text = text[0].upper() + text[1:]
        text = re.sub(r"([.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text.strip()


KEEP_CAPS = {
    "I",
    "I'm",
    "I've",
    "I'd",
    "I'll",
    "Home",
    "Staying",
    "Universal",
    "Eid",
    "Ramadan",
    "Christmas",
    "Newroz",
    "English",
    "Afghan",
    "Kurdish",
    "Red",
    "Facebook",
    "WhatsApp",
}
KEEP_CAPS |= set(FIRST) | set(WORKERS) | set(SURNAMES)


def join(parts: list[str], voice: str, rng: random.Random) -> str:
    """Join fragments with a voice's joiners; lower-case a fragment that now runs on."""
    out = parts[0].rstrip(" .") if len(parts) > 1 else parts[0]
    for i, p in enumerate(parts[1:], 1):
        j = rng.choice(JOINERS[voice])
        nxt = p.rstrip(" .") if i < len(parts) - 1 else p
        first = nxt.split()[0] if nxt.split() else ""
        runs_on = not (j.endswith((". ", "\n")))
        if runs_on and first[:1].isupper() and first not in KEEP_CAPS and not first.isupper():
            nxt = nxt[0].lower() + nxt[1:]
        out += j + nxt
    return out


def pick_kind(sentiment: str, level: str, voice: str, rng: random.Random) -> str:
    if voice == "sh":
        return "survey"
    if level == "urgent":
        return rng.choice(["statement"] * 6 + ["survey", "review", "complaint"])
    if sentiment == "negative":
        return rng.choice(["complaint"] * 3 + ["statement"] * 3 + ["survey"] * 3 + ["review"])
    return rng.choice(["statement"] * 3 + ["survey"] * 4 + ["review"] * 2 + ["complaint"] * (sentiment == "mixed"))


def compatible(chosen: list[Source], cand: Source) -> bool:
    if cand.primary in {c.primary for c in chosen} and cand.primary is not None:
        return False
    if any(c is cand for c in chosen):
        return False
    group = [*chosen, cand]
    if sum(c.tail == "H" for c in group) > 1:  # one reassurance per item reads naturally
        return False
    sg = [c for c in group if c.is_sg]
    if len(sg) > 1:
        return False
    if sg:
        if len(group) > 2:
            return False
        s = sg[0]
        for c in group:
            if c is s:
                continue
            if c.tail == "H":
                return False
            if c.sentiment == "positive" and set(c.themes) & (set(s.themes) | {"health_wellbeing", "safety"}):
                return False
    return True


def compose(voice, frags, want, rng, filler, seen_texts, seen_combos):
    out = []
    tries = 0
    while len(out) < want and tries < want * 200:
        tries += 1
        pool = [f for f in frags if f.uses < f.cap]
        if not pool:
            break
        weights = [1.0 / (1 + f.uses) ** 2 for f in pool]
        n = rng.choices([1, 2, 3, 4], weights=N_WEIGHTS[voice])[0]
        chosen = [rng.choices(pool, weights=weights)[0]]
        for _ in range(n - 1):
            cands = [f for f in pool if compatible(chosen, f)]
            if not cands:
                break
            chosen.append(rng.choices(cands, weights=[1.0 / (1 + f.uses) ** 2 for f in cands])[0])
        if len(chosen) == 1 and chosen[0].solo:
            continue
        key = frozenset(id(c) for c in chosen)
        if key in seen_combos:
            continue
        rng.shuffle(chosen)
        texts, pii = [], []
        for c in chosen:
            t, p = filler.fill(c.text)
            texts.append(t)
            pii += [x for x in p if x not in pii]
        themes = list(dict.fromkeys(t for c in chosen for t in c.themes))
        sentiment = combine_sentiment([c.sentiment for c in chosen])
        level = max((c.level for c in chosen), key=LEVEL_RANK.__getitem__)
        if level != "none" and sentiment == "positive":  # good news beside a disclosure
            sentiment = "mixed"
        cats = list(dict.fromkeys(x for c in chosen for x in c.cats))
        kind = pick_kind(sentiment, level, voice, rng)
        text = join(texts, voice, rng)
        if kind in PREFIXES and rng.random() < 0.5:
            pre = rng.choice(PREFIXES[kind][voice])
            text = pre + (text[0].lower() + text[1:] if pre and voice in ("yc", "tn") else text)
        if voice in GREETINGS and rng.random() < DECORATE_P:
            if kind == "statement" and rng.random() < 0.6:
                g, p = filler.fill(rng.choice(GREETINGS[voice]))
                text = g + (text[0].lower() + text[1:] if voice in ("yc", "tn") else text)
            else:
                g, p = filler.fill(rng.choice(SIGNOFFS[voice]))
                sep = rng.choice(["\n", "."]) if voice in ("yc", "tn") else ("" if text.rstrip()[-1:] in ".!?" else ".")
                text = text.rstrip() + sep + g
            pii += [x for x in p if x not in pii]
        text = tidy(text, voice)
        norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() or text
        if norm in seen_texts:
            continue
        pii = [p for p in pii if p in text]
        seen_texts.add(norm)
        seen_combos.add(key)
        for c in chosen:
            c.uses += 1
        if len(chosen) == 1:
            chosen[0].solo = True
        out.append((text, themes, sentiment, level, cats, pii, kind))
    return out


def handwritten(path: Path, filler: Filler, seen_texts: set[str]) -> list[tuple]:
    """The complete items of one source file, slots filled; a repeated normalised text is an error."""
    made = []
    for it in read_sources(path):
        text, pii = filler.fill(it.text)
        norm = re.sub(r"[\W_]+", " ", text.lower()).strip() or text  # any script: Ge'ez, Arabic
        if norm in seen_texts:
            raise ValueError(f"{it.origin}: duplicate item text {text!r}")
        seen_texts.add(norm)
        made.append((text, it.themes, it.sentiment, it.level, it.cats, pii, KINDS[it.tail]))
    return made


def supplements(rows: list[dict], stats: dict, seen_texts: set[str]) -> None:
    """Append the ``sentiment_<voice>.txt`` items, with a generator of their own (earlier items unchanged)."""
    rng = random.Random(SEED + 1)
    filler = Filler(rng)
    for voice in VOICES:
        path = SRC / f"sentiment_{voice}.txt"
        made = handwritten(path, filler, seen_texts) if path.exists() else []
        stats["sentiment"][voice] = len(made)
        rng.shuffle(made)
        start = sum(r["id"].startswith(f"tr-{voice}-") for r in rows)
        for i, (text, themes, sentiment, level, cats, pii, kind) in enumerate(made, start + 1):
            rows.append(record(f"tr-{voice}-{i:04d}", text, themes, sentiment, level, cats, pii, kind))
    foreign(rows, stats, seen_texts)


def foreign(rows: list[dict], stats: dict, seen_texts: set[str]) -> None:
    """Append the ``foreign_<voice>.txt`` items (children writing in their own language), after everything else
    and with a generator of their own, so every earlier item and id is unchanged."""
    rng = random.Random(SEED + 2)
    filler = Filler(rng)
    for voice in VOICES:
        path = SRC / f"foreign_{voice}.txt"
        if not path.exists():
            continue
        made = handwritten(path, filler, seen_texts)
        stats["foreign"][voice] = len(made)
        rng.shuffle(made)
        start = sum(r["id"].startswith(f"tr-{voice}-") for r in rows)
        for i, (text, themes, sentiment, level, cats, pii, kind) in enumerate(made, start + 1):
            rows.append(record(f"tr-{voice}-{i:04d}", text, themes, sentiment, level, cats, pii, kind))
    multi(rows, stats, seen_texts)


def multi(rows: list[dict], stats: dict, seen_texts: set[str]) -> None:
    """Append the ``multi_<voice>.txt`` items (longer texts of 3-8 sentences with 2-4 themes and mixed feelings,
    as children in care really write), after everything else and with a generator of their own, so every earlier
    item and id is unchanged."""
    rng = random.Random(SEED + 3)
    filler = Filler(rng)
    for voice in VOICES:
        path = SRC / f"multi_{voice}.txt"
        if not path.exists():
            continue
        made = handwritten(path, filler, seen_texts)
        stats["multi"][voice] = len(made)
        rng.shuffle(made)
        start = sum(r["id"].startswith(f"tr-{voice}-") for r in rows)
        for i, (text, themes, sentiment, level, cats, pii, kind) in enumerate(made, start + 1):
            rows.append(record(f"tr-{voice}-{i:04d}", text, themes, sentiment, level, cats, pii, kind))
    kinds(rows, stats, seen_texts)


def kinds(rows: list[dict], stats: dict, seen_texts: set[str]) -> None:
    """Append the ``kinds_<voice>_<kind>.txt`` items: worries said indirectly and their look-alikes, long
    contributions and quotes in the style of published reports, and worries and look-alikes in ten other
    languages, each written by a writer of its own who never saw the rules or an evaluation set (issue #17).
    After everything else, with a generator of their own (``SEED + 4``), so every earlier item and id is unchanged."""
    rng = random.Random(SEED + 4)
    filler = Filler(rng)
    for voice in VOICES:
        made = []
        for path in sorted(SRC.glob(f"kinds_{voice}_*.txt")):
            items = handwritten(path, filler, seen_texts)
            stats["kinds"][path.stem.removeprefix(f"kinds_{voice}_")] += len(items)
            made += items
        rng.shuffle(made)
        start = sum(r["id"].startswith(f"tr-{voice}-") for r in rows)
        for i, (text, themes, sentiment, level, cats, pii, kind) in enumerate(made, start + 1):
            rows.append(record(f"tr-{voice}-{i:04d}", text, themes, sentiment, level, cats, pii, kind))


def build() -> tuple[list[dict], dict]:
    rng = random.Random(SEED)
    filler = Filler(rng)
    rows: list[dict] = []
    stats = {
        "handwritten": Counter(),
        "composed": Counter(),
        "fragments": Counter(),
        "sentiment": Counter(),
        "foreign": Counter(),
        "multi": Counter(),
        "kinds": Counter(),
    }
    seen_texts: set[str] = set()
    for voice, target in VOICES.items():
        frags = read_sources(SRC / f"frags_{voice}.txt")
        stats["fragments"][voice] = len(frags)
        made = handwritten(SRC / f"items_{voice}.txt", filler, seen_texts)
        stats["handwritten"][voice] = len(made)
        comp = compose(voice, frags, max(0, target - len(made)), rng, filler, seen_texts, set())
        stats["composed"][voice] = len(comp)
        made += comp
        rng.shuffle(made)
        for i, (text, themes, sentiment, level, cats, pii, kind) in enumerate(made, 1):
            rows.append(record(f"tr-{voice}-{i:04d}", text, themes, sentiment, level, cats, pii, kind))
    supplements(rows, stats, seen_texts)
    return rows, stats


def main() -> int:
    rows, stats = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    from check_corpus import summarise

    print(f"wrote {len(rows)} items to {OUT.relative_to(HERE.parent.parent)}")
    for k, c in stats.items():
        print(f"{k}: {dict(c)} total {sum(c.values())}")
    print(summarise(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
