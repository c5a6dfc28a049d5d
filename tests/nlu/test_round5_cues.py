"""Round 5 of issue 13: who comes, what is received, what a meeting or a demand is called in plain words.

Phrasings written for this test (not copied from the blind batches): a unit of our own org that comes
to look is a visitor; a document named before the verb of receipt is still received; a quick huddle,
a party lesson or a timed speech is a meeting; 几 of a few people who did something is no question.
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


@pytest.mark.parametrize("text", [
    "县卫健局督导组明天到，主要看村卫生室",          # one of our org's units, arriving
    "前天县应急局有人来查了一下消防通道",            # 有人来
    "县教育局、县市场监管局后天一起来查食堂",        # two parties coming together
    "年终考核县里定在下周二来",                      # 定在…来
    "今年以来受检几次",                              # 受检
    "上个月迎了几回检",                              # 迎…检
])
def test_a_party_that_comes_to_look_makes_the_inspection_incoming(text: str) -> None:
    intent = parsed(text)
    assert (intent.kind, intent.direction) == ("inspection", "incoming"), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("县纪委的通知昨天收了两份", 2),
    ("上午收市委办明电一份", 1),
    ("11月30号收县政府办一件，补登一下", 1),
])
def test_a_document_named_before_or_after_the_verb_of_receipt_is_received(text: str, quantity: int) -> None:
    intent = parsed(text)
    assert (intent.intent, intent.kind, intent.direction, intent.quantity) == ("record", "document", "incoming", quantity)


@pytest.mark.parametrize("text", [
    "今天上午班子碰了个头，十来分钟",
    "下周一请县委党校老师给机关上一堂党课",
    "党委中心组学习定在周五上午",
    "昨天约谈了三家企业负责人",
    "上周连着开了两场，一个防火一个禁毒",
])
def test_plain_names_of_a_meeting_make_a_meeting(text: str) -> None:
    assert parsed(text).kind == "meeting", text


@pytest.mark.parametrize("text", ["书记讲话准备讲一个小时，长不长", "每个村发言控制在五分钟以内，可以吧"])
def test_a_timed_speech_is_about_a_meeting(text: str) -> None:
    intent = parsed(text)
    assert (intent.intent, intent.kind) == ("check", "meeting"), text


@pytest.mark.parametrize(("text", "kind"), [
    ("这周要各村报了两次数据", "report"),                     # 要 + lower units + report
    ("给学校要一下开学检查的照片，行吗", "report"),            # 给X要
    ("让村干部每天在群里晒工作照，合规吗", "report"),          # a group photo demanded
    ("下村检查让村书记全程陪同，妥不妥", "inspection"),        # we go down and make them escort
    ("检查组对各乡镇开展年终考核", "inspection"),
])
def test_what_we_demand_of_lower_units_is_outgoing(text: str, kind: str) -> None:
    intent = parsed(text)
    assert (intent.kind, intent.direction) == (kind, "outgoing"), text


def test_lower_units_escorting_an_upper_team_stay_incoming() -> None:
    intent = parsed("县里来检查，能不能让村书记都来陪着")
    assert (intent.kind, intent.direction) == ("inspection", "incoming")


@pytest.mark.parametrize("text", ["上周五几个站所负责人碰了碰头", "昨天到青山镇几所学校调研了营养餐"])
def test_a_few_people_who_did_something_is_a_statement_not_a_question(text: str) -> None:
    assert parsed(text).intent == "record", text


def test_how_many_is_still_a_question() -> None:
    assert parsed("本月开了几次会").intent == "query"
    assert parsed("这个月收了几件文").intent == "query"


def test_a_bulletin_of_our_own_is_a_document_and_one_sent_up_a_report() -> None:
    assert (parsed("想编一期工作简报，发不发").kind, parsed("想编一期工作简报，发不发").direction) == ("document", "outgoing")
    assert (parsed("这期简报昨天报给县委办了").kind, parsed("这期简报昨天报给县委办了").direction) == ("report", "incoming")


def test_a_report_done_before_yields_to_the_one_proposed() -> None:
    intent = parsed("上个月报过的表，这个月再让各村报一遍，行吗")
    assert (intent.intent, intent.kind, intent.direction) == ("check", "report", "outgoing")


NOW_MON = dt.datetime(2026, 12, 14, 10, 0)  # a Monday


def on_monday(text: str):
    return parse(text, NOW_MON, LEX)


@pytest.mark.parametrize(("text", "quantity"), [
    ("本月镇里发文一共九件 党委四件政府五件", 9),              # the total first, with 一共
    ("上个月总共被检查了四次，县里三次市里一次", 4),
    ("昨天发了两个文，一个是防火的，一个是禁毒的", 2),          # the parts described, not more of them
    ("上周收了县委办一个文，还收了县政府办两个", 3),            # 还收了X两个: more of the same
    ("收文五件，对着收文本补一条", 5),                          # 补一条 is an entry, not an item
    ("收文：县委办2件 县政府办1件 市里1件", 4),                # a list still adds up
])
def test_totals_parts_and_lists(text: str, quantity: int) -> None:
    assert parsed(text).quantity == quantity, text


@pytest.mark.parametrize(("text", "changes"), [
    ("日期错了，是后天", {"date": "2026-12-16"}),
    ("日期录错了，应为12月1日", {"date": "2026-12-01"}),
    ("收文数量说错了 改成六件", {"quantity": 6}),
])
def test_a_correction_may_name_the_field_first(text: str, changes: dict[str, object]) -> None:
    intent = on_monday(text)
    assert intent.intent == "correct" and intent.to_json()["changes"] == changes


@pytest.mark.parametrize(("text", "start", "end"), [
    ("上周的周分析发我一下", "2026-12-07", "2026-12-13"),
    ("三季度通报再发我一遍", "2026-07-01", "2026-09-30"),
    ("11月份的月研判出来没有", "2026-11-01", "2026-11-30"),
])
def test_the_pushes_asked_for_by_name_are_reports(text: str, start: str, end: str) -> None:
    intent = on_monday(text)
    assert intent.intent == "report" and (intent.period.start.isoformat(), intent.period.end.isoformat()) == (start, end)


def test_a_news_bulletin_from_above_is_no_report_request() -> None:
    assert on_monday("县里发了个通报").intent == "record"


@pytest.mark.parametrize(("text", "compare"), [
    ("11月开会比10月多了还是少了", "mom"),
    ("上个月收文几件，跟再上个月比呢", "mom"),
])
def test_more_or_fewer_than_the_month_before_is_a_comparison(text: str, compare: str) -> None:
    intent = on_monday(text)
    assert (intent.intent, intent.compare) == ("query", compare)


def test_whether_a_figure_is_there_asks_for_the_figure() -> None:
    assert on_monday("24年全年开会多少次 有数没有").intent == "query"
    assert on_monday("今年开了多少会，还能再开吗").intent == "check"


def test_after_the_new_year_and_logged_after_the_fact() -> None:
    assert on_monday("过了年初八开个收心会，要不要报备").date.isoformat() == "2027-02-13"  # 正月初八, ahead
    assert on_monday("中秋那天开的防汛值班会，补登一下").date.isoformat() == "2026-09-25"  # 补登: the last one


@pytest.mark.parametrize(("text", "intent", "kind"), [
    ("上礼拜镇政府发问两件", "record", "document"),       # 发问 → 发文 before a count
    ("应急局明天要来检察烟花爆竹", "record", "inspection"),  # 来检察 → 检查
    ("去检察院送了两份材料", "record", "report"),          # 检察院 is a word of its own
])
def test_voice_homophones_before_a_count_or_after_a_verb(text: str, intent: str, kind: str) -> None:
    got = on_monday(text)
    assert (got.intent, got.kind) == (intent, kind), text


# --- who speaks: a unit of the org above the sender's, named as the one acting, is the other party ---

def as_unit(text: str, unit: str):
    from nlu_data import demo_speaker
    return parse(text, NOW_MON, LEX, demo_speaker(unit))


@pytest.mark.parametrize(("text", "unit", "kind", "direction"), [
    ("县教育局督导组下周一到乡中心校检查", "白沙乡", "inspection", "incoming"),      # a department, to a town
    ("县卫健局爱国卫生月总结会这周四，定了社会事务办去一个人", "青山镇", "meeting", "incoming"),
    ("教育局昨天给我们发了一个学校安全的文", "白沙乡", "document", "incoming"),
    ("县委办发的文有十几件，今天都签收了", "河口镇", "document", "incoming"),
])
def test_a_unit_above_the_sender_is_the_other_party(text: str, unit: str, kind: str, direction: str) -> None:
    intent = as_unit(text, unit)
    assert (intent.kind, intent.direction, intent.unit) == (kind, direction, None), text


def test_a_unit_below_the_sender_is_still_recorded_for() -> None:
    intent = as_unit("青山镇昨天开了安全生产会", "县委办")  # the county office speaks for the county
    assert (intent.kind, intent.direction, intent.unit) == ("meeting", "outgoing", "青山镇")


def test_the_unit_recorded_for_is_never_the_other_party() -> None:
    intent = as_unit("代青山镇登记：青山镇昨天开了防火工作会", "白沙乡")
    assert (intent.direction, intent.unit) == ("outgoing", "青山镇")


def test_without_a_speaker_the_old_reading_stands() -> None:
    assert parse("县教育局昨天开了全县教育工作会", NOW_MON, LEX).unit == "县教育局"


@pytest.mark.parametrize(("text", "kind", "direction"), [
    # the self-check we would have made is what is asked, not the visit beside it (decided in round 60: the blind
    # batches label it so 9 times to 6, and the rule against 迎检自查 binds the one who demands it)
    ("市里督查组下周来，要不要先组织各村自查一遍", "inspection", "outgoing"),
    ("县里的明电昨晚到的，已登记", "document", "incoming"),
    ("下午到县里开防火会", "meeting", "incoming"),
    ("县审计局今天进场，审计乡财政", "inspection", "incoming"),
    ("县安委办带队来督导安全生产", "inspection", "incoming"),
    ("组织各村在镇分会场收看县里的视频调度会", "meeting", "incoming"),
    ("接县应急局通知，下周四在我们镇开现场推进会", "meeting", "incoming"),
    ("昨天县委组织部转发了市里的换届纪律文件", "document", "incoming"),
    ("局长昨天去市里开安委会全体会议", "meeting", "incoming"),
])
def test_other_bodies_that_come_send_or_convene(text: str, kind: str, direction: str) -> None:
    intent = on_monday(text)
    assert (intent.kind, intent.direction) == (kind, direction), text


@pytest.mark.parametrize(("text", "compare"), [
    ("生成上半年减负情况汇报，带上同比", "yoy"),
    ("把今年的情况写个汇报，跟去年比一比", "yoy"),
    ("出个本月的减负汇报", None),
])
def test_a_report_asked_with_its_comparison(text: str, compare: str | None) -> None:
    intent = on_monday(text)
    assert (intent.intent, intent.compare) == ("report", compare)


def test_a_unit_named_in_a_question_for_figures_is_the_one_asked_about() -> None:
    assert as_unit("县教育局本月发文多少件", "白沙乡").unit == "县教育局"


@pytest.mark.parametrize("text", [
    "市委督查室下周二办督查业务培训会，通知我们分管同志参加",
    "十二月十五日组织各幼儿园园长开了学前教育专项督导反馈会",
    "年终考核工作部署会定在下周二，全镇干部参加",
])
def test_a_meeting_whose_name_holds_an_inspection_word_is_a_meeting(text: str) -> None:
    assert on_monday(text).kind == "meeting", text


def test_an_inspection_framing_a_meeting_stays_an_inspection() -> None:
    assert on_monday("督查时开会").kind == "inspection"
