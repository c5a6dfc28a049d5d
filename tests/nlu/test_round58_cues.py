"""Classes read from round 58's misses after its one scoring (wuyu: a deputy township head in Wu speech; jianfuban:
the county office's 减负办 head, an approver writing full, courteous sentences).

The entry named outright in the ledger's words (请登记收文, 请记一份上报材料, 请记为一次要求下级报送材料); a unit's
people named with 的 (三个县直部门的分管同志参加) are not ours attending, and 安排三人参加 is; a rejection put as
请删去后重新报备, its reason the clause judged before it; 请予备案 after a filed item is done is its archiving; help
with the approver's words (回复“#编号 同意”就可以吗, 怎样查看…待审批的报备); 11月四个乡镇 is the month and 与去年同期
相比 its comparison; 请撤销 before a change told withdraws; …日子改一改，改到… moves; Wu still read as Mandarin (今年子,
几化只, 搿只号头, 删脱, 补一记); 收文四个 counts the four.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
DEC_1 = dt.datetime(2026, 12, 1, 10, 0)  # a Tuesday
APR_21 = dt.datetime(2026, 4, 21, 10, 0)  # a Tuesday


def _county(text: str):  # type: ignore[no-untyped-def]
    return parse(text, DEC_1, LEX, demo_speaker("县委办"))


def _township(text: str):  # type: ignore[no-untyped-def]
    return parse(text, APR_21, LEX, demo_speaker("白沙乡"))


@pytest.mark.parametrize("text, kind, direction", [
    ("今天上午县委办向四个乡镇和三个县直部门下发通知，要求12月4日前报送本年度基层减负工作总结，请记为一次要求下级报送材料。",
     "report", "outgoing"),  # jianfuban
    ("今天上午已向市委办公室报送《县委办2026年11月份基层减负工作情况》一份，请记一份上报材料。", "report", "incoming"),
    ("今天下午收到市委督查室《关于报送年终重点工作推进情况的通知》一件，要求12月5日前报送，请登记收文。",
     "document", "incoming"),  # jianfuban
])
def test_the_entry_named_in_the_ledgers_words_is_that_entry(text: str, kind: str, direction: str) -> None:
    parsed = _county(text)
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.date) == ("record", kind, direction, DEC_1.date()), text


@pytest.mark.parametrize("text, direction", [
    ("各位同事早上好。请帮我补登一下：上周五上午，县委办召开全县基层减负工作季度调度会，四个乡镇和三个县直部门的分管同志"
     "参加，共28人，会期一个半小时。", "outgoing"),  # jianfuban
    ("上周二县委办召开了督查检查考核计划调整专题会，督查室和四个乡镇分管同志参加，也请补登。", "outgoing"),  # jianfuban
    ("市委办公室刚刚通知，明天上午九点半召开全市年终工作部署视频会，县委办安排三人参加，请登记。", "incoming"),  # jianfuban
    ("明天县里开会，我镇分管领导参加", "incoming"),
])
def test_whose_people_attend(text: str, direction: str) -> None:
    parsed = _county(text)
    assert (parsed.kind, parsed.direction) == ("meeting", direction), text


def test_a_rejection_asking_to_file_again_with_the_reason_judged_before() -> None:
    parsed = _county("#2035 县卫健局报备的全县卫生院院长培训会，要求各乡镇分管领导陪同参加，这一条不符合不搞层层陪会的要求，"
                     "请删去后重新报备。")  # jianfuban
    assert (parsed.intent, parsed.entry_id, parsed.reason) == ("reject", 2035, "不符合不搞层层陪会的要求")


def test_a_filed_item_done_put_on_record_is_archived() -> None:
    parsed = _county("昨天报备的《关于规范村级组织工作事务的通知》今天上午已正式印发，请予备案。")  # jianfuban
    assert parsed.intent == "archive"


def test_a_formal_closing_without_a_filing_still_says_nothing() -> None:
    assert _county("今天下午召开安全生产专题会，请予备案。").intent == "record"


@pytest.mark.parametrize("text", [
    "请问审批乡镇报备时，回复“#编号 同意”就可以吗？还是需要把单位名称也写上？",  # jianfuban
    "请问怎样查看某个乡镇所有待审批的报备？",  # jianfuban
])
def test_the_approvers_how_to_is_help(text: str) -> None:
    assert _county(text).intent == "help", text


def test_a_month_before_a_count_of_towns_is_the_month_asked() -> None:
    parsed = _county("请问11月四个乡镇各召开了多少次会议？与去年同期相比变化如何？")  # jianfuban
    assert (parsed.intent, parsed.period.start if parsed.period else None, parsed.compare) == (
        "query", dt.date(2026, 11, 1), "yoy")


def test_a_withdrawal_asked_before_the_change_that_explains_it() -> None:
    parsed = _county("刚才登记的那条明天下发调查问卷的记录请撤销，问卷改为从台账系统直接提取数据，不再要求乡镇填报了。")
    assert parsed.intent == "undo"  # jianfuban


def test_a_change_announced_then_made() -> None:
    parsed = _township("河长制工作会日子改一改，改到下礼拜一，27号")  # wuyu
    assert (parsed.intent, parsed.changes.get("date")) == ("correct", dt.date(2026, 4, 27))


@pytest.mark.parametrize("text, intent, kind", [
    ("今年子到现在阿拉收了几化只上级来文？", "query", "document"),  # wuyu
    ("上礼拜阿拉开了几化只会？", "query", "meeting"),  # wuyu
    ("今朝收文四只：县委办两只，县政府办一只，县人社局一只", "record", "document"),  # wuyu
    ("4月15号个考核培训会，我记重复了，撤脱一条", "undo", "meeting"),  # wuyu
    ("周例会开好了，刚刚搿条时长补一记，一个钟头", "correct", "meeting"),  # wuyu
    ("搿只号头同上个号头比，阿拉发文多了还是少了？", "query", "document"),  # wuyu
])
def test_wu_speech(text: str, intent: str, kind: str) -> None:
    parsed = _township(text)
    assert (parsed.intent, parsed.kind) == (intent, kind), text


def test_wu_counts_and_periods() -> None:
    assert _township("今朝收文四只：县委办两只，县政府办一只，县人社局一只").quantity == 4
    so_far = _township("今年子到现在阿拉收了几化只上级来文？").period
    assert so_far is not None and (so_far.start, so_far.end) == (dt.date(2026, 1, 1), APR_21.date())
    this_month = _township("搿只号头同上个号头比，阿拉发文多了还是少了？")
    assert (this_month.compare, this_month.period.start if this_month.period else None) == ("mom", dt.date(2026, 4, 1))
