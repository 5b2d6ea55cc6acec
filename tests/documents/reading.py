"""Reading back a PDF Heard made, as a screen reader and a person would: its structure tree, language, title,
fonts and text."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
import pypdf


@dataclass
class Read:
    text: str
    lang: str
    title: str
    shows_title: bool
    marked: bool
    tags: list[str] = field(default_factory=list)
    alts: list[str | None] = field(default_factory=list)
    """The text alternative of every Figure, in reading order (None where it has none)."""
    tables: list[list[str]] = field(default_factory=list)
    """The tags inside each Table."""
    fonts: set[str] = field(default_factory=set)


def read(content: bytes) -> Read:
    assert content.startswith(b"%PDF-"), content[:20]
    with pikepdf.open(io.BytesIO(content)) as doc:
        root = doc.Root
        assert "/StructTreeRoot" in root, "the PDF is not tagged"
        found = Read(
            text="\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages),
            lang=str(root.get("/Lang", "")),
            title=str(doc.docinfo.get("/Title", "")),
            shows_title=bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
            marked=bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        )
        _walk(root.StructTreeRoot, found, None)
        for page in doc.pages:
            for font in page.Resources.get("/Font", {}).values():
                found.fonts.add(str(font.BaseFont).split("+", 1)[-1])
    return found


def _walk(element: pikepdf.Object, found: Read, table: list[str] | None) -> None:
    tag = element.get("/S")
    if tag is not None:
        name = str(tag).lstrip("/")
        found.tags.append(name)
        if name == "Figure":
            alt = element.get("/Alt")
            found.alts.append(None if alt is None else str(alt))
        if name == "Table":
            table = []
            found.tables.append(table)
        elif table is not None:
            table.append(name)
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            _walk(kid, found, table)


def assert_accessible(found: Read, *, title: str, lang: str = "en-GB") -> None:
    """What PDF/UA asks of every PDF Heard makes, and what a screen reader needs from it."""
    assert found.marked, "not marked as tagged"
    assert found.title == title
    assert found.shows_title, "the viewer shows the file name, not the title"
    assert found.lang == lang
    assert "H1" in found.tags
    assert all(found.alts), f"a figure without a text alternative: {found.alts}"
    for table in found.tables:
        assert "TH" in table, f"a table without header cells: {table}"


def once(text: str, words: str) -> bool:
    """The words appear exactly once (as a person reads the page: line breaks are spaces)."""
    return " ".join(text.split()).count(" ".join(words.split())) == 1
