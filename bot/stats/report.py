"""The 汇报 paragraphs of seed 000 §二, filled with the unit's real figures and 同比:

"今年1－11月，我镇共收上级来文×件，同比下降×％；镇级发文×件，同比下降×％。其中党委发文×件…"

Figures are statistics-ledger figures (口径内). Where last year's figure is missing the sentence says
"去年同期无数据" instead of a percentage. For the county office (seed 002) a further paragraph gives
how many units were reminded and how many 人次 of their heads: Notification rows of kind reminder or
over_quota in the period, over the units the office covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.calendar import Period
from bot.clock import TZ
from bot.stats import periods
from bot.stats.counts import LEDGER, MIXED, Figure, combined, figures, months_text
from bot.stats.measures import Measure
from storage.models import Notification, Unit

REMINDER_KINDS = ("reminder", "over_quota")

IN_DOC = Measure("document", "incoming")
OUT_DOC = Measure("document", "outgoing")
PARTY_DOC = Measure("document", "outgoing", "党委发文")
GOV_DOC = Measure("document", "outgoing", "政府发文")
MEETINGS = Measure("meeting", "outgoing")
REPORTS_UP = Measure("report", "incoming")
REPORTS_DOWN = Measure("report", "outgoing")
INSPECTED = Measure("inspection", "incoming", "督查")
ASSESSED = Measure("inspection", "incoming", "考核")
SUPERVISING = Measure("inspection", "outgoing")
MEASURES = (IN_DOC, OUT_DOC, PARTY_DOC, GOV_DOC, MEETINGS, REPORTS_UP, REPORTS_DOWN, INSPECTED, ASSESSED,
            SUPERVISING)


@dataclass(frozen=True)
class Voice:
    """How a unit speaks of itself in a 汇报: 我镇 / 全镇 / 镇级."""

    we: str
    whole: str
    own: str


def voice(unit: Unit) -> Voice:
    name = unit.name
    if unit.level == "town":
        for suffix in ("街道", "镇", "乡"):
            if name.endswith(suffix):
                return Voice(f"我{suffix}", f"全{suffix}", suffix if suffix == "街道" else f"{suffix}级")
        return Voice("我镇", "全镇", "镇级")
    if unit.level == "county":
        return Voice("我县", "全县", "县级")
    if unit.level == "village":
        word = "社区" if name.endswith("社区") else "村"
        return Voice(f"我{word}", f"全{word}", f"{word}级" if word == "村" else word)
    return Voice(name, name, name)


@dataclass
class Reminders:
    people: int  # 人次
    units: int

    def to_json(self) -> dict[str, int]:
        return {"people": self.people, "units": self.units}


@dataclass
class Report:
    unit: str
    period: Period
    text: str
    figures: list[Figure] = field(default_factory=list)
    reminders: Reminders | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "unit": self.unit, "period": self.period.to_json(),
            "figures": {f.measure.key(): f.to_json() for f in self.figures},
        }
        if self.reminders is not None:
            data["reminders"] = self.reminders.to_json()
        return data


def reminders(session: Session, unit_ids: Sequence[int] | None, period: Period) -> Reminders:
    """提醒主要负责人 N 人次 and the number of distinct units, from Notification rows in the period."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=TZ)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=TZ)
    query = select(func.count(Notification.id), func.count(func.distinct(Notification.unit_id))).where(
        Notification.kind.in_(REMINDER_KINDS), Notification.at >= start, Notification.at < end
    )
    if unit_ids is not None:
        query = query.where(Notification.unit_id.in_(list(unit_ids)))
    people, units = session.execute(query).one()
    return Reminders(int(people or 0), int(units or 0))


def reminders_by_unit(session: Session, unit_ids: Sequence[int], period: Period) -> dict[int, int]:
    """提醒主要负责人 N 人次 of each unit (the rows `reminders` counts, grouped by unit; units without any: 0)."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=TZ)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=TZ)
    found = dict.fromkeys(unit_ids, 0)
    if not unit_ids:
        return found
    query = select(Notification.unit_id, func.count(Notification.id)).where(
        Notification.kind.in_(REMINDER_KINDS), Notification.at >= start, Notification.at < end,
        Notification.unit_id.in_(list(unit_ids)),
    ).group_by(Notification.unit_id)
    for unit_id, people in session.execute(query):
        found[int(unit_id)] = int(people)
    return found


def build(session: Session, unit: Unit, period: Period, today: dt.date, rules_label: str,
          county_office: bool = False, covered: Sequence[int] | None = None,
          unit_ids: Sequence[int] | None = None) -> Report:
    """The 汇报 of `unit` (summed over `unit_ids` when given: the county as a whole); `county_office`
    adds seed 002's reminder figures over `covered` units. A period still running is counted up to
    today, and last year up to the same date (同比 of like with like)."""
    ids = list(unit_ids) if unit_ids else [unit.id]
    asked, period = period, periods.as_of(period, today)
    found = figures(session, ids, MEASURES, period, "yoy")
    f = {m: combined(found, ids, m, "yoy", unit.id) for m in MEASURES}
    v = voice(unit)
    if len(ids) > 1:  # the whole county: every figure is 全县's
        v = Voice(v.whole, v.whole, v.whole)
    when = periods.report_phrase(asked, today)
    cut = periods.as_of_text(period.end) if period.end != asked.end else ""

    def n(m: Measure, down: str = "下降") -> str:
        return f"{f[m].value}{m.word}，{f[m].change(down)}"

    documents = f"{when}，{v.we}共收上级来文{n(IN_DOC)}；{v.own}发文{n(OUT_DOC)}。"
    party, gov = f[PARTY_DOC], f[GOV_DOC]
    if any(x.value or (x.previous and x.previous.value) for x in (party, gov)):
        documents += f"其中党委发文{n(PARTY_DOC)}；政府发文{n(GOV_DOC)}。"
        rest = f[OUT_DOC].value - party.value - gov.value
        if rest > 0:
            documents += f"另有未注明党委、政府的发文{rest}件。"
    paragraphs = [
        f"一是减“文”出“精”。{documents}",
        f"二是减“会”求“效”。{when}，{v.whole}召开会议{n(MEETINGS, '减少')}。",
        f"三是减“报”出“绩”。{when}，{v.we}共上报材料{n(REPORTS_UP)}；要求辖区各单位上报材料{n(REPORTS_DOWN)}。",
        f"四是减“形”抓“实”。{when}，接受上级督查{n(INSPECTED)}；接受上级考核{n(ASSESSED)}；"
        f"{v.own}开展督查督导{n(SUPERVISING)}。",
    ]
    counted = None
    if county_office:
        counted = reminders(session, covered, period)
        paragraphs.append(
            f"五是抓统筹、强提醒。{when}，对发文、开会、督查数量较多的单位及时提醒，共提醒{counted.units}个单位，"
            f"提醒单位主要负责人{counted.people}人次。"
        )
    paragraphs.append(_note(list(f.values()), rules_label, cut))
    title = f"{unit.name}基层减负工作数据（{when}{'，' + cut if cut else ''}）"
    return Report(unit.name, period, "\n".join([title, *paragraphs]), list(f.values()), counted)


def _note(all_figures: list[Figure], rules_label: str, cut: str = "") -> str:
    sources = {x.previous.source for x in all_figures if x.previous is not None}
    parts = [f"注：以上数据按统计口径（{rules_label}）统计"]
    if cut:
        parts.append(f"本年数据{cut}，去年同期同样{cut}")
    months = {m for x in all_figures if x.previous is not None for m in x.previous.baseline_months}
    if months:
        ledger = bool(sources & {LEDGER, MIXED})
        named = months_text(months)
        parts.append(f"去年同期数据中{named}据导入的月度基数，其余据去年台账" if ledger
                     else f"去年同期数据来自导入的月度基数（{named}）")
    elif LEDGER in sources:
        parts.append("去年同期数据来自去年台账")
    if None in sources:
        notes = {x.previous.note for x in all_figures if x.previous is not None and x.previous.value is None}
        named = "”或“".join(sorted(n for n in notes if n))
        parts.append(f"注明“{named or '去年同期无数据'}”的项目未作同比")
    return "；".join(parts) + "。"
