"""Load an organisation (units, members, groups) from YAML; loading the same file twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ROLES, UNIT_LEVELS, Conversation, Member, Unit


class OrgFileError(ValueError):
    """The organisation file is malformed; the message says where."""


@dataclass
class SeedResult:
    units_added: int = 0
    members_added: int = 0
    groups_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.units_added or self.members_added or self.groups_added)


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
                wecom_userid=spec.get("wecom_userid"),
                dingtalk_staff_id=_str_or_none(spec.get("dingtalk_staff_id")),
                mobile=_str_or_none(spec.get("mobile")),
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
    return result


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
