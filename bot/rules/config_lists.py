"""negative_lists.yaml → NegativeList tuples: lists, items, triggers, each validated with its path."""

from __future__ import annotations

from typing import Any

from bot.rules.model import LIST_FORCES
from bot.rules.reader import DIRECTIONS, KINDS, Reader
from bot.rules.schema import Conditions, ListItem, NegativeList, Trigger
from bot.rules.textmatch import Pattern


def _trigger(r: Reader, raw: Any, path: str) -> Trigger | None:
    data = r.mapping(raw, path)
    unknown = set(data) - {"any", "all", "none", "when", "always", "verdict", "reason"}
    if unknown:
        r.fail(path, f"不认识的键 {sorted(unknown)}")
    groups: list[tuple[Pattern, ...]] = []
    if "any" in data:
        groups.append(r.patterns(data["any"], f"{path}.any"))
    all_groups = data.get("all") or []
    if not isinstance(all_groups, list):
        r.fail(f"{path}.all", "应为词语列表的列表")
        all_groups = []
    for i, group in enumerate(all_groups):
        groups.append(r.patterns(group, f"{path}.all[{i}]"))
    when = r.conditions(data.get("when"), f"{path}.when")
    always = data.get("always") is True
    if not groups and not always and when == Conditions():
        r.fail(path, "触发条件为空：请给出 any/all 词语、when 条件，或写 always: true")
        return None
    return Trigger(
        groups=tuple(g for g in groups if g),
        none=r.patterns(data.get("none"), f"{path}.none"),
        when=when,
        always=always,
        verdict=r.force(data, "verdict", path, LIST_FORCES, required=False),
        reason=r.text(data, "reason", path, required=False) or None,
    )


def _item(r: Reader, raw: Any, path: str, number: int) -> ListItem | None:
    data = r.mapping(raw, path)
    known = {"id", "no", "text", "source", "verdict", "reason", "note", "words", "says", "triggers",
             "unless", "kinds", "directions", "enabled"}
    unknown = set(data) - known
    if unknown:
        r.fail(path, f"不认识的键 {sorted(unknown)}")
    item_id = r.text(data, "id", path)
    text = r.text(data, "text", path)
    source = r.text(data, "source", path)
    verdict = r.force(data, "verdict", path, LIST_FORCES)
    triggers: list[Trigger] = []
    if data.get("says") is not None:  # the question states the violation outright: a fact meaning never argues away
        triggers.append(Trigger(groups=(r.patterns(data["says"], f"{path}.says"),), outright=True))
    if data.get("words") is not None:
        triggers.append(Trigger(groups=(r.patterns(data["words"], f"{path}.words"),)))
    raw_triggers = data.get("triggers") or []
    if not isinstance(raw_triggers, list):
        r.fail(f"{path}.triggers", "应为列表")
        raw_triggers = []
    for i, t in enumerate(raw_triggers):
        trig = _trigger(r, t, f"{path}.triggers[{i}]")
        if trig:
            triggers.append(trig)
    if not (item_id and text and source and verdict):
        return None
    return ListItem(
        id=item_id,
        number=r.integer(data, "no", path, default=number, minimum=1) or number,
        text=text,
        source=source,
        verdict=verdict,
        force=str(data["verdict"]),
        reason=r.text(data, "reason", path, required=False) or text,
        triggers=tuple(triggers),
        unless=r.patterns(data.get("unless"), f"{path}.unless"),
        kinds=r.choices(data, "kinds", path, KINDS),
        directions=r.choices(data, "directions", path, DIRECTIONS),
        note=r.text(data, "note", path, required=False) or None,
    )


def parse_lists(r: Reader, doc: dict[str, Any]) -> tuple[NegativeList, ...]:
    if "remove_lists" in doc:  # the overlay rule of config.loader says it with `remove`
        r.fail("remove_lists", "已停用：删除默认清单请写 lists: {remove: [清单键]}")
    unknown = set(doc) - {"version", "lists", "remove_lists"}
    if unknown:
        r.fail("(顶层)", f"不认识的键 {sorted(unknown)}")
    lists_raw = r.mapping(doc.get("lists"), "lists")
    if not lists_raw:
        r.fail("lists", "至少需要一个清单")
    out: list[NegativeList] = []
    seen: dict[str, str] = {}
    for key, raw in lists_raw.items():
        path = f"lists.{key}"
        data = r.mapping(raw, path)
        if data.get("enabled") is False:
            continue
        items_raw = data.get("items")
        if not isinstance(items_raw, list) or not items_raw:
            r.fail(f"{path}.items", "应为非空列表")
            items_raw = []
        items: list[ListItem] = []
        enabled = [x for x in items_raw if not (isinstance(x, dict) and x.get("enabled") is False)]
        for i, raw_item in enumerate(enabled):
            item = _item(r, raw_item, f"{path}.items[{i}]", number=i + 1)
            if item is None:
                continue
            if item.id in seen:
                r.fail(f"{path}.items[{i}].id", f"编号 {item.id} 与 {seen[item.id]} 重复")
            seen[item.id] = path
            items.append(item)
        out.append(NegativeList(
            key=str(key),
            name=r.text(data, "name", path),
            kinds=r.choices(data, "kinds", path, KINDS) or KINDS,
            directions=r.choices(data, "directions", path, DIRECTIONS) or DIRECTIONS,
            items=tuple(items),
        ))
    return tuple(out)
