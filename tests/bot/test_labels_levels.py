"""Issue 12 item 8: ONE level vocabulary. A unit level's words (乡镇 / 各乡镇 / 乡镇（街道）…) live in bot.labels;
the parser, the ranking replies, the digests' sections and 添加单位 read them there, with today's texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import labels
from bot.labels import (
    LEVEL_NAMES,
    LEVEL_TITLES,
    LEVEL_WORDS,
    RANKED_LEVELS,
    all_of_level,
    level_of,
    level_of_name,
    level_title,
)
from bot.nlu import parse
from bot.scheduler.figures import LEVEL_GROUPS
from paths import REPO_ROOT
from suite import NOW
from storage.models import UNIT_LEVELS


def test_every_level_has_its_words_and_no_word_names_an_unknown_level():
    assert set(LEVEL_NAMES) == set(LEVEL_TITLES) == set(UNIT_LEVELS)
    assert set(RANKED_LEVELS) < set(UNIT_LEVELS)
    assert {level for level in LEVEL_WORDS.values() if level is not None} == set(UNIT_LEVELS)
    assert all(LEVEL_WORDS[level] == level for level in UNIT_LEVELS)  # a code names itself


def test_the_texts_are_todays():
    assert [all_of_level(level) for level in ("town", "department", "village", "county", None, "province")] == [
        "各乡镇", "各部门", "各村（社区）", "各县", "各单位", "各单位"]
    assert [level_title(level) for level in ("town", "department", "village", "county", "province")] == [
        "乡镇（街道）", "县直部门", "村（社区）", "县", "其他单位"]
    assert RANKED_LEVELS == ("town", "department", "village")
    assert LEVEL_GROUPS == (("town", "乡镇（街道）"), ("department", "县直部门"), ("village", "村（社区）"))


@pytest.mark.parametrize("word, level", [
    ("各乡镇", "town"), ("乡镇", "town"), ("镇", "town"), ("乡", "town"), ("街道", "town"), ("乡镇街道", "town"),
    ("部门", "department"), ("县直", "department"), ("县直单位", "department"), ("各县直部门", "department"),
    ("村", "village"), ("各社区", "village"), ("村（社区）", "village"), ("村社区", "village"),
    ("县", "county"), ("village", "village"), (" 各村 ", "village"),
    ("各单位", None), ("unit", None), ("", None), (None, None), ("省", None),
])
def test_level_of_a_word(word, level):
    assert level_of(word) == level


@pytest.mark.parametrize("name, level", [
    ("城关镇", "town"), ("白沙乡", "town"), ("城关街道", "town"), ("东关村", "village"), ("幸福社区", "village"),
    ("县财政局", "department"), ("县委办", "department"), ("县融媒体中心", "department"), ("农技站", "department"),
    ("示范县", None), ("东关", None),
])
def test_level_of_a_new_units_name(name, level):
    assert level_of_name(name) == level


@pytest.mark.parametrize("text, level", [
    ("各乡镇本月发文排名", "town"), ("各街道本月发文排名", "town"), ("县直单位本月发文排名", "department"),
    ("各部门本月发文排名", "department"), ("各村本月发文排名", "village"), ("各社区本月开会排名", "village"),
    ("各单位本月发文排名", None),
])
def test_the_parser_names_the_ranked_level_with_the_same_words(text, level):
    intent = parse(text, NOW)
    assert intent.group_by == "unit"
    assert (intent.args or {}).get("scope_level") == level


def test_a_ranking_of_every_unit_has_a_section_per_level(say):
    reply = say("各单位本月发文排名", user="王五")
    assert reply.text.splitlines() == [
        "各单位本月（2026-11-01至2026-11-30）发文排名：", "全县合计0件。",
        "乡镇（街道）：", "1. 城关镇 0件", "1. 青山镇 0件", "1. 白沙乡 0件", "1. 河口镇 0件",
        "县直部门：", "1. 县委办 0件", "1. 县教育局 0件", "1. 县卫健局 0件", "1. 县应急管理局 0件",
    ]
    assert [s["title"] for s in reply.data["sections"]] == ["乡镇（街道）", "县直部门"]


def test_a_ranking_of_one_level_is_named_by_it(say):
    assert say("各乡镇本月发文排名", user="王五").text.startswith("各乡镇本月（2026-11-01至2026-11-30）发文排名：\n")
    assert say("各村本月发文排名", user="王五").text == "各村（社区）不足两个，无需排名。"


def test_a_new_unit_without_a_telling_name_asks_for_its_level(say):
    assert say("添加单位 示范园", user="王五").text == "请注明单位级别：乡镇、部门或村（社区）。"


def test_the_titles_are_written_once():
    """The section titles and the plural with a level's name appear in no other module."""
    written = {"乡镇（街道）", "县直部门", "各村（社区）", "村（社区）"}
    for folder in ("bot", "handlers", "storage", "config"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            if path == Path(labels.__file__).resolve():
                continue
            source = path.read_text(encoding="utf-8")
            found = [w for w in written if f'"{w}"' in source or f"'{w}'" in source]
            assert not found, (path, found)
