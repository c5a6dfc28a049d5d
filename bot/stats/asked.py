"""What a counting question (查询, 生成汇报) is about: the unit asked, checked against what the sender
may see, and the answer to a period that has not begun."""

from __future__ import annotations

from bot import permissions
from bot.context import Context
from bot.messages import Reply
from bot.calendar import Period
from bot.nlu import Intent
from bot.stats.periods import NOT_STARTED, span_text
from bot.stats.scope import COUNTY_WIDE
from storage import repo
from storage.models import Unit


def asked_unit(ctx: Context, intent: Intent) -> Unit | Reply:
    """The unit named, else the county when the message says 全县 (the parser leaves unit empty
    then), else the sender's own; refused when the sender does not cover it."""
    name = intent.unit
    if not name and says_county(intent):
        name = repo.tree_root(ctx.session, ctx.unit).name
    return permissions.unit_for(ctx, name)


def says_county(intent: Intent) -> bool:
    return COUNTY_WIDE in (intent.text or "")


def not_started_reply(period: Period, intent: str) -> Reply:
    return Reply(text=NOT_STARTED.format(span=span_text(period)), intent=intent,
                 data={"period": period.to_json(), "not_started": True})
