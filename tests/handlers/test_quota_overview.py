"""Issue 15 defect 7: "各单位额度使用情况" gives an admin every unit's quotas, most used first; a
manager sees the units in their charge; the figures are those the digests and alerts use."""

from __future__ import annotations

import datetime as dt

from bot.clock import TZ

DEMO_UNITS_WITH_QUOTAS = ("县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局")


def test_admin_sees_every_unit(runtime, say, clock):
    clock.set(dt.datetime(2026, 11, 23, 10, tzinfo=TZ))
    say("城关镇本年度会议额度设为3次", user="王五")
    for day in (2, 3, 4):
        say(f"11月{day}日召开工作例会")
    reply = say("各单位额度使用情况", user="王五")
    assert reply.intent == "quota", reply.text
    for name in DEMO_UNITS_WITH_QUOTAS:
        assert f"· {name}：" in reply.text, (name, reply.text)
    lines = reply.text.splitlines()
    assert lines[0].startswith("各单位2026年额度使用情况（8个单位设有额度，1个已用满或超出")
    assert lines[1] == "· 城关镇：年度召开会议3/3次（100%，已用满）；年度发文0/40件（0%）", lines[1]
    assert {q["unit"] for q in reply.data["quotas"]} == set(DEMO_UNITS_WITH_QUOTAS)


def test_towns_only_and_a_manager_sees_his_own(runtime, say):
    towns = say("各乡镇发文额度使用情况", user="王五")
    assert [line.split("：")[0] for line in towns.text.splitlines()[1:]] == [
        "· 城关镇", "· 青山镇", "· 白沙乡", "· 河口镇"], towns.text
    assert "召开会议" not in towns.text
    own = say("各单位额度使用情况", user="李四")
    assert own.intent == "quota" and "城关镇" in own.text and "青山镇" not in own.text, own.text
