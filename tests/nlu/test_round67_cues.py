"""Classes read from round 67's misses after its one scoring (jiguan: the party committee of the county party
office's organs; zhaoshang: a township's investment promotion office).

工委 (the county organs' working committee, 两新工委) named alone is a county body above: it sends us papers, holds
meetings we attend and comes to assess; its papers named after it (组织部那个通知, 工委两个文那条) came to us;
a branch committee meeting (开支部委员会, 委员会议) is a meeting; a paper come with its demand (来了个函，要我们报…;
收到…通知，要统计…; 县委办的通知也到了，要报…) is the paper received, not figures asked for; the period of what a
paper counts (本季度党员发展情况统计表, 2027年…征订数) is its topic; a day naming the event a paper is for (下周一
签约仪式的项目简介…今天报给…) is not the day it went; a day beside a festival (清明节前3号) is the day; a meeting
as the time of another (开推进会的时候…参加了…座谈会, 推进会上要的…表) is no item; a copy handed to us (领了一份)
came; 报给了 hands a paper in, and so does 补报+a bureau; our demand told with its due day, or of one unit for one
paper (让沙坪村补报…), is made today; one put to all with no day (要求乡镇都装…APP) asks it; …补上这些 after an
entry named mends it; whether the ledger takes a kind of item (这种…的小会也要登记吗) is help; a proposal after a
clause told done (…已经报备批下来了，照常开吧) is still a proposal; the count said again (…报给工委了，就1张表) names
the paper told; logging put off (…回来再登) tells nothing.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
OCT_14 = dt.datetime(2026, 10, 14, 10, 0)  # a Wednesday
APR_10 = dt.datetime(2026, 4, 10, 10, 0)  # a Friday


def _office(text: str, now: dt.datetime = OCT_14):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县委办"))


def _town(text: str, now: dt.datetime = APR_10):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("白沙乡"))


@pytest.mark.parametrize(("text", "kind"), [
    ("工委今天下发了两个通知，一个党费基数核定，一个党员教育培训计划，都收到了", "document"),  # jiguan
    ("收到工委转发的市委组织部关于加强机关党员日常管理的通知", "document"),  # jiguan
    ("9月24号工委来考核过一次模范机关创建，补登", "inspection"),  # jiguan
    ("前天下午各支部书记去工委参加了集中轮训，机关党委带的队", "meeting"),  # jiguan
    ("两新工委昨天转来一个文，关于非公企业党建指导员培训的", "document"),
    ("机关工委下周二来检查党费收缴", "inspection"),
])
def test_the_working_committee_is_a_body_above(text: str, kind: str) -> None:
    got = _office(text)
    assert (got.intent, got.kind, got.direction) == ("record", kind, "incoming"), got.to_json()


@pytest.mark.parametrize("text", [
    "把上午登的组织部那个通知删掉，登重复了",  # jiguan
    "下午登的工委两个文那条删掉，是早上那个通知的附件，重复了",  # jiguan
    "昨天登的宣传部那个通知删一下，记重了",
])
def test_a_bodys_papers_named_after_it_came_to_us(text: str) -> None:
    got = _office(text)
    assert (got.intent, got.kind, got.direction) == ("undo", "document", "incoming"), got.to_json()


def test_a_meeting_of_the_working_committee_moved_is_one_we_attend() -> None:
    got = _office("工委的述职评议会改到今天下午了，昨天登的那条改一下")  # jiguan
    assert (got.intent, got.kind, got.direction) == ("correct", "meeting", "incoming")


@pytest.mark.parametrize(("text", "day"), [
    ("昨天下午第一支部开了支部委员会，讨论党员积分管理", dt.date(2026, 10, 13)),  # jiguan
    ("下周一下午第三支部开支部委员会，研究发展对象", dt.date(2026, 10, 19)),  # jiguan
    ("今天上午第二支部开了支部委员会会议", OCT_14.date()),
])
def test_a_branch_committee_meets(text: str, day: dt.date) -> None:
    got = _office(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "meeting", "outgoing", day)


def test_the_committee_meeting_named_in_an_undo() -> None:
    got = _office("下周一委员会议那条先删了，书记说再定")  # jiguan
    assert (got.intent, got.kind) == ("undo", "meeting")


def test_the_committees_members_are_no_meeting() -> None:
    assert _office("支部委员会成员名单报上来").kind == "report"


@pytest.mark.parametrize(("text", "day"), [
    ("昨天晚上收到工委的紧急通知，要统计党员志愿服务参与情况", dt.date(2026, 10, 13)),  # jiguan
    ("市委办机关党委来了个函，要我们报机关党建品牌创建情况", OCT_14.date()),  # jiguan
    ("县委组织部来了个通知，要我们统计党员教育培训情况", OCT_14.date()),
])
def test_a_paper_come_with_its_demand_is_received(text: str, day: dt.date) -> None:
    got = _office(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "document", "incoming", day), got.to_json()


def test_a_demand_in_a_paper_arrived() -> None:
    got = _town("县委办的通知也到了，要报一季度基层减负统计数据", dt.datetime(2026, 4, 8, 10))  # zhaoshang
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "document", "incoming", dt.date(2026, 4, 8))


@pytest.mark.parametrize("text", ["我要统计一下本月发文", "要统计本月发文情况"])
def test_statistics_wanted_by_the_speaker_still_ask(text: str) -> None:
    assert _office(text).intent == "query"


@pytest.mark.parametrize("text", [
    "向工委报送了本季度党员发展情况统计表和党费收缴情况表",  # jiguan
    "向县委组织部报送了本季度党费收缴情况表",
    "一季度外出招商活动情况补报投促局了",  # zhaoshang
    "模范机关创建推进情况报工委了",  # jiguan
])
def test_a_paper_handed_in_named_by_its_period(text: str) -> None:
    got = _office(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "report", "incoming", OCT_14.date()), \
        got.to_json()


@pytest.mark.parametrize("text", [
    "让各支部把2027年党员学习用书征订数报上来，下周五截止",  # jiguan
    "让各村下周三前报一下今年想盘活的闲置集体资产",  # zhaoshang
    "要求各村月底前报送今年的计划",
    "让沙坪村补报茶叶项目涉及的13户流转合同复印件",  # zhaoshang: one unit asked for one paper, told flatly
    "要求柳湾村把危改户验收照片补报上来",
])
def test_our_demand_with_its_due_day_or_of_one_unit_is_made_as_it_is_told(text: str) -> None:
    got = _town(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "report", "outgoing", APR_10.date()), \
        got.to_json()


@pytest.mark.parametrize("text", [
    "要求乡镇都装我们的地灾巡查APP，按安装率通报",  # dizhen's check question: a standing demand on all
    "要求社区干部都下载我们的APP 考核安装率",  # jiedao's
    "让各村每天在群里报进度",
])
def test_a_standing_demand_on_all_with_no_day_asks_its_day(text: str) -> None:
    got = _town(text)
    assert got.date is None and (got.intent != "record" or "date" in got.missing), got.to_json()


def test_a_day_naming_the_event_a_paper_is_for() -> None:
    got = _town("下周一签约仪式的项目简介和合同文本今天报给县投促局了")  # zhaoshang
    assert (got.kind, got.direction, got.date) == ("report", "incoming", APR_10.date())


def test_a_day_beside_a_festival_is_the_day() -> None:
    got = _town("清明节前3号收到县发改局关于做好2026年重大项目谋划储备工作的通知，当时忘登了")  # zhaoshang
    assert (got.kind, got.direction, got.date) == ("document", "incoming", dt.date(2026, 4, 3))
    assert _town("国庆节前的9月28号开了会", dt.datetime(2026, 10, 14, 10)).date == dt.date(2026, 9, 28)


def test_a_meeting_as_the_time_of_another_is_no_second_meeting() -> None:
    got = _town("昨天在县里开推进会的时候顺便参加了县商务局的外贸企业座谈会")  # zhaoshang
    assert (got.kind, got.direction, got.quantity) == ("meeting", "incoming", 1)
    assert _town("上午党委会，下午镇长办公会").quantity == 2


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("推进会上要的外出招商活动表，会后当场交了", "report", "incoming"),  # zhaoshang
    ("昨天下午推进会上县里发了一季度招商引资考核情况通报，我们领了一份", "document", "incoming"),  # zhaoshang
])
def test_at_a_meeting_the_paper_is_the_item(text: str, kind: str, direction: str) -> None:
    got = _town(text)
    assert (got.intent, got.kind, got.direction) == ("record", kind, direction), got.to_json()


@pytest.mark.parametrize("text", [
    "昨天下午把茶叶项目用地清表情况报给了县自然资源局",  # zhaoshang
    "上午把项目推进表交给了县投促局",
])
def test_handed_to_a_body_with_le(text: str) -> None:
    got = _town(text)
    assert (got.intent, got.kind, got.direction) == ("record", "report", "incoming"), got.to_json()


def test_what_was_told_added_to_an_entry_mends_it() -> None:
    got = _town("投促局督导组到了，三个人，王副局长带队，前天登的那条补上这些")  # zhaoshang
    assert got.intent == "correct"


@pytest.mark.parametrize("text", [
    "问一下，支部委员会这种几个人的小会也要登记吗",  # jiguan
    "村里这种两三个人碰个头的也要登记吗",
])
def test_whether_the_ledger_takes_an_item_is_help(text: str) -> None:
    assert _office(text).intent == "help"


@pytest.mark.parametrize("text", [
    "下周一的用地协调会已经报备批下来了，照常开吧",  # zhaoshang
    "材料昨天报了，再开个会吧",
])
def test_a_proposal_after_a_clause_told_done_records_nothing(text: str) -> None:
    got = _town(text)
    assert got.intent != "record" and got.ambiguous == ["record", "check"], got.to_json()


@pytest.mark.parametrize("text", ["昨天开了三个会吧", "昨天开了会，记三个吧"])
def test_a_hedged_or_counted_report_stays_a_record(text: str) -> None:
    assert _town(text).intent == "record"


def test_the_count_said_again_after_a_paper_told_handed_in() -> None:
    got = _office("换届到期支部名单报给工委了，就1张表")  # jiguan
    assert (got.kind, got.direction, got.date, got.quantity) == ("report", "incoming", OCT_14.date(), 1)


def test_logging_put_off_tells_nothing() -> None:
    assert _town("今天就这些，明天推进会回来再登").intent == "unknown"  # zhaoshang
    assert _town("开了两个会，回头再登").intent == "record"
