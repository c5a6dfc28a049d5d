"""Tell the groups of some units about a filing (报备待审批, 审批结果, 报备事项变更) through the Outbox."""

from __future__ import annotations

from bot.context import Context
from bot.push import Push, push_to_conversation
from storage import repo
from storage.models import Conversation


def push_to_units(ctx: Context, unit_ids: set[int], title: str, text: str, key: str, extra: int | None = None) -> int:
    """Queue the push to every group bound to the units (and `extra`), except the chat being answered."""
    conversations: list[Conversation] = repo.conversations_of_units(ctx.session, unit_ids)
    if extra is not None and all(c.id != extra for c in conversations):
        found = ctx.session.get(Conversation, extra)
        if found is not None:
            conversations.append(found)
    here = ctx.conversation.id if ctx.conversation else None
    channels = ctx.services.channels
    sent = 0
    for conversation in conversations:
        if conversation.id == here:
            continue
        row = push_to_conversation(ctx.session, conversation, Push(title=title, text=text),
                                   f"{key}:{conversation.id}", now=ctx.now(), channels=channels)
        sent += row is not None
    return sent
