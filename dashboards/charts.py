"""Server-drawn SVG charts: role="img" with a title and description, Okabe-Ito colours, no script, no inline style."""

from __future__ import annotations

from itertools import pairwise

from markupsafe import Markup, escape

from dashboards.schemas import Chart

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
INK = "#0b0c0c"
GRID = "#b1b4b6"
WIDTH = 640
ROW = 30
LABEL_WIDTH = 220


def svg(chart: Chart, ident: str) -> Markup:
    """The chart as inline SVG; the page puts the same figures in a table next to it."""
    body = _bars(chart) if chart.kind == "bars" else _line(chart)
    height = _height(chart)
    # Every piece of text in it is escaped above; the rest is numbers and constants.
    return Markup(  # noqa: S704
        f'<svg class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)} {escape(_summary(chart))}</desc>'
        f"{body}</svg>"
    )


def _height(chart: Chart) -> int:
    return ROW * max(len(chart.bars), 1) + 20 if chart.kind == "bars" else 240


def _summary(chart: Chart) -> str:
    return "; ".join(f"{bar.label}: {bar.text}{chart.unit}" for bar in chart.bars) + "."


def _bars(chart: Chart) -> str:
    known = [b.value for b in chart.bars if b.value is not None]
    top = max(known, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 70
    parts = [f'<line x1="{LABEL_WIDTH}" y1="4" x2="{LABEL_WIDTH}" y2="{ROW * len(chart.bars) + 6}" stroke="{GRID}"/>']
    for i, bar in enumerate(chart.bars):
        y = 8 + i * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" fill="{INK}" font-size="14">'
            f"{escape(_clip(bar.label))}</text>"
        )
        width = 0 if bar.value is None else round(span * bar.value / top)
        if width:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{ROW - 10}" fill="{OKABE_ITO[0]}"/>')
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 15}" fill="{INK}" font-size="14">'
            f"{escape(bar.text)}{escape(chart.unit)}</text>"
        )
    return "".join(parts)


def _line(chart: Chart) -> str:
    left, right, top_y, bottom_y = 50, WIDTH - 20, 20, 190
    known = [b.value for b in chart.bars if b.value is not None]
    top = max(known, default=0) or 1
    step = (right - left) / max(len(chart.bars) - 1, 1)
    parts = [f'<line x1="{left}" y1="{bottom_y}" x2="{right}" y2="{bottom_y}" stroke="{GRID}"/>']
    points: list[tuple[float, float]] = []
    for i, bar in enumerate(chart.bars):
        x = left + i * step
        parts.append(
            f'<text x="{x:.0f}" y="{bottom_y + 20}" text-anchor="middle" fill="{INK}" font-size="14">'
            f"{escape(_clip(bar.label, 10))}</text>"
        )
        if bar.value is None:
            parts.append(
                f'<text x="{x:.0f}" y="{bottom_y - 6}" text-anchor="middle" fill="{INK}" font-size="14">'
                f"{escape(bar.text)}</text>"
            )
            points.append((x, -1))
            continue
        y = bottom_y - (bottom_y - top_y) * bar.value / top
        points.append((x, y))
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4" fill="{OKABE_ITO[1]}"/>')
        parts.append(
            f'<text x="{x:.0f}" y="{y - 9:.0f}" text-anchor="middle" fill="{INK}" font-size="14">'
            f"{escape(bar.text)}</text>"
        )
    parts.extend(_segments(points))
    return "".join(parts)


def _segments(points: list[tuple[float, float]]) -> list[str]:
    """Lines only between neighbouring shown points: a hidden value breaks the line, it is not drawn through."""
    out = []
    for (x1, y1), (x2, y2) in pairwise(points):
        if y1 >= 0 and y2 >= 0:
            out.append(
                f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                f'stroke="{OKABE_ITO[1]}" stroke-width="2"/>'
            )
    return out


def _clip(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
