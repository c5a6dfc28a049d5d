"""Round 14 of issue 13, before its blind batches were scored: a bureau shortened to its sector (县应急, 市应急,
县卫健) and 纪委 alone are other parties; a unit heading the message with a colon (县应急局：4.8来查) is its
subject; a meeting told first and then attended (市里的防汛视频会 今天下午 参加了) is someone else's; 三会一课
is party life's system, not a meeting nor a misheard 会议; 两办 and an outside body that 发了/印发了 a document
send it to us (an office of ours, 督导室, may issue); a body that 来了几回 is counted as inspections; 全年 alone
is this year; 12月的研判 is December's; 登了几条了 and 帮我看看…登记了几条 ask how many entries;
节后第一天 / 节前最后一个工作日 without a festival named are the nearest holiday's; a meeting asked about for some day before a
deadline (元旦前开个会行不) is not asked about for the deadline's day; a party above that 通知s what follows (县府办电话通知
周一报…) demands it of us; places inspected and counted (查了辖区加油站3家) make an inspection; a message opening
with the act and its addressee (报县府办 一季度值班情况) tells it.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.homophones import correct

LEX = demo_lexicon()
FRIDAY = dt.datetime(2027, 4, 2, 8, 50)


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县应急：4.8来查燃气", "inspection", "incoming"),
    ("4.6 市应急来暗访 查了2家加油站", "inspection", "incoming"),
    ("县卫健局：下周二来考核", "inspection", "incoming"),
    ("3.31 报县应急 一季度隐患排查表", "report", "incoming"),
    ("市卫健昨天来查了", "inspection", "incoming"),
    ("纪委上午来查了三会一课记录", "inspection", "incoming"),
    ("昨天给纪委报了作风建设自查报告", "report", "incoming"),
    # the town's own 纪委 and a sector's work stay ours
    ("乡纪委对七个村的三资管理搞了个专项检查，上周五", "inspection", "outgoing"),
    ("县应急预案修订稿今天印发了", "document", "outgoing"),
])
def test_shortened_bureaus_are_other_parties(text: str, kind: str, direction: str) -> None:
    intent = parse(text, FRIDAY, LEX, speaker=demo_speaker("城关镇"))
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


def test_shortened_bureau_of_the_org_is_named_in_full() -> None:
    intent = parse("县应急：4.8来查燃气", FRIDAY, LEX, speaker=demo_speaker("城关镇"))
    assert intent.counterpart == "县应急管理局"


@pytest.mark.parametrize(("text", "direction"), [
    ("市里的防汛视频会 今天下午 参加了", "incoming"),
    ("12.28 县里党建述职评议会 参加", "incoming"),
    ("县里的安全生产调度会，我们也参加了", "incoming"),
    # those below attend ours
    ("防汛会 8号 镇里开 村支书参加", "outgoing"),
    ("明天开会，各村参加", "outgoing"),
])
def test_meeting_told_then_attended(text: str, direction: str) -> None:
    intent = parse(text, FRIDAY, LEX)
    assert (intent.kind, intent.direction) == ("meeting", direction), text


@pytest.mark.parametrize(("text", "kind"), [
    ("今天去柳湾村检查三会一课记录", "inspection"),
    ("昨天让各村支部报了三会一课台账", "report"),
    ("开了个三会一课推进会", "meeting"),
])
def test_three_meetings_one_lesson_is_no_meeting_itself(text: str, kind: str) -> None:
    assert parse(text, FRIDAY, LEX).kind == kind, text


def test_three_meetings_one_lesson_is_not_misheard() -> None:
    assert correct("检查三会一课记录") == "检查三会一课记录"
    assert correct("明天开慧") == "明天开会"  # the key words' own sounds elsewhere are still corrected


END_OF_YEAR = dt.datetime(2026, 12, 31, 16, 40)
TOWN = demo_speaker("河口镇")


@pytest.mark.parametrize(("text", "direction"), [
    ("两办今天发了3个文 都收到了", "incoming"),
    ("组织部今天发了个通知", "incoming"),
    ("市委办印发了一个通知", "incoming"),
    ("今天收到两办文件2件", "incoming"),
    # our own office issues; 社区 is no 区 government
    ("督导室昨天印发了期末督导的通知，发到各学校", "outgoing"),
    ("社区党委今天印发了冬季安全巡查的通知", "outgoing"),
])
def test_an_outside_body_that_issues_sends_to_us(text: str, direction: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert (intent.kind, intent.direction) == ("document", direction), text


@pytest.mark.parametrize("text", [
    "今年以来县组来了几回",
    "五一到现在县委组织部来了几次",
    "这个月市里来了几次",
    "县委组织部来了多少次",
])
def test_visits_counted_are_inspections(text: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert (intent.intent, intent.kind, intent.direction) == ("query", "inspection", "incoming"), text


def test_visits_told_with_their_count_are_recorded_as_inspections() -> None:
    intent = parse("县纪委今年来过两次", END_OF_YEAR, LEX, speaker=TOWN)
    assert (intent.kind, intent.direction, intent.quantity) == ("inspection", "incoming", 2)
    assert parse("今天来了三次电话", END_OF_YEAR, LEX, speaker=TOWN).kind is None


@pytest.mark.parametrize(("text", "start", "end"), [
    ("全年发文数 同比", "2026-01-01", "2026-12-31"),
    ("全年度督查检查多少次", "2026-01-01", "2026-12-31"),
    ("去年全年开会多少次", "2025-01-01", "2025-12-31"),  # the year named keeps its 全年
    ("2025年全年收文多少", "2025-01-01", "2025-12-31"),
    ("截至11月底，全年累计发文多少", "2026-01-01", "2026-11-30"),
])
def test_the_whole_year(text: str, start: str, end: str) -> None:
    period = parse(text, END_OF_YEAR, LEX).to_json()["period"]
    assert (period["start"], period["end"]) == (start, end), text


@pytest.mark.parametrize(("text", "start", "end"), [
    ("12月的研判 出一下", "2026-12-01", "2026-12-31"),
    ("11月份的研判发我", "2026-11-01", "2026-11-30"),
    ("上个月研判", "2026-11-01", "2026-11-30"),
])
def test_the_month_of_a_monthly_analysis(text: str, start: str, end: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX)
    assert intent.intent == "report"
    period = intent.to_json()["period"]
    assert (period["start"], period["end"]) == (start, end), text


@pytest.mark.parametrize("text", [
    "今天登了几条了",
    "帮我看看今天登记了几条",
    "帮我查查本月登记了多少条",
    "这周开了几个会了",
])
def test_how_many_entries_is_asked(text: str) -> None:
    assert parse(text, END_OF_YEAR, LEX, speaker=TOWN).intent == "query", text


@pytest.mark.parametrize("text", [
    "帮我登记一下，今天开了党委会",
    "麻烦记一下，昨天收到组织部文件2件",
    "驻村干部也来了几个，今天开了村民代表会",
])
def test_a_request_to_record_stays_a_record(text: str) -> None:
    assert parse(text, END_OF_YEAR, LEX, speaker=TOWN).intent == "record", text


@pytest.mark.parametrize(("text", "now", "date"), [
    ("节后第一天咱乡就开了收心会", dt.datetime(2026, 10, 9, 10), "2026-10-08"),  # 国庆: 10-1…10-8 off
    ("节前最后一个工作日收到市教育局文件3份", dt.datetime(2026, 10, 9, 10), "2026-09-30"),
    ("节前最后一个工作日收文3件", END_OF_YEAR, "2026-12-31"),  # 元旦 is tomorrow: today is that day
    ("节后第一天开会", END_OF_YEAR, "2027-01-04"),
    ("收假后第一天开个收心会", END_OF_YEAR, "2027-01-04"),
    ("国庆节后第一天开了会", END_OF_YEAR, "2026-10-08"),  # the festival named decides
])
def test_the_holiday_not_named_is_the_nearest(text: str, now: dt.datetime, date: str) -> None:
    assert parse(text, now, LEX, speaker=TOWN).to_json()["date"] == date, text


@pytest.mark.parametrize(("text", "date"), [
    ("元旦前开个党建述职评议会 跟年终总结会一起开 行不", None),
    ("月底前开个会行吗", None),
    ("周五开个会 行不", "2027-01-01"),  # a day proposed stays
    ("让各村元旦前报材料 行不", "2027-01-01"),  # a demand's deadline is what the rules on deadlines read
])
def test_a_deadline_is_no_day_proposed_for_a_meeting(text: str, date: str | None) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert intent.intent == "check"
    assert intent.to_json()["date"] == date, text


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("上周五 县府办电话通知 周一报防汛物资清单 已报", "report", "incoming"),
    ("县府办通知报送值班表 今天报了", "report", "incoming"),
    ("通知各村 4.5前报隐患排查表", "report", "outgoing"),  # our notice to those below
    ("4.1 组织查了辖区加油站3家", "inspection", "outgoing"),
    ("今天 联合派出所 查烟花爆竹 2家", "inspection", "outgoing"),
    ("今天上午镇安监站查了一家烟花爆竹门店", "inspection", "outgoing"),
    ("报县府办 一季度值班情况", "report", "incoming"),
    ("上报县应急 隐患排查情况", "report", "incoming"),
])
def test_terse_reports_of_what_was_done(text: str, kind: str, direction: str) -> None:
    intent = parse(text, FRIDAY, LEX, speaker=demo_speaker("城关镇"))
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


def test_a_situation_asked_about_is_still_a_query() -> None:
    assert parse("查了一下 一季度发文多少", FRIDAY, LEX).intent == "query"


@pytest.mark.parametrize("text", ["12月的表格拉一下", "12月的excel发我", "导出12月份台账"])
def test_a_period_as_a_table_is_an_export(text: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert intent.intent == "export", text
    assert intent.to_json()["period"]["start"] == "2026-12-01"


@pytest.mark.parametrize(("text", "start", "end"), [
    ("3.1-3.31 收文多少", "2027-03-01", "2027-03-31"),
    ("12.1-12.15发文几件", "2026-12-01", "2026-12-15"),
])
def test_dotted_days_joined_by_a_dash_are_a_range(text: str, start: str, end: str) -> None:
    period = parse(text, FRIDAY, LEX).to_json()["period"]
    assert (period["start"], period["end"]) == (start, end), text


def test_days_off_joined_by_a_dash_are_background() -> None:
    assert parse("4.3-4.5放假 4.6开会", FRIDAY, LEX).to_json()["date"] == "2027-04-06"
    assert parse("2026-12-01开会", FRIDAY, LEX).to_json()["date"] == "2026-12-01"  # an ISO day stays one day


@pytest.mark.parametrize(("text", "intent"), [
    ("党建考核能不能搞个排名通报", "check"),
    ("考核结果能排名吗", "check"),
    ("年终考核要不要排个名", "check"),
    ("本月各村发文排名", "query"),  # a ranking of figures asked for
    ("考核排名能不能查一下", "query"),
])
def test_a_ranking_done_to_those_below_is_asked_about(text: str, intent: str) -> None:
    assert parse(text, END_OF_YEAR, LEX, speaker=TOWN).intent == intent, text


@pytest.mark.parametrize("text", [
    "昨天县委组织部来调研，开了个座谈会",
    "组织部刚来电话 说下周一来检查党建 让准备汇报材料",
    "周二上午十点县应急局来镇里座谈，了解防灾减灾情况",
    "县纪委明天来座谈",
])
def test_what_a_visit_holds_or_wants_is_part_of_it(text: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert (intent.kind, intent.direction) == ("inspection", "incoming"), text


@pytest.mark.parametrize("text", [
    "请各村书记来镇里座谈",  # those below come to our talk
    "下周县里来检查，今天先开个部署会",  # a meeting of our own before the visit
])
def test_our_own_meetings_stay_meetings(text: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert (intent.kind, intent.direction) == ("meeting", "outgoing"), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("昨天开了支委会，今天开了党员大会", 2),
    ("上午开了村民代表大会，下午开了党员大会", 2),
    ("今天开了党员大会", 1),
])
def test_assemblies_named_by_who_sits_in_them(text: str, quantity: int) -> None:
    assert parse(text, END_OF_YEAR, LEX, speaker=TOWN).quantity == quantity, text


@pytest.mark.parametrize(("text", "start", "end", "compare"), [
    ("上个季度和这个季度比 发文", "2026-10-01", "2026-12-31", "mom"),
    ("上个月和这个月比 开会", "2026-12-01", "2026-12-31", "mom"),
    ("去年和今年比 收文", "2026-01-01", "2026-12-31", "yoy"),
    ("11月比10月发文多少", "2026-11-01", "2026-11-30", "mom"),
])
def test_two_periods_compared_ask_about_the_later(text: str, start: str, end: str, compare: str) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    period = intent.to_json()["period"]
    assert (intent.intent, period["start"], period["end"], intent.compare) == ("query", start, end, compare), text


@pytest.mark.parametrize(("text", "intent"), [
    ("本年度累计发文", "query"),
    ("近一周收文", "query"),
    ("本月一共收文", "query"),
    ("今年累计发文35件", "record"),  # a total told
    ("最近一周收了3个文", "record"),
    ("周二去青山镇暗访了村卫生室 一共走了3个点", "record"),
])
def test_a_total_or_recent_window_named_alone_is_asked_for(text: str, intent: str) -> None:
    assert parse(text, END_OF_YEAR, LEX, speaker=TOWN).intent == intent, text


@pytest.mark.parametrize(("text", "start", "end"), [
    ("11、12两个月开了多少会", "2026-11-01", "2026-12-31"),
    ("11月和12月开了多少会", "2026-11-01", "2026-12-31"),
    ("11月、12月收文多少", "2026-11-01", "2026-12-31"),
    ("3月和5月收文多少", "2026-03-01", "2026-03-31"),  # two months apart are no run: the first as written
])
def test_two_months_in_a_row(text: str, start: str, end: str) -> None:
    period = parse(text, END_OF_YEAR, LEX, speaker=TOWN).to_json()["period"]
    assert (period["start"], period["end"]) == (start, end), text


@pytest.mark.parametrize(("text", "field", "value"), [
    ("刚登的收文 数量写错了 是3个", "quantity", 3),
    ("刚那个日期错了 是30号", "date", "2026-12-30"),
    ("上一条不是今天 是昨天", "date", "2026-12-30"),
])
def test_corrections_typed_with_spaces(text: str, field: str, value: object) -> None:
    intent = parse(text, END_OF_YEAR, LEX, speaker=TOWN)
    assert intent.intent == "correct" and intent.to_json()[field] == value, text
