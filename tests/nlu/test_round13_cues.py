"""Round 13 of issue 13, before its blind batches were scored: materials demanded *of us* (要求我乡报送, or by a
party that called first: 县政府办来电，要求报送…) are reported upward, as is what we 报上去; 分别 repeats an act
for each thing enumerated around it; a later clause that says the act happened again at another time (上午…，
下午又…) counts a second one; 两样, 两文 and 通知x2 are counts.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse

LEX = demo_lexicon()
WEDNESDAY = dt.datetime(2026, 12, 16, 15, 0)


@pytest.mark.parametrize(("text", "direction"), [
    ("县委办上午来电，要求我镇报送防汛物资清单，刚报了", "incoming"),
    ("市应急局打电话让我们报一下值班表，已报", "incoming"),
    ("县政府办来电话，要求报送年度安全生产总结，今天报的", "incoming"),
    ("冬季防火巡查表我们今天已经报上去了", "incoming"),
    # a demand passed on to those below stays ours
    ("县委办要求我们通知各村报送低保名单，今天已通知", "outgoing"),
    ("今天让各村把防火巡查表报上来", "outgoing"),
])
def test_materials_demanded_of_us_go_up(text: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "report", direction), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("上周分别到青山镇、河口镇、白沙乡督查了秸秆禁烧", 3),
    ("5号和8号，分别给各村发了一个通知", 2),
    ("四个乡镇分别检查了一遍安全生产台账", 4),
    ("去了城关镇和河口镇，两个乡镇各查了一次", 2),
    ("今天分别到青山镇和白沙乡督导，共两次", 2),  # the count said is not multiplied again
    ("今天下午开会，会议分别由书记和镇长讲话", 1),  # 分别由 describes, it does not repeat
    ("要求五个村卫生室各报一份药品清单", 1),  # one demand, made of five
])
def test_severally_repeats_the_act(text: str, quantity: int) -> None:
    assert parse(text, WEDNESDAY, LEX).quantity == quantity, text


@pytest.mark.parametrize(("text", "quantity"), [
    ("上午县纪委来检查，下午市应急局又来了", 2),
    ("早上开了个调度会 下午又开了一个", 2),
    ("昨天收到县委办一个文，今天又收到一个", 2),
    ("今天又开了个会", 1),  # 又 against an earlier day not named: one meeting
    ("上午开会，下午还要准备材料", 1),  # 还要 plans something else
])
def test_again_later_counts_a_second_act(text: str, quantity: int) -> None:
    assert parse(text, WEDNESDAY, LEX).quantity == quantity, text


@pytest.mark.parametrize(("text", "quantity"), [
    ("给县委办报了年度总结和考核自评表，两样", 2),
    ("收文：县委办 通知x3 今天到的", 3),
    ("今天下发镇发〔2026〕8号、9号两文", 2),
])
def test_other_count_words(text: str, quantity: int) -> None:
    assert parse(text, WEDNESDAY, LEX).quantity == quantity, text
