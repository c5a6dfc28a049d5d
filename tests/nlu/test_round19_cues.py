"""Round 19 of issue 13, read from its blind batches (chengjian: a northern town's 城建办 head on a 九宫格 keyboard;
zhihui: a county 应急指挥中心's duty log) after their one pre-fix scoring: the northern 头晌/后晌 and 前儿/后儿 are
dayparts and days, a duty log's 1430时 is a clock time; a message that names an item and changes a count (改成14人),
ends by asking for the change (…,改一下) or affirms the right value of a field said wrong (时长写错了，是1小时) corrects;
is 是X，不是Y is a contrast, no slip; 定13号 sets a day ahead; 节后第二个工作日 counts working days; a festival the
work is about, read a year away from a record, is no day of it; a body of a province or city is never the speaker's,
and inspects the county where it goes to one of its units; 视频点名 is a spot check; 通告 is a document, 来了多少文
asks for documents; 咋使, 怎么登, 能查啥 ask for help; 几个点位 seen are places, not a question; 以经 is 已经.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
JANUARY = dt.datetime(2026, 1, 28, 10, 0)  # a Wednesday, three weeks before the Spring Festival (2026-02-17)
FEBRUARY = dt.datetime(2026, 2, 11, 10, 0)  # a Wednesday, six days before it


def _parse(text: str, now: dt.datetime = JANUARY, unit: str = "城关镇"):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize(("text", "day", "daypart"), [
    ("头晌开了个安全生产会", "2026-01-28", "morning"),
    ("后晌去南关社区查了燃气入户", "2026-01-28", "afternoon"),
    ("上礼拜二后晌还有个警示教育会", "2026-01-20", "afternoon"),  # not "after last Tuesday"
    ("15号后晌参加了县里的视频会", "2026-01-15", "afternoon"),
    ("前儿县住建局来电要燃气数据，当时就报了", "2026-01-26", None),
])
def test_northern_days_and_dayparts(text: str, day: str, daypart: str | None) -> None:
    intent = _parse(text)
    assert (str(intent.date), intent.daypart) == (day, daypart), text


@pytest.mark.parametrize(("text", "hour", "minute"), [
    ("指挥中心1430时接市局视频点名", 14, 30),  # the batch's, less its ending
    ("0830时召开值班调度会", 8, 30),
])
def test_a_duty_logs_time_group_is_a_clock_time(text: str, hour: int, minute: int) -> None:
    intent = _parse(text, FEBRUARY, "县应急管理局")
    assert (intent.date, intent.time) == (FEBRUARY.date(), dt.time(hour, minute))


def test_a_time_group_is_not_any_number_before_shi() -> None:
    assert _parse("全年1430时间节点都要报", FEBRUARY, "县应急管理局").time is None


@pytest.mark.parametrize("text", [
    "评审会改成14人",  # the batch's
    "今天河口督导照常，人员改为3人",
    "头晌那燃气会实到38人，不是40，改一下",  # the batch's
    "下午的调度会开完了，实际来了35个人，改一下人数",
    "早上党组会时长写错了，是1小时，不是1个半",  # the batch's
    "明儿那个除雪会改后儿了",  # the batch's, less its reason
])
def test_a_change_to_an_item_named_is_a_correction(text: str) -> None:
    assert _parse(text).intent == "correct", text


def test_a_count_said_then_denied_is_the_new_count() -> None:
    intent = _parse("头晌那燃气会实到38人，不是40，改一下")
    assert "38" in str(intent.changes), intent.changes


@pytest.mark.parametrize("text", [
    "今天印发了三个，哦两个文件",  # a slip corrected in passing is still read as one
    "上个月底，不对是这个月一号收到通报一份",
])
def test_a_slip_is_still_a_slip(text: str) -> None:
    assert _parse(text).intent == "record"


def test_a_day_set_for_later_is_ahead() -> None:
    intent = _parse("组织青山镇、白沙乡森林防火督导1次，定13号", FEBRUARY, "县应急管理局")
    assert str(intent.date) == "2026-02-13"


@pytest.mark.parametrize(("text", "day"), [
    ("市局通知节后第二个工作日开全市视频会，我局参加", "2026-02-25"),  # 2-24 is the first
    ("节后第三个工作日上午开森林防火调度会", "2026-02-26"),
    ("节后上班头一天镇里开收心会", "2026-02-24"),
])
def test_working_days_after_the_holiday(text: str, day: str) -> None:
    assert str(_parse(text, FEBRUARY, "县应急管理局").date) == day, text


@pytest.mark.parametrize("text", [
    "春节值班表已报县委办",
    "收文2件（春节期间安全防范、烟花爆竹管控）",
    "春节前开了个部署会",
])
def test_a_festival_the_work_is_for_is_not_last_years(text: str) -> None:
    date = _parse(text, FEBRUARY, "县应急管理局").date
    assert date is None or abs((date - FEBRUARY.date()).days) <= 60, (text, date)


@pytest.mark.parametrize(("text", "counterpart"), [
    ("今天省厅检查组到白沙乡查烟花爆竹经营，我局派1人对接", "省厅检查组"),  # the batch's
    ("明天市安委会督查组来县，我局对接", "市安委会督查组"),
])
def test_a_body_above_the_county_inspects_the_county(text: str, counterpart: str) -> None:
    intent = _parse(text, FEBRUARY, "县应急管理局")
    assert (intent.kind, intent.direction, intent.counterpart) == ("inspection", "incoming", counterpart), text


def test_a_video_roll_call_is_a_spot_check_on_us() -> None:
    intent = _parse("1430时接市局视频点名，在岗", FEBRUARY, "县应急管理局")
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "incoming")


def test_being_named_to_send_someone_is_no_roll_call() -> None:
    intent = _parse("县委组织部明天开年轻干部座谈会，点名要咱镇去个人")
    assert intent.kind == "meeting"


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("上礼拜五镇政府发了个通告，冬季占道经营整治的", "document", "outgoing"),  # the batch's
    ("今年以来县住建局给咱来了多少文", "document", "incoming"),  # the batch's
])
def test_notices_and_documents_that_came(text: str, kind: str, direction: str) -> None:
    intent = _parse(text)
    assert (intent.kind, intent.direction) == (kind, direction), text


@pytest.mark.parametrize("text", [
    "这玩意儿咋使啊，记台账直接打字说就成？",  # the batch's
    "请问一下，参加上级的视频会怎么登？",
    "能查啥？比如发文收文这些能查不",  # the batch's
])
def test_asking_how_the_bot_is_used(text: str) -> None:
    assert _parse(text).intent == "help", text


def test_places_seen_are_no_question() -> None:
    assert _parse("今天后晌去查了北街、南关几个点位").intent == "record"
    assert _parse("昨天查了几个小区？").intent == "query"


def test_yi_jing_typed_for_already() -> None:
    from bot.nlu import normalize
    assert normalize("礼拜一以经要过一回") == "礼拜一已经要过一回"
    assert normalize("以经济建设为中心") == "以经济建设为中心"


@pytest.mark.parametrize(("text", "day"), [
    ("上周末8号参加了市局的讲评会", "2026-02-08"),  # the weekend's Sunday, not its Saturday
    ("上月底30号对河口镇开展了一次督查", "2026-01-30"),
])
def test_a_day_named_within_a_stretch(text: str, day: str) -> None:
    assert str(_parse(text, FEBRUARY, "县应急管理局").date) == day, text


@pytest.mark.parametrize("text", [
    "收县委办通知1件（春节期间值班安排）",
    "上报市局：春节期间烟花爆竹安全监管工作方案1份",
])
def test_a_paper_about_a_festival_ahead_is_not_dated_by_it(text: str) -> None:
    parsed = _parse(text, FEBRUARY, "县应急管理局")
    assert parsed.date is None or (parsed.date == FEBRUARY.date() and parsed.date_assumed), text  # 收…: today's


def test_a_deadline_alone_still_dates_the_item() -> None:
    assert str(_parse("收到通知，春节前开会", FEBRUARY, "县应急管理局").date) == "2026-02-17"
