"""The negative lists (文件/会议/督查检查考核): which items a proposal's words and facts trigger."""

from __future__ import annotations

from bot.rules.context import CheckContext
from bot.rules.model import Finding
from bot.rules.schema import ListItem, NegativeList, Trigger

_QUOTE_MAX = 6  # longer (regular-expression) matches read badly when quoted back


def applies(lst: NegativeList, ctx: CheckContext) -> bool:
    """A list is consulted when any of its items can apply to this kind and direction of proposal."""
    return bool(lst.items_for(ctx.proposal.kind, ctx.direction))


def primary(lst: NegativeList, ctx: CheckContext) -> bool:
    """Whether the list is about this kind (the meetings list for a meeting), not a stray item in it."""
    return ctx.proposal.kind in lst.kinds


def check_list(lst: NegativeList, ctx: CheckContext) -> list[Finding]:
    findings = []
    for item in lst.items_for(ctx.proposal.kind, ctx.direction):  # those of another kind or direction never fire
        finding = _check_applying(lst, item, ctx)
        if finding:
            findings.append(finding)
    return findings


def check_item(lst: NegativeList, item: ListItem, ctx: CheckContext) -> Finding | None:
    if ctx.proposal.kind not in (item.kinds or lst.kinds):
        return None
    if ctx.direction not in (item.directions or lst.directions):
        return None
    return _check_applying(lst, item, ctx)


def _check_applying(lst: NegativeList, item: ListItem, ctx: CheckContext) -> Finding | None:
    """check_item for an item that applies to the proposal's kind and direction."""
    if ctx.match(item.unless):
        return None
    for trigger in item.triggers:
        matched = _fires(trigger, ctx)
        if matched is None:
            continue
        reason = trigger.reason or item.reason
        quoted = [m for m in matched if len(m) <= _QUOTE_MAX]
        if quoted:
            reason += f"（所述“{'”“'.join(quoted)}”）"
        return Finding(
            list_key=lst.key,
            list_name=lst.name,
            item=item.id,
            number=item.number,
            text=item.text,
            source=item.source,
            verdict=trigger.verdict or item.verdict,
            reason=reason,
            stated=trigger.outright,
        )
    return None


def _fires(trigger: Trigger, ctx: CheckContext) -> list[str] | None:
    """The words that made the trigger fire ([] for word-less triggers), or None if it does not."""
    if not ctx.holds(trigger.when):
        return None
    matched: list[str] = []
    for group in trigger.groups:
        hit = ctx.match(group)
        if hit is None:
            return None
        if hit not in matched:
            matched.append(hit)
    if ctx.match(trigger.none):
        return None
    return matched
