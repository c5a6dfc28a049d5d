"""The one call statistics make first: the deployment's counting rules, applied to every entry."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.stats.rescope import ensure_applied, ensure_current
from bot.stats.counting_rules import CountingRules, CountingRulesError

if TYPE_CHECKING:
    from bot.services import Services

RULES_ERROR_REPLY = "统计口径配置有误，暂不能统计：{error}。请联系县委办修正 counting_rules.yaml。"


def current_rules(session: Session, services: Services, now: dt.datetime | None = None) -> CountingRules:
    """Load the rules and bring every entry's in_scope up to date; raises CountingRulesError."""
    rules = services.counting_rules.current()
    ensure_current(session, rules, now)
    return rules


def answer_rules(session: Session, services: Services, now: dt.datetime | None = None) -> CountingRules:
    """The rules a statistics answer counts by: checked by their version stamp, no scan, no write
    (unless the rules file changed); raises CountingRulesError."""
    rules = services.counting_rules.current()
    ensure_applied(session, rules, now)
    return rules


__all__ = ["RULES_ERROR_REPLY", "CountingRulesError", "answer_rules", "current_rules"]
