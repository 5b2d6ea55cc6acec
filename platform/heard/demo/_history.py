"""Two years of a council's history for the demo: a cohort of children and what they said each quarter, already
analysed, so the CiCC and Board dashboards open on real figures and trends, whole council and filtered.

Everything is made from one seeded random generator, so every run of the demo shows the same council. Rows go
in with COPY into a staging table and a few set-based inserts (about 10,000 submissions in a second or two).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import asyncpg

import surveys

COHORT = 640
QUARTERS = 9  # this quarter and the eight before it: a full two-year trend on every Board tile
SAID = {
    "family_contact": [
        "I want to see my mum and my little brother more often.",
        "Contact got moved again and nobody told me why.",
        "Seeing my nan every weekend is the best bit.",
    ],
    "placement": [
        "I like my room and my carers are kind to me.",
        "I have moved three times and I want to stay somewhere now.",
        "The house rules are fair but I wish I could have friends over.",
    ],
    "social_worker": [
        "My social worker listens and comes when she says.",
        "I keep getting a new social worker and have to explain everything again.",
        "I never know when my worker is coming to see me.",
    ],
    "education_work": [
        "School is going better and I got a good report.",
        "I need help with maths and nobody has sorted a tutor.",
        "College is good and I want to do an apprenticeship.",
    ],
    "health_wellbeing": [
        "I have been feeling down and want someone to talk to.",
        "The counsellor really helps me.",
        "I waited a long time for the dentist.",
    ],
    "safety": [
        "I feel safe where I live now.",
        "I don't like walking home past the park at night.",
        "My carers check I got home ok and that makes me feel safe.",
    ],
    "leaving_care": [
        "I am worried about paying the bills when I move out.",
        "My personal adviser helped me find a flat.",
        "I want to stay put with my carers until I am 21.",
    ],
    "being_heard": [
        "Nobody asks me what I think before decisions are made.",
        "I got to chair my own review and people listened.",
        "I want to be asked before I am moved.",
    ],
    "identity": [
        "I want to learn more about my culture and my first language.",
        "I want my life story work finished.",
        "My carers cook food from home for me.",
    ],
    "friends_activities": [
        "I joined a football club and made friends.",
        "There is nothing to do in the holidays.",
        "I want to go to drama club with my friends.",
    ],
    "money": [
        "My pocket money is late again.",
        "I need a bus pass to get to college.",
        "My savings account was set up and I can see it.",
    ],
}
# How often each theme comes up, for younger children and for older ones and care leavers.
WEIGHTS = {
    "young": {"family_contact": 5, "placement": 4, "friends_activities": 4, "social_worker": 3, "safety": 2,
              "health_wellbeing": 2, "education_work": 2, "being_heard": 2, "identity": 1, "money": 1,
              "leaving_care": 0},
    "older": {"leaving_care": 4, "money": 4, "education_work": 4, "social_worker": 3, "being_heard": 3,
              "health_wellbeing": 3, "family_contact": 2, "placement": 2, "identity": 2, "safety": 1,
              "friends_activities": 2},
}  # fmt: skip
POSITIVE_HINTS = ("like", "best", "helps", "good", "listened", "safe", "kind", "friends", "set up", "helped", "cook")
PLACEMENT_CHOICES = {
    "child": (["foster"] * 14 + ["kinship"] * 2 + ["residential"] * 3 + ["placed_with_parents", "other"]),
    "older_child": (["foster"] * 8 + ["residential"] * 3 + ["semi_independent"] * 2 + ["kinship", "secure"]),
    "leaver": (["supported_lodgings"] * 3 + ["semi_independent"] * 3 + ["independent"] * 4 + ["staying_put"] * 2),
}


@dataclass(frozen=True)
class Child:
    id: int
    age: int
    leaver: bool
    worker: int


def cohort(rng: random.Random, council_id: int, today: date) -> list[tuple[object, ...]]:
    """Rows for `children`: every age from 4 to 24, most of them 10 to 17, as in a council's care population."""
    rows: list[tuple[object, ...]] = []
    ages = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]
    weights = [3, 3, 3, 3, 4, 4, 5, 6, 7, 8, 9, 9, 9, 8, 6, 5, 4, 3, 2, 2, 1]
    for n in range(COHORT):
        age = rng.choices(ages, weights)[0]
        month = rng.randint(1, 12)
        birth = date(today.year - age - (1 if month > today.month else 0), month, 1)
        leaver = age >= 18
        kind = "leaver" if leaver else "older_child" if age >= 16 else "child"
        uasc = rng.random() < (0.25 if 14 <= age <= 20 else 0.02)
        rows.append((
            council_id, f"NC{200000 + n * 37:06d}", f"Young person {n + 1}", birth,
            "care_leaver" if leaver else "child_in_care", rng.choice(PLACEMENT_CHOICES[kind]),
            rng.random() < 0.35, uasc, rng.random() < 0.12, rng.random() < 0.6,
        ))  # fmt: skip
    return rows


def quarters(today: date) -> list[date]:
    """The first day of this quarter and of the eight before it, oldest first."""
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    found = []
    for back in range(QUARTERS):
        index = first.year * 4 + (first.month - 1) // 3 - back
        found.append(date(index // 4, 3 * (index % 4) + 1, 1))
    return sorted(found)


def _instrument(age: int) -> str:
    return "my_life_4_7" if age <= 7 else "my_life_8_11" if age <= 10 else "my_life_11_17" if age <= 17 else (
        "my_life_leavers")  # fmt: skip


def _answers(rng: random.Random, age: int, progress: float) -> tuple[str, int, dict[str, object]]:
    """A survey's answers in the stored shape; things get a little better each quarter (`progress` 0 to 1)."""
    instrument = surveys.latest(_instrument(age))
    safe = rng.random() < 0.70 + 0.14 * progress
    trusted = rng.random() < 0.66 + 0.16 * progress
    face = rng.choices(["very_sad", "sad", "ok", "happy", "very_happy"], [1, 2, 4, 5 + 2 * progress, 3])[0]

    def answer(question: str, choice: str | None = None, number: int | None = None) -> surveys.Answer:
        return surveys.Answer(question=question, instrument=instrument.id, version=instrument.version,
                              choices=(choice,) if choice else (), number=number)  # fmt: skip

    typed = {
        "happiness": answer("happiness", face),
        "feel_safe_home": answer("feel_safe_home", "yes" if safe else rng.choice(["no", "not_sure"])),
        "trusted_adult": answer("trusted_adult", "yes" if trusted else rng.choice(["no", "not_sure"])),
    }
    if instrument.id != "my_life_4_7":
        typed["life_satisfaction"] = answer("life_satisfaction", number=max(0, min(10, round(rng.gauss(
            6.3 + 0.8 * progress, 2.0)))))  # fmt: skip
    return instrument.id, instrument.version, dict(surveys.store_answers(instrument, typed))


def _words(rng: random.Random, age: int) -> tuple[list[str], str, str]:
    """One or two themes, what the child wrote about them, and its sentiment."""
    weights = WEIGHTS["young" if age < 14 else "older"]
    themes = sorted(set(rng.choices(list(weights), list(weights.values()), k=rng.choice([1, 1, 1, 2]))))
    sentences = [rng.choice(SAID[t]) for t in themes]
    good = sum(any(h in s.lower() for h in POSITIVE_HINTS) for s in sentences)
    sentiment = (
        ("positive" if good == len(sentences) else "negative" if good == 0 else "mixed")
        if rng.random() < 0.85
        else "neutral"
    )
    return themes, " ".join(sentences), sentiment


STAGING = """
create temp table demo_said (
    key text, child_id bigint, kind text, instrument text, instrument_version int, answers text, free_text text,
    created_at timestamptz, read_at timestamptz, used_in_review_at timestamptz, themes text[], sentiment text,
    reply_at timestamptz, reply_by bigint, worry text, acknowledged_at timestamptz
) on commit drop
"""
_COLUMNS = ["key", "child_id", "kind", "instrument", "instrument_version", "answers", "free_text", "created_at",
            "read_at", "used_in_review_at", "themes", "sentiment", "reply_at", "reply_by", "worry",
            "acknowledged_at"]  # fmt: skip
FROM_STAGING = """
insert into submissions (council_id, child_id, kind, instrument, instrument_version, channel, answers, free_text,
                         audience, idempotency_key, request_hash, created_at, read_at, used_in_review_at)
select $1, d.child_id, d.kind, d.instrument, d.instrument_version, 'web', d.answers::jsonb, d.free_text,
       '{worker,iro,council}', d.key, '\\x00', d.created_at, d.read_at, d.used_in_review_at
from demo_said d order by d.created_at
"""
ANALYSES = """
insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level, safeguarding_categories,
                      redacted, language, analysed_at)
select s.id, 'demo', d.themes, d.sentiment, case when d.worry is null then 'none' else 'concern' end,
       case when d.worry is null then '{}' else array[d.worry] end, d.free_text, 'en',
       d.created_at + interval '1 minute'
from demo_said d join submissions s on s.council_id = $1 and s.idempotency_key = d.key
where d.themes is not null
"""
REPLIES = """
insert into replies (submission_id, staff_id, body, created_at, read_by_child_at)
select s.id, d.reply_by, 'Thank you for telling me. I will come and talk to you about it this week.', d.reply_at,
       d.reply_at + interval '3 hours'
from demo_said d join submissions s on s.council_id = $1 and s.idempotency_key = d.key
where d.reply_at is not null
"""

# A worry a duty officer saw, acknowledged (within the day's target or late), spoke to the child about and closed.
ALERTS = """
insert into alerts (council_id, submission_id, child_id, level, categories, source, status, raised_at, due_at,
                    acknowledged_at, acknowledged_by, closed_at, closed_by, action, action_note, action_by, action_at)
select $1, s.id, s.child_id, 'concern', array[d.worry], 'model', 'closed', d.created_at,
       d.created_at + interval '24 hours', d.acknowledged_at, $2, d.acknowledged_at + interval '1 day', $2,
       'spoke_to_child', 'Spoke with the young person and their carer; a plan is in place.', $2,
       d.acknowledged_at + interval '2 hours'
from demo_said d join submissions s on s.council_id = $1 and s.idempotency_key = d.key
where d.worry is not null
"""
WORRIES = {
    "exploitation": "Some older boys keep asking me to carry things for them and I don't want to.",
    "self_harm": "I have been feeling really low and sometimes I hurt myself.",
    "neglect": "There is hardly any food in the house at the weekend.",
}


def said(rng: random.Random, children: list[Child], workers: list[int], now: datetime) -> list[tuple[object, ...]]:
    """Rows for the staging table: each child's statements, surveys and review views, quarter by quarter."""
    rows: list[tuple[object, ...]] = []
    starts = quarters(now.date())
    for q, first in enumerate(starts):
        progress = q / (len(starts) - 1)
        begins = datetime(first.year, first.month, 1, 9, tzinfo=UTC)
        span = min(now - timedelta(hours=2), begins + timedelta(days=90)) - begins
        for child in children:

            def at() -> datetime:
                return begins + timedelta(seconds=rng.uniform(0, span.total_seconds()))  # noqa: B023

            for _ in range(rng.choices([0, 1, 2, 3], [3, 4, 2, 1])[0]):
                rows.append(_statement(rng, child, workers, at(), progress, len(rows), now))
            if rng.random() < 0.6:
                instrument, version, answers = _answers(rng, child.age, progress)
                themes, text, sentiment = _words(rng, child.age) if rng.random() < 0.5 else (None, "", None)
                rows.append((f"demo-h{len(rows)}", child.id, "survey", instrument, version, _json(answers), text,
                             at(), None, None, themes, sentiment, None, None, None, None))  # fmt: skip
            if not child.leaver and rng.random() < 0.3:
                when = at()
                used = when + timedelta(days=5) if rng.random() < 0.62 + 0.25 * progress else None
                themes, text, _ = _words(rng, child.age)
                rows.append((f"demo-h{len(rows)}", child.id, "review", None, None, "{}", text, when,
                             None, used if used and used < now else None, themes, "neutral", None, None, None,
                             None))  # fmt: skip
    return rows


def _statement(
    rng: random.Random, child: Child, workers: list[int], at: datetime, progress: float, n: int, now: datetime
) -> tuple[object, ...]:
    """A statement to the child's worker, read and often answered; answered faster as the quarters go by."""
    themes, text, sentiment = _words(rng, child.age)
    worry = rng.choice(list(WORRIES)) if rng.random() < 0.04 else None
    acknowledged: datetime | None = None
    if worry is not None:
        themes, text, sentiment = ["safety"], WORRIES[worry], "negative"
        acknowledged = _before(now, at + timedelta(hours=rng.choice([1, 3, 6, 20, 30 - 20 * progress])))
        worry = worry if acknowledged else None
    hours = rng.choices([2, 20, 50, 120, 240], [2 + 4 * progress, 4, 3, 2 - progress, 1 - 0.6 * progress])[0]
    read = _before(now, at + timedelta(hours=hours * rng.uniform(0.5, 1.0))) if rng.random() < 0.95 else None
    reply = _before(now, read + timedelta(hours=rng.uniform(0.2, 6))) if read and rng.random() < 0.7 else None
    return (f"demo-h{n}", child.id, "statement", None, None, "{}", text, at, read, None, themes, sentiment, reply,
            child.worker if reply else None, worry, acknowledged)  # fmt: skip


def _before(now: datetime, moment: datetime) -> datetime | None:
    """The moment, if it has happened yet."""
    return moment if moment < now else None


def _json(value: object) -> str:
    import json

    return json.dumps(value)


async def load(conn: asyncpg.Connection, council_id: int, workers: list[int], duty: int, today: date) -> int:
    """Add the cohort and their history; returns how many submissions went in."""
    rng = random.Random("demo-history")  # noqa: S311 - demo data, not security
    rows = cohort(rng, council_id, today)
    columns = ["council_id", "reference", "known_as", "birth_month", "legal_status", "placement_type",
               "placed_out_of_area", "uasc", "disability", "share_quotes"]  # fmt: skip
    await conn.copy_records_to_table("children", records=rows, columns=columns)
    found = await conn.fetch(
        "select id, birth_month, legal_status from children where council_id = $1 and reference like 'NC%' order by id",
        council_id,
    )
    children = []
    for r in found:
        age = today.year - r["birth_month"].year - (today.month < r["birth_month"].month)
        leaver = r["legal_status"] == "care_leaver"
        worker = workers[4 + r["id"] % 2] if leaver else workers[r["id"] % 4]
        children.append(Child(r["id"], age, leaver, worker))
    since = today.replace(day=1) - timedelta(days=QUARTERS * 92)
    await conn.copy_records_to_table(
        "allocations",
        records=[(council_id, c.id, c.worker, "worker", since) for c in children],
        columns=["council_id", "child_id", "staff_id", "relation", "starts_on"],
    )
    history = said(rng, children, workers, datetime.now(UTC))
    await conn.execute(STAGING)
    await conn.copy_records_to_table("demo_said", records=history, columns=_COLUMNS)
    await conn.execute(FROM_STAGING, council_id)
    await conn.execute(ANALYSES, council_id)
    await conn.execute(REPLIES, council_id)
    await conn.execute(ALERTS, council_id, duty)
    return len(history)
