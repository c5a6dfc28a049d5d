"""Classes read this session: a festival inside a received paper's name (…中秋国庆廉洁提醒, 国庆期间安全防范提示) is
its topic, not the day it came; then round 60's misses after its one scoring.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
DEC_3 = dt.datetime(2026, 12, 3, 10, 0)  # a Thursday, months from any festival named below


def _town(text: str, now: dt.datetime = DEC_3):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("白沙乡"))


@pytest.mark.parametrize("text", [
    "收县纪委文1件 中秋国庆廉洁提醒",
    "收县纪委中秋国庆廉洁提醒文1件",
    "今天收到市应急局国庆期间安全防范提示1份",
    "收到县委办春节期间值班通知1份",
])
def test_a_festival_naming_a_received_paper_is_its_topic(text: str) -> None:
    intent = _town(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "document", "incoming")
    assert intent.date == DEC_3.date()


def test_a_festival_alone_still_dates_a_meeting() -> None:
    intent = _town("端午节开了个安全生产会", dt.datetime(2026, 6, 22, 10, 0))
    assert intent.date == dt.date(2026, 6, 19)


@pytest.mark.parametrize("text", [
    "刚才县委督查室打电话，说礼拜二来督查",
    "刚刚市应急局打了个电话，礼拜二来检查",
])
def test_a_call_just_made_announces_what_is_ahead(text: str) -> None:
    intent = _town(text)
    assert (intent.kind, intent.direction) == ("inspection", "incoming")
    assert intent.date == dt.date(2026, 12, 8)  # the coming Tuesday, not the one gone


def test_a_call_we_made_to_report_keeps_the_past() -> None:
    assert _town("刚才给县委办打电话，报了周一的会").date == dt.date(2026, 11, 30)


@pytest.mark.parametrize("text, quantity", [
    ("这个月已经收文12件了，今天又来了2件", 2),
    ("本月累计发文8件，今天又发了1件", 1),
    ("今天又收到市局文件2件，本月已收12件", 2),
    ("上午已经开了两个会，下午又开了一个", 3),  # told as done, both: three meetings
    ("收文：县委办2件，市里又来了1件", 3),
])
def test_a_running_total_beside_new_items_is_not_added(text: str, quantity: int) -> None:
    assert _town(text).quantity == quantity


@pytest.mark.parametrize("text", [
    "把排查表发给各社区，周五前报回",
    "排查表下发到各村，12月10日前报回",
    "矛盾纠纷排查表发给各村了，让周三前报回来",
])
def test_a_form_sent_below_to_be_handed_back_is_a_demand_made_today(text: str) -> None:
    intent = _town(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "report", "outgoing")
    assert intent.date == DEC_3.date()  # the due day is not the demand's


def test_a_form_sent_up_is_handed_in() -> None:
    intent = _town("今天把统计表发给县委办了")
    assert (intent.kind, intent.direction) == ("report", "incoming")


@pytest.mark.parametrize("text", [
    "县残联要来检查，我们先组织各村自查一遍可以吗？",  # canlian
    "迎检前让各社区先自查一遍 要不要",  # jiedao
    "迎接县委办检查前先组织各村自查一遍，合不合规",  # jiweishuji
    "县林业局下周要来检查森林防火\n我们能不能让各村提前先自查一遍呀",  # wangyu
])
def test_a_self_check_we_would_have_those_below_make_is_what_is_asked(text: str) -> None:
    intent = _town(text)
    assert (intent.intent, intent.kind, intent.direction) == ("check", "inspection", "outgoing")


def test_a_visit_asked_about_stays_theirs() -> None:
    intent = _town("县里来检查的时候能让各村派人陪同吗")
    assert (intent.kind, intent.direction) == ("inspection", "incoming")


# ---------------------------------------------------------------- round 60's classes (senfang, zongzhi)

OCT_26 = dt.datetime(2026, 10, 26, 10, 0)  # a Monday
FEB_3 = dt.datetime(2026, 2, 3, 10, 0)  # a Tuesday, a fortnight before the Spring Festival


def _chengguan(text: str, now: dt.datetime = OCT_26):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("城关镇"))


def _bureau(text: str, now: dt.datetime = FEB_3):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县应急管理局"))


@pytest.mark.parametrize("text, kind", [
    ("下周政法委来督导，镇门口挂个横幅欢迎一下", "inspection"),  # zongzhi (as a statement)
    ("宣传部下周三来调研", "inspection"),
    ("上周四平安办发的反诈宣传通知也补登", "document"),  # zongzhi
    ("今天给平安办报了满意度测评宣传发动情况", "report"),  # zongzhi
    ("统战部昨天发来一个通知", "document"),
    ("县平安办定了，11月12号来验收我们综治中心", "inspection"),  # zongzhi
    ("昨天下午县信访局又来了一件交办单，漏登了", "document"),  # zongzhi
])
def test_the_party_committees_offices_named_alone_are_the_countys(text: str, kind: str) -> None:
    intent = _chengguan(text)
    assert (intent.kind, intent.direction) == (kind, "incoming")


@pytest.mark.parametrize("text, kind", [
    ("会上政法委说下周来各乡镇督导专项行动，日子没定", "inspection"),  # zongzhi
    ("会议上县里说月底来检查台账", "inspection"),
    ("会上还发了县里的平安建设考评细则，纸质的一份", "document"),  # zongzhi
])
def test_at_the_meeting_is_a_place_not_another_meeting(text: str, kind: str) -> None:
    assert _chengguan(text).kind == kind


def test_a_mediation_committee_is_no_meeting() -> None:
    assert _chengguan("下周二上午去石塘村查一下调委会台账").kind == "inspection"  # zongzhi


@pytest.mark.parametrize("text", [
    "县委政法委来电话，要各乡镇明天下班前报专项行动排查底数",  # zongzhi
    "政法委会开完了，会上要各乡镇11月10号前报一份矛盾纠纷化解典型案例",  # zongzhi
    "县委办要求我们周五前报总结",
])
def test_all_the_towns_asked_said_in_a_town_is_a_demand_of_us_made_today(text: str) -> None:
    intent = _chengguan(text)
    assert (intent.kind, intent.direction, intent.date) == ("report", "incoming", OCT_26.date())


def test_all_the_villages_asked_said_in_a_town_stays_ours() -> None:
    assert _chengguan("要求各村周五前报排查表").direction == "outgoing"


def test_all_the_departments_asked_said_in_a_bureau_is_a_demand_of_us() -> None:
    assert _bureau("县委办通知，要求县直各单位周五前报总结").direction == "incoming"


def test_what_was_going_on_when_the_item_was_done_is_no_item() -> None:
    intent = _chengguan("上周五检查的时候当场给平安办报了一份网格员花名册，也补上")  # zongzhi
    assert (intent.kind, intent.direction, intent.date) == ("report", "incoming", dt.date(2026, 10, 23))


@pytest.mark.parametrize("text", [
    "明天周四，想下午把六个社区综治专干叫来对一下排查表，行不行",  # zongzhi
    "下午把各村书记喊来碰一下冬季防火",
])
def test_people_called_in_to_go_over_something_is_a_meeting(text: str) -> None:
    assert _chengguan(text).kind == "meeting"


@pytest.mark.parametrize("text", [
    "平安办上周五发的网格员考核办法征求意见稿，补登",  # zongzhi
    "县委办发了考核办法",
])
def test_rules_and_drafts_are_documents(text: str) -> None:
    assert _chengguan(text).kind == "document"


@pytest.mark.parametrize("text", [
    "通知四个乡镇周三前把春节防火值班表报上来",  # senfang
    "让各乡镇下周一前报春节期间护林员排班表",  # senfang
    "要求乡镇明天报春节祭祀用火重点区域",  # senfang
])
def test_a_festival_a_demanded_paper_is_about_is_no_day(text: str) -> None:
    intent = _bureau(text)
    assert (intent.kind, intent.direction, intent.date) == ("report", "outgoing", FEB_3.date())


def test_a_festival_alone_is_still_a_deadline() -> None:
    assert _bureau("春节前开会").date == dt.date(2026, 2, 17)


@pytest.mark.parametrize("text", [
    "防火宣传进村发传单这种要登吗",  # senfang
    "问一下，我让社区报的排查表，是记报表还是记发文？",  # zongzhi
    "开个碰头会要不要登",
])
def test_whether_and_as_what_the_ledger_takes_an_item_is_help(text: str) -> None:
    assert _chengguan(text).intent == "help"


def test_how_many_to_count_stays_out_of_help() -> None:
    assert _chengguan("这个会要不要报备").intent == "check"


@pytest.mark.parametrize("text, direction", [
    ("暗访反馈意见收到了，市局发的函", "incoming"),  # senfang
    ("给各乡镇发了火险预警提示，用的便函", "outgoing"),  # senfang
])
def test_a_last_clause_that_only_names_the_item_keeps_it_done_today(text: str, direction: str) -> None:
    intent = _bureau(text)
    assert (intent.kind, intent.direction, intent.date) == ("document", direction, FEB_3.date())


def test_a_paper_that_came_named_by_its_sender_before_it_is_received() -> None:
    intent = _bureau("中午又来一个市局的火险预警通知")  # senfang
    assert (intent.kind, intent.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", ["暗访问题整改情况报市局了", "整改情况报县委办了"])  # senfang, and ours
def test_a_paper_handed_to_a_body_named_then_done_is_told(text: str) -> None:
    intent = _bureau(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming", FEB_3.date())


def test_asked_whether_handed_still_asks() -> None:
    assert _bureau("整改情况报市局了吗").intent == "query"


def test_a_demand_still_to_make_has_no_day() -> None:
    assert _bureau("要让各村报排查表").date is None


@pytest.mark.parametrize("text", ["给县政府报了防火经费请示", "给县政府报了个请示"])  # senfang, and ours
def test_a_request_for_instructions_is_our_document(text: str) -> None:
    intent = _bureau(text)
    assert (intent.kind, intent.direction) == ("document", "outgoing")


def test_a_consultation_held_is_a_meeting() -> None:
    intent = _bureau("下午两点局三楼开火险会商，气象局、林业局来人")  # senfang
    assert (intent.intent, intent.kind) == ("record", "meeting")


def test_a_move_told_then_asked_to_be_changed_carries_its_new_time() -> None:
    intent = _chengguan("下午政法委那个会推到三点了，改一下")  # zongzhi
    assert intent.intent == "correct"
    assert intent.changes == {"time": dt.time(15, 0)}
    assert intent.direction == "incoming"


def test_a_paper_a_body_asked_for_then_sent_is_handed_in() -> None:
    intent = _chengguan("县妇联要婚恋家庭纠纷排查情况，今天报了")  # zongzhi
    assert (intent.kind, intent.direction) == ("report", "incoming")


def test_a_briefing_readied_for_a_visit_is_part_of_it() -> None:
    intent = _chengguan("下周二下午县人大来视察平安建设，书记让我准备汇报")  # zongzhi
    assert (intent.kind, intent.direction, intent.date) == ("inspection", "incoming", dt.date(2026, 11, 3))


def test_the_papers_of_those_below_asked_for_is_a_demand() -> None:
    intent = _chengguan("各村的重点人员稳控情况表也要了，一样周五前交")  # zongzhi
    assert (intent.kind, intent.direction, intent.date) == ("report", "outgoing", OCT_26.date())


def test_a_briefing_told_as_sent_is_no_request_for_one() -> None:
    assert _chengguan("县司法局调研完了，还要一份人民调解工作情况汇报，下午报了").intent == "record"  # zongzhi


def test_a_paper_sent_in_named_at_length_is_told_as_done_today() -> None:
    intent = _chengguan("平安办发来综治中心规范化建设验收评分表，要先自评")  # zongzhi
    assert (intent.kind, intent.direction, intent.date) == ("document", "incoming", OCT_26.date())


def test_a_paper_that_will_be_sent_has_no_day() -> None:
    assert _chengguan("县里会发来评分表").date is None


def test_a_body_that_came_to_us_in_the_next_clause_inspected_us() -> None:
    intent = _chengguan("上周六县委政法委搞平安建设暗访，来过我们火车站社区，补登")  # zongzhi
    assert (intent.kind, intent.direction, intent.date) == ("inspection", "incoming", dt.date(2026, 10, 24))


@pytest.mark.parametrize("text", [
    "平安办昨天来了个平安建设考评工作方案征求意见稿，也登一下",  # zongzhi
    "县农业农村局又来了个秸秆禁烧实施细则",
])
def test_a_long_named_paper_that_came_is_received(text: str) -> None:
    intent = _chengguan(text)
    assert (intent.kind, intent.direction) == ("document", "incoming")

