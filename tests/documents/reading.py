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


def table_cells(content: bytes) -> list[list[list[str]]]:
    """Every Table in the structure tree, in reading order, as rows of cell texts (header cells included), read the
    way a screen reader reads a table: each cell's text is the marked content its TH or TD element owns."""
    marked = _marked_text(content)
    found: list[list[list[str]]] = []
    with pikepdf.open(io.BytesIO(content)) as doc:
        pages = {page.obj.objgen: n for n, page in enumerate(doc.pages)}

        def text_of(element: pikepdf.Object, page: int | None) -> str:
            if isinstance(element, int):
                return marked.get((page, element), "") if page is not None else ""
            if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR":
                return ""
            if "/Pg" in element:
                page = pages.get(element.Pg.objgen, page)
            if element.get("/Type") == "/MCR":
                return marked.get((page, int(element.MCID)), "") if page is not None else ""
            kids = element.get("/K")
            return " ".join(
                part for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if (part := text_of(kid, page))
            )

        def walk(element: pikepdf.Object, rows: list[list[str]] | None, page: int | None) -> None:
            if "/Pg" in element:
                page = pages.get(element.Pg.objgen, page)
            name = str(element.get("/S", "")).lstrip("/")
            if name == "Table":
                rows = []
                found.append(rows)
            elif name == "TR" and rows is not None:
                rows.append([" ".join(text_of(cell, page).split()) for cell in _kids(element) if _is_cell(cell)])
                return
            for kid in _kids(element):
                walk(kid, rows, page)

        walk(doc.Root.StructTreeRoot, None, None)
    return found


def _kids(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    listed = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in listed if isinstance(k, pikepdf.Dictionary) and k.get("/Type") not in ("/OBJR", "/MCR")]


def _is_cell(element: pikepdf.Dictionary) -> bool:
    return str(element.get("/S", "")).lstrip("/") in ("TH", "TD")


def _marked_text(content: bytes) -> dict[tuple[int, int], str]:
    """The text drawn inside each marked-content sequence, by (page number, MCID)."""
    texts: dict[tuple[int, int], str] = {}
    for n, page in enumerate(pypdf.PdfReader(io.BytesIO(content)).pages):
        texts.update({(n, mcid): text for mcid, text in _page_marked_text(page).items()})
    return texts


def _page_marked_text(page: pypdf.PageObject) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []

    def before(op: bytes, args: list[object], *_: object) -> None:
        if op in (b"BDC", b"BMC"):
            props = args[1] if op == b"BDC" and len(args) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
        elif op == b"EMC" and stack:
            stack.pop()

    def visit(text: str, *_: object) -> None:
        if stack and stack[-1] is not None and text:
            texts.setdefault(stack[-1], []).append(text)

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return {mcid: "".join(parts) for mcid, parts in texts.items()}
