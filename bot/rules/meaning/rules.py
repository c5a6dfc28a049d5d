"""What a rule id stands for in the loaded RuleBook, so a meaning match can cite it like any finding."""

from __future__ import annotations

from dataclasses import dataclass

from bot.rules.schema import Conditions, ListItem, NegativeList, RuleBook, RuleText


@dataclass(frozen=True)
class RuleRef:
    """Everything a Finding needs, plus where the rule applies (kinds/directions; empty = any)."""

    item: str
    list_key: str
    list_name: str
    text: str
    source: str
    verdict: str
    reason: str
    number: int | None = None
    kinds: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    structured: bool = False
    when: Conditions | None = None  # facts the rule needs besides words (unit level, 全县性)
    undated_only: bool = False  # a date rule: read from words only when the question names no day
    history: bool = False  # it needs a fact from before (已经发文部署, 今年已开过, 配额已满): the words must state one
    min_scale: int | None = None  # every trigger needs at least this many people (30人以上的座谈会)…
    min_length: int | None = None  # …or this many characters: a smaller stated figure rules the item out


def _from_item(lst: NegativeList, item: ListItem) -> RuleRef:
    return RuleRef(item=item.id, list_key=lst.key, list_name=lst.name, text=item.text, source=item.source,
                   verdict=item.verdict, reason=item.reason, number=item.number,
                   kinds=item.kinds or lst.kinds, directions=item.directions or lst.directions,
                   min_scale=_least(item, "min_scale"), min_length=_least(item, "min_length"))


def _least(item: ListItem, fact: str) -> int | None:
    """The smallest threshold every trigger of the item requires, or None when one requires none."""
    values: list[int | None] = [getattr(t.when, fact) for t in item.triggers]
    found = [v for v in values if v is not None]
    return min(found) if found and len(found) == len(values) else None


def _structured(key: str, name: str, rule: RuleText, reason: str, kinds: tuple[str, ...],
                verdict: str | None = None, when: Conditions | None = None, history: bool = True) -> RuleRef:
    return RuleRef(item=rule.id, list_key=key, list_name=name, text=rule.text, source=rule.source,
                   verdict=verdict or rule.verdict, reason=reason, kinds=kinds, directions=("outgoing",),
                   structured=True, when=when, history=history)


def rule_refs(book: RuleBook) -> dict[str, RuleRef]:
    """Every rule a meaning match may add, by id: list items and the structured rules read from words.

    Structured rules that need numbers or dates (limits, 无会日, 报备时限) are left to their own checks;
    only those a cadre can state in words (配额已满, 今年已开过一次, 没有问题要解决) are here.
    """
    refs = {item.id: _from_item(lst, item) for lst in book.lists for item in lst.items}
    if book.three:
        t = book.three
        refs[t.no_problem.id] = _structured("three_whenever", t.name, t.no_problem, "会议不以解决问题为目的", ("meeting",),
                                             history=False)
        refs[t.deployed.id] = _structured("three_whenever", t.name, t.deployed, "已经发文部署的工作，原则上不再开会部署",
                                          ("meeting",))
        refs[t.similar.id] = _structured("three_whenever", t.name, t.similar, "范围相似、内容相关、时间相近的会议应合并召开",
                                         ("meeting",))
    nm = book.no_meeting
    if nm and nm.days:
        refs[nm.days.id] = RuleRef(item=nm.days.id, list_key="no_meeting", list_name=nm.name, text=nm.days.text,
                                   source=nm.days.source, verdict=nm.days.verdict, reason="所问在无会日安排会议",
                                   kinds=("meeting",), directions=("outgoing",), structured=True, undated_only=True)
    if book.quotas:
        q = book.quotas
        refs[q.rule.id] = _structured("quotas", q.name, q.rule, "所述配额已用满，再增加需报批调整数额", (), q.alert_verdict)
    if book.annual:
        a = book.annual
        refs[a.rule.id] = _structured("annual_no_increase", a.name, a.rule, "所述年度发文数已达到或超过上年度", a.kinds)
    for f in book.frequency:
        kinds = f.when.kinds
        refs[f.rule.id] = _structured("frequency", book.frequency_name, f.rule, "所述本年度已召开（开展）过，超过年度次数上限",
                                      kinds, when=f.when)
    return refs
