"""Whether the placement contact shown to the duty officer is someone the child named in what they sent.

A child who writes "Jane hits me" may live with Jane, and Jane's phone may be the placement contact on the alert.
Phoning it first could put the child at risk, so the alert page warns. The analysis keeps no list of the names it
found (only the redacted text), so the contact's name words are matched against the child's own words: whole
words, any case. A missed warning costs more than an unneeded one, so any one name word is enough.
"""

from __future__ import annotations

import re

from surveys import Shown

# Words a contact line holds that are roles, titles or places rather than a person's name.
_NOT_NAMES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "madam",
        "carer",
        "carers",
        "foster",
        "fostering",
        "parent",
        "parents",
        "kinship",
        "placement",
        "home",
        "house",
        "homes",
        "residential",
        "children",
        "childrens",
        "children's",
        "care",
        "centre",
        "center",
        "unit",
        "lodge",
        "lodgings",
        "supported",
        "host",
        "hosts",
        "provider",
        "manager",
        "deputy",
        "team",
        "staff",
        "key",
        "worker",
        "office",
        "duty",
        "phone",
        "tel",
        "telephone",
        "mobile",
        "mob",
        "landline",
        "email",
        "contact",
        "emergency",
        "out",
        "hours",
        "and",
        "the",
        "of",
        "at",
        "on",
        "for",
        "with",
        "or",
        "via",
        "mum",
        "dad",
        "nan",
        "nana",
        "grandma",
        "grandad",
        "aunt",
        "auntie",
        "uncle",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def contact_names(contact: str | None) -> list[str]:
    """The words of a contact line that could be a person's name: capitalised, two letters or more, no role."""
    names: list[str] = []
    for word in _WORD.findall(contact or ""):
        if len(word) >= 2 and word[0].isupper() and word.lower() not in _NOT_NAMES and word not in names:
            names.append(word)
    return names


def named_in(contact: str | None, shown: Shown, text: str = "") -> list[str]:
    """The contact's name words that the child's words (free text and written answers) contain."""
    words = " ".join([text, shown.words or "", *(a.text or "" for a in shown.answers)])
    return [
        name
        for name in contact_names(contact)
        if re.search(rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])", words, re.IGNORECASE)
    ]
