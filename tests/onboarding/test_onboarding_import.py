"""Importing a council's children, staff and allocations: checked first, applied whole or not at all, idempotent."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from support import Client, Council

SAMPLES = Path(__file__).resolve().parents[2] / "platform" / "heard" / "onboarding" / "samples"


def files(council: Council) -> dict[str, str]:
    """The sample files, with references and emails made unique to this test's council."""
    return {
        name: (SAMPLES / f"{name}.csv")
        .read_text()
        .replace("LA-", f"{council.slug}-")
        .replace("council.example", f"{council.slug}.example")
        for name in ("children", "staff", "allocations")
    }


COUNT = """
select (select count(*) from children where council_id = $1) as children,
       (select count(*) from staff where council_id = $1) as staff,
       (select count(*) from allocations where council_id = $1) as allocations,
       (select count(*) from children where council_id = $1 and access_code_hash is not null) as codes
"""


async def test_a_good_file_applies_whole_and_reimporting_changes_nothing(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    before = dict(await db.fetchrow(COUNT, council.id))

    check = await client.post("/api/admin/onboarding/check", json=files(council))
    assert check.status_code == 200, check.text
    assert check.json()["problems"] == []
    assert check.json()["children"] == {"new": 3, "updated": 0, "unchanged": 0}
    assert dict(await db.fetchrow(COUNT, council.id)) == before

    applied = await client.post("/api/admin/onboarding/apply", json=files(council))
    assert applied.status_code == 200, applied.text
    report = applied.json()
    assert report["applied"] is True
    assert (report["staff"]["new"], report["allocations"]["new"]) == (3, 4)
    after = dict(await db.fetchrow(COUNT, council.id))
    assert after == {**before, "children": before["children"] + 3, "staff": before["staff"] + 3,
                     "allocations": before["allocations"] + 4}  # fmt: skip
    amira = await db.fetchrow("select * from children where reference = $1", f"{council.slug}-000456")
    assert (amira["known_as"], amira["preferred_language"], amira["uasc"]) == ("Amira", "ar", True)
    assert amira["access_code_hash"] is None
    assert "code" not in applied.text.replace("access_code", "")

    again = await client.post("/api/admin/onboarding/apply", json=files(council))
    assert again.json()["children"] == {"new": 0, "updated": 0, "unchanged": 3}
    assert again.json()["allocations"] == {"new": 0, "updated": 0, "unchanged": 4}
    assert dict(await db.fetchrow(COUNT, council.id)) == after


async def test_a_changed_row_updates_and_codes_come_only_when_asked(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    first = files(council)
    await client.post("/api/admin/onboarding/apply", json=first)
    moved = dict(
        first,
        children=first["children"].replace("Sam,2012-05,child_in_care,foster", "Sam,2012-05,child_in_care,kinship"),
    )
    ended = dict(moved, allocations=first["allocations"].replace("worker,2025-01-15,", "worker,2025-01-15,2025-06-30"))

    r = await client.post("/api/admin/onboarding/apply", json=ended)
    assert r.json()["children"] == {"new": 0, "updated": 1, "unchanged": 2}
    assert r.json()["allocations"] == {"new": 0, "updated": 1, "unchanged": 3}
    assert (
        await db.fetchval("select placement_type from children where reference = $1", f"{council.slug}-000123")
        == "kinship"
    )

    refs = [f"{council.slug}-000123", f"{council.slug}-Ava"]
    codes = await client.post("/api/admin/onboarding/access-codes", json={"references": refs})
    assert codes.status_code == 201, codes.text
    assert [c["reference"] for c in codes.json()] == [f"{council.slug}-000123"]  # Ava already has one
    code = codes.json()[0]["code"]
    child = await Client(base_url=client.base_url, timeout=20).as_child(code)
    await child.aclose()


async def test_a_file_with_errors_shows_each_rows_problem_and_changes_nothing(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    before = dict(await db.fetchrow(COUNT, council.id))
    good = files(council)
    children = good["children"] + (
        f"{council.slug}-X1,Zed,2012-13,child_in_care,foster,en,no,no,no,\n"
        f"{council.slug}-X2,Yan,2011-01,child_in_care,hostel,en,no,no,no,\n"
        f"{council.slug}-000123,Sam again,2012-05,child_in_care,foster,en,no,no,no,\n"
    )
    allocations = good["allocations"] + f"nobody-here,ghost@{council.slug}.example,worker,01/02/2024,\n"

    for route in ("check", "apply"):
        r = await client.post(
            f"/api/admin/onboarding/{route}", json={**good, "children": children, "allocations": allocations}
        )
        assert r.status_code == (200 if route == "check" else 422), r.text
        problems = [(p["file"], p["row"], p["column"], p["message"]) for p in r.json()["problems"]]
        assert problems == [
            ("children", 5, "birth_month", "'2012-13' is not a month; write it as YYYY-MM, like 2012-05."),
            (
                "children",
                6,
                "placement_type",
                "'hostel' is not a placement type Heard knows. Use one of: foster, "
                "kinship, residential, supported_lodgings, semi_independent, independent, staying_put, "
                "placed_with_parents, secure, other.",
            ),
            (
                "children",
                7,
                "reference",
                f"The reference '{council.slug}-000123' is also on row 2; each child appears once.",
            ),
            ("allocations", 6, "starts_on", "'01/02/2024' is not a date; write it as YYYY-MM-DD, like 2024-09-01."),
        ]
    assert dict(await db.fetchrow(COUNT, council.id)) == before


async def test_the_day_care_ended_is_imported_and_a_bad_one_is_named(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    good = files(council)
    header, *rows = good["children"].strip().split("\n")
    ended = "\n".join([header + ",left_care_on", rows[0] + ",2025-03-31", *(r + "," for r in rows[1:])]) + "\n"
    wrong = ended.replace("2025-03-31", "31/03/2025")

    r = await client.post("/api/admin/onboarding/apply", json={**good, "children": wrong})
    assert r.status_code == 422, r.text
    assert [(p["row"], p["column"], p["message"]) for p in r.json()["problems"] if p["file"] == "children"] == [
        (2, "left_care_on", "'31/03/2025' is not a date; write it as YYYY-MM-DD, like 2024-09-01.")
    ]
    r = await client.post("/api/admin/onboarding/apply", json={**good, "children": ended})
    assert r.status_code == 200, r.text
    sam = f"{council.slug}-000123"
    assert str(await db.fetchval("select left_care_on from children where reference = $1", sam)) == "2025-03-31"


async def test_a_wrong_header_and_unknown_references_are_named(client: Client, council: Council) -> None:
    await client.as_staff(council.staff["admin"])
    wrong = "reference,known_as,dob,legal_status,placement_type\nA1,Al,2012-01,child_in_care,foster\n"
    r = await client.post("/api/admin/onboarding/check", json={"children": wrong})
    messages = [(p["row"], p["column"], p["message"]) for p in r.json()["problems"]]
    columns = "reference, known_as, birth_month, legal_status, placement_type, preferred_language, placed_out_of_area, uasc, disability, placement_contact, left_care_on"
    assert messages == [
        (1, "birth_month", f"The header has no 'birth_month' column. The columns are: {columns}."),
        (1, "dob", f"The header has a column 'dob' that Heard does not know. The columns are: {columns}."),
    ]
    ghost = "child_reference,staff_email,relation,starts_on\nnobody,ghost@nowhere.example,worker,2024-01-01\n"
    r = await client.post("/api/admin/onboarding/check", json={"allocations": ghost})
    assert [p["message"] for p in r.json()["problems"]] == [
        "There is no child with the reference 'nobody' in Heard or in the children file.",
        "There is no staff member 'ghost@nowhere.example' in your council or in the staff file.",
    ]
    short = "email,name,roles\nsomeone@x.example,Some One\n"
    r = await client.post("/api/admin/onboarding/check", json={"staff": short})
    assert r.json()["problems"][0]["message"] == "This row has 2 values but the header has 3 columns."
    empty = await client.post("/api/admin/onboarding/check", json={})
    assert empty.status_code == 422
    assert empty.json()["detail"] == "Choose at least one file to import: children, staff or allocations."


async def test_only_admins_may_import(clients, council: Council) -> None:  # type: ignore[no-untyped-def]
    for role in ("worker", "participation_officer"):
        staff = await clients().as_staff(council.staff[role])
        r = await staff.post("/api/admin/onboarding/apply", json=files(council))
        assert r.status_code == 403, role
    child = await clients().as_child(council.codes["Ava"])
    assert (await child.post("/api/admin/onboarding/check", json=files(council))).status_code == 403


async def test_the_upload_pages_check_apply_and_make_codes(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await client.as_staff(council.staff["admin"])
    upload = {name: (f"{name}.csv", text.encode(), "text/csv") for name, text in files(council).items()}

    checked = await client.post("/admin/onboarding", files=upload)
    assert checked.status_code == 200, checked.text
    assert "What would change" in checked.text
    assert await db.fetchval("select count(*) from children where reference = $1", f"{council.slug}-000123") == 0
    import re

    fields = dict(re.findall(r'name="(children|staff|allocations)" value="([^"]*)"', checked.text))
    applied = await client.post("/admin/onboarding/apply", data=fields)
    assert applied.status_code == 200 and "Import applied" in applied.text
    refs = re.search(r'name="references" value="([^"]*)"', applied.text).group(1)
    codes = await client.post("/admin/onboarding/codes", data={"references": refs})
    assert codes.status_code == 200
    assert len(re.findall(r"<code>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}</code>", codes.text)) == 3
    latin1 = await client.post(
        "/admin/onboarding", files={"children": ("c.csv", "reference\nJosé".encode("latin-1"), "text/csv")}
    )
    assert latin1.status_code == 400 and "not UTF-8 text" in latin1.text
    sample = await client.get("/admin/onboarding/samples/children.csv")
    assert sample.status_code == 200 and sample.text.startswith("reference,known_as,birth_month")
