"""Accuracy of the rule engine on labelled cadre messages: text → bot.nlu.parse → Proposal → evaluate.

tests/data/checks.tsv was labelled by reading the rule texts, not by running the engine. The test
asserts verdict accuracy >= 90 % and exact rule-citation accuracy >= 85 %, and prints every miss.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from bot.clock import TZ
from bot.nlu import parse
from bot.rules import RuleStore, evaluate, proposal_from_intent
from paths import DATA
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Baseline, Entry, Quota, Unit

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)  # a Sunday
CHECKS = DATA / "checks.tsv"
VERDICT_TARGET = 0.90
CITATION_TARGET = 0.85


@dataclass(frozen=True)
class Case:
    line: int
    text: str
    unit: str | None
    verdict: str
    rules: frozenset[str]


def load_cases() -> list[Case]:
    cases = []
    for n, raw in enumerate(CHECKS.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("text\t"):
            continue
        text, unit, verdict, rules, _note = [*raw.split("\t"), ""][:5]
        cases.append(Case(
            line=n,
            text=text,
            unit=None if unit == "-" else unit,
            verdict=verdict,
            rules=frozenset() if rules == "-" else frozenset(rules.split(",")),
        ))
    return cases


# --- the test ledger ----------------------------------------------------------------------------

UNITS = {
    "示范县": "county", "城关镇": "town", "青山镇": "town", "白沙乡": "town", "河口镇": "town",
    "县教育局": "department", "县卫健局": "department",
}


def _entry(unit: Unit, kind: str, day: dt.date, title: str, **kw: object) -> Entry:
    return Entry(unit_id=unit.id, kind=kind, direction=kw.pop("direction", "outgoing"), occurs_on=day,
                 title=title, raw_text=title, **kw)


def build_ledger(session: Session) -> dict[str, Unit]:
    """The units of checks.tsv and the few entries its ledger-aware rows rely on."""
    county = Unit(name="示范县", level="county")
    session.add(county)
    session.flush()
    units = {"示范县": county}
    for name, level in UNITS.items():
        if name not in units:
            units[name] = Unit(name=name, level=level, parent_id=county.id)
            session.add(units[name])
    session.flush()
    town = units["城关镇"]
    session.add_all([
        _entry(town, "meeting", dt.date(2026, 11, 20), "秸秆禁烧工作推进会", attendees_scope="各村"),
        _entry(town, "document", dt.date(2026, 11, 10), "关于做好冬季森林防火工作的通知"),
        _entry(town, "meeting", dt.date(2026, 11, 12), "人居环境整治现场会", attendees_scope="各村"),
    ])
    # 青山镇: 8 of 10 meetings used (80 %); 白沙乡: 5 of 5 (100 %).
    qs, bs = units["青山镇"], units["白沙乡"]
    session.add(Quota(unit_id=qs.id, kind="meeting", direction="outgoing", period="year", year=2026, limit=10))
    session.add_all(_entry(qs, "meeting", dt.date(2026, m, 5), f"第{m}次党委理论学习中心组学习") for m in range(1, 9))
    session.add(Quota(unit_id=bs.id, kind="meeting", direction="outgoing", period="year", year=2026, limit=5))
    session.add_all(_entry(bs, "meeting", dt.date(2026, m, 8), "月度工作例会") for m in range(2, 7))
    # 河口镇: 6 documents last year (imported baseline), 6 so far this year.
    hk = units["河口镇"]
    session.add_all(Baseline(unit_id=hk.id, kind="document", direction="outgoing", year=2025, month=m, count=1)
                    for m in range(1, 7))
    session.add_all(_entry(hk, "document", dt.date(2026, m, 15), f"关于第{m}项工作的通知") for m in range(1, 7))
    # 县教育局: already held one 全县性 meeting this year.
    edu = units["县教育局"]
    session.add(_entry(edu, "meeting", dt.date(2026, 3, 15), "全县教育系统工作会议"))
    session.flush()
    return units


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    path = tmp_path_factory.mktemp("rules") / "t.db"
    db = Database("sqlite:///" + str(path))
    upgrade(db)
    with db.session() as session:
        ids = {name: unit.id for name, unit in build_ledger(session).items()}
    yield db, ids
    db.dispose()


# --- the measurement ----------------------------------------------------------------------------

def run_case(case: Case, db: Database, ids: dict[str, int], store: RuleStore) -> tuple[str, frozenset[str]]:
    intent = parse(case.text, NOW)
    proposal = proposal_from_intent(
        intent,
        now=NOW,
        unit_id=ids[case.unit] if case.unit else None,
        unit_level=UNITS[case.unit] if case.unit else None,
    )
    book = store.current()
    if case.unit is None:
        verdict = evaluate(proposal, book, None, NOW.date())
    else:
        with db.session() as session:
            verdict = evaluate(proposal, book, session, NOW.date())
    return verdict.verdict, frozenset(f.item for f in verdict.findings)


def test_checks_file_is_big_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 120
    assert {c.verdict for c in cases} == {"allowed", "discouraged", "forbidden", "needs_approval"}
    assert sum(1 for c in cases if not c.rules) >= 15, "questions no rule covers"


def test_labels_name_real_rules() -> None:
    known = RuleStore().current().item_ids()
    unknown = {(c.line, r) for c in load_cases() for r in c.rules if r not in known}
    assert not unknown


def test_accuracy(ledger: tuple[Database, dict[str, int]]) -> None:
    db, ids = ledger
    store = RuleStore()
    cases = load_cases()
    verdict_ok = citation_ok = 0
    misses = []
    for case in cases:
        got_verdict, got_rules = run_case(case, db, ids, store)
        verdict_ok += got_verdict == case.verdict
        citation_ok += got_rules == case.rules
        if got_verdict != case.verdict or got_rules != case.rules:
            misses.append(
                f"line {case.line}: {case.text}\n"
                f"    expected {case.verdict} {sorted(case.rules)}\n"
                f"    got      {got_verdict} {sorted(got_rules)}"
            )
    verdict_acc = verdict_ok / len(cases)
    citation_acc = citation_ok / len(cases)
    report = (f"verdict accuracy {verdict_acc:.1%} ({verdict_ok}/{len(cases)}), "
              f"rule-citation accuracy {citation_acc:.1%} ({citation_ok}/{len(cases)})")
    print(report)
    print("\n".join(misses))
    assert verdict_acc >= VERDICT_TARGET, report + "\n" + "\n".join(misses)
    assert citation_acc >= CITATION_TARGET, report + "\n" + "\n".join(misses)
