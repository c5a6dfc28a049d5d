"""A Verdict as the bot says it (short, official Chinese) and as data (say --json, Entry.flags)."""

from __future__ import annotations

from typing import Any

from bot.rules.model import VERDICT_LABELS, Finding, Verdict

_ADVICE = {
    "allowed": "",
    "needs_approval": "请按程序报备审批后办理。",
    "discouraged": "建议不安排或调整后再办。",
    "forbidden": "请勿办理。",
}


def quoted(text: str) -> str:
    """“text”, with quotes inside it turned to ‘’ as Chinese usage wants for a quote within a quote."""
    return "“" + str(text).replace("“", "‘").replace("”", "’") + "”"


def cite(finding: Finding) -> str:
    """会议负面清单第4条“……”（来源：……）"""
    return f"{finding.citation}{quoted(finding.text)}（来源：{finding.source}）"


def render_verdict(verdict: Verdict, subject: str | None = None) -> str:
    """Verdict line, then each reason with its rule; when nothing matched, which rules were looked at."""
    head = f"结论：{verdict.label}"
    if subject:
        head += f"（{subject}）"
    lines = [head]
    blocking = verdict.blocking
    if blocking:
        lines.append("理由：")
        for n, f in enumerate(blocking, 1):
            lines.append(f"{n}. {f.reason}【{VERDICT_LABELS[f.verdict]}】。依据：{cite(f)}。")
        if advice := _ADVICE[verdict.verdict]:
            lines.append(advice)
    elif verdict.checked:
        lines.append(f"经对照{'、'.join(verdict.checked)}，未发现不符合项。")
    if verdict.reminders:
        lines.append("提示：")
        for f in verdict.reminders:
            lines.append(f"- {f.reason}。依据：{cite(f)}。")
    for note in verdict.notes:
        lines.append(f"注：{note}")
    return "\n".join(lines)


def render_flags(flags: list[dict[str, Any]], heading: str = "规则提醒：") -> str:
    """The warning shown after a record (or a correction) that broke a rule; the entry is kept anyway.

    The line above it already says 已记录/已更正, so the heading does not repeat it.
    """
    if not flags:
        return ""
    lines = [heading]
    for n, flag in enumerate(flags, 1):
        number = f"第{flag['number']}条" if flag.get("number") else ""
        label = VERDICT_LABELS.get(str(flag.get("verdict")), "")
        lines.append(f"{n}. {flag['reason']}【{label}】。依据：{flag['list']}{number}{quoted(flag['text'])}"
                     f"（来源：{flag['source']}）。")
    return "\n".join(lines)


def verdict_to_json(verdict: Verdict) -> dict[str, Any]:
    """For `say --json`: {"verdict": code, "rules": [{"list", "item", "source"}, …]}."""
    return {
        "verdict": verdict.verdict,
        "label": verdict.label,
        "rules": [{"list": f.list_name, "item": f.item, "source": f.source} for f in verdict.findings],
        "checked": list(verdict.checked),
        "notes": list(verdict.notes),
    }


def findings_to_flags(verdict: Verdict, include_reminders: bool = False) -> list[dict[str, Any]]:
    """Entry.flags for a recorded entry: the rules it breaks.

    Reminders (a quota at 80 %, an exempt meeting on a 无会日) break nothing, so they are left out
    unless asked for.
    """
    found = verdict.findings if include_reminders else verdict.blocking
    return [f.to_flag() for f in found]
