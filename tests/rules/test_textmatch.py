"""Keyword matching: negation, 能不能-questions, full-width forms and case.

The numbers, dates and kinds the rules once read from the text themselves now come from the parser:
tests/nlu/test_rule_facts.py.
"""

from __future__ import annotations

import pytest

from bot.rules.textmatch import Pattern, first_match, matchable


def find(word: str, text: str) -> str | None:
    return Pattern.compile(word).find(matchable(text))


@pytest.mark.parametrize(("word", "text", "hit"), [
    ("迎送", "迎检要不要搞个迎送仪式", True),
    ("迎送", "不搞迎送仪式", False),
    ("横幅", "没有拉横幅", False),
    ("宴请", "能不能宴请检查组", True),  # 能不能 is a question, not a negation
    ("检查", "不定期检查", True),  # 不定期 negates nothing
    ("没有实质", "这个会没有实质内容", True),  # the word carries its own negation
    ("照搬", "照搬照抄，原封不动", True),
    ("re:吃[^，,。]{0,3}饭", "安排吃顿便饭", True),
    ("APP", "下载安装学习app", True),  # full/half width and case
])
def test_matching(word: str, text: str, hit: bool) -> None:
    assert (find(word, text) is not None) is hit


def test_matchable_makes_a_not_a_questions_neutral() -> None:
    assert matchable("能不能开会") == "能否开会"
    assert matchable("要不要发文") == "要否发文"
    # full width folds to half width (bot.nlu.fold); case is ignored by the match, not rewritten
    assert matchable("ＡＰＰ２００人") == "APP200人"
    assert find("app", "下载ＡＰＰ") == "APP"


def test_a_rule_sentence_class_still_spans_clause_commas() -> None:
    # The message is folded, not normalized: "。" stays a sentence end, so [^。？?] crosses "，" only.
    word = "re:(县里|县委)的?(文件|通知)[^。？?]{0,10}(再发|转发)"
    assert find(word, "县里的文件，我们还要再转发一次吗") is not None
    assert find(word, "县里的文件收到了。我们转发吗") is None


def test_a_master_compiles_the_rule_books_alternations_before_forking() -> None:
    """bot.runtime.warm_up: every tuple of words the rule book holds gets its alternation at once, the one
    first_match then uses (no worker compiles them on its first messages)."""
    from bot.rules import textmatch
    from bot.rules.loader import load_rulebook
    from bot.rules.store import DEFAULT_CONFIG_DIR

    book = load_rulebook([DEFAULT_CONFIG_DIR])
    assert textmatch.compile_alternations(book) > 50
    tuples = [known[0] for known in textmatch._ALTERNATIONS.values()]
    assert book.wide_words in tuples
    count = len(textmatch._ALTERNATIONS)
    assert first_match(book.wide_words, "全县召开安全生产会议") is not None
    assert len(textmatch._ALTERNATIONS) == count  # found, not compiled again
