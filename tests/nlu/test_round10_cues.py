"""Round 10 of issue 13: adverbs between a visitor and its verb, the speaker's own unit as the place visited,
a verb inside a meeting's name, an inspection word used as the verb before bare 培训, a particle typed after
a space, festivals that name the work rather than the day, and 定了 (a decision about what is coming).

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

NOW = dt.datetime(2026, 12, 9, 10, 0)  # a Wednesday
SPRING = dt.datetime(2027, 4, 7, 10, 0)  # two days after 清明 2027 (4-5)
LEX = demo_lexicon()


def said_in(unit: str, text: str, now: dt.datetime = NOW):
    return parse(text, now, LEX, demo_speaker(unit))


@pytest.mark.parametrize("text", [
    "县纪委昨天突然来查了值班",          # 突然 between the visitor and 来
    "市委督查室下周还要来暗访",          # 还要
    "县审计局明天一早专程来审计",        # 一早, 专程
    "县委组织部今年第三次来考核",        # 今年第三次
])
def test_adverbs_between_a_visitor_and_its_coming_keep_it_incoming(text: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "incoming"), text
    assert intent.counterpart, text


def test_the_speakers_own_unit_as_the_place_visited_makes_the_visitor_the_other_party() -> None:
    intent = said_in("县委办", "县委宣传部上周五到县委办检查了意识形态工作")
    assert (intent.kind, intent.direction, intent.counterpart) == ("inspection", "incoming", "县委宣传部")
    assert intent.unit in (None, "县委办")
    assert intent.title is not None and "意识形态" in intent.title and "◎" not in intent.title


def test_a_county_body_spelled_with_组织部_is_not_the_county_committee_office() -> None:
    intent = said_in("城关镇", "县委组织部后天来镇里考核换届工作")
    assert (intent.direction, intent.counterpart) == ("incoming", "县委组织部")


@pytest.mark.parametrize("text", [
    "信息报送工作推进会定在周五开",       # 报送 inside the meeting's name
    "档案整理规范化培训会明天在镇里办",
    "督查反馈会昨天开完了",
])
def test_a_verb_inside_a_meetings_name_is_part_of_the_name(text: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind) == ("record", "meeting"), text


@pytest.mark.parametrize(("text", "kind"), [
    ("今天上报了会议材料两份", "report"),     # the meeting names what the materials are about
    ("让各村报了两会期间的舆情材料", "report"),  # 两会期间: when the materials are about
])
def test_what_follows_a_meeting_noun_can_still_make_it_a_qualifier(text: str, kind: str) -> None:
    assert said_in("城关镇", text).kind == kind, text


def test_an_inspection_word_used_as_the_verb_is_not_a_meetings_qualifier() -> None:
    assert said_in("城关镇", "市里昨天来考核干部教育培训").kind == "inspection"
    assert said_in("城关镇", "明天参加市委办的督查业务培训").kind == "meeting"  # 督查 qualifies 培训


@pytest.mark.parametrize("text", ["下周三开个总结会 ok 不", "周五开会 行 不"])
def test_a_particle_after_a_space_still_asks(text: str) -> None:
    assert said_in("城关镇", text).intent == "check", text


def test_a_festival_naming_the_work_gives_way_to_the_day_said() -> None:
    intent = said_in("城关镇", "收到县委办清明祭扫安全的通知两件，昨天签收的", SPRING)
    assert (intent.kind, intent.date, intent.quantity) == ("document", dt.date(2027, 4, 6), 2)
    festival_day = said_in("城关镇", "端午那天上午开防溺水工作会", SPRING)
    assert festival_day.date == dt.date(2027, 6, 9)  # 端午 2027 (lunar 5-5): the festival is the day


def test_decided_is_not_past_tense() -> None:
    intent = said_in("城关镇", "定了，中秋前一天开安全生产会", SPRING)
    assert intent.date == dt.date(2027, 9, 14)  # 中秋 2027 is 9-15: the coming one, not last year's


@pytest.mark.parametrize(("text", "intent"), [
    ("青山镇报的督查方案不行，打回去重做", "reject"),        # 打回去 + what to do again
    ("白沙乡下周二开党委扩大会，批了", "approve"),           # the decision as the last clause
    ("经研究，同意县教育局12月18日召开安全工作会议", "approve"),  # the approver's formula
])
def test_an_approvers_decision_in_plain_words(text: str, intent: str) -> None:
    assert said_in("县委办", text).intent == intent, text


def test_the_formula_names_what_is_granted() -> None:
    intent = said_in("县委办", "经研究，同意县教育局12月18日召开安全工作会议")
    assert (intent.kind, intent.date) == ("meeting", dt.date(2026, 12, 18))


@pytest.mark.parametrize("text", ["帮别的单位登记该怎么写", "记台账的话咋发", "报备格式是啥"])
def test_how_to_talk_to_the_bot_is_help(text: str) -> None:
    assert said_in("城关镇", text).intent == "help", text


@pytest.mark.parametrize("text", ["今天晚饭几点", "明早几点出发去市里"])
def test_a_question_about_nothing_the_ledger_holds_is_small_talk(text: str) -> None:
    assert said_in("城关镇", text).intent == "unknown", text


@pytest.mark.parametrize("text", [
    "下周去青山镇查一下收文登记",           # papers after a checking verb are what is checked
    "明天去各村检查台账管理情况",
    "上周搞了一次公文办理交叉检查",          # the papers qualify the inspection's name
])
def test_papers_that_are_checked_make_an_inspection(text: str) -> None:
    assert said_in("城关镇", text).kind == "inspection", text


@pytest.mark.parametrize("text", ["今天收到县里的督查通报", "下周给各村下发检查通知"])
def test_a_bulletin_or_notice_about_an_inspection_is_a_document(text: str) -> None:
    assert said_in("城关镇", text).kind == "document", text


def test_a_department_named_without_its_level_that_comes_is_the_visitor() -> None:
    intent = said_in("城关镇", "住建局下周二来检查自建房安全")
    assert (intent.kind, intent.direction, intent.counterpart) == ("inspection", "incoming", "住建局")
    assert said_in("县卫健局", "上半年收了多少市局来文").intent == "query"  # 来文 is a document, not a visit


def test_an_inspection_named_after_its_body_that_comes_again_is_incoming() -> None:
    intent = said_in("城关镇", "县纪委的检查又来了，今年第三回")
    assert (intent.kind, intent.direction, intent.counterpart) == ("inspection", "incoming", "县纪委")


def test_attending_in_the_county_is_no_organisation_named_across_the_verb() -> None:
    intent = said_in("城关镇", "后天去县里参加县政府全体会议")
    assert (intent.kind, intent.direction, intent.counterpart) == ("meeting", "incoming", "县里")


@pytest.mark.parametrize(("text", "quantity"), [
    ("今日收县政府办字〔2026〕9号等文件两件", 2),     # 今日收 is no part of the issuer's code
    ("县委办昨日发来县委办字〔2026〕31号，已签收", 1),  # 发来 after a masked day: sent to us
])
def test_documents_received_by_their_number(text: str, quantity: int) -> None:
    intent = said_in("县卫健局", text)
    assert (intent.kind, intent.direction, intent.quantity) == ("document", "incoming", quantity), text


@pytest.mark.parametrize(("text", "start", "end"), [
    ("查一下23年至24年两年的发文总数", dt.date(2023, 1, 1), dt.date(2024, 12, 31)),  # 一下 is no "next"
    ("二〇二四至二〇二五年各开了多少会", dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # years in Chinese digits
    ("帮我看一下11月的收文数", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
])
def test_periods_asked_about(text: str, start: dt.date, end: dt.date) -> None:
    intent = said_in("城关镇", text)
    assert intent.period is not None and (intent.period.start, intent.period.end) == (start, end), text


def test_a_range_of_days_keeps_both_ends_and_starts_on_the_first() -> None:
    intent = said_in("城关镇", "21到23号县里来督查秸秆禁烧")
    assert (intent.date, intent.date_end) == (dt.date(2026, 12, 21), dt.date(2026, 12, 23))


def test_january_as_spoken() -> None:
    assert said_in("城关镇", "元月八号开年度总结会").date == dt.date(2027, 1, 8)


@pytest.mark.parametrize(("text", "quantity"), [
    ("上周发文四件（党委1件 政府3件）", 4),                    # the parts in brackets
    ("周一到周三 安全培训一天一场 共三场", 3),                 # the total said last
    ("这个月开了两次片区座谈会，东片、西片各一次", 2),          # the total, then distributed with 各
    ("收文：县委办2件 县政府办1件", 3),                       # a plain list adds up
])
def test_a_total_with_its_parts_is_counted_once(text: str, quantity: int) -> None:
    assert said_in("城关镇", text).quantity == quantity, text


@pytest.mark.parametrize("text", [
    "上周县里叫我们去开了两次会",                 # called to someone else's meeting
    "昨天县委办临时通知俺们去开了个会",
    "腊月二十县委开三级干部大会 镇村干部都要去",  # a body holding an assembly our cadres go to
])
def test_being_called_to_a_meeting_is_attending(text: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.kind, intent.direction) == ("meeting", "incoming"), text


def test_a_figure_asked_of_a_unit_is_a_query() -> None:
    assert said_in("县委办", "示范县今年数量多少，同比").intent == "query"


@pytest.mark.parametrize(("text", "intent", "entry_id"), [
    ("第12条退回，让他们重报", "reject", 12),     # an entry named by its number first
    ("刚记的那条删掉记错了", "undo", None),        # the verb, then why: a slip, not a value to change
])
def test_commands_on_an_entry_in_plain_words(text: str, intent: str, entry_id: int | None) -> None:
    got = said_in("县委办", text)
    assert (got.intent, got.entry_id) == (intent, entry_id), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("昨天收文四件 县里三件市里一件", 4),          # a count no party names, then the named parts
    ("收文：县委办3件 县政府办1件 县纪委2件", 6),   # every count named: a list to add
])
def test_a_total_then_its_named_parts(text: str, quantity: int) -> None:
    assert said_in("城关镇", text).quantity == quantity, text
