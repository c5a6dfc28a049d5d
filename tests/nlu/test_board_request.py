"""打开看板 / 看板 城关镇: a request to the bot for the 减负看板 (acts.read → `board`), with the unit named;
a statement that mentions a 看板 (制作宣传看板) stays what it was."""

from __future__ import annotations

import pytest

from bot.nlu import Lexicon, parse
from suite import NOW

LEXICON = Lexicon.from_units([("城关镇", []), ("县教育局", ["教育局"]), ("示范县", [])])


@pytest.mark.parametrize("text, unit", [
    ("打开看板", None), ("看板", None), ("请打开减负看板", None), ("发我看板链接", None), ("看板链接", None),
    ("看板 城关镇", "城关镇"), ("城关镇看板", "城关镇"), ("打开城关镇的看板", "城关镇"),
    ("看一下教育局的看板", "县教育局"), ("看板 全县", None), ("看板 城关区", "城关区"),
])
def test_asking_for_the_board(text, unit):
    intent = parse(text, NOW, LEXICON)
    assert intent.intent == "board", text
    assert intent.unit == unit


@pytest.mark.parametrize("text", ["明天制作宣传看板3块", "看板做好了吗", "昨天召开看板设计会"])
def test_other_talk_about_a_board_is_not_a_request(text):
    assert parse(text, NOW, LEXICON).intent != "board"
