"""Round 29 of issue 13, read from its blind batches (renshi: a county 人事股长 who types Mandarin with Hakka words,
今晡日/天光日/涯兜/做得无, and dates as four digits, 0821; tuiyi: a town 退役军人服务站站长 who numbers weeks, 第30周)
after their one scoring: Hakka is read as Mandarin like the other dialects (bot.nlu.dialect); a month and day written
as four digits is a date; the year's numbered week is a week; a later clause counting another item is no more of the
first; a deadline named before its day (截至8月31日) is no day of the item; 今年…同比 asked before December runs to
today; 开没开 asks what happened.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.calendar import Period, year_so_far
from bot.nlu import parse
from bot.nlu.dialect import mandarin
from bot.nlu.normalize import normalize
from bot.nlu.questions import read

LEX = demo_lexicon()
AUG_26 = dt.datetime(2026, 8, 26, 10, 0)  # a Wednesday before the school term
JUL_29 = dt.datetime(2026, 7, 29, 10, 0)  # a Wednesday of ISO week 31


@pytest.mark.parametrize("said, mandarin_said", [
    ("昨晡日下昼局里开了秋季教师调配协调会", "昨天下午局里开了秋季教师调配协调会"),  # the batch's
    ("天光日上昼市教育局开视频会，涯兜在局分会场参加", "明天上午市教育局开视频会，我们在局分会场参加"),  # the batch's
    ("市局人事科0902来涯局检查教师招聘工作", "市局人事科0902来我局检查教师招聘工作"),  # the batch's
    ("今年发文比去年同期多了唔？", "今年发文比去年同期多了吗？"),  # the batch's
    ("佢兜礼拜五暗晡开会，涯摎局长去，做得无", "他们礼拜五晚上开会，我和局长去，可以吗"),
    ("想开3个钟，做得无？", "想开3个小时，可以吗？"),
    ("收文恁样登记对唔对？", "收文怎样登记对不对？"),  # Hakka, then Cantonese's 唔 of A-not-A
])
def test_hakka_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["走遍天涯海角", "职业生涯规划", "涯际", "一个半钟头", "3点钟开会"])
def test_mandarin_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, day", [
    ("0821收县人社局来文1件", "2026-08-21"),  # the batch's
    ("0819人事股在局里组织了职称申报政策解读会", "2026-08-19"),  # the batch's: 人事股 is no count of people
    ("事前报备：0922对4个乡镇中心校开展师德师风专项督查", "2026-09-22"),  # the batch's
    ("报备下：0915至0918对全县中小学开展检查", "2026-09-15"),  # the batch's: the range starts on its first day
    ("1015召开全县教育工作会", "2026-10-15"),
])
def test_four_digits_are_a_month_and_a_day(text: str, day: str) -> None:
    assert str(parse(text, AUG_26, LEX, speaker=demo_speaker("县教育局")).date) == day


@pytest.mark.parametrize("text, date, time", [
    ("今天1430时开会", "2026-08-26", "14:30"),  # a time group of the duty log
    ("今天上午0930开会", "2026-08-26", "09:30"),
])
def test_four_digits_after_a_day_or_before_时_stay_a_time(text: str, date: str, time: str) -> None:
    parsed = parse(text, AUG_26, LEX, speaker=demo_speaker("县教育局"))
    assert (str(parsed.date), str(parsed.time)[:5]) == (date, time)


@pytest.mark.parametrize("text, quantity", [
    ("1020人参加培训，收文1件", 1),  # a count with its measure word, not 20 October
    ("今天发文2件，1200字", 2),
])
def test_four_digit_counts_stay_counts(text: str, quantity: int) -> None:
    parsed = parse(text, AUG_26, LEX, speaker=demo_speaker("县教育局"))
    assert parsed.quantity == quantity and parsed.date != dt.date(2026, 10, 20)


@pytest.mark.parametrize("text, start, end", [
    ("第30周镇里开会几次？", "2026-07-20", "2026-07-26"),  # the batch's
    ("导出第31周台账。", "2026-07-27", "2026-08-02"),  # the batch's
    ("去年第52周开会几次", "2025-12-22", "2025-12-28"),
    ("十月的第一周开会几次", "2026-10-01", "2026-10-04"),  # a week of a month stays the month's
])
def test_numbered_weeks(text: str, start: str, end: str) -> None:
    period = parse(text, JUL_29, LEX, speaker=demo_speaker("城关镇")).period
    assert period is not None and (str(period.start), str(period.end)) == (start, end)


@pytest.mark.parametrize("text, kind, direction, quantity", [
    ("今天收文4件，另外发文1件（新教师报到须知）", "document", "incoming", 4),  # the batch's
    ("两件事：昨天收市局来文1件；今天报市局材料1份", "document", "incoming", 1),  # the batch's
    ("党委发文5件，政府发文7件", "document", "outgoing", 12),  # the same item twice still adds up
    ("收文：县委办2件，县政府办1件", "document", "incoming", 3),
    ("开了2个会，发了3个文", "meeting", "outgoing", 2),
])
def test_a_second_item_is_not_counted_into_the_first(text: str, kind: str, direction: str, quantity: int) -> None:
    parsed = parse(text, AUG_26, LEX, speaker=demo_speaker("县教育局"))
    assert (parsed.kind, parsed.direction, parsed.quantity) == (kind, direction, quantity)


def test_a_deadline_named_before_its_day_is_not_the_items_day() -> None:
    parsed = parse("今天要求各校报教师节拟表彰人选，截至8月31日", AUG_26, LEX, speaker=demo_speaker("县教育局"))
    assert (parsed.kind, parsed.direction, str(parsed.date)) == ("report", "outgoing", "2026-08-26")


@pytest.mark.parametrize("now, end", [(AUG_26, "2026-08-26"), (dt.datetime(2026, 12, 28, 9), "2026-12-31")])
def test_this_year_compared_runs_to_today_before_december(now: dt.datetime, end: str) -> None:
    parsed = parse("今年接受上级检查多少次？同比呢", now, LEX, speaker=demo_speaker("县教育局"))
    assert parsed.compare == "yoy" and parsed.period is not None
    assert (str(parsed.period.start), str(parsed.period.end)) == ("2026-01-01", end)


def test_year_so_far_leaves_other_periods_alone() -> None:
    march = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "3月")
    assert year_so_far(march, dt.date(2026, 8, 26)) is march
    last_year = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "去年")
    assert year_so_far(last_year, dt.date(2026, 8, 26)) is last_year


def test_a_unit_asked_to_report_is_the_counterpart_and_the_demand_goes_down() -> None:
    parsed = parse("上昼要河口镇中心校报教师周转房入住情况表1张", AUG_26, LEX, speaker=demo_speaker("县教育局"))  # the batch's
    assert (parsed.kind, parsed.direction, parsed.counterpart, parsed.unit) == ("report", "outgoing", "河口镇", None)


def test_a_call_announces_a_visit_ahead() -> None:
    parsed = parse("县委办督查室刚来电话，礼拜五来涯局看减负台账", AUG_26, LEX, speaker=demo_speaker("县教育局"))  # the batch's
    assert (parsed.kind, parsed.direction, str(parsed.date)) == ("inspection", "incoming", "2026-08-28")


@pytest.mark.parametrize("text, intent", [
    ("上周四镇里开没开防汛会？记不清了，查一下。", "query"),  # the batch's: whether it happened
    ("县里来没来检查", "query"),
    ("明天开不开会", "check"),  # whether it may or will: still a check
])
def test_did_or_did_not_asks_what_happened(text: str, intent: str) -> None:
    assert parse(text, JUL_29, LEX, speaker=demo_speaker("城关镇")).intent == intent


@pytest.mark.parametrize("text, intent", [
    ("导出台账要恁样讲？", "help"),  # the batch's
    ("撤销要怎么写", "help"),
    ("帮我把今年以来发文、收文、开会、迎检的数汇成一段汇报，同比带上。", "report"),  # the batch's
])
def test_how_to_say_it_and_a_digest_put_together(text: str, intent: str) -> None:
    assert parse(text, JUL_29, LEX, speaker=demo_speaker("城关镇")).intent == intent


# Written in this round ahead of any batch that used them: northern and south-western words, and a time asked.
@pytest.mark.parametrize("said, mandarin_said", [
    ("夜来县里来查安全生产", "昨天县里来查安全生产"),
    ("夜儿个收文3件", "昨天收文3件"),
    ("明儿后晌开个会，中不中？", "明儿后晌开个会，行不行？"),
    ("莫得报备能开会不？", "没有报备能开会不？"),
    ("啥子时候报", "什么时候报"),
])
def test_northern_and_south_western_words_are_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["夜来香开了", "一夜个把钟头没睡", "集中不中断", "其中不中标的"])
def test_mandarin_with_northern_looking_words_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text", ["什么时候开会", "防汛会啥时候开", "县里哪天来检查", "啥前儿开会", "报表几号报"])
def test_a_time_asked_is_never_recorded(text: str) -> None:
    assert parse(text, AUG_26, LEX, speaker=demo_speaker("河口镇")).intent not in ("record", "file")


@pytest.mark.parametrize("text", ["等县里通知定了再开会，明天先发文1件", "不管什么时候开，都要报备"])
def test_a_time_left_open_is_no_question_asked(text: str) -> None:
    assert read(normalize(text)) is None
