"""bot.nlu.firstchars: a guarded pattern finds exactly what the bare one finds, and is guarded only when
its first characters can be listed."""

from __future__ import annotations

import random
import re

import pytest

from bot.nlu import counts, parser, timeexpr, vocab
from bot.nlu.firstchars import Dispatched, guard, guarded

TEXTS = [
    "", "明天开会，3个乡镇参加", "县纪委今天来督查作风建设", "收到县委办2件 县政府办1件", "a1b22 c",
    "下周二召开森林防火工作会议，上周已经发文部署过了，还开吗", "给各村下通知，报年终考核材料", "\n 报 \t表",
]


def _matches(pattern: re.Pattern[str] | Dispatched, text: str) -> list[tuple[tuple[int, int], str | None, dict[str, str | None]]]:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", [
    r"(?<![第\d])(?P<n>\d+)个", r"(?:大|小)?会议?|(?P<talk>座谈)(?!会)", r"(?:今年)?(?P<m>\d{1,2})月|上旬",
    r"\s*报(?:送|表)", r"[^\s]?开会", r"(?=[a-z])\w\d+", r"(?:(?:督查|检查)组?)+|^发文",
])
@pytest.mark.parametrize("two_chars", [False, True])
def test_guarded_finds_what_the_bare_pattern_finds(source: str, two_chars: bool) -> None:
    bare, guard = re.compile(source), guarded(source, two_chars=two_chars)
    for text in TEXTS:
        assert _matches(guard, text) == _matches(bare, text)
        for pos in range(len(text)):
            assert bool(guard.match(text, pos)) == bool(bare.match(text, pos))


def test_the_date_scanner_finds_what_its_bare_alternatives_find() -> None:
    # each alternative named by an empty group at its end, as in the scanner (match.lastgroup names it)
    bare = re.compile(f"(?=[{timeexpr._FIRST_CHARS}]|{timeexpr._FIRST_PAIRS})(?:"
                      + "|".join(f"(?:{pattern})(?P<{name}>)" for name, pattern in timeexpr._ALTERNATIVES) + ")")
    alphabet = sorted(set("0123456789年月日号天周上下个点时分半初节一二三四五六七八九十今明昨前后本这去农历春腊正的第季度旬午晚"))
    chooser = random.Random(13)
    texts = ["".join(chooser.choice(alphabet) for _ in range(chooser.randint(1, 10))) for _ in range(3000)]
    for text in [*TEXTS, *texts]:
        assert _matches(timeexpr._SCANNER, text) == _matches(bare, text)


def test_a_dispatched_alternation_finds_what_the_alternation_finds() -> None:
    # branches sharing first characters, one opening with a class, one unbounded, groups of their own
    branches = [r"(?<![第\d])(?P<n>\d+)个", r"(?P<m>\d{1,2})月(?P<d>\d{1,2})?", r"上(?:午|周)|下午", r"[上下]旬",
                r"[^\s]会", r"(?P<q>\d)季度?"]
    bare = re.compile("|".join(branches))
    dispatched = Dispatched(branches)
    dispatched._MAX_STARTS = 16  # what it remembers is let go of along the way, and made again
    chooser = random.Random(13)
    texts = ["".join(chooser.choice("12第个月季度上下午周旬会 ") for _ in range(chooser.randint(0, 12))) for _ in range(3000)]
    for text in [*TEXTS, *texts]:
        assert _matches(dispatched, text) == _matches(bare, text)


def test_an_alternation_matching_nothing_cannot_be_dispatched() -> None:
    with pytest.raises(ValueError):
        Dispatched([r"a", r"b?"])


def test_two_characters_list_what_may_follow_each_first_one() -> None:
    assert guard("上午|上周|下午", two_chars=True) == "(?=[上下])(?=[上][午周]|[下][午])"
    assert guard("上午|上", two_chars=True) == "(?=[上])"  # 上 alone may be followed by anything


def test_first_characters_are_listed_in_a_lookahead() -> None:
    assert guarded(r"(?<!不)(?:召开|开会)|参[加会]").pattern == r"(?=[参召开])(?:(?<!不)(?:召开|开会)|参[加会])"


@pytest.mark.parametrize("source", [r"(?:会议)?", r"[^,]会", r".会", r"x|(?i:ok)", r"(a)?\1b"])
def test_unbounded_first_characters_leave_the_pattern_bare(source: str) -> None:
    assert guarded(source).pattern == source


def test_case_folding_leaves_the_pattern_bare() -> None:
    assert guarded("ok", re.IGNORECASE).pattern == "ok"


def test_the_parser_patterns_are_guarded() -> None:
    for pattern in (vocab._VERB_SCANNER, vocab._MEETING_NOUN, counts._QUANTITY, parser._QUERY, timeexpr._PAST):
        assert pattern.pattern.startswith("(?=[")
