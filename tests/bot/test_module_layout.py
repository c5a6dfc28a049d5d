"""Issue 12 item 4: domain services live in bot/, so handlers do not import each other and nothing in
bot/ but the dispatcher reaches into handlers/ (the scheduler never does)."""

from __future__ import annotations

import ast
from pathlib import Path

from paths import REPO_ROOT as ROOT


def _imports(path: Path) -> set[str]:
    """Modules a file imports, at any depth (a late import inside a function counts too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _handler_modules() -> set[str]:
    return {f"handlers.{p.stem}" for p in (ROOT / "handlers").glob("*.py") if p.stem not in ("__init__", "registry")}


def test_handlers_do_not_import_each_other():
    handlers = _handler_modules()
    for name in sorted(handlers):
        path = ROOT / (name.replace(".", "/") + ".py")
        others = {m for m in _imports(path) if m in handlers and m != name}
        assert not others, f"{name} imports {sorted(others)}"


def test_only_the_dispatcher_in_bot_imports_handlers():
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if path == ROOT / "bot" / "dispatcher.py":
            continue
        reached = {m for m in _imports(path) if m == "handlers" or m.startswith("handlers.")}
        assert not reached, f"{path.relative_to(ROOT)} imports {sorted(reached)}"


def test_the_domain_services_left_handlers():
    assert not any((ROOT / "handlers" / f"{name}.py").exists()
                   for name in ("permissions", "filing_settings", "context"))
