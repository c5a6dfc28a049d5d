"""Issue 13: periods said the way cadres say them — from a day to today (12月份到今天, 春节过后到现在), a
cumulative figure up to a day (截至11月底), a festival's days off (国庆放假那几天, 端午假期最后一天), a lunar
month (正月里); the 汇报 asked for in plain words (帮我整一段…汇报, 本周分析发我); a meeting named after
稳定 (安全稳定会, not 一定会); and corrections that name their entry by day (更正：昨天收文是5件).

Phrasings written for this test (not copied from the blind batches); dates computed by the calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse

LEX = demo_lexicon()
MID_DECEMBER = dt.datetime(2026, 12, 16, 10, 0)  # a Wednesday
EARLY_MARCH = dt.datetime(2027, 3, 8, 10, 0)  # lunar 2027-02-01 is 8 March


def period_of(text: str, now: dt.datetime = MID_DECEMBER) -> tuple[str, dt.date, dt.date]:
    intent = parse(text, now, LEX)
    assert intent.period is not None, (text, intent)
    return intent.intent, intent.period.start, intent.period.end


@pytest.mark.parametrize(("text", "start"), [
    ("12月份到今天发文多少", dt.date(2026, 12, 1)),
    ("国庆过后到现在开了几个会", dt.date(2026, 10, 1)),
    ("9月份截至目前收文多少件", dt.date(2026, 9, 1)),
    ("上周一一直到今天收了几个文", dt.date(2026, 12, 7)),
])
def test_from_a_day_to_today_ends_today(text: str, start: dt.date) -> None:
    assert period_of(text) == ("query", start, MID_DECEMBER.date())


@pytest.mark.parametrize(("text", "end"), [
    ("截至11月底，全年累计发文多少件", dt.date(2026, 11, 30)),
    ("截止到10月31日开会多少次", dt.date(2026, 10, 31)),
])
def test_a_cumulative_figure_runs_from_new_year_to_the_day_named(text: str, end: dt.date) -> None:
    assert period_of(text) == ("query", dt.date(2026, 1, 1), end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("国庆放假那几天收了几个文件", dt.date(2026, 10, 1), dt.date(2026, 10, 7)),  # chinesecalendar: 10-1…10-7
    ("春节假期开了几个会", dt.date(2026, 2, 15), dt.date(2026, 2, 23)),
    ("五一小长假收文多少", dt.date(2026, 5, 1), dt.date(2026, 5, 5)),
])
def test_a_festivals_days_off_are_the_official_run_of_holidays(text: str, start: dt.date, end: dt.date) -> None:
    assert period_of(text) == ("query", start, end)


def test_the_last_day_of_a_festivals_days_off_is_a_day() -> None:
    intent = parse("端午假期最后一天，局里值班被市卫健委电话抽查了", dt.datetime(2026, 6, 25, 9, 0), LEX)
    assert (intent.intent, intent.date) == ("record", dt.date(2026, 6, 21))  # 端午 2026: 6-19…6-21
    assert parse("国庆期间值班检查了3个村", MID_DECEMBER, LEX).date == dt.date(2026, 10, 1)  # a record keeps the day


@pytest.mark.parametrize(("text", "start", "end"), [
    ("正月里局里一共收了几个文", dt.date(2027, 2, 6), dt.date(2027, 3, 7)),
    ("腊月份开了多少个会", dt.date(2027, 1, 8), dt.date(2027, 2, 5)),
])
def test_a_lunar_month_is_its_days(text: str, start: dt.date, end: dt.date) -> None:
    assert period_of(text, EARLY_MARCH) == ("query", start, end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("帮俺整一段今年一到十月的汇报", dt.date(2026, 1, 1), dt.date(2026, 10, 31)),
    ("帮我写段话，说说今年1-9月收文发文开会情况", dt.date(2026, 1, 1), dt.date(2026, 9, 30)),
    ("给俺弄个汇报 去年全年的", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ("本周分析发我一份", dt.date(2026, 12, 14), dt.date(2026, 12, 20)),
    ("上个月的研判发我看看", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
])
def test_the_report_paragraph_asked_for_in_plain_words(text: str, start: dt.date, end: dt.date) -> None:
    assert period_of(text) == ("report", start, end)


def test_a_meeting_named_after_stability_is_a_meeting() -> None:
    held = parse("后天开个信访稳定会", MID_DECEMBER, LEX)
    assert (held.intent, held.kind, held.date) == ("record", "meeting", dt.date(2026, 12, 18))
    assert parse("他们明天一定会来", MID_DECEMBER, LEX).kind is None


@pytest.mark.parametrize(("text", "day", "changes"), [
    ("更正：前天发文是3件不是2件", dt.date(2026, 12, 14), {"quantity": 3}),
    ("把昨天那个会的参会人数改为30人", dt.date(2026, 12, 15), {"scale": 30}),
    ("把12号那次检查的对象改成青山镇", dt.date(2026, 12, 12), {"counterpart": "青山镇"}),
])
def test_a_correction_names_its_entry_by_day(text: str, day: dt.date, changes: dict[str, object]) -> None:
    intent = parse(text, MID_DECEMBER, LEX)
    assert (intent.intent, intent.date, intent.changes) == ("correct", day, changes)


@pytest.mark.parametrize(("text", "quantity"), [
    ("上周收了市里3个文 县纪委1个", 4),  # counted per party at the clause's end
    ("昨天收了县委办两个文件 还有县政府办一个", 3),
    ("今天上午 县纪委 县委组织部 各来了一个文", 2),  # 各 over parties side by side
    ("补登：1.县委办来文3件；2.县政府办来文1件；3.市委办来文2件", 6),  # a numbered list adds up
    ("对青山镇开展了安全生产检查，发现问题7个，已当场反馈", 1),  # what was found is no item
    ("检查了一家企业，查出隐患12条", 1),
    ("上午开了班子会，研究了四件事", 1),
    ("给县委办报了统计表，一式三份", 1),  # copies are one report
    ("给县应急局报了隐患排查表两张", 2),  # 隐患 names the form, not a finding
])
def test_counts_of_items_not_of_findings(text: str, quantity: int) -> None:
    intent = parse(text, MID_DECEMBER, LEX)
    assert (intent.intent, intent.quantity) == ("record", quantity), intent.to_json()


@pytest.mark.parametrize("text", [
    "后天下午班子里几个人碰个头，商量元旦值班",  # 几个人: a few people, no question
    "上午被县安委办暗访了 看了青山镇几个厂",
    "今天给县应急局报了森林防火统计",  # the 统计 reported is a material
    "镇里要求各村每周报一次安全巡查情况",  # a demand told, not a plan floated nor a question
    "县卫健局让报的疫苗接种台账，已经报过去了",
])
def test_statements_with_a_question_word_inside_are_records(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent == "record", text


@pytest.mark.parametrize("text", ["这周开会几个人参加的？", "本月发文统计", "今年报了几份材料"])
def test_the_same_words_asked_stay_questions(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent in ("query", "check"), text


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县政府办的文 今天到了两件", "document", "incoming"),  # what arrived came to us
    ("市里印发的实施细则昨天到了", "document", "incoming"),
    ("县委办来电话说周五开全县安全生产会 咱局得去分管领导", "meeting", "incoming"),  # we must go: theirs
    ("元旦前后市应急局会派人下来暗访，先记一笔", "inspection", "incoming"),  # 会 = will; sent down to us
])
def test_who_comes_to_whom(text: str, kind: str, direction: str) -> None:
    intent = parse(text, MID_DECEMBER, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), intent.to_json()


def test_a_notice_sent_out_stays_ours_when_something_else_comes() -> None:
    intent = parse("昨天镇里发了个紧急通知 寒潮来了让各村转移危房户", MID_DECEMBER, LEX)
    assert (intent.kind, intent.direction) == ("document", "outgoing")
    assert parse("参加县委办会议", MID_DECEMBER, LEX).kind == "meeting"  # a unit's meeting is still a meeting


@pytest.mark.parametrize(("text", "start"), [
    ("导个上个月的台账excel", dt.date(2026, 11, 1)),
    ("把十月份台账生成Excel发我", dt.date(2026, 10, 1)),
    ("能不能导个本周的表出来 pdf也行", dt.date(2026, 12, 14)),
])
def test_the_ledger_asked_for_as_a_file_is_an_export(text: str, start: dt.date) -> None:
    intent = parse(text, MID_DECEMBER, LEX)
    assert (intent.intent, intent.period.start if intent.period else None, intent.kind) == ("export", start, None)


@pytest.mark.parametrize("text", [
    "今年以来开了多少次会，能帮我查一下吗？",
    "局里发文是不是超了，给我查一下今年的数",
    "23年全年收文多少，台账里有那么早的吗",
    "本月发文情况怎么样",
])
def test_asking_the_bot_to_look_a_figure_up_is_a_query(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent == "query", text


@pytest.mark.parametrize("text", ["月底开个总结会怎么样", "简报每月出一期，有必要发吗", "督查时能不能查一下台账"])
def test_asking_whether_stays_a_check(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent == "check", text


@pytest.mark.parametrize("text", [
    "几个科室的检查合到一起一次查完可以吧",  # 几 is "a few": the judgement is confirmed
    "就跟校长和几个老师座谈，十来个人可以吧",
    "便函也照样记进发文台账，这样做是对的吧？",
    "数据系统里都能导出来，就不让村里再填表了，行不",  # data exported instead of forms: the practice
    "检查组要的表，能从台账导出来的直接导给他们，不另填，行吗",
])
def test_a_judgement_confirmed_or_a_practice_asked_is_a_check(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent == "check", text


@pytest.mark.parametrize("text", ["台账能不能导个excel出来", "帮我导出上个月台账", "把本月台账导出来给我"])
def test_the_bot_asked_for_the_file_still_exports(text: str) -> None:
    assert parse(text, MID_DECEMBER, LEX).intent == "export", text


@pytest.mark.parametrize(("text", "day"), [
    ("冬至那天去白沙乡考核了信访工作", dt.date(2025, 12, 21)),  # a solar term (lunar_python), the last one: done
    ("小年那天县委办要来慰问检查", dt.date(2027, 1, 30)),  # 腊月二十三
    ("二月二那天开春耕推进会，先记上", dt.date(2027, 3, 9)),  # 农历二月初二, never 2 February
    ("国庆后上班第一天收到市委办文件一件", dt.date(2026, 10, 8)),  # the first working day after the days off
    ("上午到县纪委参加了三月份纪检工作例会", MID_DECEMBER.date()),  # done this morning: 三月份 is the topic
])
def test_days_named_by_the_calendar(text: str, day: dt.date) -> None:
    assert parse(text, MID_DECEMBER, LEX).date == day, text


def test_the_second_of_february_stays_a_solar_date() -> None:
    assert parse("二月二日开会", MID_DECEMBER, LEX).date == dt.date(2027, 2, 2)
    assert parse("二月二十开会", MID_DECEMBER, LEX).date == dt.date(2027, 2, 20)


def test_days_off_around_a_day_come_from_the_one_work_calendar() -> None:
    from bot.calendar import work_calendar

    calendar = work_calendar()
    assert calendar.days_off_around(dt.date(2026, 10, 3)) == (dt.date(2026, 10, 1), dt.date(2026, 10, 7))
    assert calendar.days_off_around(dt.date(2026, 12, 16)) == (dt.date(2026, 12, 16), dt.date(2026, 12, 16))
    assert calendar.days_off_around(dt.date(2026, 12, 19)) == (dt.date(2026, 12, 19), dt.date(2026, 12, 20))  # a weekend
