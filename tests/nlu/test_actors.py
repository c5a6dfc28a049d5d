"""Who does what: the other party as the subject of a meeting, inspection or document, our people
attending, lower units watching, and reports to or demanded from someone (issue 13, direction)."""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse

NOW = dt.datetime(2026, 12, 9, 10, 0)  # a Wednesday
LEX = demo_lexicon()


def parsed(text: str):
    return parse(text, NOW, LEX)


@pytest.mark.parametrize(("text", "kind", "counterpart"), [
    ("上周县政府召开了秸秆禁烧推进会，镇长去了", "meeting", "县政府"),
    ("昨天市应急局开了个防汛视频调度会 我们班子都参加", "meeting", "市应急局"),
    ("前天市教育局抽查了我们两所学校的食堂", "inspection", "市教育局"),
    ("县审计局的人今天来查账了", "inspection", "县审计局"),
    ("市里的考核组上午到了白沙乡", "inspection", "市里"),
    ("县委宣传部昨天下来两个文", "document", "县委宣传部"),
    ("今天市民政局来了个急件", "document", "市民政局"),
])
def test_another_body_as_the_subject_makes_it_the_counterpart_and_the_item_incoming(text, kind, counterpart):
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, "incoming"), text
    assert intent.counterpart == counterpart and intent.unit is None


def test_a_unit_of_ours_holding_a_meeting_we_attend_is_the_counterpart():
    intent = parsed("周五县卫健局召集开会，分管领导参加")
    assert (intent.kind, intent.direction, intent.unit, intent.counterpart) == (
        "meeting", "incoming", None, "县卫健局")
    own = parsed("青山镇昨天开了安全生产会")
    assert (own.direction, own.unit) == ("outgoing", "青山镇")


@pytest.mark.parametrize(("text", "direction"), [
    ("明天上午镇里开个视频会，各村在村部收看", "outgoing"),
    ("下周一局里组织的业务培训会，各学校派人参加", "outgoing"),
    ("今天召开党委会，参会9人", "outgoing"),
    ("周三开支委会，镇党委班子列席", "outgoing"),
    ("各乡镇主要负责同志参加县里的业务培训会", "incoming"),
    ("上月参会次数是多少", "incoming"),
])
def test_who_attends_decides_the_meeting_direction(text, direction):
    assert parsed(text).direction == direction, text


@pytest.mark.parametrize(("text", "direction"), [
    ("昨天给县委办报了一份防汛总结", "incoming"),
    ("前天跟市局交了三张统计表", "incoming"),
    ("找卫健局要了一份疫苗接种数据", "outgoing"),
    ("上周给各村下了个表，摸排独居老人", "outgoing"),
])
def test_to_whom_a_report_goes_decides_its_direction(text, direction):
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "report", direction), text


@pytest.mark.parametrize("text", ["今年接了几次上级检查", "国庆以来迎了几次检查"])
def test_inspections_received_in_plain_verbs_are_incoming(text):
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction) == ("query", "inspection", "incoming")


def test_statistics_in_a_record_is_its_purpose_not_a_question():
    assert parsed("上周给各学校下了个表，统计留守儿童").intent == "record"
    assert parsed("统计一下本月发文").intent == "query"


@pytest.mark.parametrize(("text", "direction"), [
    ("上午去青山镇看了防火物资储备情况", "outgoing"),
    ("昨天被县委办督查室查了一回", "incoming"),
    ("县审计局上周审计了我们的专项资金", "incoming"),
    ("县政府督查室约了周五来督办项目进度", "incoming"),
])
def test_inspections_in_other_verbs(text, direction):
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", direction), text


def test_a_supervision_form_sent_down_is_a_document():
    assert parsed("周一给各乡镇发了整改督办单3份").kind == "document"
