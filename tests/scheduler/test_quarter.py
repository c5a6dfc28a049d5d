"""Issue 8: a simulated autumn (2026-08-31 … 2026-12-31) driven by a FixedClock, one tick per hour.

The ledger fills up as the weeks go by (each item is recorded at noon on its day), a few groups change
their subscriptions by chat, quotas are crossed, filed meetings come and go. The test checks that
exactly the expected pushes are queued, at the expected moments (国庆 week skipped, 调休 Saturday used),
delivered once, never at night or on a holiday, with the numbers the ledger holds.

Expected moments and numbers are computed here from the scenario and chinesecalendar directly, not
with the scheduler's own code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

import shutil

import chinese_calendar
import pytest
from bot.usertext import strip
from bot.push import CHART_SUFFIX
from sqlalchemy import delete, select, text

from bot.clock import TZ, FixedClock
from bot.runtime import DEMO_ORG
from suite import PG_URL, is_postgres
from bot.nlu import Intent
from bot.scheduler import Scheduler
from bot.scheduler.config import load_config
from handlers import handler_for
from bot.context import Context
from bot.services import Services
from config.settings import Settings
from storage.db import Database
from storage.models import Base, Conversation, Entry, InboundMessage, Member, Notification, Outbox, Quota, Unit
from storage.seed import load_org_file
from sched_support import FakeEndpoint, at, set_status

D = dt.date
START, END = at(2026, 8, 31, 0), at(2026, 12, 31, 23)
UNITS = ("县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局")
BACKGROUND = (("meeting", "outgoing"), ("document", "outgoing"), ("inspection", "outgoing"), ("document", "incoming"))
GROUPS = ("示范县", *UNITS)  # every unit's console group
COUNTY_GROUPS = ("县委办",)  # county-wide digests: the county office's group only, not 示范县's as well
QUOTAS = {"城关镇": (("meeting", "outgoing"), "year", 10), "县教育局": (("report", "outgoing"), "quarter", 1)}
WARN_AT, ALERT_AT = 0.8, 1.0
ARCHIVED = {"节后部署会": at(2026, 10, 9, 12)}  # archived by the simulation at this moment


@dataclass
class Item:
    unit: str
    kind: str
    direction: str
    day: dt.date
    quantity: int = 1
    recorded: dt.datetime | None = None  # default: noon on its day
    fields: dict[str, object] = field(default_factory=dict)
    by: str = "李四"
    name: str = ""

    @property
    def recorded_at(self) -> dt.datetime:
        return self.recorded or dt.datetime.combine(self.day, dt.time(12), tzinfo=TZ)


def background() -> list[Item]:
    """Routine activity of every unit since August 2025 (for 同比), by a fixed arithmetic pattern."""
    items = []
    day = D(2025, 8, 1)
    while day <= END.date():
        for i, unit in enumerate(UNITS):
            for j, (kind, direction) in enumerate(BACKGROUND):
                if unit == "城关镇" and kind == "meeting":
                    continue  # its meetings are the quota scenario below
                if unit == "河口镇" and day >= D(2026, 11, 1):
                    continue  # a unit that goes quiet: its empty weeks and month are not pushed
                if (day.toordinal() * 7 + i * 13 + j * 5) % 13 == 0:
                    items.append(Item(unit, kind, direction, day, 1 + (i + j + day.day) % 2))
        day += dt.timedelta(days=1)
    return items


def scenario() -> list[Item]:
    s = [Item("城关镇", "meeting", "outgoing", D(2026, m, d)) for m, d in ((1, 15), (3, 10), (4, 14), (5, 12), (6, 16), (7, 21))]
    s += [Item("城关镇", "meeting", "outgoing", D(2025, 9, d)) for d in (8, 9, 16, 22, 23)]
    s += [
        Item("城关镇", "meeting", "outgoing", D(2026, 9, 9)),  # 7 of 10
        Item("城关镇", "meeting", "outgoing", D(2026, 9, 15)),  # 8 of 10 → 提醒 at once (noon)
        Item("城关镇", "meeting", "outgoing", D(2026, 9, 19), 2),  # Saturday: 10 of 10 → 通报 Sunday 08:00 (调休)
        Item("城关镇", "meeting", "outgoing", D(2026, 9, 29), recorded=at(2026, 9, 28, 12), name="防汛会商会",
             fields={"status": "approved", "title": "防汛会商会", "filing_required": True}),
        Item("城关镇", "meeting", "outgoing", D(2026, 10, 8), recorded=at(2026, 9, 24, 12), name="节后部署会",
             fields={"status": "approved", "title": "节后部署会", "filing_required": True,
                     "starts_at": at(2026, 10, 8, 9, 30)}),
        Item("青山镇", "inspection", "incoming", D(2026, 10, 12), recorded=at(2026, 9, 28, 12), by="王五",
             name="迎检", fields={"status": "filed", "title": "市安全生产督查", "subtype": "督查"}),
        Item("城关镇", "meeting", "outgoing", D(2026, 11, 16), recorded=at(2026, 11, 10, 12), name="周一例会",
             fields={"status": "approved", "title": "周一例会", "filing_required": True}),
        Item("青山镇", "meeting", "outgoing", D(2026, 11, 12), name="无会日",
             fields={"title": "项目调度会", "flags": [{"list": "会议负面清单", "item": "R-NMD", "text": "周四周五为无会日",
                                                  "source": "seed 000", "verdict": "discouraged",
                                                  "reason": "11月12日为周四，属无会日"}]}),
        Item("白沙乡", "meeting", "outgoing", D(2026, 11, 19), name="未报备",
             fields={"title": "全乡动员会", "filing_required": True}),
        # 县教育局's quarterly quota of 1 report: reached by an entry recorded at night → alert next morning.
        Item("县教育局", "report", "outgoing", D(2026, 11, 4), recorded=at(2026, 11, 4, 20, 30), by="王五"),
    ]
    return s


def workday(day: dt.date) -> bool:
    return chinese_calendar.is_workday(day)


def on_or_after_workday(day: dt.date) -> dt.date:
    while not workday(day):
        day += dt.timedelta(days=1)
    return day


def weekly_moments(weekday: int, hour: int) -> list[dt.datetime]:
    found = []
    monday = D(2026, 8, 31)
    while monday <= END.date():
        day = on_or_after_workday(monday + dt.timedelta(days=weekday))
        found.append(dt.datetime.combine(day, dt.time(hour), tzinfo=TZ))
        monday += dt.timedelta(days=7)
    return found


def first_workday_moments(months: tuple[int, ...]) -> list[dt.datetime]:
    return [dt.datetime.combine(on_or_after_workday(D(2026, m, 1)), dt.time(9), tzinfo=TZ) for m in months]


@pytest.fixture(scope="module")
def simulated(_template, tmp_path_factory):
    """Run the simulation once for the module's tests (it is the expensive part)."""
    if is_postgres():
        url = PG_URL
        prepare = Database(url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with prepare.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        prepare.dispose()
    else:
        path = tmp_path_factory.mktemp("simulation") / "sim.db"
        shutil.copyfile(_template, path)
        url = f"sqlite:///{path}"
    db = Database(url)
    with db.session() as s:
        load_org_file(s, DEMO_ORG)
    yield _simulate(db)
    db.dispose()


def _simulate(db):
    clock = FixedClock(START)
    items = background() + scenario()
    with db.session() as s:
        ids = {u.name: u.id for u in s.scalars(select(Unit))}
        s.execute(delete(Quota))  # the scenario's quotas only, not the demo organisation's
        s.add(Quota(unit_id=ids["城关镇"], kind="meeting", direction="outgoing", period="year", year=2026, limit=10))
        s.add(Quota(unit_id=ids["县教育局"], kind="report", direction="outgoing", period="quarter", year=2026, limit=1))
    _chat(db, clock, "青山镇", {"action": "reschedule", "digest": "weekly", "day": "tue", "time": "08:00"})
    _chat(db, clock, "白沙乡", {"action": "unsubscribe", "digest": "monthly"})
    _chat(db, clock, "县卫健局", {"action": "subscribe", "digest": "quarterly"})

    endpoint = FakeEndpoint(clock)
    worker = endpoint.worker(db)
    scheduler = Scheduler(db, clock, load_config())
    pending = sorted(items, key=lambda it: it.recorded_at)
    named: dict[str, int] = {}
    t = START
    while t <= END:
        clock.set(t)
        batch = []
        while pending and pending[0].recorded_at <= t:
            batch.append(pending.pop(0))
        if batch:
            named.update(_record(db, batch, ids))
        if t == at(2026, 10, 9, 12):  # the 节后部署会 is archived the day after: no 备案 reminder for it
            set_status(db, named["节后部署会"], "archived")
        if scheduler.tick():  # queued something: deliver it now, as the outbox job would within seconds
            worker.run_once()
        t = _next_tick(t)
    return db, endpoint, items, ids, named


# Every moment something is expected is a tick, and so are moments nothing may happen (night, early
# morning, evening): a push queued at a wrong time shows up at the next tick with a wrong timestamp.
TICK_HOURS = (0, 7, 8, 9, 10, 12, 16, 20)


def _next_tick(t: dt.datetime) -> dt.datetime:
    later = [h for h in TICK_HOURS if h > t.hour]
    if later:
        return t.replace(hour=later[0])
    return (t + dt.timedelta(days=1)).replace(hour=TICK_HOURS[0])


def _chat(db, clock, group: str, args: dict[str, str]) -> None:
    with db.session() as s:
        admin = s.scalar(select(Member).where(Member.name == "王五"))
        conv = s.scalar(select(Conversation).where(Conversation.platform == "console", Conversation.external_id == group))
        message = InboundMessage(platform="console", external_id=f"sim-{group}", text="")
        s.add(message)
        s.flush()
        ctx = Context(session=s, clock=clock, member=admin, unit=admin.unit, conversation=conv, message=message,
                      services=Services.from_settings(Settings(database_url=db.url), db, clock))
        reply = handler_for("subscribe")(ctx, Intent(text="", intent="subscribe", args=args))
        assert reply.intent == "subscribe", reply.text


def _record(db, batch: list[Item], ids: dict[str, int]) -> dict[str, int]:
    named = {}
    with db.session() as s:
        people = {m.name: m.id for m in s.scalars(select(Member))}
        convs = {c.external_id: c.id for c in s.scalars(select(Conversation).where(Conversation.platform == "console"))}
        for item in batch:
            entry = Entry(unit_id=ids[item.unit], kind=item.kind, direction=item.direction, occurs_on=item.day,
                          quantity=item.quantity, created_by=people[item.by], conversation_id=convs[item.unit],
                          created_at=item.recorded_at, **item.fields)
            s.add(entry)
            s.flush()
            if item.name:
                named[item.name] = entry.id
    return named


def _outbox(db) -> list[Outbox]:
    with db.session() as s:
        return list(s.scalars(select(Outbox).order_by(Outbox.id)))


def _expected_count(items: list[Item], units: tuple[str, ...], pair: tuple[str, str], start: dt.date, end: dt.date) -> int:
    return sum(i.quantity for i in items if i.unit in units and (i.kind, i.direction) == pair and start <= i.day <= end)


def _status(item: Item, moment: dt.datetime) -> str:
    archived = ARCHIVED.get(item.name)
    if archived is not None and archived <= moment:
        return "archived"
    return str(item.fields.get("status", "recorded"))


def _period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if kind == "year":
        return D(day.year, 1, 1), D(day.year, 12, 31)
    first = D(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    last = (first.replace(day=28) + dt.timedelta(days=70)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def _quota_used(known: list[Item], unit: str, on: dt.date) -> tuple[int, int, dt.date, dt.date] | None:
    if unit not in QUOTAS:
        return None
    pair, period, limit = QUOTAS[unit]
    first, last = _period_of(period, on)
    used = sum(i.quantity for i in known if i.unit == unit and (i.kind, i.direction) == pair and first <= i.day <= last)
    return used, limit, first, last


def has_news(items: list[Item], unit: str, job: str, moment: dt.datetime, start: dt.date, end: dt.date) -> bool:
    """Whether a unit's own digest of [start, end], due at `moment`, has anything in it (else it is not sent):
    something dated in the period, or something held without filing, filed but past its date unapproved,
    approved and held but not archived, filed for the coming week, or a quota near/over its limit."""
    known = [i for i in items if i.unit == unit and i.recorded_at <= moment]
    today = moment.date()
    if any(start <= i.day <= end for i in known):
        return True
    if any(_status(i, moment) == "filed" and i.day < today for i in known):
        return True
    if any(_status(i, moment) == "approved" and i.day < today for i in known):
        return True
    unfiled_until = today + dt.timedelta(days=6) if job == "weekly" else end
    if any(i.fields.get("filing_required") and _status(i, moment) == "recorded" and start <= i.day <= unfiled_until
           for i in known):
        return True
    if job == "weekly" and any(_status(i, moment) in ("filed", "approved") and today <= i.day <= today + dt.timedelta(days=6)
                               for i in known):
        return True
    quota = _quota_used(known, unit, end)
    if quota is not None:
        used, limit, first, last = quota
        if job == "weekly" and used >= WARN_AT * limit:
            return True
        if job == "monthly":
            elapsed, length = (min(end, last) - first).days + 1, (last - first).days + 1
            if used >= ALERT_AT * limit or round(used * length / max(elapsed, 1)) > limit:
                return True
    return False


def covered(job: str, moment: dt.datetime) -> tuple[dt.date, dt.date]:
    """The period a digest pushed at `moment` covers: the ISO week before the scheduled one, or last month."""
    day = moment.date()
    if job == "weekly":
        monday = day - dt.timedelta(days=day.weekday())
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    end = day.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def expected_digests(items: list[Item], group: str, job: str, moments: list[dt.datetime]) -> list[dt.datetime]:
    if group in COUNTY_GROUPS:
        return moments  # county-wide digests always go out
    if group not in UNITS:
        return []  # 示范县: the county digest goes to 县委办's group only
    return [m for m in moments if has_news(items, group, job, m, *covered(job, m))]


def test_exactly_the_expected_pushes_at_the_expected_moments(simulated):
    db, endpoint, items, _ids, _named = simulated
    rows = _outbox(db)
    convs = _conversation_names(db)
    moments: dict[tuple[str, str], list[dt.datetime]] = defaultdict(list)
    for row in rows:
        assert row.created_at == row.due_at
        if row.dedupe_key.endswith(CHART_SUFFIX):
            continue  # a digest's chart item, checked below
        moments[(convs[row.target], row.dedupe_key.split(":")[0])].append(row.created_at.astimezone(TZ))
    # every 月报 and 季报 (and nothing else) is followed by its chart item
    charts = {r.dedupe_key.removesuffix(CHART_SUFFIX) for r in rows if r.dedupe_key.endswith(CHART_SUFFIX)}
    assert charts == {r.dedupe_key for r in rows if r.dedupe_key.split(":")[0] in ("monthly", "quarterly")
                      and not r.dedupe_key.endswith(CHART_SUFFIX)}

    monday_9, tuesday_8 = weekly_moments(0, 9), weekly_moments(1, 8)
    assert at(2026, 10, 8, 9) in monday_9 and at(2026, 10, 5, 9) not in monday_9  # 国庆: Thursday after
    assert at(2026, 10, 8, 8) in tuesday_8
    monthly = first_workday_moments((9, 10, 11, 12))
    assert monthly == [at(2026, 9, 1, 9), at(2026, 10, 8, 9), at(2026, 11, 2, 9), at(2026, 12, 1, 9)]
    digest_count = 0
    for group in GROUPS:
        weekly = expected_digests(items, group, "weekly", tuesday_8 if group == "青山镇" else monday_9)
        assert moments[(group, "weekly")] == weekly, group
        monthly_here = expected_digests(items, group, "monthly", [] if group == "白沙乡" else monthly)
        assert moments[(group, "monthly")] == monthly_here, group
        wants_bulletin = group in COUNTY_GROUPS or group == "县卫健局"  # 县卫健局 had Q3 activity
        assert moments[(group, "quarterly")] == ([at(2026, 10, 8, 9)] if wants_bulletin else []), group
        digest_count += len(weekly) + len(monthly_here) + wants_bulletin
    # Fewer pushes than one per group and period: 示范县 gets none, empty unit periods are skipped.
    assert moments[("示范县", "weekly")] == [] and digest_count < 18 * 9 + 4 * 8 + 3
    assert any(len(moments[(g, "weekly")]) < 18 for g in UNITS)  # the scenario does have empty weeks

    assert sorted(moments[("城关镇", "reminder")]) == [at(2026, 9, 28, 16), at(2026, 9, 30, 16), at(2026, 11, 13, 16)]
    assert moments[("青山镇", "reminder")] == [at(2026, 10, 10, 16)]  # Monday's inspection: the make-up Saturday
    assert moments[("县委办", "reminder")] == [at(2026, 10, 10, 16)]  # …still unapproved: the approvers too
    assert moments[("城关镇", "archive")] == [at(2026, 10, 9, 10), at(2026, 11, 19, 10)]  # not the archived one
    # 8 of 10 recorded at noon on Tuesday 09-15: 提醒 at once; 10 of 10 on Saturday: Sunday 09-20 is 调休.
    assert moments[("城关镇", "quota")] == [at(2026, 9, 15, 12), at(2026, 9, 20, 8)]
    assert moments[("县教育局", "quota")] == [at(2026, 11, 5, 8)]  # recorded 20:30 → next morning
    # reminders (4 + 1 to the approvers), 备案, quota alerts, and one chart item after each 月报 and 季报
    expected_total = digest_count + 5 + 2 + 3 + len(charts)
    assert len(rows) == expected_total

    # Delivered once each, when queued, never at night or on a holiday.
    assert len(endpoint.deliveries) == expected_total
    keys_seen = [(d.target, d.payload["title"], d.at) for d in endpoint.deliveries]
    assert len(set(keys_seen)) == len(keys_seen)
    for d in endpoint.deliveries:
        local = d.at.astimezone(TZ)
        assert workday(local.date()) and 8 <= local.hour < 20, d
    assert all(r.status == "sent" and r.sent_at == r.created_at for r in rows)


def _assert_figure(text: str, label: str, measure: str, count: int, last_year: int) -> None:
    """A figure is shown when it or last year's is not zero (digests show only non-zero lines)."""
    if count or last_year:
        assert f"{label}{count}{measure}" in text, text
    else:
        assert f"{label}0{measure}" not in text, text


def test_digest_numbers_match_the_ledger(simulated):
    _db, endpoint, items, _ids, _named = simulated
    county_units = UNITS
    meeting, document = ("meeting", "outgoing"), ("document", "outgoing")
    weekly = [d for d in endpoint.to("县委办") if d.title.startswith("每周一分析")]
    assert len(weekly) == 18
    for delivery in weekly:
        monday = delivery.at.date() - dt.timedelta(days=delivery.at.weekday())
        start, end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        text = delivery.payload["text"]
        last_week = (start.replace(year=start.year - 1), end.replace(year=end.year - 1))  # as bot.stats' 同比
        _assert_figure(text.split("\n")[2], "召开会议", "次", _expected_count(items, county_units, meeting, start, end),
                       _expected_count(items, county_units, meeting, *last_week))
        _assert_figure(text, "发文", "件", _expected_count(items, county_units, document, start, end),
                       _expected_count(items, county_units, document, *last_week))
        own = _expected_count(items, ("城关镇",), meeting, start, end)
        unit_digest = next((d for d in endpoint.to("城关镇") if d.at == delivery.at and d.title.startswith("每周一分析")),
                           None)
        assert (unit_digest is not None) == has_news(items, "城关镇", "weekly", delivery.at, start, end)
        if unit_digest is not None:
            _assert_figure(unit_digest.payload["text"], "召开会议", "次", own,
                           _expected_count(items, ("城关镇",), meeting, *last_week))
        # 同比: the same dates of 2025 (bot.stats' rule), from the ledger.
        then = _expected_count(items, county_units, document, *last_week)
        now_count = _expected_count(items, county_units, document, start, end)
        if then and now_count != then:
            direction = "增加" if now_count > then else "下降"
            assert re.search(rf"发文{now_count}件（同比{direction}[\d.]+％）", text), text

    w46 = next(d for d in weekly if d.at == at(2026, 11, 16, 9)).payload["text"]
    assert "规则提示1条" in w46 and "11月12日为周四，属无会日" in w46
    w47 = next(d for d in weekly if d.at == at(2026, 11, 23, 9)).payload["text"]
    assert "应报备未报备1项" in w47 and "全乡动员会" in w47

    monthly = [d for d in endpoint.to("县委办") if d.title.startswith("每月一研判")]
    for delivery in monthly:
        month_start = (delivery.at.date().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        month_end = delivery.at.date().replace(day=1) - dt.timedelta(days=1)
        count = _expected_count(items, county_units, meeting, month_start, month_end)
        then = _expected_count(items, county_units, meeting, month_start.replace(year=month_start.year - 1),
                               month_end.replace(year=month_end.year - 1))
        first_line = delivery.payload["text"].split("\n")[2]
        assert first_line.startswith(f"{month_start.year}年{month_start.month}月：")
        _assert_figure(first_line, "召开会议", "次", count, then)
    september = next(d for d in monthly if d.at == at(2026, 10, 8, 9)).payload["text"]
    assert "城关镇 召开会议 全年12/10次（120%）" in september  # 需研判调整配额

    bulletin = next(d for d in endpoint.to("县委办") if d.title.startswith("每季一通报"))
    text = bulletin.payload["text"]
    assert "2026年第三季度" in bulletin.title
    assert "提醒单位主要负责人2人次（接近配额提醒1人次、超配额通报1人次），涉及单位1个，通报单位1个" in text
    assert "会前/迎检提醒2次。" in text  # Q3: 09-28 and 09-30; the 备案 reminder of 10-09 is Q4 (0: not said)
    assert "城关镇（超配额通报1人次）" in text
    q3 = _expected_count(items, county_units, meeting, D(2026, 7, 1), D(2026, 9, 30))
    assert f"2026年第三季度：召开会议{q3}次" in text
    health = next(d for d in endpoint.to("县卫健局") if d.title.startswith("每季一通报"))
    assert "配额提醒" not in health.payload["text"] and "超配额通报" not in health.payload["text"]  # none: not said


def test_notifications_are_logged_once_for_the_bulletin(simulated):
    db, endpoint, _items, ids, named = simulated
    with db.session() as s:
        rows = list(s.scalars(select(Notification).order_by(Notification.id)))
        lisi = s.scalar(select(Member).where(Member.name == "李四")).id
    kinds = [(n.kind, n.unit_id, n.member_id) for n in rows]
    assert kinds.count(("reminder", ids["城关镇"], lisi)) == 1  # 提醒 at 80 %
    assert kinds.count(("over_quota", ids["城关镇"], lisi)) == 1
    assert kinds.count(("over_quota", ids["县教育局"], None)) == 1  # no head configured: logged per unit
    assert sum(1 for n in rows if n.kind == "event_reminder") == 4
    assert sorted(n.entry_id for n in rows if n.kind == "archive_reminder") == sorted(
        [named["防汛会商会"], named["周一例会"]])
    alert = next(d for d in endpoint.to("城关镇") if d.title == "超配额通报")
    assert alert.payload["mention"] == ["李四"] and "请主要负责人李四同志" in strip(alert.payload["text"])
    reminder = next(d for d in endpoint.to("青山镇") if d.title == "迎检提醒")
    assert "10月12日（周一）" in reminder.payload["text"] and "尚未审批" in reminder.payload["text"]


def _conversation_names(db) -> dict[str, str]:
    """Outbox target (console group id) → group name; console targets are the unit names."""
    with db.session() as s:
        return {c.external_id: c.external_id for c in s.scalars(select(Conversation))}
