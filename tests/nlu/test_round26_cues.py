"""Round 26 of issue 13, read from its blind batches (laoling: a county 老龄健康股长 who types Mandarin full of Wu words,
阿拉/明朝/伐/只; wenhua: a town's 文化站长 who writes numbers in characters, 廿/卅, 今朝/上半天) after their one scoring,
and from the residue of the earlier batches: Wu is read as Mandarin as Cantonese is (bot.nlu.dialect), 今朝 and
上半天/下半天 wherever they are said; the 收 of 验收 and the 文 of 文化 are no document (验收文化站); 国庆节后到今天
runs from the first working day after the break (not 春节后, whose 节 is the festival's name); 节后 alone before the
plan it times (节后镇政府要发…); the weekly push asked for by its full name (每周一分析推一下); a field of the last entry
filled in (人补一下, 补上时长, 补个人数) corrects it.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
OCT_20 = dt.datetime(2026, 10, 20, 10, 0)  # a Tuesday, two days after 重阳
APR_28 = dt.datetime(2026, 4, 28, 10, 0)  # a Tuesday before 五一 (1–5 May)


def _parse(text: str, unit: str = "县卫健局", now: dt.datetime = OCT_20):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("wu, mandarin_said", [
    ("明朝下半日叫两只院长过来碰个头，就勒阿拉股里", "明天下午叫两个院长过来碰个头，就在我们股里"),
    ("今朝下半日临时开只会，可以伐？", "今天下午临时开个会，可以吗？"),
    ("上个号头发文几化？", "上个月发文多少？"),
    ("明朝个会取消了，台账里删掉伊", "明天的会取消了，台账里删掉它"),
    ("今朝收到来文两只，一只是方案，一只是通知", "今天收到来文两个，一个是方案，一个是通知"),
])
def test_wu_is_read_as_mandarin(wu: str, mandarin_said: str) -> None:
    assert mandarin(wu) == mandarin_said


@pytest.mark.parametrize("text", ["只是开个会", "拨打电话通知各村", "勒令停工", "伊朗代表团来访"])
def test_mandarin_words_shared_with_wu_are_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, intent, kind, direction, day", [
    ("明朝上半日去青山镇敬老院看医养签约落实，阿拉股两个人", "record", "inspection", "outgoing", "2026-10-21"),  # the batch's
    ("今朝下半日临时开只会，是否要报备？", "check", "meeting", "outgoing", "2026-10-20"),  # the batch's
    ("明朝上半日开只卫生院院长会，可以伐？", "check", "meeting", "outgoing", "2026-10-21"),  # the batch's
    ("下半天两点参加县委办的减负工作培训，在县委小礼堂，我去", "record", "meeting", "incoming", "2026-10-20"),
])
def test_wu_messages_are_understood(text: str, intent: str, kind: str, direction: str, day: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.direction, str(parsed.date)) == (intent, kind, direction, day), text


def test_wu_questions_for_figures() -> None:
    period = _parse("上个号头发文几化？").period  # the batch's
    assert (str(period.start), str(period.end)) == ("2026-09-01", "2026-09-30")
    period = _parse("搿个礼拜参加上级会议几只了？").period  # the batch's
    assert (str(period.start), str(period.end)) == ("2026-10-19", "2026-10-25")


def test_an_acceptance_check_of_the_culture_station_is_no_document() -> None:
    parsed = _parse("后日（卅号）县文旅局要来验收文化站达标建设，记一条。", "青山镇", APR_28)  # the batch's
    assert (parsed.kind, parsed.direction, str(parsed.date)) == ("inspection", "incoming", "2026-04-30")
    assert _parse("今天收文3件").kind == "document"


@pytest.mark.parametrize("text, start", [
    ("国庆节后到今天，收文几个", "2026-10-08"),  # the days off were 1–7 October
    ("清明节后到今天开了几个会", "2026-04-07"),
    ("春节后到现在局里下了几个文", "2026-02-17"),  # 春节 names the festival: from its day
    ("国庆后到现在收文多少", "2026-10-01"),
])
def test_since_the_break_counts_from_the_day_back_at_work(text: str, start: str) -> None:
    period = _parse(text).period
    assert (str(period.start), str(period.end)) == (start, "2026-10-20"), text


def test_after_the_holiday_before_the_plan_it_times() -> None:
    parsed = _parse("报备一个发文：节后镇政府要发《关于加强汛期文化场馆安全管理的通知》，两千字左右，请审批。", "青山镇", APR_28)
    assert (parsed.intent, str(parsed.date)) == ("file", "2026-05-06")  # the batch's
    assert str(_parse("节后那个小结会，能不能跟安全生产例会并在一起开？", "青山镇", APR_28).date) == "2026-05-06"
    assert _parse("节后收心会开了", "青山镇", APR_28).date is None


def test_the_weekly_push_asked_for_by_its_full_name() -> None:
    parsed = _parse("本周的每周一分析推一下给我看看。", "青山镇", APR_28)  # the batch's
    assert parsed.intent == "report" and str(parsed.period.start) == "2026-04-27"


@pytest.mark.parametrize("text", [
    "刚那条督查城关镇的,人补一下:局长+我+爱卫办1人,n=3",
    "医保动员会开完了，10:00—11:10，70分钟。刚才那笔补上时长。",
    "省里那个森林防火视频会九点开，乡里视频会议室收看，补个人数，十二个人",
])
def test_a_field_filled_in_corrects_the_last_entry(text: str) -> None:
    assert _parse(text).intent == "correct", text
    assert _parse("今天开会，8个人参加").intent == "record"
