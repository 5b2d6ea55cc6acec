"""Score the analyser on the independent evaluation set (bench/data/fresh15/*.jsonl), class by class.

Run as ``.venv/bin/python bench/evaluate_independent.py [--quick] [--errors]``. The set was written by writers
who never saw the rules or the corpus; it is for measuring only (nothing trains on it). Earlier sets, once read
for their errors, were retired into training (nlp/data/outsiders); ``--data`` still scores any folder.

Per class it prints: worries found (gold level concern or urgent, flagged at any level; and with the unread,
which a person reads in the needs-reading queue), urgent items flagged, hard negatives flagged, other level-none
items flagged, texts marked unreadable, themes macro-F1 and sentiment accuracy. ``--quick`` leaves out the
per-subclass lines; ``--errors`` lists every safeguarding miss and false flag (to find kinds of mistake, never to
fit a rule to one item). Ends with one line of ``key=value`` figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp import Analyser  # noqa: E402
from nlp._metrics import macro_f1  # noqa: E402
from nlp._models import label_matrix  # noqa: E402
from nlp.schemas import THEMES, Analysis  # noqa: E402

DATA = ROOT / "bench" / "data" / "fresh15"


def _items(folder: Path = DATA) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "    - "


def score(items: Sequence[dict[str, Any]], preds: Sequence[Analysis]) -> dict[str, Any]:
    """The figures of one group of items."""
    pairs = list(zip(items, preds, strict=True))
    worries = [(i, p) for i, p in pairs if i["safeguarding"]["level"] != "none"]
    urgent = [(i, p) for i, p in pairs if i["safeguarding"]["level"] == "urgent"]
    hard = [(i, p) for i, p in pairs if i["safeguarding"]["level"] == "none" and i.get("hard_negative")]
    plain = [(i, p) for i, p in pairs if i["safeguarding"]["level"] == "none" and not i.get("hard_negative")]
    gold = label_matrix([i["themes"] for i in items], THEMES).astype(bool)
    pred = label_matrix([p.themes for p in preds], THEMES).astype(bool)
    return {
        "n": len(items),
        "worries": (sum(p.safeguarding.level != "none" for _, p in worries), len(worries)),
        # Flagged, or unread and so in the needs-reading queue: a person sees it either way.
        "reached": (sum(p.safeguarding.level != "none" or not p.screened for _, p in worries), len(worries)),
        "urgent": (sum(p.safeguarding.level != "none" for _, p in urgent), len(urgent)),
        "urgent_exact": (sum(p.safeguarding.level == "urgent" for _, p in urgent), len(urgent)),
        "hard": (sum(p.safeguarding.level != "none" for _, p in hard), len(hard)),
        "plain": (sum(p.safeguarding.level != "none" for _, p in plain), len(plain)),
        "unread": sum(not p.screened for p in preds),
        "themes_f1": macro_f1(gold, pred),
        "sentiment": float(np.mean([i["sentiment"] == p.sentiment for i, p in pairs])) if pairs else 0.0,
    }


def _line(name: str, s: dict[str, Any]) -> str:
    return (
        f"{name:34}{s['n']:4}  worries {_pct(*s['worries'])} ({s['worries'][0]}/{s['worries'][1]}; "
        f"{s['reached'][0]} with the unread)  "
        f"urgent {s['urgent'][0]}/{s['urgent'][1]} ({s['urgent_exact'][0]} as urgent)  "
        f"hard-neg flagged {_pct(*s['hard'])} ({s['hard'][0]}/{s['hard'][1]})  "
        f"other none flagged {_pct(*s['plain'])}  unread {s['unread']}  "
        f"themes {s['themes_f1']:.3f}  sentiment {s['sentiment']:.3f}"
    )


def _errors(items: Sequence[dict[str, Any]], preds: Sequence[Analysis]) -> None:
    for item, pred in zip(items, preds, strict=True):
        gold, got = item["safeguarding"]["level"], pred.safeguarding.level
        if (gold == "none") != (got == "none") or (gold == "urgent" and got != "urgent"):
            text = item.get("gloss") or item["text"]
            why = "; ".join(pred.safeguarding.triggers)
            print(f"  {item['id']:14} {item['subclass']:28} gold {gold:8} got {got:8} [{why}] {text[:150]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="class lines only (no per-subclass lines)")
    parser.add_argument("--errors", action="store_true", help="list safeguarding misses and false flags")
    parser.add_argument("--model", type=Path, default=None, help="model directory (default nlp/model)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of *.jsonl items (default bench/data/fresh15)")
    args = parser.parse_args(argv)
    items = _items(args.data)
    if not items:
        print(f"no items in {args.data}", file=sys.stderr)
        return 1
    analyser = Analyser.load(args.model)
    preds = analyser.analyse_many([i["text"] for i in items])
    classes = sorted({i["class"] for i in items})
    summary = []
    for cls in classes:
        idx = [k for k, i in enumerate(items) if i["class"] == cls]
        figures = score([items[k] for k in idx], [preds[k] for k in idx])
        print(_line(cls, figures))
        summary.append((cls, figures))
        if not args.quick:
            for sub in sorted({items[k]["subclass"] for k in idx}):
                sidx = [k for k in idx if items[k]["subclass"] == sub]
                print(_line(f"  {sub}", score([items[k] for k in sidx], [preds[k] for k in sidx])))
        if args.errors:
            _errors([items[k] for k in idx], [preds[k] for k in idx])
    total = score(items, preds)
    print(_line("all", total))
    figures = " ".join(
        f"{cls}_worries={s['worries'][0] / max(s['worries'][1], 1):.3f} "
        f"{cls}_reached={s['reached'][0] / max(s['reached'][1], 1):.3f} "
        f"{cls}_urgent={s['urgent'][0]}/{s['urgent'][1]} "
        f"{cls}_hardneg={s['hard'][0] / max(s['hard'][1], 1):.3f} "
        f"{cls}_themes={s['themes_f1']:.3f} {cls}_sentiment={s['sentiment']:.3f}"
        for cls, s in summary
    )
    print(f"items={total['n']} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
