"""Evaluate an Analyser against gold items: themes, sentiment, safeguarding and personal-detail recall."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from nlp._data import Item
from nlp._metrics import macro_f1, prf, safeguarding_rates
from nlp._models import label_matrix
from nlp._redact import POSTCODE
from nlp.analyser import Analyser
from nlp.schemas import CATEGORIES, SENTIMENTS, THEMES, Analysis

PII_TYPES = ("name", "phone", "email", "postcode", "address", "school", "handle")
_SCHOOLISH = re.compile(r"\b(academy|college|school|primary|high|university|uni|juniors?|infants?|grammar)\b", re.I)
_STREETISH = re.compile(
    r"^\d|\b(road|rd|street|st|lane|avenue|close|drive|way|crescent|grove|gardens|terrace|walk|"
    r"view|mews|square|flat)\b",
    re.I,
)


def pii_type(value: str) -> str:
    """Classify a gold personal detail by its shape."""
    text = value.strip()
    if "@" in text and "." in text.split("@")[-1] and not text.startswith("@"):
        return "email"
    if sum(c.isdigit() for c in text) >= 7:
        return "phone"
    if POSTCODE.fullmatch(text):
        return "postcode"
    if text.startswith("@") or (" " not in text and re.search(r"[._\d]", text)):
        return "handle"
    if _SCHOOLISH.search(text):
        return "school"
    if _STREETISH.search(text):
        return "address"
    return "name"


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _themes(items: Sequence[Item], preds: Sequence[Analysis]) -> dict[str, Any]:
    gold = label_matrix([i.themes for i in items], THEMES).astype(bool)
    pred = label_matrix([p.themes for p in preds], THEMES).astype(bool)
    per = {}
    for j, theme in enumerate(THEMES):
        p, r, f = prf(gold[:, j], pred[:, j])
        per[theme] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": int(gold[:, j].sum()),
        }
    return {"per_theme": per, "macro_f1": round(macro_f1(gold, pred), 4)}


def _sentiment(items: Sequence[Item], preds: Sequence[Analysis]) -> dict[str, Any]:
    gold = label_matrix([[i.sentiment] for i in items], SENTIMENTS).astype(bool)
    pred = label_matrix([[p.sentiment] for p in preds], SENTIMENTS).astype(bool)
    per = {s: round(prf(gold[:, j], pred[:, j])[2], 4) for j, s in enumerate(SENTIMENTS)}
    return {
        "per_class_f1": per,
        "macro_f1": round(macro_f1(gold, pred), 4),
        "accuracy": round(float(np.mean([i.sentiment == p.sentiment for i, p in zip(items, preds, strict=True)])), 4),
    }


def _safeguarding(items: Sequence[Item], preds: Sequence[Analysis]) -> dict[str, Any]:
    gold = [i.safeguarding for i in items]
    pred = [p.safeguarding for p in preds]
    per_level = {}
    for level in ("concern", "urgent"):
        pos = [p for g, p in zip(gold, pred, strict=True) if g.level == level]
        neg = [p for g, p in zip(gold, pred, strict=True) if g.level != level]
        per_level[level] = {
            "support": len(pos),
            "recall_flagged": _rate(sum(p.level != "none" for p in pos), len(pos)),
            "recall_exact": _rate(sum(p.level == level for p in pos), len(pos)),
            "false_positive_rate": _rate(sum(p.level == level for p in neg), len(neg)),
        }
    per_category = {}
    for cat in CATEGORIES:
        pos = [p for g, p in zip(gold, pred, strict=True) if cat in g.categories]
        neg = [p for g, p in zip(gold, pred, strict=True) if cat not in g.categories]
        per_category[cat] = {
            "support": len(pos),
            "recall": _rate(sum(cat in p.categories for p in pos), len(pos)),
            "false_positive_rate": _rate(sum(cat in p.categories for p in neg), len(neg)),
        }
    rates = safeguarding_rates([g.level for g in gold], [p.level for p in pred])
    return {**rates, "per_level": per_level, "per_category": per_category}


def _pii(items: Sequence[Item], preds: Sequence[Analysis]) -> dict[str, Any]:
    found: dict[str, list[bool]] = {t: [] for t in PII_TYPES}
    missed = []
    for item, pred in zip(items, preds, strict=True):
        for value in item.pii:
            removed = value not in pred.redacted
            found[pii_type(value)].append(removed)
            if not removed:
                missed.append({"id": item.id, "type": pii_type(value), "value": value})
    by_type = {t: {"support": len(v), "recall": _rate(sum(v), len(v))} for t, v in found.items()}
    total = [x for v in found.values() for x in v]
    return {"by_type": by_type, "recall": _rate(sum(total), len(total)), "missed": missed}


def evaluate(analyser: Analyser, items: Sequence[Item]) -> dict[str, Any]:
    """Every figure, as a JSON-ready dict."""
    preds = analyser.analyse_many([i.text for i in items])
    return {
        "items": len(items),
        "model_version": analyser.version,
        "themes": _themes(items, preds),
        "sentiment": _sentiment(items, preds),
        "safeguarding": _safeguarding(items, preds),
        "pii": _pii(items, preds),
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def format_report(report: dict[str, Any]) -> str:
    """A readable table of :func:`evaluate`'s figures."""
    lines = [
        f"items: {report['items']}   model: {report['model_version']}",
        "",
        "THEMES              P      R      F1   n",
    ]
    for theme, m in report["themes"]["per_theme"].items():
        lines.append(f"  {theme:18}{_fmt(m['precision'])}  {_fmt(m['recall'])}  {_fmt(m['f1'])}  {m['support']}")
    lines.append(f"  macro-F1 {_fmt(report['themes']['macro_f1'])}")
    sent = report["sentiment"]
    lines += [
        "",
        "SENTIMENT  " + "  ".join(f"{k} {_fmt(v)}" for k, v in sent["per_class_f1"].items()),
        f"  macro-F1 {_fmt(sent['macro_f1'])}   accuracy {_fmt(sent['accuracy'])}",
    ]
    sg = report["safeguarding"]
    lines += [
        "",
        "SAFEGUARDING",
        f"  urgent flagged (any level) {_fmt(sg['urgent_flagged'])}   urgent as urgent {_fmt(sg['urgent_as_urgent'])}",
        f"  concern+urgent flagged     {_fmt(sg['concern_or_urgent_flagged'])}   none flagged     "
        f"{_fmt(sg['none_flagged'])}",
        "  level      n    recall(any)  recall(exact)  false-pos",
    ]
    for level, m in sg["per_level"].items():
        lines.append(
            f"  {level:9}{m['support']:3}    {_fmt(m['recall_flagged'])}        {_fmt(m['recall_exact'])}"
            f"          {_fmt(m['false_positive_rate'])}"
        )
    lines.append("  category      n    recall  false-pos")
    for cat, m in sg["per_category"].items():
        lines.append(f"  {cat:12}{m['support']:3}    {_fmt(m['recall'])}   {_fmt(m['false_positive_rate'])}")
    pii = report["pii"]
    lines += ["", "PERSONAL DETAILS REMOVED   " + f"all {_fmt(pii['recall'])}"]
    for kind, m in pii["by_type"].items():
        lines.append(f"  {kind:10}{m['support']:3}   {_fmt(m['recall'])}")
    lines += [f"  missed: {m['id']} {m['type']} {m['value']!r}" for m in pii["missed"]]
    return "\n".join(lines)
