"""Every figure a board page shows equals the chat answer for the same period and unit, on a generated
ledger: counts and 同比 (本月 and 今年, both directions, every unit and the county as a whole), quota use,
waiting filings, 提醒主要负责人 N 人次 and the 双台账 differences."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from board_support import generate_ledger, read_page
from bot.app import create_app
from stats_scenario import switch_rules
from storage.models import Unit

UNITS = ["示范县", "县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局"]
SPANS = {"month": "本月", "year": "今年"}


@pytest.fixture
def board(runtime, say, tmp_path):
    switch_rules(runtime, tmp_path, 培训会=False)  # some entries fall outside the statistics ledger
    generate_ledger(runtime.db)
    return create_app(runtime).test_client()


def path_for(say, user: str, text: str = "打开看板") -> str:
    reply = say(text, user=user)
    assert reply.intent == "board", reply.text
    return urlsplit(reply.data["url"]).path


def test_overview_counts_and_yoy_equal_the_chat_answers(board, say):
    path = path_for(say, "王五")
    pages = {d: read_page(board.get(f"{path}?dir={d}").get_data(as_text=True)) for d in ("outgoing", "incoming")}
    compared = 0
    for unit in UNITS:
        for span, words in SPANS.items():
            chat = say(f"{unit}{words}数量多少，同比", user="王五")
            assert chat.intent == "query", chat.text
            for key, figure in chat.data["figures"].items():
                page = pages[key.split(".")[1]]
                assert page.cells[(unit, span, key)] == (figure["count"], figure["previous"]), (unit, span, key)
                compared += 1
    assert compared == len(UNITS) * 2 * 8
    assert any(v for v, _ in pages["outgoing"].cells.values())  # the ledger is not empty
    assert any(p is not None and p > 0 for _, p in pages["outgoing"].cells.values())  # nor last year


def unit_ids(runtime) -> dict[str, int]:
    with runtime.db.session() as s:
        return {u.name: u.id for u in s.scalars(select(Unit))}


def test_unit_page_equals_the_chat_answers(board, say, runtime):
    ids = unit_ids(runtime)
    for user, unit in (("张三", "城关镇"), ("王五", "青山镇"), ("王五", "示范县")):
        path = path_for(say, user)
        page = read_page(board.get(f"{path}unit/{ids[unit]}").get_data(as_text=True))
        for span, words in SPANS.items():
            chat = say(f"{unit}{words}数量多少，同比", user=user)
            for key, figure in chat.data["figures"].items():
                if key.endswith("outgoing"):
                    assert page.cells[(unit, span, key)] == (figure["count"], figure["previous"]), (unit, key)


def test_quota_use_equals_the_chat_overview(board, say):
    page = read_page(board.get(path_for(say, "王五")).get_data(as_text=True))
    chat = say("各单位额度使用情况", user="王五").data["quotas"]
    assert chat
    shown = {(q["unit"], f"{q['kind']}.{q['direction']}.{q['period']}"): (q["used"], q["limit"]) for q in chat}
    assert page.quotas == shown


def test_waiting_filings_and_reminders_equal_the_chat_answers(board, say):
    page = read_page(board.get(path_for(say, "张三")).get_data(as_text=True))
    assert page.pending["城关镇"] == say("待审批", user="张三").data["count"]
    county = read_page(board.get(path_for(say, "王五")).get_data(as_text=True))
    reminders = say("生成汇报 今年", user="王五").data["reminders"]
    assert county.reminders == reminders["people"] > 0
    assert sum(county.reminded.values()) == reminders["people"]


def test_dual_ledger_page_equals_the_chat_comparison(board, say):
    path = path_for(say, "王五")
    for period, words in (("month", "本月"), ("year", "今年")):
        html = board.get(f"{path}ledgers?period={period}").get_data(as_text=True)
        page = read_page(html)
        chat = say(f"双台账比对 {words}", user="王五").data
        differences = next(a for a in page.attrs if "data-differences" in a)
        assert int(differences["data-differences"]) == len(chat["differences"])
        assert int(next(a for a in page.attrs if "data-daily" in a)["data-daily"]) == chat["daily"]
        assert int(next(a for a in page.attrs if "data-statistics" in a)["data-statistics"]) == chat["statistics"]
        shown = [int(a["data-entry"]) for a in page.attrs if "data-entry" in a]
        assert shown == [d["entry_id"] for d in chat["differences"]]
    assert chat["differences"]  # 培训会 are outside the statistics ledger this year


def test_the_filing_queue_lists_what_waits_in_chat(board, say):
    """An approver's 待审批 in chat (钱七, county-wide) and a member's (张三) are on their filing pages."""
    for user in ("钱七", "张三"):
        page = read_page(board.get(path_for(say, user) + "filing").get_data(as_text=True))
        chat = say("待审批", user=user)
        waiting = [int(a["data-entry"]) for a in page.attrs if "data-entry" in a and "data-days" in a
                   and a.get("data-stage") == "approval"]
        assert set(chat.entry_ids) <= set(waiting) and len(waiting) >= chat.data["count"] > 0, user
        assert all(int(a["data-days"]) >= 0 for a in page.attrs if "data-days" in a)
