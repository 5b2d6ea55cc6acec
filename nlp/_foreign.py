"""Read disclosures in other languages: the language of each sentence, then that language's lexicon.

The English screen reads tokens and lemmas; the children who write in Arabic, Dari, Pashto, Tigrinya, Sorani,
Albanian, Vietnamese, Urdu, Punjabi or Polish are read here instead, sentence by sentence, with hand-written
patterns per language (``resources/lexicons/*.txt``, format in its README). A sentence in a language nothing
here can read makes the text *unreadable*: it goes to a person, never silently to "none".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import cache, cached_property

import msgspec

from nlp._gate import Gate
from nlp._resources import RESOURCES, lower_set, mapping
from nlp._respell import respell
from nlp.schemas import CATEGORIES, LEVELS, Level, Safeguarding

LEXICONS = RESOURCES / "lexicons"
# What each lexicon file reports as the language, and which files a script's sentences are read with.
ARABIC_SCRIPT = ("ar", "fa", "ps", "ku", "ur")
LATIN = ("ur-latn", "pl", "sq", "vi")
READABLE = frozenset({"en", "ar", "fa", "ps", "ku", "ur", "pa", "ti", "sq", "vi", "pl"})
_RANK = {level: i for i, level in enumerate(LEVELS)}

# Arabic-script letters that only some of the languages use (checked in this order).
_ARABIC_MARKERS = (
    ("ku", frozenset("ێۆڵڕەڤ")),
    ("ps", frozenset("ټډړږښګڼېۍځڅ")),
    ("ur", frozenset("ےںٹڈڑھہ")),
    ("fa", frozenset("پچژگکی")),
)
_MARKED = {code: marks for code, marks in _ARABIC_MARKERS if code in ("ps", "ur")}
_FOLD_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ي": "ی",
        "ى": "ی",
        "ے": "ی",
        "ێ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ە": "ه",
        "ۂ": "ه",
        "ؤ": "و",
        "ۆ": "و",
        "ڕ": "ر",
        "ڵ": "ل",
        "\u200c": " ",
    }
)
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200d\u200e\u200f]")
_LATIN_FOLD = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "\u2019": "'", "\u02bc": "'"})
# Letters only one of the Latin-script languages read here uses (Vietnamese, Polish, Albanian).
_LATIN_LETTERS = (
    ("vi", "ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"),
    ("pl", "ąęłńśźżć"),
    ("sq", "ë"),
)
# Letters none of the Latin-script languages read here uses (Lithuanian ė, Czech ř).
_OTHER_LATIN = frozenset("ėįųūčšžřěůőűøåæñ")
# Arabic in Latin letters writes its own sounds with digits inside words (3 for ع, 7 for ح, 5 for خ, 9 for ق:
# 'sa7bi', 'm3a'); English text-speak uses 2, 4 and 8 ('gr8', 'b4').
_ARABIZI = re.compile(r"[a-z][3579][a-z]|(?<![\w£$])[3579](?!pm|am|th|rd|nd|st|km|kg|min|hr|yr|ft|cm|mm)[a-z]{2,}")
# What a sentence in Latin letters can be read as: Arabic, Persian or Kurdish written in Latin letters (Arabizi,
# Finglish) has no lexicon here, so it goes to a person.
_READ_IN_LATIN = frozenset({"en", "ur", "pa", "pl", "sq", "vi"})
_SENTENCE = re.compile(r"[^.!?\n؟۔።;]+[.!?\n؟۔።;]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"[\s,،:;\"()«»“”*]+")


def _script(char: str) -> str:
    o = ord(char)
    if o < 0x250:
        return "latin"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x1200 <= o <= 0x139F or 0x2D80 <= o <= 0x2DDF or 0xAB00 <= o <= 0xAB2F:
        return "ethiopic"
    if 0x1E00 <= o <= 0x1EFF:
        return "latin"  # Vietnamese letters with two marks
    return "other"


def _bare(char: str) -> str:
    return "".join(d for d in unicodedata.normalize("NFD", char) if not unicodedata.combining(d))


class _BareLatin(dict[int, str]):
    """``str.translate`` table that takes the marks off Latin letters, each letter worked out once when first met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = bare = _bare(char) if _script(char) == "latin" else char
        return bare


_BARE_LATIN = _BareLatin()


def fold_letters(text: str) -> str:
    """Lower case, one form per letter, no marks (what lexicon patterns are written through)."""
    text = _DROP.sub("", text.lower().translate(_FOLD_ARABIC).translate(_LATIN_FOLD))
    if not text.isascii():
        text = text.translate(_BARE_LATIN)
    return text


def fold(text: str) -> str:
    """The form a sentence is matched in: :func:`fold_letters`, and commas, quotes and brackets as spaces (see
    resources/lexicons/README.md)."""
    return _SPACE.sub(" ", fold_letters(text))


# Cue kinds that, found in a hit's sentence, make it no hit: a story or lesson, a joke, an accident or a knock from
# sport, a house rule named as such.
_NO_HIT_IN_SENTENCE = ("fiction", "joke", "play", "rules")
# The cue kinds a lexicon may use (resources/lexicons/README.md says how each is read).
CUE_KINDS = frozenset(
    (*_NO_HIT_IN_SENTENCE, "negation", "negation_after", "past", "resolved", "third_party", "exclude", "now")
)


class _Rule(msgspec.Struct, frozen=True):
    category: str
    level: Level
    pattern: re.Pattern[str]
    boost: bool = False  # a concern that is urgent when the text says it is now ("tonight")


class Lexicon(msgspec.Struct, frozen=True):
    """One language's disclosure patterns and context cues."""

    code: str
    rules: tuple[_Rule, ...]
    cues: dict[str, re.Pattern[str]]
    gate: Gate  # which rules could match a sentence


# WORDS whole: a hit starts and ends on word boundaries (Vietnamese syllables); WORDS start: it starts on one
# (Polish, Albanian and Roman Urdu stems take endings); absent: anywhere (Arabic script and Ge'ez take prefixes).
_BOUNDS = {"whole": (r"(?<!\w)(?:", r")(?!\w)"), "start": (r"(?<!\w)(?:", ")"), "none": ("(?:", ")")}


def _compile(source: str, words: str = "none") -> re.Pattern[str]:
    head, tail = _BOUNDS[words]
    return re.compile(head + fold_letters(source) + tail)


@cache
def lexicon(name: str) -> Lexicon:
    """Parse ``resources/lexicons/<name>.txt``."""
    rules: list[_Rule] = []
    cues: dict[str, list[str]] = {}
    words = "none"
    for number, raw in enumerate((LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("WORDS "):
            words = line.split()[1]
            continue
        head, sep, pattern = line.partition(" : ")
        kind, *args = head.split()
        if not sep or kind not in ("RULE", "CUE"):
            raise ValueError(f"{name}.txt:{number}: not a RULE or CUE line: {line!r}")
        if kind == "CUE":
            if not args or args[0] not in CUE_KINDS:
                raise ValueError(f"{name}.txt:{number}: unknown cue kind: {line!r}")
            cues.setdefault(args[0], []).append(pattern.strip())
            continue
        category, level, *flags = args
        if category not in CATEGORIES or level not in ("concern", "urgent") or set(flags) - {"boost"}:
            raise ValueError(f"{name}.txt:{number}: unknown category, level or flag: {line!r}")
        rules.append(_Rule(category, level, _compile(pattern.strip(), words), "boost" in flags))  # type: ignore[arg-type]
    cue_patterns = {k: _compile("|".join(f"(?:{p})" for p in v)) for k, v in cues.items()}
    return Lexicon(name, tuple(rules), cue_patterns, Gate([rule.pattern.pattern for rule in rules]))


class Reading(msgspec.Struct, frozen=True):
    """What the lexicons found in a text: the result, the languages seen, and whether every sentence was read."""

    level: Level = "none"
    categories: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    readable: bool = True


ENGLISH_ONLY = Reading()


@cache
def _english() -> frozenset[str]:
    return lower_set("common_words.txt") | frozenset(mapping("textspeak.tsv")) | lower_set("first_names.txt")


@cache
def _markers() -> dict[str, frozenset[str]]:
    """Words that say a Latin-letter sentence is in one of the languages read here (not English words)."""
    out: dict[str, frozenset[str]] = {}
    for line in (LEXICONS / "markers.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, words = line.split("\t", 1)
            out[code] = frozenset(words.split())
    return out


@cache
def marker_words() -> frozenset[str]:
    return frozenset().union(*_markers().values())


_lid_lock = threading.Lock()


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from nlp._language import _identifier as identifier

    return identifier()


def _identify(text: str) -> tuple[str, float]:
    with _lid_lock:
        lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


# Common words that tell Pashto and Urdu from Persian when no letter of their own is used.
_ARABIC_SCRIPT_WORDS = (
    ("ps", frozenset(["زما", "زه", "چې", "کې", "دی", "یم", "ته", "ډېر", "هغه", "ولې", "څه", "ماته", "راته"])),
    ("ur", frozenset(["میں", "ہے", "ہیں", "کہ", "کو", "سے", "نہیں", "مجھے", "میرا", "میری"])),
)


def _arabic_language(sentence: str) -> str:
    chars = set(sentence)
    for code, marks in _ARABIC_MARKERS:
        if chars & marks and code != "fa":
            return code
    words = set(sentence.split())
    for code, common in _ARABIC_SCRIPT_WORDS:
        if words & common:
            return code
    return "fa" if chars & _ARABIC_MARKERS[-1][1] else "ar"


def _latin_language(words: list[str]) -> str | None:
    """The sentence's language from its words: a readable code, "en", or None when it is some other language."""
    markers = _markers()
    counts = {code: sum(1 for w in words if w in marks) for code, marks in markers.items()}
    # Urdu and Punjabi share most words written in Latin letters: together they count as one.
    south_asian = counts.pop("ur", 0) + counts.pop("pa", 0)
    counts["pa" if sum(1 for w in words if w in markers["pa"]) * 2 >= south_asian > 0 else "ur"] = south_asian
    # Words of languages written in Latin letters that no lexicon here reads (Pashto, Persian, Arabic without
    # Arabizi digits, Kurdish): two of them, more than of any language read here, send the sentence to a person.
    unread = counts.pop("unread", 0)
    best = max(counts, key=counts.__getitem__)
    if unread >= 2 and unread > counts[best]:
        return None
    known = sum(1 for w in words if w in _english()) / len(words)
    if counts[best] >= 2 or (counts[best] == 1 and known < 0.5 and len(words) <= 4):
        return best
    if known >= 0.75 or len(words) < 3:
        return "en"
    lang, prob = _identify(" ".join(words))
    if lang in _READ_IN_LATIN:
        return lang
    # Most words are not English and the language is none read here (Darija or Bengali in Latin letters, Somali):
    # a person reads it. English text-speak keeps enough words that are English once respelled ('hld stuf'), and
    # a few words are too few to tell ('wdym hld stuf lol').
    english = known >= 0.5 or len(words) < 5 or _respelled_share(words) >= 0.85
    return "en" if prob < 0.9 and english else None


def _respelled_share(words: list[str]) -> float:
    """The share of words that are English as written or once respelled (the respeller reads foreign words as
    English too readily for a lower bar: Darija 'drari' becomes 'drain')."""
    known = _english()
    return sum(1 for w in words if w in known or (respell(w) or "").partition(" ")[0] in known) / len(words)


def _sentence_language(sentence: str) -> tuple[str | None, str]:
    """ISO code of one sentence's language (None: a language this module cannot read) and its main script."""
    script = _main_script(sentence)
    if script == "arabic":
        return _arabic_language(sentence), script
    if script == "ethiopic":
        return "ti", script
    if script == "other":
        return None, script
    return _latin_sentence_language(sentence), script


def _main_script(sentence: str) -> str:
    scripts: dict[str, int] = {}
    for c in sentence:
        if c.isalpha():
            s = _script(c)
            scripts[s] = scripts.get(s, 0) + 1
    return max(scripts, key=scripts.__getitem__) if scripts else "latin"


def _latin_sentence_language(sentence: str) -> str | None:
    folded = fold(sentence)
    lowered = sentence.lower()
    # A letter none of these languages uses (Lithuanian ė, Czech ř) says it is another language, whatever else it
    # shares with them (Lithuanian ą is Polish too): the identifier decides.
    if not any(c in lowered for c in _OTHER_LATIN):
        for code, letters in _LATIN_LETTERS:
            if any(c in lowered for c in letters):
                return code
    if len(_ARABIZI.findall(lowered)) >= 2:
        return None
    words = _LETTERS.findall(folded)
    return _latin_language(words) if words else "en"


def _lexicons_for(language: str, script: str, words: set[str], letters: set[str]) -> tuple[str, ...]:
    if script == "arabic":
        # Pashto and Urdu only where the sentence has a letter of theirs or was identified as theirs: their bare
        # words read Persian and Arabic wrongly, and every lexicon read costs time on every sentence.
        return tuple(
            code for code in ARABIC_SCRIPT if code not in _MARKED or code == language or letters & _MARKED[code]
        )
    if script == "ethiopic":
        return ("ti",)
    markers = _markers()
    found = [code for code in LATIN if code != "ur-latn" and words & markers.get(code, frozenset())]
    if words & (markers.get("ur", frozenset()) | markers.get("pa", frozenset())):
        found.insert(0, "ur-latn")
    if language in ("ur", "pa") and "ur-latn" not in found:
        found.insert(0, "ur-latn")
    if language in LATIN and language not in found:
        found.append(language)
    return tuple(found)


def _last_words(text: str, n: int) -> str:
    return " ".join(text.rstrip().split(" ")[-n:]) if text.strip() else ""


def _negated(lex: Lexicon, folded: str, start: int, end: int) -> bool:
    before = folded[:start]
    # The window: the two words before the hit, and the letters of the hit's own word before it (a prefix: نمی).
    window = _last_words(before, 2 if before.endswith(" ") or not before else 3)
    neg = lex.cues.get("negation")
    if neg is not None and neg.search(window):
        return True
    after = lex.cues.get("negation_after")
    return after is not None and bool(after.search(" ".join(folded[end:].split(" ")[:3])))


def _read_hit(lex: Lexicon, rule: _Rule, folded: str, span: tuple[int, int], text: _Text) -> Level | None:
    cues = lex.cues
    exclude = cues.get("exclude")
    if exclude is not None and any(m.start() < span[1] and span[0] < m.end() for m in exclude.finditer(folded)):
        return None
    if _negated(lex, folded, *span):
        return None
    for kind in _NO_HIT_IN_SENTENCE:
        cue = cues.get(kind)
        if cue is not None and cue.search(folded):
            return None
    past = cues.get("past")
    if past is not None and past.search(folded):
        return None if text.resolved else "concern"
    # Someone else's harm that adults are already dealing with ('my friend said he didn't want to be alive; we told
    # the staff and he has a counsellor now') is no disclosure of the writer's, whatever its tense.
    third = cues.get("third_party")
    if third is not None and third.search(folded) and text.resolved:
        return None
    return "urgent" if rule.boost and text.now else rule.level


class _Text:
    """What the whole text says: harm is over and dealt with; something happens now or tonight. Read only when a
    hit asks (most texts have none), and then once."""

    def __init__(self, text: str, codes: tuple[str, ...]) -> None:
        self._text = text
        self._codes = codes

    @cached_property
    def _folded(self) -> str:
        return fold(self._text)

    @cached_property
    def resolved(self) -> bool:
        return _cue_anywhere("resolved", self._codes, self._folded)

    @cached_property
    def now(self) -> bool:
        return _cue_anywhere("now", self._codes, self._folded)


def _sentences(text: str) -> Iterator[str]:
    for m in _SENTENCE.finditer(text):
        if m.group().strip():
            yield m.group().strip()


def _cue_anywhere(kind: str, codes: tuple[str, ...], folded_text: str) -> bool:
    return any((cue := lexicon(c).cues.get(kind)) is not None and cue.search(folded_text) for c in codes)


def needs_reading(text: str) -> bool:
    """Cheap test: could any sentence of this text be in a language other than English?"""
    if not text.isascii() and (any(c.isalpha() and _script(c) != "latin" for c in text) or _foreign_latin(text)):
        return True
    # Latin letters: words of a language read here, or too few English words (Lithuanian 'savaitgalį nebuvau').
    words = _LETTERS.findall(fold(text) if not text.isascii() else text.lower())
    if not words:
        return False
    if not marker_words().isdisjoint(words):
        return True
    known = _english()
    return len(words) >= 3 and sum(1 for w in words if w in known) < len(words) * 0.75


def _foreign_latin(text: str) -> bool:
    lowered = text.lower()
    return any(c in lowered for _, letters in _LATIN_LETTERS for c in letters)


def read(text: str) -> Reading:
    """Every sentence's language, and the lexicon hits of the sentences not in English."""
    if not needs_reading(text):
        return ENGLISH_ONLY
    languages: list[str] = []
    readable = True
    hits: list[tuple[Level, str, str]] = []
    sentences = list(_sentences(text))
    per_sentence = []
    for sentence in sentences:
        language, script = _sentence_language(sentence)
        if language is None:
            readable = False
            continue
        if language not in languages:
            languages.append(language)
        folded = fold(sentence)
        codes = _lexicons_for(language, script, set(_LETTERS.findall(folded)), set(sentence))
        if codes:
            per_sentence.append((folded, codes))
    context = _Text(text, tuple({c for _, codes in per_sentence for c in codes}))
    for folded, codes in per_sentence:
        for code in codes:
            lex = lexicon(code)
            for index in lex.gate.candidates(folded):
                rule = lex.rules[index]
                for m in rule.pattern.finditer(folded):
                    level = _read_hit(lex, rule, folded, m.span(), context)
                    if level is not None:
                        hits.append((level, rule.category, m.group().strip()))
    return _reading(hits, languages, readable)


def reads_english(reading: Reading) -> bool:
    """Whether some sentence of the text is English, so the English rules, cues and flag threshold apply."""
    return reading is ENGLISH_ONLY or "en" in reading.languages


def _reading(hits: list[tuple[Level, str, str]], languages: list[str], readable: bool) -> Reading:
    if not hits:
        return Reading(languages=tuple(languages), readable=readable)
    level = max((h[0] for h in hits), key=_RANK.__getitem__)
    cats = {h[1] for h in hits}
    triggers = tuple(dict.fromkeys(h[2] for h in hits))
    return Reading(level, tuple(c for c in CATEGORIES if c in cats), triggers, tuple(languages), readable)


def add_reading(result: Safeguarding, reading: Reading) -> Safeguarding:
    """The English screen's result raised by the other-language reading, marked unscreened when unreadable."""
    if reading is ENGLISH_ONLY:
        return result
    level = max(result.level, reading.level, key=_RANK.__getitem__)
    cats = set(result.categories) | set(reading.categories)
    triggers = tuple(dict.fromkeys((*result.triggers, *reading.triggers)))
    return Safeguarding(level, tuple(c for c in CATEGORIES if c in cats), triggers, screened=reading.readable)
