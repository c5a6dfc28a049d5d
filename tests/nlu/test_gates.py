"""The cheap tests in front of the parser's scans (issue 13): each lets through everything its scan can match."""

from __future__ import annotations

import random
import re

from bot.nlu import lookup, timeexpr
from bot.nlu.firstchars import with_guard


def test_every_rule_topic_holds_a_gate_character() -> None:
    for _, words in lookup.TOPICS:
        for word in words.split("|"):
            assert lookup._TOPIC_CHARS.search(word), word
    assert lookup.rule_lookup("会议“八不开”有哪些") == {"topic": "meetings"}


def test_digit_lookaheads_change_no_time_word() -> None:
    """The scanner alternatives a digit starts only as a year or month match exactly as without the lookahead."""
    alphabet = "0123456789年月日号季度份-~至到、和及与—./ 一二三四五十今去明上下本第个周前后半初底中农历正腊春节点"
    rnd = random.Random(13)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 10))) for _ in range(20000)]
    texts += ["2026年12月5日", "26年3季度", "12月5日开会", "11-12月", "2025年上半年", "3季度", "2026.1.5", "收文3件"]
    for name, pattern in timeexpr._ALTERNATIVES:
        if name not in timeexpr._DIGIT_STARTS:
            continue
        prefix = rf"(?!\d(?!{timeexpr._DIGIT_STARTS[name]}))"
        assert pattern.startswith(prefix), name
        plain = re.compile(with_guard(pattern[len(prefix):], two_chars=True))
        gated = re.compile(with_guard(pattern, two_chars=True))
        for text in texts:
            for at in range(len(text)):
                found, expected = gated.match(text, at), plain.match(text, at)
                assert (found and found.group(0)) == (expected and expected.group(0)), (name, text, at)
