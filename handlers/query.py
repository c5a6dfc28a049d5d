"""Answer counting questions for the sender's unit: by kind, direction and period."""

from __future__ import annotations

import calendar
import datetime as dt

from bot.labels import ACTIVITY, MEASURE, activity
from bot.messages import Reply
from bot.nlu import Intent, Period
from handlers import permissions
from handlers.context import Context
from storage import repo


def default_period(today: dt.date) -> Period:
    last = calendar.monthrange(today.year, today.month)[1]
    return Period(today.replace(day=1), today.replace(day=last), "本月")


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.target_unit(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    period = intent.period or default_period(ctx.today())
    span = f"{period.label}（{period.start.isoformat()}至{period.end.isoformat()}）"
    pairs = (
        [(intent.kind, intent.direction or "outgoing")] if intent.kind
        else list(ACTIVITY)
    )
    counts = {
        f"{kind}.{direction}": repo.count_entries(
            ctx.session, [unit.id], period.start, period.end, kind=kind, direction=direction
        )
        for kind, direction in pairs
    }
    lines = [
        f"{activity(kind, direction)}{counts[f'{kind}.{direction}']}{MEASURE[kind]}"
        for kind, direction in pairs
    ]
    text = f"{unit.name}{span}" + "，".join(lines) + "。"
    data = {"unit": unit.name, "period": period.to_json(), "counts": counts}
    if len(pairs) == 1:
        data["count"] = next(iter(counts.values()))
    return Reply(text=text, intent="query", data=data)
