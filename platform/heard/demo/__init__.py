"""`heard demo`: one council with children, staff, allocations, two years of what children said, open surveys,
and the dashboards' rollups built, so every page has something to show from the first sign-in."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import asyncpg

from dashboards.jobs import refresh
from heard import db, queue
from heard.accounts import secrets
from heard.demo import _history
from heard.settings import SafeguardingSettings

DEMO_PASSWORD = "heard-demo-2026"  # noqa: S105 - printed on screen for the local demo only
COUNCIL = ("demo", "Northshire County Council")

STAFF = [
    *[
        (f"worker{i}@northshire.example", name, ["worker"], team)
        for i, (name, team) in enumerate(
            [
                ("Amara Okafor", "North"),
                ("Ben Hughes", "North"),
                ("Chloe Price", "South"),
                ("Dev Patel", "South"),
                ("Ella Byrne", "Leaving care"),
                ("Femi Adeyemi", "Leaving care"),
                ("Grace Liu", "Disabled children"),
                ("Hamza Khan", "Asylum-seeking children"),
            ],
            start=1,
        )
    ],
    ("iro1@northshire.example", "Irene Walsh", ["iro"], "Reviewing"),
    ("iro2@northshire.example", "Isaac Mensah", ["iro"], "Reviewing"),
    ("duty@northshire.example", "Dana Scott", ["duty_officer"], "Front door"),
    ("dutymanager@northshire.example", "Maya Reid", ["duty_manager", "duty_officer"], "Front door"),
    ("head@northshire.example", "Helen Ford", ["head_of_service"], "Management"),
    ("complaints@northshire.example", "Carl Evans", ["complaints_officer"], "Complaints"),
    ("participation@northshire.example", "Priya Shah", ["participation_officer"], "Participation"),
    ("cicc1@northshire.example", "Jade (CiCC)", ["cicc_member"], "Children in Care Council"),
    ("cicc2@northshire.example", "Tomas (CiCC)", ["cicc_member"], "Children in Care Council"),
    ("board@northshire.example", "Cllr Ruth Green", ["board_member"], "Corporate Parenting Board"),
    ("admin@northshire.example", "Alex Admin", ["admin"], "Systems"),
]

NAMES = [
    "Aisha",
    "Bailey",
    "Callum",
    "Daisy",
    "Elijah",
    "Freya",
    "Gabriel",
    "Hana",
    "Isaac",
    "Jasmine",
    "Kai",
    "Leah",
    "Mason",
    "Nadia",
    "Oscar",
    "Poppy",
    "Quinn",
    "Ruby",
    "Samir",
    "Tia",
    "Umar",
    "Violet",
    "Wiktor",
    "Xander",
    "Yasmin",
    "Zain",
    "Alfie",
    "Bella",
    "Charlie",
    "Dawit",
    "Esme",
    "Filip",
    "Georgia",
    "Harvey",
    "Ivy",
    "Jamal",
    "Kacper",
    "Lily",
    "Mohammed",
    "Nia",
]

PLACEMENTS_CHILD = ["foster", "foster", "foster", "kinship", "residential", "placed_with_parents"]
PLACEMENTS_LEAVER = ["supported_lodgings", "semi_independent", "independent", "staying_put"]

SAYINGS = [
    ("statement", "My foster carer makes the best pancakes and I like my new bedroom."),
    ("statement", "I want to see my brother more. We only get one hour a month and it's not enough."),
    ("statement", "my sw keeps changing, this is my 4th one this year. nobody tells me anything"),
    (
        "review",
        "Going well: school and football. Not going well: I don't get a say about contact. I want to go to my meeting.",
    ),
    ("statement", "Can I have more pocket money? My friends get more and I can't go to the cinema with them."),
    ("statement", "I'm scared to go home tonight because my mum's boyfriend shouts and hit me last week."),
    ("survey", "college is good but my PA never answers the phone and my rent is going up"),
    ("statement", "I used to self harm but I'm doing better now, the counsellor helps."),
    ("statement", "I don't feel safe at school, some older boys keep asking me to carry stuff for them."),
    ("review", "I want to stay with my foster family until I'm 21. Staying Put please."),
    ("survey", "I need help with my Home Office case. My English is getting better at college."),
    ("statement", "Thank you for the trip to the seaside, best day ever!"),
    ("complaint", "I was moved to a new placement without anyone asking me and I had to leave my school."),
    ("complaint", "My pocket money has not been paid for three weeks and my carer says it's the council's fault."),
    ("survey", "More activities in the holidays please, and wifi that works"),
    ("review", "I want my sister at my review meeting and I want to chair it myself this time."),
]


async def seed(url: str, config: SafeguardingSettings | None = None) -> str:
    """Load the demo council once, and build its dashboards; a second run only reprints the sign-ins."""
    conn = await db.connect(url)
    loaded = ""
    try:
        if await conn.fetchval("select id from councils where slug = $1", COUNCIL[0]) is None:
            started = time.perf_counter()
            async with conn.transaction():
                said = await _load(conn, config or SafeguardingSettings())
            quarters = await refresh(conn, everything=True)
            loaded = (
                f"Loaded {said:,} things children said over {quarters} quarters "
                f"in {time.perf_counter() - started:.1f} s."
            )
    finally:
        await conn.close()
    return _sign_ins(loaded)


_ALLOCATE = """
insert into allocations (council_id, child_id, staff_id, relation, starts_on) values ($1, $2, $3, $4, $5)
"""


def demo_code(i: int) -> str:
    """The demo's codes are fixed so they can be printed on every run; real codes are random."""
    rng = random.Random(f"demo-code-{i}")  # noqa: S311 - demo only
    chars = "".join(rng.choice(secrets.CODE_ALPHABET) for _ in range(12))
    return "-".join(chars[j : j + 4] for j in range(0, 12, 4))


def _age(i: int) -> int:
    return 4 + (i * 21) // len(NAMES)  # 4 to 24, spread across the age bands


def _born(i: int, today: date) -> date:
    """A birth month that makes the child exactly `_age(i)` today."""
    month = 1 + i % 12
    return date(today.year - _age(i) - (month > today.month), month, 1)


SHOWN_CODES = [0, 10, 18, 24, 30]
"""One child of each age band (4-7, 8-11, 12-15, 16-17, 18-25), whose sign-in codes `heard demo` prints."""

# Each child's own survey is open to them for signing in; the 8 to 11 survey is also open to anyone at a link.
OPENINGS = [
    ("my_life_4_7", 4, 7, ["child_in_care"]),
    ("my_life_8_11", 8, 10, ["child_in_care"]),
    ("my_life_11_17", 11, 17, ["child_in_care"]),
    ("my_life_leavers", 16, 25, ["care_leaver"]),
]
TRY_TOKEN = "try-the-8-to-11-survey"  # noqa: S105 - a public link by design, printed for the demo
_OPEN = """
insert into survey_openings (council_id, instrument, access, token, age_min, age_max, legal_statuses, opens_on,
                             closes_on)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""


async def _load(conn: asyncpg.Connection, config: SafeguardingSettings) -> int:
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    council_id = await conn.fetchval(
        "insert into councils (slug, name, advocacy_contact) values ($1, $2, $3) returning id",
        *COUNCIL,
        "advocacy@northshire.example",
    )
    password_hash = secrets.hash_secret(DEMO_PASSWORD)
    staff_ids = {}
    for email, name, roles, team in STAFF:
        staff_ids[email] = await conn.fetchval(
            "insert into staff (council_id, email, name, roles, team, password_hash)"
            " values ($1,$2,$3,$4,$5,$6) returning id",
            council_id,
            email,
            name,
            roles,
            team,
            password_hash,
        )
    workers = [staff_ids[f"worker{i}@northshire.example"] for i in range(1, 9)]
    iros = [staff_ids["iro1@northshire.example"], staff_ids["iro2@northshire.example"]]
    today = date.today()
    for i, name in enumerate(NAMES):
        age = _age(i)
        leaver = age >= 18
        birth = _born(i, today)
        child_id = await conn.fetchval(
            """insert into children (council_id, reference, known_as, birth_month, legal_status, preferred_language,
                   placement_type, placed_out_of_area, uasc, disability, placement_contact, share_quotes)
               values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id""",
            council_id,
            f"NS{100000 + i * 7919 % 900000:06d}",
            name,
            birth,
            "care_leaver" if leaver else "child_in_care",
            "ar" if name in {"Samir", "Dawit"} else "en",
            rng.choice(PLACEMENTS_LEAVER if leaver else PLACEMENTS_CHILD),
            i % 5 == 0,
            name in {"Samir", "Dawit", "Mohammed"},
            i % 7 == 0,
            f"Carer: 01632 960{100 + i:03d}",
            i % 3 != 0,
        )
        if i in SHOWN_CODES:  # each code costs an argon2 hash; the others are issued from the admin pages
            code = demo_code(i)
            await conn.execute(
                "update children set access_code_lookup=$2, access_code_hash=$3, access_code_issued_at=now() "
                "where id=$1",
                child_id,
                code[:4],
                secrets.hash_secret(code),
            )
        worker = (
            workers[4 + i % 2] if leaver else (workers[7] if name in {"Samir", "Dawit", "Mohammed"} else workers[i % 4])
        )
        await conn.execute(
            _ALLOCATE,
            council_id,
            child_id,
            worker,
            "worker",
            today.replace(day=1),
        )
        if not leaver:
            await conn.execute(
                _ALLOCATE,
                council_id,
                child_id,
                iros[i % 2],
                "iro",
                today.replace(day=1),
            )
        if i < len(SAYINGS):
            await _say(conn, config, council_id, child_id, i, *SAYINGS[i])
    opens, closes = today - timedelta(days=14), today + timedelta(days=90)
    for instrument, youngest, oldest, statuses in OPENINGS:
        await conn.execute(_OPEN, council_id, instrument, "sign_in", None, youngest, oldest, statuses, opens, closes)
    anyone = ["child_in_care", "care_leaver"]
    await conn.execute(
        _OPEN, council_id, "my_life_8_11", "anonymous_link", TRY_TOKEN, None, None, anyone, opens, closes
    )
    return len(SAYINGS) + await _history.load(conn, council_id, workers, staff_ids["duty@northshire.example"], today)


async def _say(
    conn: asyncpg.Connection, config: SafeguardingSettings, council_id: int, child_id: int, n: int, kind: str, text: str
) -> None:
    """Store what a child said the way the service does: screen, alert, outbox; complaints open a case."""
    import nlp
    from heard.complaints import services as complaints
    from heard.safeguarding import services as safeguarding

    submission_id = await conn.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, idempotency_key,
                                   request_hash)
           values ($1, $2, $3, 'web', $4, '{worker,iro,complaints}', $5, '\\x00') returning id""",
        council_id,
        child_id,
        kind,
        text,
        f"demo-{n}",
    )
    verdict = nlp.screen(text)
    if verdict.level != "none":
        await safeguarding.raise_alert(
            conn,
            config,
            council_id=council_id,
            submission_id=submission_id,
            child_id=child_id,
            level=verdict.level,
            categories=list(verdict.categories),
            triggers=list(verdict.triggers),
            source="screen",
        )
    if kind == "complaint":
        await complaints.open_from_submission(conn, submission_id)
    await queue.add(conn, "analyse_submission", f"analyse:{submission_id}", submission_id=submission_id)


def _sign_ins(loaded: str = "") -> str:
    lines = ["", *([loaded] if loaded else []), "Heard demo is ready at http://127.0.0.1:8000", ""]
    lines += [f"Staff sign in (password {DEMO_PASSWORD}):"]
    lines += [f"  {email:36} {', '.join(roles)}" for email, _, roles, _ in STAFF]
    lines += ["  (admin@ is asked to set up an authenticator app on first sign-in)"]
    lines += ["", "Children and young people sign in at /sign-in with a code; each has their age's survey open:"]
    lines += [f"  {NAMES[i] + f' (age {_age(i)})':24} {demo_code(i)}" for i in SHOWN_CODES]
    lines += ["", "Anyone can try the survey for 8 to 11 year olds, without signing in:"]
    lines += [f"  http://127.0.0.1:8000/s/{TRY_TOKEN}"]
    return "\n".join(lines)
