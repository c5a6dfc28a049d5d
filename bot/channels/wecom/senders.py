"""The WeCom Outbox senders and their rate limits, as bot/background.py wires them.

- wecom_webhook: always — it needs no app credentials, only the robot keys in Conversation.push_target.
- wecom_response_url: always — late AI-bot replies carry their own URL.
- wecom_app: only when WECOM_CORP_ID, WECOM_APP_SECRET and WECOM_AGENT_ID are set; until then its
  rows wait in the Outbox (nothing is lost).
"""

from __future__ import annotations

from bot.channels.wecom import appmsg, response_url, webhook
from bot.outbox import RateLimit, Sender
from bot.runtime import Runtime

RATE_LIMITS: dict[str, RateLimit] = {
    webhook.CHANNEL: webhook.RATE_LIMIT,  # 20 messages a minute per robot key
    appmsg.CHANNEL: appmsg.RATE_LIMIT,  # 30 a minute per member
}


def wecom_senders(runtime: Runtime) -> dict[str, Sender]:
    settings = runtime.settings.wecom
    found: dict[str, Sender] = {
        webhook.CHANNEL: webhook.WebhookSender(runtime.db, runtime.clock, settings.api_base),
        response_url.CHANNEL: response_url.ResponseUrlSender(runtime.clock, settings.api_base),
    }
    if settings.corp_id and settings.app_secret and settings.agent_id.isdigit():
        found[appmsg.CHANNEL] = appmsg.AppMessageSender(runtime.db, runtime.clock, settings)
    return found
