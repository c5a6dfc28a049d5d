"""Round 7 of issue 13: counts asked without a particle, commands on an entry in plain words, help asked
in other words, meeting and inspection nouns the vocabulary did not know.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse

NOW = dt.datetime(2026, 12, 9, 10, 0)  # a Wednesday
LEX = demo_lexicon()


def parsed(text: str):
    return parse(text, NOW, LEX)


@pytest.mark.parametrize(("text", "kind"), [
    ("上个月一共开了几场会了", "meeting"),            # 几 after the verb: the count asked
    ("今年收过几件县里的文", "document"),
    ("这礼拜去县里开会几次了", "meeting"),            # 几次 ending the clause
    ("今年被县里检查的次数", "inspection"),          # the figure named as the whole message
    ("本月发文件数能不能查一下", "document"),        # asking the bot to look a figure up
    ("近三年收文趋势咋样", "document"),
])
def test_a_count_asked_without_a_particle_is_a_query(text: str, kind: str) -> None:
    intent = parsed(text)
    assert (intent.intent, intent.kind) == ("query", kind), text


@pytest.mark.parametrize("text", [
    "几个站长碰了碰头",                          # a few people, before the verb
    "会上县里的同志也讲了几句",                  # 几句 is no ledger item
    "今天被查了两回，先记个数",                  # 记个数 records
    "今天收文二十来件，先记个总数",
])
def test_a_few_said_or_a_count_recorded_is_not_a_question(text: str) -> None:
    assert parsed(text).intent == "record", text


@pytest.mark.parametrize("text", [
    "上周开的安全会补记一条嘛",
    "明天开防汛调度会，先登一条呢",
    "昨天开了个碰头会，也算一个会吧，登一下",
])
def test_telling_the_bot_to_record_with_a_particle_records(text: str) -> None:
    assert parsed(text).intent == "record", text


@pytest.mark.parametrize(("text", "entry_id"), [
    ("删掉昨天登记的那个会", None),                # the verb first, then the entry
    ("撤回上一条", None),
    ("#31 撤了", 31),
    ("前天那个收文登记作废哈", None),              # an interjection after the verb
    ("那个会记了两遍 删掉一个", None),
    ("作废 登重了", None),                         # a bare verb first, the reason after
])
def test_undo_in_plain_words(text: str, entry_id: int | None) -> None:
    intent = parsed(text)
    assert (intent.intent, intent.entry_id) == ("undo", entry_id), text


@pytest.mark.parametrize(("text", "changes"), [
    ("收文件数由5件更正为6件", {"quantity": 6}),     # 由X更正为Y needs no pointing word
    ("发文数记错了，应该3件", {"quantity": 3}),      # 应该 + the value
    ("不对不对，刚那个发文是4件不是2件", {"quantity": 4}),  # 不对不对 asks nothing
    ("那个材料报的是市应急局，不是县应急局，改过来", {"counterpart": "市应急局"}),  # across two clauses
])
def test_corrections_in_plain_words(text: str, changes: dict[str, object]) -> None:
    intent = parsed(text)
    assert intent.intent == "correct", text
    assert intent.changes == changes, text


def test_a_correction_by_a_bare_change_verb_and_a_day() -> None:
    intent = parsed("上条日期改18号")
    assert intent.intent == "correct"
    assert intent.changes.get("date") == dt.date(2026, 12, 18)


def test_change_a_little_is_no_new_value() -> None:
    intent = parsed("刚才那个会不是今天开的 是前天开的 改一下")
    assert intent.intent == "correct"
    assert intent.changes.get("date") == dt.date(2026, 12, 7)


@pytest.mark.parametrize("text", [
    "怎么往台账里录东西，有没有教程",
    "查上个月的数该咋问",
    "要咋说它才听得懂",
    "这个机器人都能记些啥",
    "报备要怎么发给你，有固定格式吗",
])
def test_help_in_other_words(text: str) -> None:
    assert parsed(text).intent == "help", text


def test_asking_how_to_ask_the_county_for_figures_is_no_help() -> None:
    assert parsed("怎么问县里要数").intent != "help"


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("下周二开信息员会", "meeting", "outgoing"),            # 员会 outside 委员会
    ("县教育局明天开控辍保学会，我去", "meeting", "incoming"),  # 保学会 outside 学会
    ("县人大下周来我镇视察", "inspection", "incoming"),
    ("市里督查组后天来回访整改情况", "inspection", "incoming"),
    ("下周对全镇小作坊开展年检", "inspection", "outgoing"),
])
def test_nouns_of_meetings_and_inspections(text: str, kind: str, direction: str) -> None:
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


@pytest.mark.parametrize("text", ["村委员会换届了", "他学会了做台账"])
def test_committees_and_learning_are_no_meetings(text: str) -> None:
    assert parsed(text).kind != "meeting", text


def spoken(text: str, unit: str):
    from nlu_data import demo_speaker
    return parse(text, NOW, LEX, demo_speaker(unit))


@pytest.mark.parametrize("text", [
    "下周二到周四督导组对各乡镇开展年终考核",               # our team on the lower units
    "下周组织两个检查组对全县12家卫生院开展安全检查",
    "昨天分别去了城关镇和河口镇检查，算两次",               # we went, to two towns
])
def test_our_teams_going_to_lower_units_inspect_outgoing(text: str) -> None:
    intent = spoken(text, "县教育局")
    assert (intent.kind, intent.direction) == ("inspection", "outgoing"), text
    assert intent.unit is None, text  # the towns are where we went, not who records


@pytest.mark.parametrize("text", [
    "12月15号县委办组织的作风建设督查到了我局",              # 到了我局
    "收到县委组织部的考察通知，下周二来我局考察干部",       # a notice announcing a visit
    "刚收到市教育局的督导通知，下周三来",
])
def test_visits_to_us_are_incoming_inspections(text: str) -> None:
    intent = spoken(text, "县教育局")
    assert (intent.kind, intent.direction) == ("inspection", "incoming"), text


def test_a_notice_to_attend_records_the_meeting_and_a_named_notice_the_document() -> None:
    attend = spoken("刚接到通知，这周五市教育局开视频会，局长要参加", "县教育局")
    assert (attend.kind, attend.direction) == ("meeting", "incoming")
    named = spoken("收到县委办关于召开全县安全生产会议的通知", "县教育局")
    assert (named.kind, named.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", ["明天上午开个安全生产推进回", "下午镇长办公汇，在二楼"])
def test_a_meeting_misheard_after_its_stem_is_a_meeting(text: str) -> None:
    assert parsed(text).kind == "meeting", text


def test_a_summary_reviewed_is_no_meeting() -> None:
    from bot.nlu.homophones import correct
    assert correct("把年终总结回顾一下") == "把年终总结回顾一下"
    assert correct("写个工作总结汇报") == "写个工作总结汇报"


@pytest.mark.parametrize(("text", "changes"), [
    ("更正：前天那个会不是我们开的，是参加县委办的", {"direction": "incoming", "counterpart": "县委办"}),
    ("#9 不是咱开的，是参加县里的", {"direction": "incoming", "counterpart": "县里"}),
    ("第8条不是县纪委来查的，是县委巡察办", {"counterpart": "县委巡察办"}),
])
def test_who_held_it_or_who_came_corrected_in_plain_words(text: str, changes: dict[str, object]) -> None:
    intent = spoken(text, "城关镇")
    assert intent.intent == "correct", text
    assert intent.changes == changes, text
    if "direction" in changes:
        assert (intent.kind, intent.direction) == ("meeting", "incoming"), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("这个月被县里查了四回了", 4),            # times an event happened: 回/轮/拨/趟
    ("本月对辖区加油站查了两轮", 2),
    ("今天县里来了三拨人检查", 3),
    ("周一开了仨会", 3),                      # 仨 is 三个
])
def test_times_an_event_happened_are_its_quantity(text: str, quantity: int) -> None:
    assert parsed(text).quantity == quantity, text


@pytest.mark.parametrize(("text", "kind"), [
    ("这礼拜被县里叫去开了两回会", "meeting"),       # 被…叫去 开会: theirs
    ("上周三跑县里两趟会", "meeting"),
    ("今天先后来了两拨检查的，都是市里的", "inspection"),
])
def test_called_to_meetings_and_visited_are_incoming(text: str, kind: str) -> None:
    intent = spoken(text, "城关镇")
    assert (intent.kind, intent.direction) == (kind, "incoming"), text


@pytest.mark.parametrize("text", [
    "刚让各村报冬季困难群众名单，周五前交",            # a deadline is not the day it was asked
    "接县委办通知，12月18号前报送年度总结，今天已报",
    "刚开了个短会，布置元旦值班",                      # the festival the work is about
    "上午开了个调度会，讲年底督查收官",
])
def test_a_deadline_or_the_festival_worked_for_is_not_the_day(text: str) -> None:
    assert parsed(text).date == NOW.date(), text


def test_a_weekday_ago_is_still_a_day() -> None:
    assert parsed("三天前开了个会").date == dt.date(2026, 12, 6)


@pytest.mark.parametrize("text", [
    "市里督查组后天来，说是看看防火工作落实得怎么样，麻烦记一下",   # a request to record, after a 怎么样
    "县政府办昨天发了个便函过来，先给登上",
])
def test_asking_the_bot_to_put_it_down_records(text: str) -> None:
    assert spoken(text, "青山镇").intent == "record", text


@pytest.mark.parametrize(("text", "kind"), [
    ("上周二受到县卫健局两个文", "document"),                 # 受到 for 收到 (voice input)
    ("昨天受到市应急局检查一次", "inspection"),
    ("市政府办的文件直接发到镇里了", "document"),
    ("县里考核组下周三到镇里", "inspection"),
])
def test_received_and_visited_in_plain_words_are_incoming(text: str, kind: str) -> None:
    intent = spoken(text, "青山镇")
    assert (intent.kind, intent.direction) == (kind, "incoming"), text


def test_a_notice_of_ours_demanding_materials_is_the_demand_and_one_received_the_document() -> None:
    ours = spoken("明天给各村下通知，报冬季防火台账", "青山镇")
    assert (ours.kind, ours.direction) == ("report", "outgoing")
    theirs = spoken("收到县委办通知，要求报送年度总结", "青山镇")
    assert (theirs.kind, theirs.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", [
    "防火会和禁烧会放一块开，这么安排中吧",                     # 中 (dialect): OK?
    "检查的时候能不能让各村再填几张表？",                       # 几 after a modal is "a few"
    "能不能把几个通知合成一个发，这样就不占数了？",             # the 能不能 clause asks, not the mark
])
def test_questions_whether_in_other_forms_are_checks(text: str) -> None:
    assert spoken(text, "青山镇").intent == "check", text


@pytest.mark.parametrize(("text", "day"), [
    ("元旦后第一个周三开办务会", dt.date(2027, 1, 6)),         # 2027-01-01 is a Friday
    ("元旦过后第一个周一开个部署会", dt.date(2027, 1, 4)),
    ("元旦前最后一个周三开总结会", dt.date(2026, 12, 30)),
    ("国庆后第二周的周一开例会", dt.date(2027, 10, 11)),       # the week of 2027-10-01 begins 09-27
])
def test_a_weekday_counted_from_a_festival(text: str, day: dt.date) -> None:
    assert parsed(text).date == day, text
