"""Round 24 of issue 13, read from its blind batches (fulian: a town's 妇联主席 keeping the ledger, warm and quick on a
phone; jiceng: a county 基层卫生股长 who puts 《》 round the names of meetings and activities and writes 星期X) after
their one scoring, and from the residue of the earlier batches: 《》 quotes a meeting's or an activity's name as well as
a document's (《全县家签工作推进会》 is a meeting, 《基层行》复核 an inspection of that topic); a day of the month with its
weekday beside it is the month where it falls on that weekday; a clause saying what is to come (要来, 要报) reads its
bare day as a plan; 八月十五 in words is 中秋; 中秋放假前一天, 中秋前那个星期二; 本月一共 is the month and 最后一天 no
"后一天"; 节后 alone, of what is to come, is the first working day after the holiday; a party's notice announces the
meeting after it (昨天…通知，明天参加…会); a visit to a place to look at, learn of or leaf through its work is an
inspection; 没啥问题 asks nothing; a county body and a partner the org does not list (和消防大队联合检查) inspect us.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
SEPT_29 = dt.datetime(2026, 9, 29, 10, 0)  # a Tuesday between 中秋 (25–27 September) and 国庆 (1–7 October)
SEPT_16 = dt.datetime(2026, 9, 16, 10, 0)  # a Wednesday, 八月初六


def _parse(text: str, unit: str = "县卫健局", now: dt.datetime = SEPT_29):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("text, kind", [
    ("今天上午九点半局三楼会议室《全县家签工作推进会》开完了，一共11个人", "meeting"),  # the batch's
    ("早～今天上午《两癌筛查》调度会开完了，视频开的，40分钟", "meeting"),  # the batch's
    ("节后想把《家签》《公卫》两个调度会合起来开，可以吗", "meeting"),  # the batch's
    ("上星期四去了青山镇卫生院做《基层行》复核，跟医政股一起", "inspection"),  # the batch's
    ("省里《基层行》暗访组上星期一去了河口镇卫生院", "inspection"),
    ("今天印发了《基层行活动实施方案》", "document"),
    ("收到《关于开展优质服务基层行活动复核的通知》", "document"),
    ("中秋放假前一天收了省卫健委一个《基层医疗卫生机构绩效评价》的文，忘登了", "document"),  # the batch's
    ("今天报了《两癌筛查进度表》", "report"),
])
def test_a_name_in_book_quotes_is_read_by_its_head_noun(text: str, kind: str) -> None:
    assert _parse(text).kind == kind, text


@pytest.mark.parametrize("text, day", [
    ("19号星期一省卫健委要来暗访家签，说是不打招呼，市里提前透了个风", "2026-10-19"),  # the batch's
    ("26号星期一下午请县医院开个远程心电对接的小会", "2026-10-26"),
    ("25号（周五）开了会", "2026-09-25"),
    ("12号周三开的会", "2026-08-12"),
])
def test_a_day_of_the_month_falls_on_the_weekday_said_beside_it(text: str, day: str) -> None:
    assert str(_parse(text).date) == day, text


def test_a_clause_of_what_is_to_come_reads_its_bare_day_ahead() -> None:
    assert str(_parse("15号市里绩效考核组要来，考家签和公卫两块").date) == "2026-10-15"  # the batch's
    assert str(_parse("市卫健委通知，14号要报自评报告").date) == "2026-10-14"
    assert str(_parse("15号开会").date) == "2026-09-15"  # no tense at all: the nearer 15th
    assert str(_parse("15号开了会").date) == "2026-09-15"


@pytest.mark.parametrize("text, day", [
    ("八月十五那天值班的同志开个短会，行吧？", "2026-09-25"),  # the batch's: 中秋
    ("中秋放假前一天收了省卫健委一个文", "2026-09-24"),  # the days off are 25–27 September
    ("国庆放假前一天开会", "2026-09-30"),
    ("中秋前那个星期二市里开的座谈会我去了的", "2026-09-22"),  # the batch's
    ("中秋前的星期二开的会", "2026-09-22"),
])
def test_festival_days_said_the_way_people_say_them(text: str, day: str) -> None:
    assert str(_parse(text, now=SEPT_16 if "八月十五" in text else SEPT_29).date) == day, text
    assert str(_parse("8月15日开会", now=SEPT_16).date) == "2026-08-15"  # in figures it is the solar day


def test_this_month_counted_up_and_its_last_day() -> None:
    now = dt.datetime(2026, 9, 30, 10, 0)
    # the batch's first
    for text in ("这个月最后一天了，本月一共开会多少次，收文多少", "本月一共开会多少次", "这个月一共发文几件"):
        period = _parse(text, now=now).period
        assert (str(period.start), str(period.end)) == ("2026-09-01", "2026-09-30"), text
    assert str(_parse("本月一日开会", now=now).date) == "2026-09-01"
    period = _parse("后三天开会", now=now).period
    assert (str(period.start), str(period.end)) == ("2026-10-01", "2026-10-03")


@pytest.mark.parametrize("text, day", [
    ("节后想把《家签》《公卫》两个调度会合起来开，可以吗", "2026-10-08"),  # the batch's
    ("报备：节后对白沙乡卫生院村医补助发放做一次专项督查，问题线索是群众来信", "2026-10-08"),  # the batch's
])
def test_after_the_holiday_alone_is_its_first_working_day(text: str, day: str) -> None:
    assert str(_parse(text).date) == day, text
    assert _parse("节后收心会开了").date is None  # a name, not a time
    assert _parse("节后去乡镇查了值班").date is None  # some day after it, not one to name


def test_a_notice_announces_the_meeting_after_it() -> None:
    intent = _parse("昨天下午县政府办通知，明天参加《秋季爱国卫生运动》动员会，局里我去")  # the batch's
    assert (intent.kind, intent.direction, str(intent.date)) == ("meeting", "incoming", "2026-09-30")


@pytest.mark.parametrize("text, direction", [
    ("县退役军人事务局今天上午到柳湾村、枫树村看光荣牌悬挂情况，我没去，村里报的", "incoming"),
    ("今天上午县森林公安来乡里了解林区治安情况，半个钟头", "incoming"),
    ("前天跟分管局长去了趟白沙中心校，主要看宿舍消防通道，没啥问题", "outgoing"),
    ("后日上午赴河口镇中学看初二数学课，随行一人", "outgoing"),
])
def test_a_visit_to_look_at_work_is_an_inspection(text: str, direction: str) -> None:
    intent = _parse(text, unit="白沙乡" if "乡" in text else "县教育局", now=SEPT_16)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", direction), text
    for text in ("到时候看情况再说", "明天去医院看病"):
        assert _parse(text, now=SEPT_16).kind is None, text


@pytest.mark.parametrize("text", [
    "初八上午县妇联蒙主席来河口调研家庭教育指导服务站",  # the batch's
    "本周一县应急局和消防大队联合检查了镇上三家加油站",  # the batch's
])
def test_a_county_body_and_its_people_inspect_the_town(text: str) -> None:
    intent = _parse(text, unit="河口镇", now=SEPT_16)
    assert (intent.kind, intent.direction) == ("inspection", "incoming"), text
