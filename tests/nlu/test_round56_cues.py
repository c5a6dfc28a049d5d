"""Classes read from round 56's misses after its one scoring (chuanyu: a bureau section chief in Sichuanese speech;
xinshou: a town office's new clerk in her first week with the bot, hedging, polite, asking how to use it).

A day not remembered (哪天报的记不到了, 我不太确定是不是上周二到的) is told, not asked; how to mend a slip (记错了咋个改)
or where a filing goes (是在你这头报还是…) is help; 推到 moves an item; a withdrawal beside a change told (…改成今晚了，
昨天那条先删了) withdraws; 县委督查室 is above a bureau; 跟6月份比咋样 and 分开说一下 ask for figures; 四个镇 are whom a
letter went to, not four letters; …通报出一个嘛 urges the bot; 县财政局要的…表 is a table demanded (要 is not to come);
a clock time with no day is today's; 我说错了 and 周一记的那个 point at an entry; 接着 is no 接 of a visit; 参会的都是…
names the attendees; 关于…的 after a paper names it; 我是城关镇的小周 binds 小周.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
AUG_4 = dt.datetime(2026, 8, 4, 10, 0)  # a Tuesday
NOV_16 = dt.datetime(2026, 11, 16, 15, 0)  # a Monday


def _bureau(text: str):  # type: ignore[no-untyped-def]
    return parse(text, AUG_4, LEX, demo_speaker("县应急管理局"))


def _town(text: str):  # type: ignore[no-untyped-def]
    return parse(text, NOV_16, LEX, demo_speaker("城关镇"))


@pytest.mark.parametrize("text, day", [
    ("上周二市里的文好像也有一个，是市应急管理局的冬季安全生产通知，县里转过来的，我不太确定是不是上周二到的，"
     "登记本上写的11月10号", dt.date(2026, 11, 10)),  # xinshou
    ("上周给县委办报了防汛工作周报，哪天报的记不到了", None),  # chuanyu: the week said, the day asked
])
def test_a_day_not_remembered_is_told_not_asked(text: str, day: dt.date | None) -> None:
    parsed = _town(text)
    assert (parsed.intent, parsed.date) == ("record", day), text


@pytest.mark.parametrize("text", ["我记不清这个月发了几个文了", "上周的会是哪天开的？"])
def test_what_is_not_remembered_of_the_figures_is_still_asked(text: str) -> None:
    assert _town(text).intent == "query", text


@pytest.mark.parametrize("text", [
    "要是记错了咋个改喃",  # chuanyu
    "请问如果我记错了要怎么改啊？是直接跟你说改成什么就行，还是要先删掉再重新发？",  # xinshou
    "报备是在你这头报还是另外走程序喃",  # chuanyu
    "你好，我是城关镇党政办新来的小周，上周刚从村里调上来。主任说以后镇里开会、发文、迎检这些都在这儿记一下，"
    "请问我直接打字发给你就可以了吗？",  # xinshou
])
def test_how_to_mend_or_send_is_help(text: str) -> None:
    assert _town(text).intent == "help", text


def test_a_self_introduction_alone_binds_the_person_named() -> None:
    parsed = _town("我是城关镇的小周")
    assert (parsed.intent, parsed.args.get("unit"), parsed.args.get("name")) == ("bind", "城关镇", "小周")


def test_pushed_to_a_time_moves_the_item() -> None:
    parsed = _bureau("下午的会商会推到四点开哈，其他不变")  # chuanyu
    assert (parsed.intent, parsed.changes) == ("correct", {"time": dt.time(16, 0)})


@pytest.mark.parametrize("text", [
    "昨天晚上八点市防指那个会商会改成今晚了，昨天那条先删了",  # chuanyu
    "刚才那条农房审批工作会删掉，会改到下周了",
])
def test_a_withdrawal_beside_a_change_told_withdraws(text: str) -> None:
    assert _bureau(text).intent == "undo", text


@pytest.mark.parametrize("text, counterpart", [
    ("县委督查室通知下周四来我们局督查防汛责任落实", "县委督查室"),  # chuanyu
    ("县委组织部来我局考核", "县委组织部"),
])
def test_the_county_leadership_is_above_a_bureau(text: str, counterpart: str) -> None:
    parsed = _bureau(text)
    assert (parsed.kind, parsed.direction, parsed.counterpart) == ("inspection", "incoming", counterpart), text


@pytest.mark.parametrize("text, compare", [
    ("7月份我们开了几个会，跟6月份比咋样", "mom"),  # chuanyu
    ("今年到现在我们镇发了多少个文？能不能把党委发文和政府发文分开说一下", None),  # xinshou
])
def test_a_comparison_or_a_breakdown_asked_of_the_bot_is_a_query(text: str, compare: str | None) -> None:
    parsed = _bureau(text)
    assert (parsed.intent, parsed.compare) == ("query", compare), text


def test_merging_meetings_is_still_asked_as_a_check() -> None:
    assert _town("能不能把几个会合在一起开").intent == "check"


@pytest.mark.parametrize("text, quantity", [
    ("还给四个镇发了个便函，提醒高温天气户外作业安全", 1),  # chuanyu
    ("给3个乡发了通知", 1),
])
def test_the_places_a_paper_went_to_are_not_its_count(text: str, quantity: int) -> None:
    assert _bureau(text).quantity == quantity, text


@pytest.mark.parametrize("text, intent", [("二季度的季通报出一个嘛", "report"), ("上个月的台账导一份嘛", "export")])
def test_a_paper_urged_with_ma_is_asked_of_the_bot(text: str, intent: str) -> None:
    assert _bureau(text).intent == intent, text


@pytest.mark.parametrize("text, assumed", [
    ("县财政局要的三季度惠农补贴发放统计表已经报上去了，表是财政所填的，党政办盖章报的", True),  # xinshou
    ("14点40给县委办报了本周值班安排表", False),  # xinshou: the clock says today
    ("县政府办来了个文，关于做好2027年元旦春节期间有关工作的", True),  # xinshou: the festivals name the paper
])
def test_a_paper_handed_up_or_received_today(text: str, assumed: bool) -> None:
    parsed = _town(text)
    assert (parsed.intent, parsed.date, parsed.period, parsed.date_assumed) == (
        "record", NOV_16.date(), None, assumed), text


def test_a_report_of_last_night_handed_up_this_morning_is_this_mornings() -> None:
    parsed = _bureau("上午给市局报了昨天晚上强降雨的灾情初报")  # chuanyu
    assert (parsed.kind, parsed.date) == ("report", AUG_4.date())


@pytest.mark.parametrize("text, changes", [
    ("周一记的那个给县财政局报的惠农补贴统计表，其实是报给县农业农村局的，我问了财政所才知道",
     {"counterpart": "县农业农村局"}),  # xinshou
    ("上午的纪委检查我说错了一个村，不是东关村，是西关村，城南社区是对的", None),  # xinshou
])
def test_an_entry_pointed_at_by_its_day_or_by_my_slip_is_corrected(text: str, changes: dict[str, str] | None) -> None:
    parsed = _town(text)
    assert parsed.intent == "correct", text
    if changes is not None:
        assert parsed.changes == changes, text


@pytest.mark.parametrize("text, direction", [
    ("今天下午镇安办接着去督导秸秆禁烧了，这次是南关村和八里铺村", "outgoing"),  # xinshou
    ("接了县里的检查", "incoming"),
])
def test_jiezhe_is_no_receiving(text: str, direction: str) -> None:
    parsed = _town(text)
    assert (parsed.kind, parsed.direction) == ("inspection", direction), text


@pytest.mark.parametrize("text, direction", [
    ("人居环境推进会和防火会能不能合在下周三一起开？参会的差不多都是那几个村", "outgoing"),  # xinshou
    ("明天县里开会，我们参会", "incoming"),
])
def test_who_attends_named_after_the_meeting_is_not_our_attending(text: str, direction: str) -> None:
    parsed = _town(text)
    assert (parsed.kind, parsed.direction) == ("meeting", direction), text
