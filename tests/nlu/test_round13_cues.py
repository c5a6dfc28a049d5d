"""Round 13 of issue 13, before its blind batches were scored: materials demanded *of us* (要求我乡报送, or by a
party that called first: 县政府办来电，要求报送…) are reported upward, as is what we 报上去; 分别 repeats an act
for each thing enumerated around it; a later clause that says the act happened again at another time (上午…，
下午又…) counts a second one; 两样, 两文 and 通知x2 are counts.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

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


# The day of the item, among several days named.
@pytest.mark.parametrize(("text", "day"), [
    # a later day that says when the item itself happened (就/再/才, 已于, 说)
    ("县委办前天部署，今天就来检查了", dt.date(2026, 12, 16)),
    ("市应急局昨天打电话，已于今天报送", dt.date(2026, 12, 16)),
    ("12月1日印发的文件今天才收到", dt.date(2026, 12, 16)),
    ("今天上午县纪委来电话，说周五来督查", dt.date(2026, 12, 18)),
    ("周一县政府来文两件，周二又来一件", dt.date(2026, 12, 14)),  # 又 is more of the same: the first day stays
    ("昨天收到通知，要求今天报上去", dt.date(2026, 12, 15)),  # the day demanded is not the day it came
    # days off are the background
    ("十二号十三号放假，十四号收了县委办两个文", dt.date(2026, 12, 14)),
    # dialect day words
    ("昨个开了个调度会", dt.date(2026, 12, 15)),
    ("昨儿个县里来检查了", dt.date(2026, 12, 15)),
])
def test_the_items_day_among_several(text: str, day: dt.date) -> None:
    assert parse(text, WEDNESDAY, LEX).date == day, text


@pytest.mark.parametrize(("text", "day"), [
    # a clause that plans is ahead though another clause is past
    ("县卫健局周五要来查食品安全 通知刚到", dt.date(2026, 12, 18)),
    ("已安排在周五开调度会", dt.date(2026, 12, 18)),
    ("接到通知，1月8日参加市里的培训会", dt.date(2027, 1, 8)),
    ("中秋那天值班，收到市应急局紧急通知一份", dt.date(2026, 9, 25)),  # the notice is the item: past
    ("周五开了会", dt.date(2026, 12, 11)),
    # logged late: past
    ("腊八开的那个总结会一直没登，今天补上", dt.date(2026, 1, 26)),
])
def test_tense_is_the_clauses(text: str, day: dt.date) -> None:
    assert parse(text, WEDNESDAY, LEX).date == day, text


@pytest.mark.parametrize("text", [
    "今天上午已把十一月份的安全统计台账报给县委办",  # 统计台账 is a ledger, not 统计 asked for
    "上周一和上周三各开了一个会",  # two days of last week, no comparison with it
    "今天上午开了党建推进会，村支书都到了，驻村干部也来了几个",  # a few came
])
def test_statements_that_look_like_questions_for_figures(text: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert intent.intent == "record", text
    assert intent.compare is None, text


def test_a_comparison_with_last_week_is_still_one() -> None:
    assert parse("本周发文和上周比怎么样", WEDNESDAY, LEX).compare == "mom"
    assert parse("这个月统计一下发文数", WEDNESDAY, LEX).intent == "query"


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("收到县委办同志2份 都是防火的", "document", "incoming"),  # a count come in, nothing else named
    ("刚把镇里的森林防火应急预案正式发下去了", "document", "outgoing"),  # 发下去 is no request to send to me
    ("后天以镇政府名义发一封致村民的信", "document", "outgoing"),
    ("各村的安全承诺书收齐了，一共十二份", "report", "outgoing"),  # handed in to us
    ("河口镇今天给我们报了一份物资清单", "report", "outgoing"),
    ("县里打电话要，今天报了冬季物资统计", "report", "incoming"),
    ("上午上面来了两个人看我们的值班台账", "inspection", "incoming"),
])
def test_items_named_by_what_was_done_with_them(text: str, kind: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


def test_a_request_to_send_me_something_is_still_chat() -> None:
    assert parse("材料发我一下", WEDNESDAY, LEX).intent == "unknown"
    assert parse("把表格发下", WEDNESDAY, LEX).intent == "unknown"


@pytest.mark.parametrize(("text", "kind", "direction"), [
    # a phrase is headed by its last noun: what qualifies it names no item
    ("下周二参加县委办召开的全县督查考核工作推进会", "meeting", "incoming"),
    ("上周五参加了市委办的检查工作座谈", "meeting", "incoming"),
    ("县纪委昨天来我镇开展了文件报送情况专项检查", "inspection", "incoming"),
    ("县委办关于年终考核的文件昨天到了", "document", "incoming"),
    # a verb with its object is no qualifier
    ("县委组织部今天来我镇检查党建工作材料", "inspection", "incoming"),
    ("周三去河口镇检查文件办理情况", "inspection", "outgoing"),
    ("周三开党委会 研究年终考核", "meeting", "outgoing"),
])
def test_the_last_noun_heads_the_phrase(text: str, kind: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.kind, intent.direction) == (kind, direction), text


def test_statistics_asked_for_is_no_material() -> None:
    assert parse("21年到23年督查总数有没有统计", WEDNESDAY, LEX).kind == "inspection"


COUNTY_OFFICE = demo_speaker("县委办")


@pytest.mark.parametrize(("text", "kind", "direction"), [
    # a 双台账 or 汇报 told as handled is recorded, not a request for the comparison
    ("代河口镇登记：河口镇昨天把双台账交到县委办了", "report", "incoming"),
    ("昨天县委办印发了《关于开展双台账比对工作的通知》", "document", "outgoing"),
    ("今天已通知各乡镇，周五前把上半年双台账交到减负办", "report", "outgoing"),
])
def test_told_as_done_is_recorded(text: str, kind: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX, COUNTY_OFFICE)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


def test_recorded_for_another_unit_reads_from_its_side() -> None:
    intent = parse("代青山镇登记：县委办今天来青山镇检查", WEDNESDAY, LEX, COUNTY_OFFICE)
    assert (intent.unit, intent.kind, intent.direction) == ("青山镇", "inspection", "incoming")


@pytest.mark.parametrize(("text", "intent"), [
    ("双台账比对一下", "compare"),
    ("帮我把本月的双台账比一比", "compare"),
    ("导出本月台账", "export"),
])
def test_requests_stay_requests(text: str, intent: str) -> None:
    assert parse(text, WEDNESDAY, LEX, COUNTY_OFFICE).intent == intent, text


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县纪委下周一起在镇里蹲点调研 先记上", "inspection", "incoming"),  # in our place
    ("今天上午镇上来查台账", "inspection", "incoming"),  # said below the town
    ("周四去镇里开防火培训会", "meeting", "incoming"),
    ("昨天县应急局搁咱这开了个现场会", "meeting", "incoming"),
    ("各村报上来的不算，镇里今天给县委办报了年度总结", "report", "incoming"),  # a clause that does not count
])
def test_whose_act_from_where_it_happens(text: str, kind: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


@pytest.mark.parametrize(("text", "quantity"), [
    ("昨天去县里开会 开了俩 一个防汛一个消防", 2),  # 俩 after the act
    ("县卫健局今天来文了，俩，都是防疫的", 2),  # 俩 as a clause of its own
    ("给县委办报了三份材料 一个总结俩表", 3),  # a total, then its parts unnamed by any party
    ("收文：县委办2件 县政府办1件 县纪委1件", 4),  # parts named by their parties add up
    ("中心组上周集中学习了一次，也算一个会吧", 1),  # the count to record, said again
    ("这周陆续收文五六件，按6件记", 6),
    ("报送了《冬季安全生产情况》（附表三张），记一下", 1),  # an aside on the item
    ("今天收到县委办文件（共3件）", 3),  # a total in brackets is the count
])
def test_counts_said_again_or_aside(text: str, quantity: int) -> None:
    assert parse(text, WEDNESDAY, LEX).quantity == quantity, text


@pytest.mark.parametrize("text", [
    "县委督查组下周要来，我们要不要准备一本汇报材料",
    "检查组要求我们每个村填一张表，合规吗",
    "市里考核组明天来，让各站所把资料装订成册行不行",
])
def test_asked_while_an_inspection_visits_the_item_is_the_inspection(text: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("check", "inspection", "incoming"), text


def test_asked_without_a_visit_the_materials_stay_materials() -> None:
    intent = parse("让各村每天在群里发巡查照片，这合规吗", WEDNESDAY, LEX)
    assert (intent.intent, intent.kind) == ("check", "report")


@pytest.mark.parametrize(("text", "quantity"), [
    ("昨天让12个村每村报一份防火台账，算12份吧", 12),
    ("中心组上周集中学习了一次，也算一个会吧", 1),
])
def test_how_to_count_it_is_told_not_asked(text: str, quantity: int) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.intent, intent.quantity) == ("record", quantity), text


def test_whether_it_counts_as_a_violation_is_still_asked() -> None:
    assert parse("这种算违规吧", WEDNESDAY, LEX).intent == "check"


# A slip corrected inside the message (voice input): read as if it had never been typed.
@pytest.mark.parametrize(("text", "field", "value"), [
    ("周一，不对周二，周二上午去县里开防汛会", "date", dt.date(2026, 12, 22)),
    ("今天镇里印发了四个，哦三个文件", "quantity", 3),
    ("今天县纪委，不对是市纪委的来我们镇检查了", "date", dt.date(2026, 12, 16)),
    ("周一给县委办报的 不对 是给县政府办报的 防汛物资表", "counterpart", "县政府办"),
])
def test_a_slip_corrected_in_the_message(text: str, field: str, value: object) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert intent.intent == "record", text
    assert getattr(intent, field) == value, (text, getattr(intent, field))


@pytest.mark.parametrize(("text", "intent"), [
    ("不对，是3件", "correct"),  # a correction of the last entry
    ("刚记的那条不对，是昨天", "correct"),
    ("下周一开会，不是无会日吧", "check"),  # a question, no slip
])
def test_corrections_and_questions_are_no_slips(text: str, intent: str) -> None:
    assert parse(text, WEDNESDAY, LEX).intent == intent, text


@pytest.mark.parametrize(("text", "start"), [
    ("12月份召开会议几次", dt.date(2025, 12, 1)),  # asked on 6 January 2026: last December
    ("12月下旬开了几次会", dt.date(2025, 12, 21)),
    ("2月份开了几次会", dt.date(2026, 2, 1)),
])
def test_a_yearless_month_far_ahead_is_last_years(text: str, start: dt.date) -> None:
    period = parse(text, dt.datetime(2026, 1, 6, 9, 0), LEX).period
    assert period is not None and period.start == start, (text, period)


def test_a_yearless_day_far_ahead_is_last_years() -> None:
    assert parse("12月29号下发文件2件", dt.datetime(2026, 1, 6, 9, 0), LEX).date == dt.date(2025, 12, 29)


def test_nian_sanshi_is_new_years_eve() -> None:
    assert parse("年三十那天安排领导带队检查烟花爆竹", dt.datetime(2026, 1, 6, 9, 0), LEX).date == dt.date(2026, 2, 16)
    assert parse("大年三十开会行吗", dt.datetime(2026, 1, 6, 9, 0), LEX).date == dt.date(2026, 2, 16)


def test_a_meeting_someone_convenes_is_no_past_tense() -> None:
    # 召开的 describes the meeting; 周五 is the coming one
    assert parse("周五参加县委办召开的年终考核部署会", WEDNESDAY, LEX).date == dt.date(2026, 12, 18)


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("中秋那天接待了县委办的检查，补录一下", "inspection", "incoming"),  # hosting an inspection
    ("昨天接了市应急局一个明电", "document", "incoming"),
])
def test_hosting_and_taking_in(text: str, kind: str, direction: str) -> None:
    intent = parse(text, WEDNESDAY, LEX)
    assert (intent.kind, intent.direction) == (kind, direction), text
