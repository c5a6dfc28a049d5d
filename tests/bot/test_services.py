"""Issue 12 item 6: one typed Services object, built once by bot.runtime.build() and handed to every
handler as ctx.services; tests and tools change it with a typed copy, never by filling a dict."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from bot.context import Context
from bot.messages import Reply
from bot.rules import RuleStore
from bot.runtime import Runtime, build
from bot.scheduler.runner import Scheduler
from bot.services import Services
from config.settings import CONFIG_DIR
from paths import REPO_ROOT
from handlers import registry


def test_build_makes_one_typed_services_object_the_dispatcher_uses(runtime: Runtime) -> None:
    services = runtime.services
    assert isinstance(services, Services)
    assert services is runtime.dispatcher.services
    assert services.settings is runtime.settings and services.db is runtime.db and services.clock is runtime.clock
    assert services.rules.dirs == [CONFIG_DIR.resolve()]
    assert services.export_dir == Path("data/exports")
    with pytest.raises(dataclasses.FrozenInstanceError):
        services.export_dir = Path("elsewhere")  # type: ignore[misc]


def test_a_handler_is_given_the_runtime_services(runtime: Runtime, say, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Services] = []
    original = registry.handler_for

    def spying(name: str):  # type: ignore[no-untyped-def]
        handler = original(name)

        def run(ctx: Context, intent):  # type: ignore[no-untyped-def]
            seen.append(ctx.services)
            return handler(ctx, intent)
        return run

    monkeypatch.setattr("bot.dispatcher.handler_for", spying)
    reply: Reply = say("明天召开安全生产调度会")
    # A handler may run twice: first without the write lock, then again as a write transaction once it writes.
    assert reply.intent == "record" and seen and all(s is runtime.services for s in seen)


def test_runtimes_of_one_process_share_the_config_stores(runtime: Runtime) -> None:
    other = build(runtime.settings, clock=runtime.clock, db=runtime.db)
    assert other.services is not runtime.services
    for name in ("rules", "counting_rules", "schedules", "filing"):
        assert getattr(other.services, name) is getattr(runtime.services, name), name  # read once per process


def test_a_copy_with_another_config_folder_reads_that_folder(runtime: Runtime, tmp_path: Path, say) -> None:
    (tmp_path / "counting_rules.yaml").write_text(yaml.safe_dump(
        {"extends": "default", "categories": {"培训会": {"count": False}}}, allow_unicode=True), encoding="utf-8")
    before = runtime.services
    runtime.services = dataclasses.replace(before, export_dir=tmp_path / "exports").with_config_dir(tmp_path)
    after = runtime.services
    assert after.settings.config_dir == tmp_path and runtime.settings is after.settings
    assert after.export_dir == tmp_path / "exports"  # what the copy was given stays
    assert after.counting_rules.current().excluded == ["培训会"]
    assert before.counting_rules.current().excluded == []  # the original services are unchanged
    assert runtime.dispatcher.services is after


def test_a_test_injects_its_own_rule_store_by_replace(runtime: Runtime, tmp_path: Path, say) -> None:
    (tmp_path / "negative_lists.yaml").write_text(yaml.safe_dump({"lists": {"meetings": {
        "name": "会议“八不开”", "kinds": ["meeting"], "directions": ["outgoing"],
        "items": [{"id": "X1", "text": "可以通过电话或书面交办的", "source": "本地", "verdict": "不得",
                   "words": ["调度会"]}]}}}, allow_unicode=True), encoding="utf-8")
    runtime.services = dataclasses.replace(runtime.services, rules=RuleStore(tmp_path, default_dir=tmp_path))
    reply = say("明天召开安全生产调度会")
    assert reply.intent == "record" and "X1" in str(reply.data)


def test_a_scheduler_uses_the_runtime_services_or_those_of_its_folder(runtime: Runtime, tmp_path: Path) -> None:
    assert Scheduler(runtime.db, runtime.clock, services=runtime.services).services is runtime.services
    (tmp_path / "filing.yaml").write_text("extends: default\napprover_units: [县政府办]\n", encoding="utf-8")
    alone = Scheduler(runtime.db, runtime.clock, config_dir=tmp_path)
    assert alone.services.filing.current().approver_units == ("县政府办",)
    assert alone.services.db is runtime.db


def test_no_code_fills_or_reads_services_as_a_dict() -> None:
    pattern = re.compile(r"services\[|services\.get\(|services\.setdefault\(")
    found = [f"{path.relative_to(REPO_ROOT)}:{n}"
             for folder in ("bot", "handlers", "bench", "tests")
             for path in sorted((REPO_ROOT / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line) and path.name != "test_services.py"]
    assert found == []


def test_download_links_are_signed_and_checked_with_the_settings_secret_key(runtime: Runtime, say, tmp_path: Path) -> None:
    from urllib.parse import urlparse

    from bot.app import create_app

    keyed = dataclasses.replace(runtime.settings, secret_key="county-secret")
    runtime.services = dataclasses.replace(runtime.services, settings=keyed, export_dir=tmp_path / "exports")
    reply = say("导出本月台账")
    assert reply.intent == "export", reply.text
    path = urlparse(reply.data["url"]).path
    assert create_app(runtime).test_client().get(path).status_code == 200
    other = build(dataclasses.replace(keyed, secret_key="another"), clock=runtime.clock, db=runtime.db)
    other.services = dataclasses.replace(other.services, export_dir=tmp_path / "exports")
    assert create_app(other).test_client().get(path).status_code == 404  # not this deployment's signature
