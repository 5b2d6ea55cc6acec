"""``heard nlp``: train, predict, evaluate and topics."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import msgspec

from nlp._data import DataError, parse_inputs, read_items
from nlp._paths import DEFAULT_MODEL_DIR, training_data

_JSON = msgspec.json.Encoder()


class _Prediction(msgspec.Struct):
    id: Any
    themes: list[str]
    sentiment: str
    safeguarding: dict[str, Any]
    redacted: str
    language: str
    screened: bool


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heard nlp", description="Heard's theming pipeline.")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train the models and write a model directory")
    train.add_argument(
        "--data", type=Path, action="append", help="labelled JSONL (default: the corpus and the retired sets)"
    )
    train.add_argument("--extra", type=Path, action="append", default=[], help="staff corrections (JSONL)")
    train.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model directory to write")
    predict = sub.add_parser("predict", help="JSON Lines {id, text} in, one analysis per line out")
    predict.add_argument("file", nargs="?", type=Path, help="input file (default: stdin)")
    predict.add_argument("--model", type=Path, default=None, help="model directory")
    evaluate = sub.add_parser("evaluate", help="score the model against labelled JSONL")
    evaluate.add_argument("--gold", type=Path, required=True)
    evaluate.add_argument("--model", type=Path, default=None)
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    topics = sub.add_parser("topics", help="topics of a period, marked emerging against the previous period")
    topics.add_argument("--input", type=Path, required=True, help="this period's JSONL (text field)")
    topics.add_argument("--previous", type=Path, required=True, help="the previous period's JSONL")
    topics.add_argument("--json", action="store_true")
    return parser


def _train(args: argparse.Namespace, out: TextIO) -> int:
    from nlp._train import train

    meta = train(args.data or training_data(), args.extra, args.out)
    cv = meta["cross_validation"]
    out.write(f"model {meta['version']} written to {args.out} ({meta['counts']['items']} items)\n")
    out.write(
        f"cross-validated: themes macro-F1 {cv['themes_macro_f1']}, sentiment macro-F1 "
        f"{cv['sentiment_macro_f1']}, safeguarding {cv['safeguarding']}\n"
    )
    return 0


def _read_inputs(path: Path | None) -> list[Any]:
    if path is None:
        return list(parse_inputs(sys.stdin, "<stdin>"))
    with path.open(encoding="utf-8") as f:
        return list(parse_inputs(f, str(path)))


def _predict(args: argparse.Namespace, out: TextIO) -> int:
    from nlp.analyser import Analyser

    inputs = _read_inputs(args.file)
    analyser = Analyser.load(args.model)
    for item, result in zip(inputs, analyser.analyse_many([i.text for i in inputs]), strict=True):
        sg = {"level": result.safeguarding.level, "categories": list(result.safeguarding.categories)}
        line = _Prediction(
            item.id, list(result.themes), result.sentiment, sg, result.redacted, result.language, result.screened
        )
        out.write(_JSON.encode(line).decode() + "\n")
    return 0


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from nlp._evaluate import evaluate, format_report
    from nlp.analyser import Analyser

    items = read_items(args.gold)
    report = evaluate(Analyser.load(args.model), items)
    out.write((_JSON.encode(report).decode() if args.json else format_report(report)) + "\n")
    return 0


def _topics(args: argparse.Namespace, out: TextIO) -> int:
    from nlp.topics import find_topics

    current = [i.text for i in _read_inputs(args.input)]
    previous = [i.text for i in _read_inputs(args.previous)]
    topics = find_topics(current, previous)
    if args.json:
        out.write(_JSON.encode(topics).decode() + "\n")
        return 0
    for t in topics:
        mark = "EMERGING " if t.emerging else ""
        out.write(f"{mark}[{t.size} items, share {t.share:.1%} (was {t.previous_share:.1%})] {', '.join(t.terms)}\n")
        out.writelines(f'    "{q}"\n' for q in t.quotes)
    return 0


_COMMANDS = {"train": _train, "predict": _predict, "evaluate": _evaluate, "topics": _topics}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``heard nlp``; returns the exit code."""
    args = _parser().parse_args(None if argv is None else list(argv))
    try:
        return _COMMANDS[args.command](args, sys.stdout)
    except DataError as exc:
        sys.stderr.write(f"heard nlp {args.command}: error: {exc}\n")
        return 2
    except FileNotFoundError as exc:
        sys.stderr.write(f"heard nlp {args.command}: error: {exc}\n")
        return 1
