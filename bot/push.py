"""Route a push to a conversation through the Outbox, whatever the platform.

The payload is platform-neutral: {"title", "text", "markdown", "mention"}; each platform's sender
renders it. A push may carry a chart (`bot.charts.Chart.to_json()`): it goes as an extra Outbox item right
after the text, {"title", "text", "chart"}, which each platform's sender draws in its own form (an image
message, a markdown image, a line pointing to the board); the text alone stays the complete message.
Which Outbox channel and target a conversation's pushes take is its platform's to say
(`Channel.push_route`, asked through the runtime's `Channels`): a group robot's webhook, an app API, a
session webhook, the console's log file …
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from bot.clock import TZ, Clock
from bot.outbox import AT_MOST_ONCE, enqueue
from storage.models import Conversation, Member, Notification, Outbox

if TYPE_CHECKING:
    from bot.channels.registry import Channels

log = logging.getLogger(__name__)


@dataclass
class Push:
    title: str
    text: str
    markdown: str | None = None
    mention: list[str] = field(default_factory=list)  # platform user ids
    # Never twice, even after a crash mid-send (bot.outbox AT_MOST_ONCE): the scheduled digests.
    at_most_once: bool = False
    chart: dict[str, Any] | None = None  # bot.charts.Chart.to_json(): sent as an extra item after the text

    def payload(self) -> dict[str, Any]:
        # Group pushes never go out at night: the outbox holds them until its daytime window opens.
        found: dict[str, Any] = {"title": self.title, "text": self.text, "markdown": self.markdown,
                                 "mention": self.mention, "daytime_only": True}
        if self.at_most_once:
            found[AT_MOST_ONCE] = True
        return found

    def chart_payload(self) -> dict[str, Any] | None:
        """The chart item: its title, a one-line text for platforms that show no image, and the chart."""
        if not self.chart:
            return None
        title = str(self.chart.get("title") or self.title)
        return {"title": title, "text": f"{title}：{BOARD_HINT}", "markdown": None, "mention": [],
                "chart": self.chart, "daytime_only": True}


CHART_SUFFIX = ":chart"
# What a platform that shows no image says instead of the chart.
BOARD_HINT = "图表可在减负看板查看：在群里发送“打开看板”获取链接。"


def push_to_conversation(
    session: Session,
    conversation: Conversation,
    push: Push,
    dedupe_key: str,
    due_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    *,
    channels: Channels,
) -> Outbox | None:
    """Queue a push (and its chart item right behind it); None when the conversation has no push path or
    the key was queued before."""
    where = channels.route(conversation)
    if where is None:
        log.info("conversation %s has no push path; push %s skipped", conversation.id, dedupe_key)
        return None
    row = enqueue(session, where.channel, where.target, push.payload(), dedupe_key, due_at=due_at, now=now)
    chart = push.chart_payload()
    if row is not None and chart is not None:
        enqueue(session, where.channel, where.target, chart, dedupe_key + CHART_SUFFIX, due_at=due_at, now=now)
    return row


PUSH_DISABLED = "push_disabled"


def disable_and_tell_admins(
    session: Session,
    dead: Conversation,
    text: str,
    reason: str,
    now: dt.datetime,
    channels: Channels,
) -> None:
    """A platform refused a group's pushes for good (robot removed, key/sign wrong): stop pushing there
    and tell the admins, once, in the same transaction.

    - the Conversation gets push_enabled=False and push_disabled_reason (it then has no push route);
    - each active admin gets a Notification row (kind "push_disabled"), the durable record;
    - a short push goes to the other groups of the admins' units that still have a push path.
    """
    dead.push_enabled = False
    dead.push_disabled_reason = reason[:256]
    admins = [
        m for m in session.scalars(select(Member).where(Member.status == "active")) if m.has_role("admin")
    ]
    for admin in admins:
        session.add(Notification(kind=PUSH_DISABLED, unit_id=dead.unit_id, member_id=admin.id, text=text, at=now))
    if not admins:
        session.add(Notification(kind=PUSH_DISABLED, unit_id=dead.unit_id, text=text, at=now))
        log.error("pushes to conversation %s disabled and no admin to tell", dead.id)
    stamp = now.astimezone(TZ).strftime("%Y%m%d%H%M%S")
    admin_units = {a.unit_id for a in admins}
    groups: list[Conversation] = list(session.scalars(
        select(Conversation).where(Conversation.unit_id.in_(admin_units), Conversation.id != dead.id)
    )) if admin_units else []
    for group in groups:
        push_to_conversation(
            session, group, Push(title="推送停用", text=text),
            dedupe_key=f"push-disabled:{dead.id}:{group.id}:{stamp}", now=now, channels=channels,
        )
    session.flush()


PUSH_DEAD = "push_dead"


def dead_push_recorder(clock: Clock) -> Callable[[Outbox, str], None]:
    """The Outbox worker's `on_dead`: a push given up is logged and recorded as a Notification (kind
    "push_dead", the channel, the push's key and why), in the transaction that marks it dead, so an
    admin finds every push that never arrived. The target (a robot key, a webhook) is a secret: not kept."""

    def record(row: Outbox, error: str) -> None:
        log.error("push %s on %s given up: %s", row.dedupe_key, row.channel, error)
        session = object_session(row)
        if session is None:
            return
        title = str((row.payload or {}).get("title") or "推送")
        session.add(Notification(
            kind=PUSH_DEAD, text=f"【推送未送达】{title}（{row.channel}，{row.dedupe_key}）：{error}"[:2000],
            at=clock.now(), dedupe_key=f"push-dead:{row.id}",
        ))

    return record
