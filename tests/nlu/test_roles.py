"""Issue 13: direction, counterpart, kind from the head noun and counts, read from the sentence's structure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.nlu import Lexicon, parse

NOW = dt.datetime(2026, 12, 3, 10, 0)
_UNITS = json.loads((Path(__file__).parents[1] / "data/nlu_lexicon.json").read_text(encoding="utf-8"))["units"]
LEX = Lexicon.from_units(list(_UNITS.items()))


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县纪委今天来督查作风建设", "inspection", "incoming"),
    ("今天上午县督查室下来督查了", "inspection", "incoming"),
    ("昨天市应急局到我镇抽查危化品安全", "inspection", "incoming"),
    ("今天被抽查了", "inspection", "incoming"),
    ("明天下村督查", "inspection", "outgoing"),
    ("到河口镇检查", "inspection", "outgoing"),
    ("去县委组织部开换届工作会", "meeting", "incoming"),
    ("去县里开会", "meeting", "incoming"),
    ("今天参加县委部署会", "meeting", "incoming"),
    ("明天设分会场收看全县视频会", "meeting", "incoming"),
])
def test_direction_from_who_comes_to_whom(text: str, kind: str, direction: str) -> None:
    got = parse(text, NOW, LEX)
    assert (got.intent, got.kind, got.direction) == ("record", kind, direction)


def test_destination_and_source_are_counterparts() -> None:
    got = parse("今天上报县委办三季度工作总结材料", NOW, LEX)
    assert (got.kind, got.direction, got.unit, got.counterpart) == ("report", "incoming", None, "县委办")
    got = parse("县纪委今天来督查作风建设", NOW, LEX)
    assert (got.unit, got.counterpart) == (None, "县纪委")
    got = parse("收文：县委办2件 县政府办1件 县卫健局1件", NOW, LEX)
    assert got.counterpart == "县委办"


def test_issuer_is_the_subtype_not_the_title() -> None:
    got = parse("今天镇政府发文4件", NOW, LEX)
    assert (got.kind, got.subtype, got.quantity) == ("document", "政府发文", 4)
    assert got.title != "镇政府"


@pytest.mark.parametrize("text", ["今天召开年终考核部署会", "今天开督查反馈会", "今天开材料调度会", "今天开考核推进会"])
def test_kind_from_the_head_noun(text: str) -> None:
    assert parse(text, NOW, LEX).kind == "meeting"


@pytest.mark.parametrize(("text", "quantity", "approx"), [
    ("今天开会 2个", 2, False),
    ("党委发文5件，政府发文7件", 12, False),
    ("收文：县委办2件 县政府办1件 县卫健局1件", 4, False),
    ("收文4个，其中县政府2个，市里2个", 4, False),
    ("今天收文20余件", 20, True),
    ("今天收文十多件", 10, True),
    ("今天收文10件左右", 10, True),
    ("今天收文十来件", 10, True),
    ("今天发文3件", 3, False),
    ("这周发文三件，政府发文两件党委一件", 3, False),  # a total, then its parts
    ("本月共接受上级检查三次：县纪委一次，市卫健委两次", 3, False),
    ("今天下午连开两个会，一个安全生产例会，一个约谈会", 2, False),
    ("县纪委检查一次，市卫健委检查两次，共三次", 3, False),  # parts, then their total
    ("上午收文2件，下午收文3件，晚上又收5件", 10, False),  # no total word: 2+3 = 5 is a coincidence
])
def test_counts(text: str, quantity: int, approx: bool) -> None:
    got = parse(text, NOW, LEX)
    assert (got.quantity, got.quantity_approx) == (quantity, approx)


@pytest.mark.parametrize(("text", "quantity"), [("今天发文0件", 0), ("今天发文-2件", -2)])
def test_zero_or_negative_quantity_kept_for_the_handler_to_refuse(text: str, quantity: int) -> None:
    assert parse(text, NOW, LEX).quantity == quantity


def test_bare_count_is_an_answer() -> None:
    got = parse("2件", NOW, LEX)
    assert (got.intent, got.quantity) == ("unknown", 2)
