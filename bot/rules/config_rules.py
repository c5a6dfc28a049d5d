"""rules.yaml → the structured rule sets (无会日, limits, 三个凡是, filing, yearly caps, quotas, 只减不增)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from bot.rules.model import FORCE_TO_VERDICT
from bot.rules.reader import KINDS, LIMIT_FIELDS, Reader
from bot.rules.schema import (
    AnnualRule,
    Exemption,
    FILING_ANCHORS,
    FilingRule,
    FrequencyRule,
    LimitRule,
    Limits,
    NoMeetingRules,
    QuotaRules,
    ThreeWhenever,
)

T = TypeVar("T")


def _section(r: Reader, doc: dict[str, Any], key: str, build: Callable[[dict[str, Any], str], T]) -> T | None:
    if key not in doc or doc[key] is None:
        return None
    data = r.mapping(doc[key], key)
    if data.get("enabled") is False:
        return None
    return build(data, key)


def parse_rules(r: Reader, doc: dict[str, Any]) -> dict[str, Any]:
    """Every structured rule set; absent or `enabled: false` sets are simply not checked."""
    unknown = set(doc) - {"version", "wide_words", "no_meeting", "limits", "three_whenever", "quotas",
                          "annual_no_increase", "advance_filing", "frequency"}
    if unknown:
        r.fail("(顶层)", f"不认识的键 {sorted(unknown)}")

    def no_meeting(data: dict[str, Any], path: str) -> NoMeetingRules:
        days = r.mapping(data.get("days") or {}, f"{path}.days")
        weeks = r.mapping(data.get("weeks") or {}, f"{path}.weeks")
        weekdays = days.get("weekdays") or []
        if not isinstance(weekdays, list) or any(not isinstance(d, int) or not 1 <= d <= 7 for d in weekdays):
            r.fail(f"{path}.days.weekdays", "应为 1（周一）到 7（周日）的整数列表")
            weekdays = []
        nth = weeks.get("weeks_of_month") or []
        if not isinstance(nth, list) or any(not isinstance(w, int) or not 1 <= w <= 5 for w in nth):
            r.fail(f"{path}.weeks.weeks_of_month", "应为 1 到 5 的整数列表")
            nth = []
        exemptions: list[Exemption] = []
        for i, raw in enumerate(data.get("exemptions") or []):
            ex = r.mapping(raw, f"{path}.exemptions[{i}]")
            exemptions.append(Exemption(
                id=r.text(ex, "id", f"{path}.exemptions[{i}]"),
                name=r.text(ex, "name", f"{path}.exemptions[{i}]"),
                words=r.patterns(ex.get("words"), f"{path}.exemptions[{i}].words"),
                unless=r.patterns(ex.get("unless"), f"{path}.exemptions[{i}].unless"),
            ))
        return NoMeetingRules(
            name=r.text(data, "name", path),
            days=r.rule_text(days, f"{path}.days") if weekdays else None,
            weekdays=tuple(weekdays),
            days_wide_only=days.get("wide_only") is True,
            weeks=r.rule_text(weeks, f"{path}.weeks") if nth else None,
            weeks_of_month=tuple(nth),
            weeks_wide_only=weeks.get("wide_only") is True,
            exemptions=tuple(exemptions),
            exemption_source=r.text(data, "exemption_source", path),
        )

    def limits(data: dict[str, Any], path: str) -> Limits:
        items: list[LimitRule] = []
        for i, raw in enumerate(data.get("items") or []):
            p = f"{path}.items[{i}]"
            d = r.mapping(raw, p)
            if d.get("enabled") is False:
                continue
            field_name = d.get("field")
            if field_name not in LIMIT_FIELDS:
                r.fail(f"{p}.field", f"应为 {'/'.join(LIMIT_FIELDS)} 之一，实际为 {field_name!r}")
            items.append(LimitRule(
                rule=r.rule_text(d, p),
                name=r.text(d, "name", p),
                field=str(field_name),
                max=r.integer(d, "max", p, minimum=1) or 1,
                when=r.conditions(d.get("when"), f"{p}.when"),
                words=r.patterns(d.get("words"), f"{p}.words"),
                unless=r.patterns(d.get("unless"), f"{p}.unless"),
            ))
        return Limits(name=r.text(data, "name", path), items=tuple(items))

    def three(data: dict[str, Any], path: str) -> ThreeWhenever:
        np_ = r.mapping(data.get("no_problem"), f"{path}.no_problem")
        dep = r.mapping(data.get("deployed"), f"{path}.deployed")
        sim = r.mapping(data.get("similar"), f"{path}.similar")
        return ThreeWhenever(
            name=r.text(data, "name", path),
            no_problem=r.rule_text(np_, f"{path}.no_problem"),
            no_problem_words=r.patterns(np_.get("words"), f"{path}.no_problem.words"),
            deployed=r.rule_text(dep, f"{path}.deployed"),
            deployed_lookback_days=r.integer(dep, "lookback_days", f"{path}.deployed", 90, 1) or 90,
            similar=r.rule_text(sim, f"{path}.similar"),
            similar_window_days=r.integer(sim, "window_days", f"{path}.similar", 7, 0) or 0,
        )

    def quotas(data: dict[str, Any], path: str) -> QuotaRules:
        return QuotaRules(
            name=r.text(data, "name", path),
            rule=r.rule_text(data, path),
            warn_at=r.ratio(data, "warn_at", path, 0.8),
            alert_at=r.ratio(data, "alert_at", path, 1.0),
            warn_verdict=r.force(data, "warn_verdict", path, tuple(FORCE_TO_VERDICT), required=False) or "allowed",
            alert_verdict=r.force(data, "alert_verdict", path, tuple(FORCE_TO_VERDICT), required=False)
            or "needs_approval",
        )

    def annual(data: dict[str, Any], path: str) -> AnnualRule:
        return AnnualRule(
            name=r.text(data, "name", path),
            rule=r.rule_text(data, path),
            kinds=r.choices(data, "kinds", path, KINDS) or ("document",),
            equal_verdict=r.force(data, "equal_verdict", path, tuple(FORCE_TO_VERDICT), required=False) or "allowed",
        )

    def filing(data: dict[str, Any], path: str) -> tuple[str, tuple[FilingRule, ...]]:
        items = []
        for i, raw in enumerate(data.get("items") or []):
            p = f"{path}.items[{i}]"
            d = r.mapping(raw, p)
            if d.get("enabled") is False:
                continue
            items.append(FilingRule(
                rule=r.rule_text(d, p),
                when=r.conditions(d.get("when"), f"{p}.when"),
                words=r.patterns(d.get("words"), f"{p}.words"),
                working_days=r.integer(d, "working_days", p, 0) or 0,
                unless=r.patterns(d.get("unless"), f"{p}.unless"),
                before=(r.choices(d, "before", p, FILING_ANCHORS) or ("event",))[0],
            ))
        return r.text(data, "name", path), tuple(items)

    def frequency(data: dict[str, Any], path: str) -> tuple[str, tuple[FrequencyRule, ...]]:
        items = []
        for i, raw in enumerate(data.get("items") or []):
            p = f"{path}.items[{i}]"
            d = r.mapping(raw, p)
            if d.get("enabled") is False:
                continue
            items.append(FrequencyRule(
                rule=r.rule_text(d, p),
                when=r.conditions(d.get("when"), f"{p}.when"),
                words=r.patterns(d.get("words"), f"{p}.words"),
                max_per_year=r.integer(d, "max_per_year", p, 1, 1) or 1,
            ))
        return r.text(data, "name", path), tuple(items)

    filing_section = _section(r, doc, "advance_filing", filing) or ("", ())
    frequency_section = _section(r, doc, "frequency", frequency) or ("", ())
    return {
        "no_meeting": _section(r, doc, "no_meeting", no_meeting),
        "limits": _section(r, doc, "limits", limits),
        "three": _section(r, doc, "three_whenever", three),
        "quotas": _section(r, doc, "quotas", quotas),
        "annual": _section(r, doc, "annual_no_increase", annual),
        "filing_name": filing_section[0],
        "filing": filing_section[1],
        "frequency_name": frequency_section[0],
        "frequency": frequency_section[1],
        "wide_words": r.patterns(doc.get("wide_words") or ["全县"], "wide_words"),
    }
