"""The WeCom Outbox senders, as its channel (channel.py) gives them to the Outbox worker.

- wecom_webhook: always — it needs no app credentials, only the robot keys in Conversation.push_target.
- wecom_response_url: always — late AI-bot replies carry their own URL.
- wecom_app: only when WECOM_CORP_ID, WECOM_APP_SECRET and WECOM_AGENT_ID are set; until then its
  rows wait in the Outbox (nothing is lost).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.wecom import appmsg, response_url, webhook
from bot.outbox import Sender
from bot.runtime import Runtime

if TYPE_CHECKING:
    from bot.channels.registry import Channels


def wecom_senders(runtime: Runtime, channels: Channels) -> dict[str, Sender]:
    settings = runtime.settings.wecom
    found: dict[str, Sender] = {
        webhook.CHANNEL: webhook.WebhookSender(runtime.db, runtime.clock, settings.api_base, channels=channels),
        response_url.CHANNEL: response_url.ResponseUrlSender(runtime.clock, settings.api_base),
    }
    if settings.corp_id and settings.app_secret and settings.agent_id.isdigit():
        found[appmsg.CHANNEL] = appmsg.AppMessageSender(runtime.db, runtime.clock, settings)
    return found
