"""Round 23 of issue 13, read from its blind batches (linye: a township 林业站站长 who counts days by the lunar calendar
and the solar terms; tiweiyi: a county 体卫艺股长 writing telegrams) after their one scoring: the solar terms name their
days (惊蛰那天, 春分前); 一二月份 is two months; 节后上班到今天 runs from the first working day; a party above a town
demanding of 各乡镇 demands of us, and its inspection named as a thing (县林业局防火检查那条) is done to us; a notice
from a party (县委办电话通知…, 市局督导室通知，6月9号来查…) announces the event, which is the item; a filing named
(刚才报备的…) whose time is set (时间定了，三月二十四号开始) is corrected; a check's daypart alone is today; the
meeting a question proposes after telling of one above (回来乡里还要不要再开个会传达) is ours; counts said as a
clause of their own (两趟), after 个 with a ！ or a colon; 几个承办学校 are a few, 汇总 handed in is no question; a
slip after a question mark (下周一？不对，下周二) is corrected; 细则 is a document.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MARCH = dt.datetime(2026, 3, 4, 10, 0)  # a Wednesday, 正月十六; 惊蛰 is on the 5th


def _parse(text: str, unit: str = "白沙乡", now: dt.datetime = MARCH):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("text, day", [
    ("惊蛰那天乡里开护林员例会，每个月一次的", "2026-03-05"),  # the batch's
    ("春分前组织一次森林防火检查", "2026-03-20"),
    ("大寒那天收文2件", "2026-01-20"),
    ("立秋后开会", "2026-08-07"),
])
def test_solar_terms_name_their_days(text: str, day: str) -> None:
    assert str(_parse(text).date) == day, text


@pytest.mark.parametrize("text, start, end", [
    ("今年一二月份乡里发文跟去年同期比怎么样", "2026-01-01", "2026-02-28"),  # the batch's
    ("三四月份开了几次会", "2026-03-01", "2026-04-30"),
    ("十一二月收文多少", "2025-11-01", "2025-12-31"),  # asked in March: the last ones
    ("节后上班到今天，我们乡一共收了几份上级来文？", "2026-02-24", "2026-03-04"),  # the batch's
])
def test_two_months_side_by_side_and_since_work_resumed(text: str, start: str, end: str) -> None:
    period = _parse(text).period
    assert (str(period.start), str(period.end)) == (start, end), text
    assert _parse("十二月收文多少").period.start.month == 12


@pytest.mark.parametrize("text", [
    "县林业局要各乡镇每周报一次松材线虫病疫木清理进度，今天补报了本周的",  # the batch's
    "县林长办要各乡镇每周五报林长巡林周报，今天报第一期",  # the batch's
])
def test_a_county_body_demanding_of_the_towns_demands_of_us(text: str) -> None:
    intent = _parse(text)
    assert (intent.kind, intent.direction) == ("report", "incoming"), text


def test_the_county_itself_is_still_no_party_of_its_own_here() -> None:
    assert _parse("县里礼拜二发的那个燃气文件，咱今儿转发给各社区了").direction == "outgoing"


@pytest.mark.parametrize("text, unit", [
    ("把县林业局防火检查那条删了，重复登了", "白沙乡"),
    ("县应急局安全检查那条作废，人家改期了", "河口镇"),
])
def test_another_partys_inspection_named_as_a_thing_is_done_to_us(text: str, unit: str) -> None:
    intent = _parse(text, unit)
    assert (intent.intent, intent.kind, intent.direction) == ("undo", "inspection", "incoming"), text


@pytest.mark.parametrize("text, kind", [
    ("市局督导室通知，6月9号来查体育课开课情况", "inspection"),  # the batch's
    ("县委办电话通知下周一下午开创卫工作调度会，局长参加", "meeting"),
    ("县委督查室电话通知，9月30日来乡督查重点项目进度", "inspection"),
])
def test_a_partys_notice_announces_the_event(text: str, kind: str) -> None:
    intent = _parse(text, "县教育局" if "局" in text[:4] else "白沙乡")
    assert (intent.kind, intent.direction) == (kind, "incoming"), text
    assert _parse("收到县委办通知1件").kind == "document"


@pytest.mark.parametrize("text, day", [
    ("刚才报备的造林质量检查，时间定了，三月二十四号开始", "2026-03-24"),  # the batch's
    ("刚才那个会时间定了，下周二", "2026-03-10"),
])
def test_a_time_set_for_an_entry_named_corrects_it(text: str, day: str) -> None:
    intent = _parse(text)
    assert (intent.intent, str(intent.changes.get("date"))) == ("correct", day), text


def test_a_checks_daypart_alone_is_today() -> None:
    assert str(_parse("县林业局检查组中午在乡食堂吃个工作餐，可以吧？").date) == "2026-03-04"
    assert str(_parse("明天下午开会行吗").date) == "2026-03-05"


def test_the_meeting_a_question_proposes_is_ours() -> None:
    intent = _parse("下周二县里开护林防火推进会，回来乡里还要不要再开个会传达？")
    assert (intent.intent, intent.kind, intent.direction) == ("check", "meeting", "outgoing")


@pytest.mark.parametrize("text, quantity", [
    ("今天一天都在外面跑，上午青山中心校查食堂，下午去河口中学看体测，两趟", 2),  # the batch's
    ("发文两个：关于举办田径运动会的通知，学校体育器材配备达标验收的通知，周二发的", 2),
])
def test_counts_as_a_clause_of_their_own(text: str, quantity: int) -> None:
    assert _parse(text, "县教育局").quantity == quantity, text


@pytest.mark.parametrize("text", [
    "后天下午整个校足联赛筹备碰头会，就几个承办学校，在一中开",  # the batch's
    "去年12月份的台账有几个没登的，先登一个：12月10号参加市局年终考核会",  # the batch's
    "下周一？不对，下周二上午，市卫健委来查学校结核病防控",  # the batch's
])
def test_a_few_and_a_slip_after_a_question_mark_tell(text: str) -> None:
    assert _parse(text, "县教育局").intent == "record", text


def test_rules_for_a_document_are_a_document() -> None:
    assert _parse("县林业局的林长制考核细则收到了").kind == "document"
