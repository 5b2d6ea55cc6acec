"""Every PDF Heard makes: a Jinja page template rendered to tagged PDF/UA-1 by WeasyPrint, fonts from the package.

The templates are the pages' own (their macros and partials, `pdf/base.html` for the print frame), so a PDF says
what the page says, escaped the same way. PDF/UA-1 makes WeasyPrint write the structure tree: headings, lists,
tables with their header cells, figures with a text alternative (an SVG chart's <title>), the document language
from <html lang> and the title from <title>, shown as the window title. DejaVu Sans ships with the package
(fonts/, with its licence) and is loaded by @font-face from there, so the image, which has no system fonts, writes
accented, Greek, Cyrillic, Arabic, Persian and Pashto words as they are. Nothing is fetched from outside the
package: a PDF is made with no network, and a URL in a template cannot reach one.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
import weasyprint
from weasyprint.urls import URLFetcher

from heard import TEMPLATE_DIR
from heard.templating import FILTERS

FONT_DIR = Path(__file__).parent / "fonts"
_FONT_URL = FONT_DIR.as_uri() + "/"
MEDIA_TYPE = "application/pdf"


class _PackageFonts(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Fetches only the package's own font files; anything else (a web address, a file elsewhere) is refused."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve()
        if parts.scheme != "file" or parts.netloc or not path.is_relative_to(FONT_DIR.resolve()):
            raise ValueError(f"A PDF reads only the fonts Heard ships, not {url!r}")
        return super().fetch(url, headers)


def long_date(day: date | None) -> str:
    """'1 April 2026': a date as a printed report writes it."""
    return "" if day is None else f"{day.day} {day:%B %Y}"


@functools.cache
def _environment(search: tuple[Path, ...]) -> jinja2.Environment:
    """The pages' templates (a domain's folders first, then the service's), with the pages' filters."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([*search, TEMPLATE_DIR]), autoescape=True)
    env.filters.update(FILTERS, long_date=long_date)
    return env


def html(template: str, *, search: Sequence[Path] = (), **context: Any) -> str:
    """The template rendered as the HTML the PDF is made from (tests read it; `render` prints it)."""
    return _environment(tuple(search)).get_template(template).render(**context)


def render(template: str, *, search: Sequence[Path] = (), **context: Any) -> bytes:
    """A tagged PDF/UA-1 document from a template that extends `pdf/base.html`.

    `search` adds a package's own template folder (the dashboards', say) in front of the service's. The template
    gets `context`; `pdf/base.html` expects `title` and, for a document not in English, `lang` and `dir`.
    """
    source = html(template, search=search, **context)
    document = weasyprint.HTML(string=source, base_url=_FONT_URL, url_fetcher=_PackageFonts())
    made = document.write_pdf(pdf_variant="pdf/ua-1")
    assert made is not None  # no target given: the bytes are returned
    return bytes(made)


async def build(template: str, *, search: Sequence[Path] = (), **context: Any) -> bytes:
    """`render` in a worker thread: laying out a long report takes a second or more, and the event loop keeps
    serving other people meanwhile."""
    return await asyncio.to_thread(functools.partial(render, template, search=search, **context))


def download_headers(filename: str) -> dict[str, str]:
    """The headers of a PDF download, so every PDF route names its file the same way."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


__all__ = ["FONT_DIR", "MEDIA_TYPE", "build", "download_headers", "html", "render"]
