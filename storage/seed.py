"""Load an organisation (units, members, groups, quotas) from YAML; loading the same file twice changes nothing.

A member's platform accounts are written `ids: {platform: account}`; the per-platform keys org files used
before accounts had their own table (`LEGACY_ACCOUNT_KEYS`) are still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import (
    DIRECTIONS,
    KINDS,
    ROLES,
    UNIT_LEVELS,
    Conversation,
    Member,
    MemberIdentity,
    Quota,
    Unit,
)

QUOTA_PERIODS = ("year", "quarter", "month")
# Member keys of org files written when every platform had its own column: key → platform.
LEGACY_ACCOUNT_KEYS = {"wecom_userid": "wecom", "dingtalk_staff_id": "dingtalk"}


class OrgFileError(ValueError):
    """The organisation file is malformed; the message says where."""


@dataclass
class SeedResult:
    units_added: int = 0
    members_added: int = 0
    groups_added: int = 0
    quotas_added: int = 0
    demo_entries: int = 0  # the demo's ledger (storage.demo_ledger), loaded with the demo file only

    @property
    def changed(self) -> bool:
        return bool(self.units_added or self.members_added or self.groups_added or self.quotas_added
                    or self.demo_entries)


def load_org_file(session: Session, path: Path) -> SeedResult:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise OrgFileError(f"{path}: 顶层应为映射")
    return load_org(session, data)


def load_org(session: Session, data: dict[str, Any]) -> SeedResult:
    result = SeedResult()
    units: dict[str, Unit] = {u.name: u for u in session.scalars(select(Unit))}
    for i, spec in enumerate(data.get("units") or []):
        name, level = spec.get("name"), spec.get("level")
        if not name or level not in UNIT_LEVELS:
            raise OrgFileError(f"units[{i}]: 需要 name 与 level（{'/'.join(UNIT_LEVELS)}）")
        parent_name = spec.get("parent")
        if parent_name and parent_name not in units:
            raise OrgFileError(f"units[{i}]: 上级单位“{parent_name}”须先列出")
        if name in units:
            continue
        unit = Unit(
            name=name,
            level=level,
            aliases=list(spec.get("aliases") or []),
            parent=units.get(parent_name) if parent_name else None,
        )
        session.add(unit)
        units[name] = unit
        result.units_added += 1
    session.flush()

    for i, spec in enumerate(data.get("members") or []):
        member_unit = units.get(spec.get("unit", ""))
        if member_unit is None or not spec.get("name"):
            raise OrgFileError(f"members[{i}]: 单位或姓名缺失/不存在")
        roles = spec.get("roles") or ["member"]
        if any(r not in ROLES for r in roles):
            raise OrgFileError(f"members[{i}]: 角色须为 {'/'.join(ROLES)}")
        known_member = session.scalar(
            select(Member).where(Member.unit_id == member_unit.id, Member.name == spec["name"])
        )
        if known_member:
            continue
        session.add(
            Member(
                unit=member_unit,
                name=spec["name"],
                roles=",".join(roles),
                mobile=_str_or_none(spec.get("mobile")),
                identities=[MemberIdentity(platform=platform, external_id=account)
                            for platform, account in _accounts(i, spec).items()],
            )
        )
        result.members_added += 1

    groups = [{"platform": "console", "id": name, "unit": name} for name in units]
    groups += list(data.get("groups") or [])
    for i, spec in enumerate(groups):
        group_unit = units.get(spec.get("unit", ""))
        if group_unit is None or not spec.get("platform") or not spec.get("id"):
            raise OrgFileError(f"groups[{i}]: 需要 platform、id 与已存在的 unit")
        known_group = session.scalar(
            select(Conversation).where(
                Conversation.platform == spec["platform"],
                Conversation.external_id == str(spec["id"]),
            )
        )
        if known_group:
            continue
        session.add(
            Conversation(
                platform=spec["platform"],
                external_id=str(spec["id"]),
                title=spec.get("title") or f"{group_unit.name}工作群",
                unit=group_unit,
                push_target=spec.get("push_target"),
                push_secret=spec.get("push_secret"),
            )
        )
        result.groups_added += 1
    session.flush()
    result.quotas_added = _load_quotas(session, units, data.get("quotas") or [])
    return result


def _load_quotas(session: Session, units: dict[str, Unit], specs: Any) -> int:
    """Add the quotas the database lacks; an existing (unit, kind, direction, period, year) is left as it is.

    Once loaded, a quota belongs to the county office: it is set and adjusted by chat (every change kept
    as a QuotaAdjustment), so reloading the file must not overwrite it with the file's first figure.
    """
    if not isinstance(specs, list):
        raise OrgFileError("quotas: 应为列表")
    added, seen = 0, set()
    for i, spec in enumerate(specs):
        key, limit = _quota_spec(i, spec, units)
        if key in seen:
            raise OrgFileError(f"quotas[{i}]: 与前面的额度重复（{spec['unit']} {key[1]} {key[2]} {key[3]} {key[4]}）")
        seen.add(key)
        unit_id, kind, direction, period, year = key
        known = session.scalar(select(Quota.id).where(
            Quota.unit_id == unit_id, Quota.kind == kind, Quota.direction == direction,
            Quota.period == period, Quota.year == year))
        if known is not None:
            continue
        session.add(Quota(unit_id=unit_id, kind=kind, direction=direction, period=period, year=year, limit=limit))
        added += 1
    session.flush()
    return added


def _quota_spec(i: int, spec: Any, units: dict[str, Unit]) -> tuple[tuple[int, str, str, str, int], int]:
    """((unit id, kind, direction, period, year), limit) of one entry, or OrgFileError saying what is wrong."""
    where = f"quotas[{i}]"
    if not isinstance(spec, dict):
        raise OrgFileError(f"{where}: 应为映射，如 {{unit: 城关镇, kind: document, period: year, year: 2026, limit: 40}}")
    unknown = set(spec) - {"unit", "kind", "direction", "period", "year", "limit"}
    if unknown:
        raise OrgFileError(f"{where}: 未知字段 {'、'.join(sorted(map(str, unknown)))}")
    unit = units.get(str(spec.get("unit") or ""))
    if unit is None:
        raise OrgFileError(f"{where}: 单位“{spec.get('unit') or ''}”缺失或未在 units 中列出")
    kind, direction, period = spec.get("kind"), spec.get("direction", "outgoing"), spec.get("period", "year")
    if kind not in KINDS:
        raise OrgFileError(f"{where}: kind 须为 {'/'.join(KINDS)}")
    if direction not in DIRECTIONS:
        raise OrgFileError(f"{where}: direction 须为 {'/'.join(DIRECTIONS)}")
    if period not in QUOTA_PERIODS:
        raise OrgFileError(f"{where}: period 须为 {'/'.join(QUOTA_PERIODS)}")
    year, limit = spec.get("year"), spec.get("limit")
    if not _is_int(year) or not 2000 <= year <= 2100:
        raise OrgFileError(f"{where}: year 须为年份，如 2026")
    if not _is_int(limit) or not 0 <= limit <= 100_000:
        raise OrgFileError(f"{where}: limit 须为 0 至 100000 的整数")
    return (unit.id, kind, direction, period, year), limit


def _accounts(i: int, spec: dict[str, Any]) -> dict[str, str]:
    """A member's platform accounts: `ids: {platform: account}` and the legacy per-platform keys."""
    ids = spec.get("ids") or {}
    if not isinstance(ids, dict):
        raise OrgFileError(f"members[{i}]: ids 应为映射，如 {{wecom: zhangsan}}")
    found: dict[str, str] = {}
    pairs = [(str(platform), value) for platform, value in ids.items()]
    pairs += [(platform, spec.get(key)) for key, platform in LEGACY_ACCOUNT_KEYS.items()]
    for platform, value in pairs:
        account = _str_or_none(value)
        if not account:
            continue
        if found.get(platform, account) != account:
            raise OrgFileError(f"members[{i}]: {platform} 账号写了两个（{found[platform]}、{account}）")
        found[platform] = account
    return found


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
