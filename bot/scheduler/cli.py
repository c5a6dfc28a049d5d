"""`python -m bot push-now weekly|monthly|quarterly [--dry-run] [--markdown] [--unit NAME] [--now ISO]`
and `python -m bot clock` (the Procfile's clock process: the scheduler and the outbox worker).

push-now builds the digest of the period just ended (last week / month / quarter as of --now) for
every group that receives it (with --unit: that unit's groups, subscribed or not). --dry-run prints it;
otherwise it is queued under the scheduled push's dedupe key — so the scheduler will not send it again —
or, when that one went out already, under a ":manual:" key, and the outbox worker sends it at once.
An operator's push-now ignores the night/holiday rule: it is asked for now. Like the scheduler, it
skips a unit's digest that has nothing in it (said on stderr), unless --unit names that unit.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.cli import ARGUMENT_HOOKS, command, runtime_from
from bot.scheduler.config import JOB_TITLES, JOBS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.channels.registry import Channels
    from bot.push import Push
    from bot.scheduler.config import ScheduleConfig
    from bot.scheduler.targets import Target


def _push_now_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("digest", choices=JOBS, help="weekly | monthly | quarterly")
    parser.add_argument("--dry-run", action="store_true", help="print the digest instead of sending it")
    parser.add_argument("--markdown", action="store_true", help="with --dry-run: print the markdown form")


ARGUMENT_HOOKS.setdefault("push-now", []).append(_push_now_arguments)


@command("push-now", "print (--dry-run) or send a digest now: weekly | monthly | quarterly")
def cmd_push_now(args: argparse.Namespace) -> int:
    # the digests, their figures and charts: imported by this command, not by every `python -m bot` (issue 17)
    from sqlalchemy import select

    from bot.clock import TZ
    from bot.push import push_to_conversation
    from bot.scheduler import digests, periods
    from bot.scheduler.batch import batched
    from bot.scheduler.runner import current_config, refresh_scope
    from bot.scheduler.targets import as_group_takes
    from bot.usertext import strip
    from storage.models import Outbox

    runtime = runtime_from(args)
    cfg = current_config(runtime.services)
    cal = cfg.calendar
    channels = runtime.channels
    now = runtime.clock.now().astimezone(TZ)
    job = args.digest
    queued = 0
    with runtime.db.session() as session, batched(session):  # every unit's figures at once (issue 18)
        refresh_scope(session, runtime.services, now)
        targets = _targets(session, cfg, job, channels, args.unit)
        if not targets:
            where = f"{args.unit}的工作群" if args.unit else "任何工作群"
            print(f"{where}均未订阅{JOB_TITLES[job]}（或未配置推送地址），无可推送。", file=sys.stderr)
            return 1
        built: dict[str, Push | None] = {}
        for target in targets:
            occ = periods.current(job, now.date(), target.setting.day, target.setting.time, cal)
            scope = target.scope(session)
            if scope.key not in built:
                digest = digests.build(session, occ, scope, cfg)
                built[scope.key] = None if digest.quiet and not args.unit else digest.push(cfg.max_detail_lines)
            push = built[scope.key]
            push = push and as_group_takes(push, target.conversation)
            title = target.conversation.title or target.conversation.external_id
            if push is None:
                print(f"{title}：本期无记录、无待办事项，不推送。", file=sys.stderr)
                continue
            if args.dry_run:
                path = channels.route(target.conversation)
                print(f"=== {title} → {path.channel if path else ''}:{path.target if path else ''} ===")
                print(strip((push.markdown or "") if args.markdown else push.text))
                if push.chart:
                    print(f"（另附图表：{push.chart.get('title')}）")
                print()
                continue
            key = occ.key(target.conversation.id)
            if session.scalar(select(Outbox.id).where(Outbox.dedupe_key == key)) is not None:
                key = f"{key}:manual:{now.strftime('%Y%m%dT%H%M%S')}"
            if push_to_conversation(session, target.conversation, push, key, due_at=now, now=now,
                                    channels=channels) is not None:
                queued += 1
    if args.dry_run:
        return 0
    from bot.background import outbox_worker

    sent = outbox_worker(runtime).run_once()
    print(f"{JOB_TITLES[job]}：入队{queued}条，已发送{sent}条。")
    return 0


def _targets(session: Session, cfg: ScheduleConfig, job: str, channels: Channels,
             unit_name: str | None) -> list[Target]:
    """Subscribed groups; with a unit name, that unit's groups whether subscribed or not."""
    from bot.scheduler.targets import Target, digest_targets, is_county_group, push_conversations, setting_for

    if not unit_name:
        return digest_targets(session, cfg, job, channels)
    found: list[Target] = []
    for conversation in push_conversations(session, channels):
        unit = conversation.unit
        if unit is None or (unit.name != unit_name and unit_name not in (unit.aliases or [])):
            continue
        found.append(Target(conversation, setting_for(conversation, job, cfg), is_county_group(conversation, cfg)))
    return found


@command("clock", "the scheduler and the outbox worker in the foreground (Procfile: clock)")
def cmd_clock(args: argparse.Namespace) -> int:
    from bot.background import start_background

    runtime = runtime_from(args)
    print(f"减负助手定时任务已启动（数据库 {runtime.db.url}），Ctrl-C 退出。", flush=True)
    try:
        start_background(runtime, blocking=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        from bot.scheduler.service import close_all

        close_all()
    return 0
