"""“能不能开…吗”: answer whether an item may be held under the negative lists and meeting rules, citing each rule.

The same engine flags entries when they are recorded and corrected (bot.ledger.flagging): the ledger
records what happened either way. The answer itself is bot.checking's.
"""

from __future__ import annotations

from bot.checking import check_reply
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent


def handle(ctx: Context, intent: Intent) -> Reply:
    return check_reply(ctx, intent)
