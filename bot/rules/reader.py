"""Typed, path-aware reading of a YAML tree: every problem is collected, in Chinese a rules clerk can act on."""

from __future__ import annotations

import re
from typing import Any

from bot.rules.model import FORCE_TO_VERDICT
from bot.rules.schema import Conditions, RuleText
from bot.rules.textmatch import Pattern
from storage.models import UNIT_LEVELS

KINDS = ("meeting", "document", "inspection", "report")
DIRECTIONS = ("outgoing", "incoming")
LIMIT_FIELDS = ("scale", "duration_minutes", "speech_minutes", "remark_minutes", "length_chars")

class RuleConfigError(ValueError):
    """A rule file is malformed; `problems` lists every issue as "path: what is wrong"."""

    def __init__(self, problems: list[str], file: str | None = None) -> None:
        self.problems = problems
        self.file = file
        head = f"规则文件 {file} 有误" if file else "规则文件有误"
        super().__init__(head + "：\n" + "\n".join(f"- {p}" for p in problems))


class Reader:
    """Typed access to a YAML tree that records problems instead of raising on the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}：{message}")

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, f"应为键值映射，实际为 {type(value).__name__}")
        return {}

    def text(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{path}.{key}", "缺少或为空")
            return ""
        if not isinstance(value, (str, int)):
            self.fail(f"{path}.{key}", "应为文字")
            return ""
        return str(value).strip()

    def integer(self, data: dict[str, Any], key: str, path: str, default: int | None = None,
                minimum: int = 0) -> int | None:
        value = data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"{path}.{key}", f"应为不小于 {minimum} 的整数，实际为 {value!r}")
            return default
        return value

    def ratio(self, data: dict[str, Any], key: str, path: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 10:
            self.fail(f"{path}.{key}", f"应为大于0的小数（如 0.8），实际为 {value!r}")
            return default
        return float(value)

    def choices(self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            self.fail(f"{path}.{key}", "应为列表")
            return ()
        for v in values:
            if v not in allowed:
                self.fail(f"{path}.{key}", f"{v!r} 不是 {'/'.join(allowed)} 之一")
        return tuple(v for v in values if v in allowed)

    def force(self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...],
              required: bool = True) -> str | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if value not in allowed:
            self.fail(f"{path}.{key}", f"应为 {' / '.join(allowed)} 之一，实际为 {value!r}")
            return None
        return FORCE_TO_VERDICT[value]

    def patterns(self, value: Any, path: str) -> tuple[Pattern, ...]:
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            self.fail(path, "应为非空的词语列表")
            return ()
        out: list[Pattern] = []
        for i, word in enumerate(values):
            if not isinstance(word, (str, int)) or not str(word).strip():
                self.fail(f"{path}[{i}]", "应为非空文字")
                continue
            try:
                out.append(Pattern.compile(str(word).strip()))
            except re.error as exc:
                self.fail(f"{path}[{i}]", f"正则表达式有误：{exc}")
        return tuple(out)

    def conditions(self, value: Any, path: str) -> Conditions:
        if value is None:
            return Conditions()
        data = self.mapping(value, path)
        unknown = set(data) - {"kinds", "directions", "unit_levels", "min_scale", "min_length", "wide"}
        if unknown:
            self.fail(path, f"不认识的条件 {sorted(unknown)}")
        wide = data.get("wide")
        if wide is not None and not isinstance(wide, bool):
            self.fail(f"{path}.wide", "应为 true 或 false")
            wide = None
        return Conditions(
            kinds=self.choices(data, "kinds", path, KINDS),
            directions=self.choices(data, "directions", path, DIRECTIONS),
            unit_levels=self.choices(data, "unit_levels", path, UNIT_LEVELS),
            min_scale=self.integer(data, "min_scale", path),
            min_length=self.integer(data, "min_length", path),
            wide=wide,
        )

    def rule_text(self, data: dict[str, Any], path: str, default_id: str | None = None,
                  forces: tuple[str, ...] = tuple(FORCE_TO_VERDICT)) -> RuleText:
        rule_id = self.text(data, "id", path, required=default_id is None) or (default_id or "")
        return RuleText(
            id=rule_id,
            text=self.text(data, "text", path),
            source=self.text(data, "source", path),
            verdict=self.force(data, "verdict", path, forces) or "allowed",
        )
