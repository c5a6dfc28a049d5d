"""订阅周报 / 退订月报 / 周报改为周一8点: a group's own digest settings, changed by its managers.

Intent "subscribe", args {"action": "subscribe|unsubscribe|reschedule|status", "digest":
"weekly|monthly|quarterly", "day": "mon", "time": "08:00", "daypart": "afternoon"}. A daypart without a
clock time (周报改到周五下午) takes its documented time (DAYPART_TIMES: 上午 09:00, 中午 12:00, 下午 15:00),
said in the reply; 晚上 is outside the push window and is asked again — never a silent default. The settings live in
Conversation.subscriptions and override config/schedules.yaml for this group only. Managers covering
the group's unit and admins may change them (permissions action "subscribe", declared with the intent
in handlers.registry); anyone may ask for the status. Weekly digests may move to any weekday and time
inside the push window; monthly and quarterly ones always go out on the first working day of the
month/quarter, only their time can change.
"""

from __future__ import annotations

from typing import Any

from bot import permissions
from bot.calendar import ScheduleConfigError, parse_time
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.scheduler.config import (
    DAY_NAMES,
    JOB_NAMES,
    JOBS,
    ScheduleConfig,
    PUSH_DAYS,
)
from bot.scheduler.targets import Setting, charts_enabled, is_county_group, setting_for

ACTIONS = ("subscribe", "unsubscribe", "reschedule", "status")
# The time a daypart word means for a push (README: 推送时间); dayparts outside the window are asked.
DAYPART_TIMES = {"morning": ("上午", "09:00"), "noon": ("中午", "12:00"), "afternoon": ("下午", "15:00")}
HOLIDAY_NOTE = "（遇节假日顺延至下一工作日）"


def requested(intent: Intent) -> str:
    """subscribe | unsubscribe | reschedule | status (anything unreadable asks for the status)."""
    action = str((intent.args or {}).get("action") or "status")
    return action if action in ACTIONS else "status"


def changes_settings(intent: Intent) -> bool:
    """Anyone may ask for the status; changing a group's subscriptions is a manager's."""
    return requested(intent) != "status"


def handle(ctx: Context, intent: Intent) -> Reply:
    args: dict[str, Any] = intent.args or {}
    action = requested(intent)
    conversation = ctx.conversation
    if conversation is None or conversation.unit_id is None:
        return _reply("本群尚未绑定单位，无法设置推送。请单位管理员先绑定本群。")
    cfg = _config(ctx)
    if action == "status":
        return _reply(_status(conversation, cfg))
    refusal = permissions.decide(ctx, conversation.unit_id)
    if refusal:
        return Reply(text=refusal, intent="refused")
    job = args.get("digest")
    if job not in JOBS:
        return _reply("请说明是周报、月报还是季报，如“订阅周报”“退订月报”“周报改为周一8点”。")
    name = JOB_NAMES[job]
    current = setting_for(conversation, job, cfg)
    own = dict((conversation.subscriptions or {}).get(job) or {})
    now = ctx.now()

    if action == "unsubscribe":
        if not current.enabled:
            return _reply(f"本群未订阅{name}，无需退订。")
        own.update(enabled=False, by=ctx.member.id, at=now.isoformat())
        _save(conversation, job, own)
        return _reply(f"本群已退订{name}。如需恢复，请发送“订阅{name}”。")

    if action == "subscribe":
        if current.enabled:
            return _reply(f"本群已订阅{name}（{_when(job, current)}），无需重复。")
        own.update(enabled=True, since=now.isoformat(), by=ctx.member.id, at=now.isoformat())
        _save(conversation, job, own)
        return _reply(f"已为本群订阅{_scope(conversation, cfg)}{name}：{_when(job, current)}推送{HOLIDAY_NOTE}。"
                      + _no_path_note(ctx, conversation))

    # reschedule
    day = args.get("day")
    if day is not None:
        day = str(day).lower()
        if job != "weekly":
            return _reply(f"{name}固定在每{'月' if job == 'monthly' else '季度'}首个工作日推送，"
                          f"只能调整时间，如“{name}改为10点”。")
        if day not in PUSH_DAYS:
            return _reply("周报推送日应为周一至周五之一，如“周报改为周一8点”。")
    time_text = args.get("time")
    daypart = args.get("daypart")
    daypart_note = ""
    if not time_text and daypart:
        if daypart not in DAYPART_TIMES:
            return _reply(f"推送时间须在{cfg.calendar.window}之间，夜间不推送。请写明时间，如“{name}改为"
                          f"{'周五' if job == 'weekly' else ''}16点”。")
        word, time_text = DAYPART_TIMES[daypart]
        daypart_note = f"（“{word}”按{time_text}计；如需其他时间请写明，如“{name}改为16:30”）"
    if day is None and not time_text:
        return _reply(f"请说明新的推送时间，如“{name}改为{'周一' if job == 'weekly' else ''}8点”。")
    time = current.time
    if time_text:
        try:
            time = parse_time(time_text, "time")
        except ScheduleConfigError:
            return _reply("推送时间格式不对，请写成“8点”或“08:30”。")
    if not cfg.calendar.window.contains(time):
        return _reply(f"推送时间须在{cfg.calendar.window}之间，夜间不推送。")
    own.update(day=day or current.day, time=time.strftime("%H:%M"), by=ctx.member.id, at=now.isoformat())
    if not current.enabled:
        own.update(enabled=True, since=now.isoformat())
    _save(conversation, job, own)
    changed = setting_for(conversation, job, cfg)
    return _reply(f"{name}推送时间已改为{_when(job, changed)}{HOLIDAY_NOTE}{daypart_note}。"
                  + _no_path_note(ctx, conversation))


# --- helpers ----------------------------------------------------------------------------------------

def _reply(text: str) -> Reply:
    return Reply(text=text, intent="subscribe")


def _config(ctx: Context) -> ScheduleConfig:
    return ctx.services.schedules.current()


def _save(conversation: Any, job: str, own: dict[str, Any]) -> None:
    """Assign a new dict: the JSON column only notices a new value, not a mutation in place."""
    subs = dict(conversation.subscriptions or {})
    subs[job] = own
    conversation.subscriptions = subs


def _when(job: str, setting: Setting) -> str:
    if job == "weekly":
        return f"每{DAY_NAMES[setting.day]} {setting.time:%H:%M}"
    period = "月" if job == "monthly" else "季度"
    return f"每{period}首个工作日 {setting.time:%H:%M}"


def _scope(conversation: Any, cfg: ScheduleConfig) -> str:
    return "全县" if is_county_group(conversation, cfg) else "本单位"


def _status(conversation: Any, cfg: ScheduleConfig) -> str:
    parts = []
    for job in JOBS:
        setting = setting_for(conversation, job, cfg)
        parts.append(f"{JOB_NAMES[job]} {_when(job, setting) if setting.enabled else '未订阅'}")
    charts = "月报、季报附图表" if charts_enabled(conversation) else "月报、季报不附图表"
    return f"本群推送（{_scope(conversation, cfg)}）：" + "；".join(parts) + f"；{charts}。"


def _no_path_note(ctx: Context, conversation: Any) -> str:
    if ctx.services.channels.route(conversation) is None:
        return "注意：本群尚未配置推送地址，配置后方可收到。"
    return ""
