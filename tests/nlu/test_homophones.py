"""Voice-input homophones of the key words (issue 13): what a phone's speech input writes for 开会, 发文, 考核…"""

from __future__ import annotations

import json

import pytest

from bot.nlu import homophones, parse
from bot.nlu.normalize import normalize
from nlu_data import DEFAULT_NOW, demo_lexicon


def fields(text: str, *names: str) -> tuple[object, ...]:
    data = parse(text, DEFAULT_NOW, demo_lexicon()).to_json()
    return tuple(data.get(name) for name in names)


def test_the_sound_table_is_what_pypinyin_gives_today() -> None:
    shipped = json.loads(homophones.TABLE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(homophones.build(), ensure_ascii=False))


@pytest.mark.parametrize(("typed", "meant"), [
    ("今天下午乡里开慧了", "今天下午乡里开会了"),
    ("乡里今天发闻2件", "乡里今天发文2件"),
    ("收闻一件 县卫健局的", "收文一件 县卫健局的"),
    ("县应急局上周二来检察过", "县应急局上周二来检查过"),
    ("接受县委组织部考合一次", "接受县委组织部考核一次"),  # 合一 is a word, but not a common one
    ("开了一个视屏会", "开了一个视频会"),  # píng for pín: input methods' fuzzy finals
    ("报被一下哈", "报备一下哈"),
    ("隐患排查台帐 明早截止", "隐患排查台账 明早截止"),
    ("下周一去县里督察", "下周一去县里督查"),
])
def test_a_misheard_key_word_is_read_as_the_key_word(typed: str, meant: str) -> None:
    assert normalize(typed) == meant


@pytest.mark.parametrize("text", [
    "县检察院来了",  # a word of its own, followed by more of it
    "车开回来了",  # 回 belongs to 回来
    "召开汇报会", "发现问题", "收回", "开关", "这个会意思不大", "他当场发问",
])
def test_words_that_only_sound_alike_are_left_alone(text: str) -> None:
    assert normalize(text) == text


def test_a_voice_typed_record_parses_like_a_typed_one() -> None:
    assert fields("今天下午乡里开慧了，各村支书都到了", "intent", "kind") == ("record", "meeting")
    assert fields("今天收闻一件", "kind", "direction", "quantity") == ("document", "incoming", 1)
