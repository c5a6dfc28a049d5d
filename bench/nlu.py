"""Throughput of bot.nlu.parse over the labelled messages, against jieba.lcut alone (issue 3).

    .venv/bin/python bench/nlu.py [--seconds 3]

Prints: import time of bot.nlu, the first parse (cold caches) and the first parse that needs
jieba, then messages per second for parse and for jieba.lcut over the same messages in one
process, and their cost ratio. Goals: ≥ 5,000 messages/s and parse ≤ 4× the cost of jieba.lcut.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
NOW = dt.datetime.fromisoformat("2026-11-22T10:00:00+08:00")
GOAL_RATE = 5_000
GOAL_RATIO = 4.0


def load_messages() -> list[str]:
    lines = (DATA / "messages.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[0].replace("\\n", "\n") for line in lines[1:]]


def rate(function, messages: list[str], seconds: float) -> float:
    """Messages per second: the median of five rounds, each looping over the whole set."""
    rounds = []
    per_round = max(seconds / 5, 0.2)
    for _ in range(5):
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < per_round:
            for message in messages:
                function(message)
            count += len(messages)
        rounds.append(count / (time.perf_counter() - started))
    return statistics.median(rounds)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--seconds", type=float, default=3.0, help="time per measured loop")
    seconds = options.parse_args().seconds
    sys.path.insert(0, str(REPO))

    started = time.perf_counter()
    from bot.nlu import Lexicon, parse
    import_ms = (time.perf_counter() - started) * 1000

    units = json.loads((DATA / "nlu_lexicon.json").read_text(encoding="utf-8"))["units"]
    lexicon = Lexicon.from_units(list(units.items()))
    messages = load_messages()

    started = time.perf_counter()
    parse("本月发文数？", NOW, lexicon)
    first_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    parse("青山镇昨天开了安全生产会", NOW, lexicon)  # the first title: loads jieba's dictionary
    first_jieba_ms = (time.perf_counter() - started) * 1000

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    for message in messages:  # warm both
        parse(message, NOW, lexicon)
        jieba.lcut(message)

    parse_rate = rate(lambda m: parse(m, NOW, lexicon), messages, seconds)
    jieba_rate = rate(jieba.lcut, messages, seconds)
    ratio = jieba_rate / parse_rate

    print(f"messages                 {len(messages)} (tests/data/messages.tsv)")
    print(f"import bot.nlu           {import_ms:8.1f} ms")
    print(f"first parse              {first_ms:8.1f} ms  (no title: jieba not needed)")
    print(f"first parse with a title {first_jieba_ms:8.1f} ms  (loads jieba's dictionary once)")
    print(f"parse                    {parse_rate:8.0f} messages/s   {1e6 / parse_rate:6.1f} µs/message")
    print(f"jieba.lcut alone         {jieba_rate:8.0f} messages/s   {1e6 / jieba_rate:6.1f} µs/message")
    print(f"parse / jieba.lcut cost  {ratio:8.2f}×")
    ok = parse_rate >= GOAL_RATE and ratio <= GOAL_RATIO
    print(f"goals (≥{GOAL_RATE} msg/s, ≤{GOAL_RATIO:.0f}× jieba): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
