"""`python -m bot recompute-scope`: apply the counting rules (统计口径) to every entry now.

The bot does this by itself at the first statistics question after the rules file changes; this
command does it on purpose, e.g. right after editing config/counting_rules.yaml on a large ledger.
"""

from __future__ import annotations

import argparse
import sys

from bot.cli import command, runtime_from
from bot.stats.rescope import recompute
from bot.stats.counting_rules import preamble
from bot.stats.service import CountingRulesError, current_rules


@command("recompute-scope", "apply config/counting_rules.yaml (统计口径) to every entry")
def cmd_recompute_scope(args: argparse.Namespace) -> int:
    runtime = runtime_from(args)
    try:
        rules = runtime.services.counting_rules.current()
    except CountingRulesError as exc:
        print(f"统计口径配置有误：{exc}", file=sys.stderr)
        return 2
    with runtime.db.session() as session:
        result = recompute(session, rules, since=None, now=runtime.clock.now())
        current_rules(session, runtime.services, runtime.clock.now())  # record the rules as applied
    print(f"{preamble(rules)}。已重新判定{result.checked}条，其中{result.changed}条有变化。")
    return 0
