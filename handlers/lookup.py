"""“会议八不开有哪些”, “无会日是哪几天”, “三个凡是是什么”, “十禁止第3条”: the rules as this county configured them.

Everything quoted comes from the rule book in force (config/ with the county's JIANFU_CONFIG overlay), so a
county that wrote its own 十不发 sees its own items, numbers and sources.
"""

from __future__ import annotations

from bot.context import Context
from bot.labels import WEEKDAYS
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules.reader import RuleConfigError
from bot.rules.schema import NegativeList, NoMeetingRules, RuleBook, RuleText, ThreeWhenever

LIST_KEYS = ("documents", "meetings", "inspections")
UNAVAILABLE = "规则配置有误，暂时无法查询，请联系系统管理员。"


def handle(ctx: Context, intent: Intent) -> Reply:
    try:
        book = ctx.services.rules.current()
    except RuleConfigError:
        return Reply(text=UNAVAILABLE, intent="lookup")
    topic = str(intent.args.get("topic", "all"))
    number = intent.args.get("number")
    if topic in LIST_KEYS:
        found = book.list_by_key(topic)
        if found is None:
            return Reply(text="本县未配置该负面清单。", intent="lookup", data={"topic": topic})
        if isinstance(number, int):
            return _one_item(found, number)
        return Reply(text=_whole_list(found), intent="lookup", data={"topic": topic, "items": len(found.items)})
    if topic == "no_meeting":
        return Reply(text=_no_meeting(book.no_meeting), intent="lookup", data={"topic": topic})
    if topic == "three":
        return Reply(text=_three(book.three), intent="lookup", data={"topic": topic})
    return Reply(text=_overview(book), intent="lookup", data={"topic": "all"})


def _whole_list(found: NegativeList) -> str:
    lines = [f"{found.name}（共{len(found.items)}条）："]
    lines += [f"{item.number}. {item.text}（{item.force}）" for item in found.items]
    lines.append(f"查看某条的出处：发送“{found.name}第1条”。")
    return "\n".join(lines)


def _one_item(found: NegativeList, number: int) -> Reply:
    item = next((i for i in found.items if i.number == number), None)
    if item is None:
        return Reply(text=f"{found.name}共{len(found.items)}条，没有第{number}条。", intent="lookup",
                     data={"topic": found.key, "number": number})
    text = f"{found.name}第{item.number}条：{item.text}\n力度：{item.force}。出处：{item.source}。"
    if item.reason:
        text += f"\n说明：{item.reason}。"
    return Reply(text=text, intent="lookup", data={"topic": found.key, "number": number, "item": item.id})


def _cite(rule: RuleText) -> str:
    return f"{rule.text}（出处：{rule.source}）"


def _no_meeting(rules: NoMeetingRules | None) -> str:
    if rules is None or (rules.days is None and rules.weeks is None):
        return "本县未设无会日。"
    lines: list[str] = []
    if rules.days is not None and rules.weekdays:
        days = "、".join(WEEKDAYS[d - 1] for d in rules.weekdays)
        scope = "全县性会议" if rules.days_wide_only else "会议"
        lines.append(f"无会日：每{days}原则上不安排{scope}。依据：{_cite(rules.days)}")
    if rules.weeks is not None and rules.weeks_of_month:
        weeks = "、".join(f"第{w}周" for w in rules.weeks_of_month)
        lines.append(f"无会周：每月{weeks}。依据：{_cite(rules.weeks)}")
    if rules.exemptions:
        lines.append("以下会议不受限制：" + "；".join(e.name for e in rules.exemptions) + f"（{rules.exemption_source}）。")
    return "\n".join(lines) or "本县未设无会日。"


def _three(rules: ThreeWhenever | None) -> str:
    if rules is None:
        return "本县未配置“三个凡是”。"
    return "\n".join([f"{rules.name}：", f"1. {_cite(rules.no_problem)}", f"2. {_cite(rules.deployed)}",
                      f"3. {_cite(rules.similar)}"])


def _overview(book: RuleBook) -> str:
    lines = ["本县执行的减负规定："]
    lines += [f"· {found.name}（{len(found.items)}条）" for found in book.lists]
    if book.no_meeting is not None:
        lines.append(f"· {book.no_meeting.name}")
    if book.three is not None:
        lines.append(f"· {book.three.name}")
    lines.append("可发送“会议负面清单有哪些”“无会日是哪几天”“三个凡是是什么”“十禁止第3条”查看。")
    return "\n".join(lines)
