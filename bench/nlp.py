"""Benchmark the theming pipeline: throughput, model load time, memory and rule-screen latency.

Run as ``.venv/bin/python bench/nlp.py [--quick]``. Single-threaded (thread env vars set to 1 before numpy loads).
Ends with one line: ``texts_per_s=... load_s=... rss_mb=... screen_p99_ms=...``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp import Analyser, screen  # noqa: E402
from nlp._paths import DEFAULT_CORPUS, DEFAULT_MODEL_DIR  # noqa: E402


def _texts(n: int, seed: int = 7) -> list[str]:
    """Mixed lengths: corpus (and dev, if present) texts; one in five is two or three of them run together."""
    sources = [DEFAULT_CORPUS, ROOT.parent / "shared" / "nlp" / "dev.jsonl"]
    pool = [
        json.loads(line)["text"]
        for path in sources
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = 1 if rng.random() < 0.8 else rng.choice([2, 3])
        out.append(" ".join(rng.choice(pool) for _ in range(parts)))
    return out


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer texts (finishes under a minute)")
    args = parser.parse_args()
    if not (DEFAULT_MODEL_DIR / "meta.json").exists():
        from nlp.cli import main as nlp_main

        print("no model: training first", flush=True)
        nlp_main(["train"])
    start = time.perf_counter()
    analyser = Analyser.load()
    load_s = time.perf_counter() - start
    rss = _rss_mb()
    texts = _texts(2_000 if args.quick else 10_000)
    analyser.analyse_many(texts[:200])  # warm caches as a long-running worker would have
    start = time.perf_counter()
    analyser.analyse_many(texts)
    texts_per_s = len(texts) / (time.perf_counter() - start)
    rss = max(rss, _rss_mb())
    screen("warm up")
    times = []
    for text in texts[: 2_000 if args.quick else 5_000]:
        t0 = time.perf_counter()
        screen(text)
        times.append(time.perf_counter() - t0)
    times.sort()
    p50, p99 = times[len(times) // 2] * 1000, times[int(len(times) * 0.99)] * 1000
    print(f"{len(texts)} texts, mean {sum(map(len, texts)) / len(texts):.0f} chars; screen p50 {p50:.3f} ms")
    print(f"texts_per_s={texts_per_s:.0f} load_s={load_s:.2f} rss_mb={rss:.0f} screen_p99_ms={p99:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
