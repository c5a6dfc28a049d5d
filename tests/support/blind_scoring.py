"""Scoring of the blind batches in tests/data/blind (written without seeing the parser or the rules).

Messages: each labelled field (intent always; kind, direction, date, period, quantity, compare when the
label is not empty) is compared with `parse`. Checks: each question goes through the whole bot as a member
of the asker's unit; a verdict is right when 可以 is expected and given, or a refusal is expected and
不建议/不可以/需报备审批 is given citing at least one rule; the cited item is right when an expected id is
among those cited.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select

from bot.clock import FixedClock
from bot.messages import IncomingMessage
from bot.nlu import parse
from bot.runtime import DEMO_ORG, build
from config.settings import Settings
from nlu_data import demo_lexicon, demo_speaker
from paths import DATA
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Entry, PendingQuestion
from storage.seed import load_org_file

BLIND = DATA / "blind"
BATCHES = ("wenshu", "ducha", "bangongshi", "cunganbu", "jiedao", "shuji")  # in the order they were written
REFUSALS = frozenset({"discouraged", "forbidden", "needs_approval"})


def rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t") + [""] * (len(head) - len(line.split("\t"))), strict=True))
            for line in lines[1:]]


@dataclass
class NluScore:
    fields_right: int = 0
    fields: int = 0
    messages_right: int = 0
    messages: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def field_rate(self) -> float:
        return self.fields_right / self.fields

    @property
    def message_rate(self) -> float:
        return self.messages_right / self.messages


def score_messages(batch: str) -> NluScore:
    lexicon = demo_lexicon()
    score = NluScore()
    for row in rows(BLIND / f"{batch}_messages.tsv"):
        speaker = demo_speaker(row["sender_unit"]) if row.get("sender_unit") else None
        got = parse(row["text"].replace("\\n", "\n"), dt.datetime.fromisoformat(row["now"]), lexicon, speaker).to_json()
        period = got.get("period") or {}
        checks = {"intent": (row["intent"], got.get("intent") or "")}
        for name in ("kind", "direction", "date", "compare"):
            if row.get(name):
                checks[name] = (row[name], got.get(name) or "")
        if row["period_start"]:
            checks["period"] = (f"{row['period_start']}..{row['period_end']}", f"{period.get('start')}..{period.get('end')}")
        if row["quantity"]:
            checks["quantity"] = (row["quantity"], str(got.get("quantity") or ""))
        wrong = {k: v for k, v in checks.items() if v[0] != v[1]}
        score.fields += len(checks)
        score.fields_right += len(checks) - len(wrong)
        score.messages += 1
        score.messages_right += not wrong
        if wrong:
            score.misses.append(row["text"] + " | " + "; ".join(f"{k}: want {a} got {b}" for k, (a, b) in wrong.items()))
    return score


@dataclass
class CheckScore:
    right: int = 0
    questions: int = 0
    item_right: int = 0
    refusals: int = 0
    ledger_changed: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def verdict_rate(self) -> float:
        return self.right / self.questions

    @property
    def item_rate(self) -> float:
        return self.item_right / self.refusals


def score_checks(batch: str) -> CheckScore:
    lexicon_units = json.loads((DATA / "nlu_lexicon.json").read_text(encoding="utf-8"))["units"]
    aliases = {alias: name for name, names in lexicon_units.items() for alias in names}
    # 县应急局 for 应急局 → 县应急管理局, as the parser reads it (bot.nlu.units)
    aliases.update({"县" + alias: name for alias, name in list(aliases.items())
                    if name.startswith("县") and not alias.startswith("县")})
    questions = rows(BLIND / f"{batch}_checks.tsv")
    for row in questions:
        row["unit"] = aliases.get(row["unit"], row["unit"])
    folder = Path(tempfile.mkdtemp(prefix="blind-"))
    db = Database(f"sqlite:///{folder / 'score.db'}")
    upgrade(db)
    speakers = {"县委办": "王五", "城关镇": "张三"}
    extra = [f"  - {{unit: {u}, name: 测试{u}, roles: [member]}}"
             for u in sorted({r["unit"] for r in questions}) if u not in speakers]
    org = folder / "org.yaml"
    org.write_text(DEMO_ORG.read_text(encoding="utf-8").replace("members:\n", "members:\n" + "\n".join(extra) + "\n", 1),
                   encoding="utf-8")
    with db.session() as session:
        load_org_file(session, org)
    clock = FixedClock(dt.datetime.fromisoformat(questions[0]["now"]))
    runtime = build(Settings(database_url=db.url, scheduler=False), clock=clock, db=db)

    def entries() -> list[tuple[int, str]]:
        """Every entry with its status: a question must neither add an entry nor file, approve or void one."""
        with db.session() as session:
            return [(row.id, row.status) for row in session.execute(select(Entry.id, Entry.status).order_by(Entry.id))]

    score = CheckScore()
    for row in questions:
        clock.set(dt.datetime.fromisoformat(row["now"]))
        before = entries()
        reply = runtime.dispatcher.handle(IncomingMessage(
            platform="console", message_id=uuid.uuid4().hex, chat_id=row["unit"],
            sender_id=speakers.get(row["unit"], f"测试{row['unit']}"), sender_unit=row["unit"],
            text=row["text"].replace("\\n", "\n")))  # a newline inside a question is written \n, as in messages
        score.ledger_changed += entries() != before
        with db.session() as session:
            session.execute(delete(PendingQuestion))  # every question is a fresh exchange
        data = reply.data or {}
        got = data.get("verdict") if reply.intent == "check" else f"<{reply.intent}>"
        cited = {r.get("item") for r in data.get("rules", [])} if reply.intent == "check" else set()
        wanted = set() if row["rules"] in ("-", "") else set(row["rules"].split(","))
        if row["verdict"] == "allowed":
            right = got == "allowed"
        else:
            score.refusals += 1
            right = got in REFUSALS and bool(cited)
            score.item_right += bool(wanted & cited) if wanted else right
        score.questions += 1
        score.right += right
        if not right:
            named = sorted(c for c in cited if c)
            score.misses.append(f"{row['text']} | want {row['verdict']} {sorted(wanted)} got {got} {named}")
    db.dispose()
    return score
