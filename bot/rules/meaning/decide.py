"""The meaning check: compare a proposal with the example banks and revise the word-trigger findings.

Trigger words and structured rules run first (bot.rules.engine); this pass then
- adds an item whose VIOLATING examples are the question's nearest neighbours (wording nobody listed),
- drops an item the words triggered when its nearest example is a COMPLYING one (不开会了，打个电话
  就行 does what 能通过电话交办的不开会 asks), and when the whole question is a compliance proposal,
- keeps 事前报备 blocking only when the question says the plan is not (or too late) filed; otherwise
  it stays as a reminder, since the rule forbids skipping the review, not inspecting,
- drops 无会日 when the nearest 无会日 example says no meeting is held on that day.
Every finding it adds carries the example it relied on and the shared words (MeaningFinding).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.nlu.numbers import NUM, to_number
from bot.rules.context import CheckContext
from bot.rules.lists import check_item
from bot.calendar import work_calendar
from bot.rules.meaning.index import WORDINGS, BankIndex, Match
from bot.rules.meaning.rules import RuleRef
from bot.rules.meaning.store import meaning_book
from bot.rules.meaning.tokens import FRAME_WORDS
from bot.rules.model import Finding
from bot.rules.textmatch import said_of_others

SECOND = 0.7  # weight of an item's second-nearest example of the same polarity
ADD_AT = 0.40  # a violating example at least this close adds its item (whatever kind the parser saw)…
CONSENSUS_OF = 3  # the nearest examples, all violating one item (agreement is evidence of its own)…
CONSENSUS_AT = 0.40  # …add it from this close
STRONG_AT = 0.6  # a consensus this close (with its runner-up) says enough even with one content word (填表 at a 检查)
KIND_MISFIT = 0.95  # an item of another kind than the question names counts this share (ties go to its own kind)
ADD_NEAR = 0.06  # …when it is within this of the best match of all (so it is what the question is about)
DROP_AT = 0.25  # a complying example at least this close removes its item's trigger finding
DROP_AT_DENIAL = 0.22  # …or this close when it shares a denial with the question ("不在镇上吃饭")
MARGIN = 0.04  # how much the winning polarity must lead the other
CLOSE = 0.15  # complying and violating examples this near each other: decided by each side's own words
POLARITY_LEAD = 1.1  # …the winning side's own words must outweigh the other side's by this factor
CLEAR_LEAD = 0.06  # …or, when the complying example shares no denial with the question, this much
COMPLIANCE_AT = 0.38  # the nearest example overall is complying and this close: a compliance proposal
FILING_AT = 0.28
# The nearest examples vote for the kind of a question whose words name none: each at least KIND_AT close
# counts its similarity, and the winning kind needs KIND_VOTES in all.
KIND_VOTERS = 6
KIND_AT = 0.2
KIND_VOTES = 0.45  # an example about the plan being (not) filed, this close, decides 事前报备
KINDLESS_COMPLY_AT = 0.2  # a question of no known kind whose nearest example complies, this close: 可以
_FILING_NOW = re.compile(r"(?:今天|现在|马上|刚|才)[才就]?(?:把[^，,。]{0,6}?)?[报交]")
# The plan is said to be filed already (已报备, 方案上个月就报批了, 也审查过了) — or said not to be.
_FILED = re.compile(r"已(?:经)?(?:按程序|按规定|按要求)?(?:报备|报批|备案|审批|审查|审核|批)"
                    r"|(?:报备|报批|备案|审查|审核|审|批)(?:过|了)"
                    r"|方案[^，,。]{0,8}?(?:报|批|审)(?:过|了)"
                    r"|提前(?:[5-9]|[1-9]\d|五|六|七|八|九|十[一二三四五六七八九]?)个?工作日[^，,。]{0,6}?(?:报|审)")
_NOT_FILED = re.compile(r"[没未不](?:有)?(?:报备|报批|备案|审|批|报)|还没|尚未|来不及|不报")
# The review or filing itself said not to be done (没做方案审查, 方案还没送审, 未履行报备): the rule applies
# whatever the day.
_SAID_UNFILED = re.compile(r"[没未](?:有)?(?:做|走|进行|经过|经|履行)?[^，,。]{0,4}?(?:报备|报批|备案|审查|审核|审批|报审|送审)"
                           r"|方案[^，,。]{0,6}?(?:还没|没|未)")
# The filing itself asked about (方案要不要提前报县委办, 检查方案需要提前报吗, 要报备吗): the answer is that it must be
# filed, not a reminder beside something else asked.
_FILING_ASKED = re.compile(r"(?:方案|报备|报审|审查)[^，,。]{0,6}?(?:要不要|需不需要|用不用|需要|要|得)(?:提前)?"
                           r"(?:报|备|审|交)[^，,。]{0,8}?(?:吗|么|嘛|不|\?|？)?$"
                           r"|(?:要不要|需不需要|用不用)(?:提前)?(?:报备|报审|报方案|报批)"
                           r"|(?:要|需要|得)提前(?:报|备)[^，,。]{0,6}?(?:吗|么|嘛)$")
# The days left told (离开会只剩3个工作日了才报方案, 提前两天才报审): fewer than the rule asks is late.
_DAYS_LEFT_TOLD = re.compile(rf"(?:只剩|还剩|仅剩|才剩|只有|提前)(?:了)?(?P<n>{NUM})个?(?:工作日|天)")
# Something said to have happened before: 已经发文, 开过, 上周刚开了, 配额用完了, 今年第二次.
_HISTORY = re.compile(r"已|过(?![来去年节])|了|刚|才|此前|之前|前[几两]天|上(?:周|月|个月|次)|去年"
                      r"|第[二三四五六七八九十\d]+次|满")
# The proposal restricts or forgoes something (只派一个人陪同, 不另发文, 拿现成的台账, 讲话控制在20分钟): a way of
# doing what the lists ask; a violating example that is only moderately near is not evidence against it.
# 只派一个人, 就1个人陪同, 分管副镇长陪同(书记照常工作), 不要乡镇陪同: limited to a few, or forgone.
# 不开会, 不算开会, 不召集: the question says no meeting is held, so a complying example may say so too
_NO_MEETING_SAID = re.compile(r"不(?:算|是|用|必|再)?(?:开会|召开|召集|开大会|算会)|不开|接待")
_AVOIDS = re.compile(r"只(?:派|安排|请|提供|报|要|让|开|讲|出|看|查|在)|(?:就|只|仅)(?:我|他)?(?:一|1|一两)个?人"
                     r"|不(?:再|另|必|搞|调|派|转发)|不(?:要|用|让)[^，,。；;\s]{0,6}?陪同"
                     r"|(?<![和、与及])分管[^，,。；;\s都和、全]{0,5}?陪同"
                     r"|(?:就行|即可)(?:了)?(?:吧|吗|么|,|$)|合并|自带|现成的?|照常|如实|以内|控制在")
_RESTRICTION_TO_CLAUSE_END = re.compile(rf"(?:{_AVOIDS.pattern})[^，,。；;？?！!]*")
_SHOW = 6  # shared words quoted
WEEKDAY_NAMES = "一二三四五六日"


@dataclass(eq=False)
class MeaningFinding(Finding):
    """A finding added by meaning: the nearest example and the words the question shares with it."""

    example: str = ""
    shared: tuple[str, ...] = ()
    score: float = 0.0


@dataclass
class Revision:
    findings: list[Finding]
    checked: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Best:
    """Per rule id and polarity: the nearest example, and a score that also counts the runner-up.

    Two examples of one item that each share part of the question are better evidence than one:
    the score is the best similarity plus SECOND times the second best.
    """

    violating: dict[str, Match] = field(default_factory=dict)
    complying: dict[str, Match] = field(default_factory=dict)
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    top: Match | None = None
    top_score: float = 0.0
    index: BankIndex | None = None
    text: str = ""
    consensus: str | None = None  # the item whose violating examples are all of the nearest few
    nearest: dict[tuple[str, str], list[Match]] = field(default_factory=dict)  # the two nearest of each
    addable: tuple[str, ...] = ()  # the violating ids scored enough to be added, were they to apply

    @classmethod
    def of(cls, matches: tuple[Match, ...], relevant: Callable[[str], bool], index: BankIndex | None = None,
           text: str = "") -> _Best:
        """`relevant`: whether the question may be about a rule id; only the best scored ids are asked."""
        ranked = _ranked(matches)
        best = cls(violating=ranked.violating, complying=ranked.complying, scores=ranked.scores, index=index,
                   text=text, consensus=ranked.consensus, nearest=ranked.nearest, addable=ranked.addable)
        for item, polarity in ranked.by_score:  # the first relevant one is the best (the first of equals)
            score = best.scores[(item, polarity)]
            if score <= 0.0:
                break
            if relevant(item):
                best.top_score = score
                best.top = (best.violating if polarity == "violating" else best.complying)[item]
                break
        return best

    def says_enough(self, item: str) -> bool:
        """The item's two nearest violating examples share a denial with the question, or two words
        beyond the frame between them (填表 in one, 检查组 and 之前 in the other)."""
        m = self.violating[item]
        if item == self.consensus and self.v(item) >= STRONG_AT and not m.contradicts:  # all the nearest say it, closely
            return True
        return m.denial or m.none_of or len(self.words(item, "violating") - FRAME_WORDS) >= 2

    def words(self, item: str, polarity: str) -> set[str]:
        """The question's words the item's two nearest examples of that polarity share with it (worked out
        only for the few items that may be added, not for every one ranked)."""
        return {w for m in self.nearest.get((item, polarity), []) for w in m.shared}

    def v(self, item: str) -> float:
        return self.scores.get((item, "violating"), 0.0)

    def c(self, item: str) -> float:
        return self.scores.get((item, "complying"), 0.0)

    def v1(self, item: str) -> float:
        m = self.violating.get(item)
        return m.score if m else 0.0

    def c1(self, item: str) -> float:
        m = self.complying.get(item)
        return m.score if m else 0.0

    def polarity_of_top(self) -> str | None:
        return self.top.example.polarity if self.top else None

    def complies(self, item: str, at: float = DROP_AT, strict: bool = True) -> bool:
        """The question does what the item asks: its complying examples are nearer (polarity is decided by
        the single nearest examples; the violating banks are larger, so a runner-up bonus would favour them),
        and, when strict, they share a denial with it ("不开会了") or lead clearly."""
        c, v = self.c1(item), self.v1(item)
        denial = item in self.complying and self.complying[item].denial
        if c < (min(at, DROP_AT_DENIAL) if denial else at):
            return False
        if c < v + MARGIN:
            return v - c <= CLOSE and self._own_words_say(item, "complying")
        return not strict or denial or c >= v + CLEAR_LEAD

    def breaks(self, item: str, at: float) -> bool:
        """The question does what the item forbids: its violating examples are near enough and nearer than
        its complying ones; when both sides are about equally near, the words only one side uses decide."""
        v, c = self.v(item), self.c(item)
        if v < at:
            return False
        if item in self.complying and abs(self.v1(item) - self.c1(item)) <= CLOSE:
            return self._own_words_say(item, "violating") or (
                v >= c + MARGIN and not self._own_words_say(item, "complying"))
        return v >= c + MARGIN

    def _own_words_say(self, item: str, polarity: str) -> bool:
        if self.index is None:
            return False
        pv, pc = self.index.polarity(self.text, item)
        return pc > pv * POLARITY_LEAD if polarity == "complying" else pv > pc * POLARITY_LEAD


@dataclass(frozen=True)
class _Ranked:
    """What _Best reads of a ranking whichever rules are relevant: per rule id and polarity the nearest example,
    the two nearest and the score counting the runner-up; and the consensus of the nearest few. Read only: it is
    shared by every _Best of the same ranking."""

    violating: dict[str, Match]
    complying: dict[str, Match]
    scores: dict[tuple[str, str], float]
    nearest: dict[tuple[str, str], list[Match]]
    consensus: str | None
    by_score: tuple[tuple[str, str], ...]  # the keys of `scores`, highest first, equals in the scores' order
    addable: tuple[str, ...]  # the ids in `violating` (in its order) scored at least the least threshold to add


# Per ranking (BankIndex.ranking: one tuple per wording while the index keeps it), what _Best reads of it, for as
# many rankings as the index keeps; the ranking is kept beside its summary, so that its id stays its own.
_RANKED_KEPT = WORDINGS
_rankeds: dict[int, tuple[tuple[Match, ...], _Ranked]] = {}


# An item is added only when its violating score reaches ADD_AT (CONSENSUS_AT) divided by a kind fit of at most 1.
_LEAST_ADD_AT = min(ADD_AT, CONSENSUS_AT)


def _ranked(matches: tuple[Match, ...]) -> _Ranked:
    found = _rankeds.get(id(matches))
    if found is not None and found[0] is matches:
        return found[1]
    violating: dict[str, Match] = {}
    complying: dict[str, Match] = {}
    scores: dict[tuple[str, str], float] = {}
    nearest: dict[tuple[str, str], list[Match]] = {}
    consensus = None
    counted: dict[tuple[str, str], int] = {}
    leading = [m for m in matches if not m.contradicts][:CONSENSUS_OF]
    if len(leading) == CONSENSUS_OF and len({(m.example.item, m.example.polarity) for m in leading}) == 1 \
            and leading[0].example.polarity == "violating":
        consensus = leading[0].example.item
    for m in matches:  # best first
        if m.contradicts:  # it describes the opposite act: no evidence either way
            continue
        key = (m.example.item, m.example.polarity)
        n = counted.get(key, 0)
        if n == 0:
            (violating if m.example.polarity == "violating" else complying)[m.example.item] = m
            scores[key] = m.score
            nearest[key] = [m]
        elif n == 1:
            scores[key] += SECOND * m.score
            nearest[key].append(m)
        counted[key] = n + 1
    by_score = tuple(sorted(scores, key=scores.__getitem__, reverse=True))  # a stable sort, also reversed
    addable = tuple(item for item in violating if scores[(item, "violating")] >= _LEAST_ADD_AT)
    ranked = _Ranked(violating, complying, scores, nearest, consensus, by_score, addable)
    if len(_rankeds) >= _RANKED_KEPT:
        _rankeds.clear()
    _rankeds[id(matches)] = (matches, ranked)
    return ranked


def _applies(ref: RuleRef, ctx: CheckContext) -> bool:
    if ref.kinds and ctx.proposal.kind not in ref.kinds:
        return False
    if ref.directions and ctx.direction not in ref.directions:
        return False
    return ref.when is None or ctx.holds(ref.when)


def _substantial(m: Match) -> bool:
    """A match that says something: it shares a denial, or at least two words beyond the frame."""
    return m.denial or m.none_of or sum(1 for w in m.shared if w not in FRAME_WORDS) >= 2


# The history stated is that the limit is not reached: 比去年少, 才发了十五个, 配额50件，用了35件.
_BELOW = re.compile(r"比(?:去年|上年)少|少于(?:去年|上年)|低于(?:去年|上年)|没超|未超|没有超|还剩|还有余"
                    r"|才(?:发|用|开)了|没用完|还没用完")
_LIMIT_AND_USED = re.compile(rf"(?:配额|指标|额度|计划)[^，,。；;]{{0,6}}?(?P<limit>{NUM})[件个次份]?[^，,。；;]{{0,3}}"
                             rf"[，,；;\s]*(?:已经|目前|现在|才)?(?:用了|发了|开了|用|发|已用|已发)(?P<used>{NUM})")


def _below_the_limit(text: str) -> bool:
    if _BELOW.search(text):
        return True
    m = _LIMIT_AND_USED.search(text)
    if m is None:
        return False
    limit, used = to_number(m["limit"]), to_number(m["used"])
    return limit is not None and used is not None and used < limit


def _may_add(ref: RuleRef, ctx: CheckContext) -> bool:
    """A list item is added whoever does the thing (an upper level's inspectors too) and, when the
    meaning is clear enough, whatever kind the parser guessed; structured rules need their facts."""
    if not ref.structured:
        return not _ruled_out(ref, ctx)
    if ref.history and (not _HISTORY.search(ctx.text) or _below_the_limit(ctx.text)):
        return False  # 开个森林防火部署会 says nothing of a document already out: the ledger decides
    if ref.undated_only and (ctx.proposal.date is not None or not _names_no_meeting_day(ctx)
                             or _exempt_from_no_meeting(ctx)):
        return False
    return _applies(ref, ctx)


def _kind_fit(ref: RuleRef, ctx: CheckContext) -> float:
    """An item of another kind than the one the question names (简报 is no meeting) needs closer evidence."""
    kind = ctx.proposal.kind
    return KIND_MISFIT if kind and ref.kinds and kind not in ref.kinds else 1.0


def _excepted(item: str, ctx: CheckContext) -> bool:
    """The question names the item's own exception (除安保、应急外 → 应急响应期间值班打卡): the nearest item still
    leads the candidates, so a weaker neighbour is not cited in its place, but it is not added."""
    found = ctx.book.item_by_id(item)
    return found is not None and bool(found.unless) and ctx.match(found.unless) is not None


def _ruled_out(ref: RuleRef, ctx: CheckContext) -> bool:
    """The question states a figure below what the item is about (十来人的座谈会 is no 30人以上的座谈会)."""
    p = ctx.proposal
    if ref.min_scale is not None and p.scale is not None and p.scale < ref.min_scale:
        return True
    return ref.min_length is not None and p.length_chars is not None and p.length_chars < ref.min_length


def _names_no_meeting_day(ctx: CheckContext) -> bool:
    """The question speaks of the 无会日 itself or of one of its weekdays (周四, 星期五…)."""
    nm = ctx.book.no_meeting
    if nm is None:
        return False
    names = ["无会日"] + [f"{w}{WEEKDAY_NAMES[d - 1]}" for d in nm.weekdays for w in ("周", "星期", "礼拜")]
    return any(n in ctx.text for n in names)


def _exempt_from_no_meeting(ctx: CheckContext) -> bool:
    """An emergency, statutory or upper-level meeting (config/rules.yaml exemptions) is never flagged."""
    nm = ctx.book.no_meeting
    return bool(nm and any(ctx.match(ex.words) and not ctx.match(ex.unless) for ex in nm.exemptions))


def _shared(m: Match) -> str:
    return "、".join(m.shared[:_SHOW])


def _quote(m: Match) -> str:
    return f"与“{m.example.text}”意思相近" + (f"（共同词语：{_shared(m)}）" if m.shared else "")


def revise(ctx: CheckContext, findings: list[Finding], checked: list[str]) -> Revision:
    """The findings after reading the question's meaning; `checked` gains any list it newly cites."""
    book = meaning_book(ctx.book)
    if book is None or not ctx.proposal.text:
        return Revision(findings, checked)
    # Rules the question may be about: those that apply to its kind, those already found, and the
    # structured rules whose banks only revise findings (无会日, 事前报备).
    found = {f.item for f in findings}

    def relevant(item: str) -> bool:
        if item in found or item in book.revising:
            return True
        ref = book.refs.get(item)
        return ref is not None and _may_add(ref, ctx)

    best = _Best.of(book.index.ranking(ctx.proposal.text), relevant, book.index, ctx.proposal.text)
    compliance = (best.polarity_of_top() == "complying" and best.top_score >= COMPLIANCE_AT
                  and best.top is not None and _substantial(best.top))
    out: list[Finding] = []
    notes: list[str] = []
    for f in findings:
        revised = _revise_one(f, ctx, best, compliance, notes)
        if revised is not None:
            out.append(revised)
    have = {f.item for f in out}
    new_checked = list(checked)
    # Candidates to add: violating evidence that beats the item's complying evidence; only those near the
    # best candidate, and near the best match of all, are added.
    candidates: list[tuple[float, str]] = []
    for item in best.addable:
        ref = book.refs.get(item)
        if ref is None or item in have:
            continue
        at = CONSENSUS_AT if item == best.consensus else ADD_AT
        fit = _kind_fit(ref, ctx)
        if best.v(item) < at / fit or not _may_add(ref, ctx):  # the first: breaks() would look no further
            continue
        if best.breaks(item, at / fit) and best.says_enough(item) and not (
                _AVOIDS.search(ctx.proposal.text) and best.v(item) < STRONG_AT and not ref.structured):
            candidates.append((best.v(item) * fit, item))
    lead = max((c[0] for c in candidates), default=0.0)
    for score, item in sorted(candidates, reverse=True):
        if score < lead - ADD_NEAR or score < best.top_score - ADD_NEAR:
            continue
        ref, m = book.refs[item], best.violating[item]
        if _excepted(item, ctx):
            continue
        out.append(MeaningFinding(
            list_key=ref.list_key, list_name=ref.list_name, item=ref.item, number=ref.number, text=ref.text,
            source=ref.source, verdict=ref.verdict, reason=f"{ref.reason}（所问{_quote(m)}）",
            example=m.example.text, shared=m.shared, score=round(m.score, 3),
        ))
        have.add(item)
        if ref.list_name not in new_checked:
            new_checked.append(ref.list_name)
    return Revision(out, new_checked, notes)


def kind_by_meaning(ctx: CheckContext) -> str | None:
    """For a question whose words name no kind: the kind of the list whose item its meaning breaks,
    else the kind of the rule whose examples, complying or not, it is clearly nearest to
    (“每个乡镇发言5分钟” is about a meeting even when nothing in it is wrong)."""
    found = revise(ctx, [], []).findings
    for f in found:
        lst = ctx.book.list_by_key(f.list_key)
        if lst is not None and lst.kinds:
            return lst.kinds[0]
    book = meaning_book(ctx.book)
    if book is None or not ctx.proposal.text:
        return None
    votes: dict[str, float] = {}
    for m in book.index.search(ctx.proposal.text, limit=KIND_VOTERS):
        ref = book.refs.get(m.example.item)
        if ref is not None and ref.kinds and m.score >= KIND_AT and _substantial(m):
            votes[ref.kinds[0]] = votes.get(ref.kinds[0], 0.0) + m.score
    kind, weight = max(votes.items(), key=lambda kv: kv[1], default=(None, 0.0))
    return kind if weight >= KIND_VOTES else None


def kindless_compliance(ctx: CheckContext) -> str | None:
    """For a question whose kind nothing could tell: when its nearest example is one that COMPLIES with a
    rule (群里只在上班时间布置工作, 直接看现场不要材料) and no violating example is as near, the question
    proposes what the rule asks, and the answer is 可以 with that example quoted; otherwise None (ask back)."""
    book = meaning_book(ctx.book)
    if book is None or not ctx.proposal.text:
        return None
    matches = book.index.search(ctx.proposal.text, limit=KIND_VOTERS)
    if not matches:
        return None
    top = matches[0]
    violating = max((m.score for m in matches if m.example.polarity == "violating"), default=0.0)
    ref = book.refs.get(top.example.item)
    if (ref is None or top.example.polarity != "complying" or top.score < KINDLESS_COMPLY_AT
            or violating > top.score - MARGIN or top.contradicts):
        return None
    return f"所问做法{_quote(top)}，符合{ref.list_name}“{ref.text}”的要求。"


def _only_restricted(f: Finding, ctx: CheckContext) -> bool:
    """The item's words occur only inside a restriction (只派一个分管领导陪同): what it names is limited or
    forgone, not done. Blanking each restriction to its clause's end, the item no longer fires."""
    lst, item = ctx.book.list_by_key(f.list_key), ctx.book.item_by_id(f.item)
    if lst is None or item is None or not _AVOIDS.search(ctx.text):
        return False
    blanked = _RESTRICTION_TO_CLAUSE_END.sub(lambda m: " " * len(m.group(0)), ctx.text)
    return check_item(lst, item, dataclasses.replace(ctx, text=blanked)) is None


def _measured(item_id: str, ctx: CheckContext) -> bool:
    """The item fired on a figure the question states (a length or head-count at or over its threshold)."""
    item = ctx.book.item_by_id(item_id)
    p = ctx.proposal
    return item is not None and any(
        (t.when.min_length is not None and p.length_chars is not None and p.length_chars >= t.when.min_length)
        or (t.when.min_scale is not None and p.scale is not None and p.scale >= t.when.min_scale)
        for t in item.triggers)


def _revise_one(f: Finding, ctx: CheckContext, best: _Best, compliance: bool, notes: list[str]) -> Finding | None:
    """The finding as it stands after meaning, or None when the question turns out to comply with it."""
    if f.verdict == "allowed":
        return f
    if f.list_key == "advance_filing":
        return _filing(f, ctx, best, compliance)
    if f.stated or _measured(f.item, ctx):
        return f  # 综合性文件写了4600字, 配额已经用满: a stated figure over the item's limit is a fact, not a wording
    if f.list_key == "no_meeting" and ctx.proposal.date is not None and not any(
            not said_of_others(ctx.text, m.start()) for m in _NO_MEETING_SAID.finditer(ctx.text)):
        return f  # 4.16开防汛推进会: the day named is a 无会日, whatever the wording resembles
    if not isinstance(f, MeaningFinding) and _only_restricted(f, ctx):
        notes.append(f"所问做法是对“{f.citation}”所列情形的限制或不做，不构成该项。")
        return None
    if best.complies(f.item):
        m = best.complying[f.item]
        notes.append(f"所问做法{_quote(m)}，符合{f.citation}的要求，不构成该项。")
        return None
    if f.list_key == "no_meeting":
        return f
    list_keys = {lst.key for lst in ctx.book.lists}
    if compliance and best.top is not None and best.v(f.item) < best.top_score - MARGIN and f.list_key in list_keys:
        m = best.top
        notes.append(f"所问做法{_quote(m)}，属于按规定要求去做，未按“{f.citation}”的字面词语认定。")
        return None
    return f


def _filing(f: Finding, ctx: CheckContext, best: _Best, compliance: bool) -> Finding:
    """事前报备 blocks when the plan is said to be unfiled, or the day is too near; else it is a reminder."""
    p = ctx.proposal
    rule = next((r for r in ctx.book.filing if r.rule.id == f.item), None)
    near = bool(p.date and rule and rule.working_days
                and work_calendar().workdays_between(ctx.today, p.date) < rule.working_days)
    # A plan reviewed N days before its notice: a near day is late only when the review is still to come
    # (方案今天才报审 / 还没审, and the notice must go out before the day).
    late = near and rule is not None and (rule.before == "event" or bool(_FILING_NOW.search(p.text))
                                          or bool(_NOT_FILED.search(p.text)))
    told_left = _DAYS_LEFT_TOLD.search(p.text)
    if told_left is not None and rule is not None and rule.working_days:
        left = to_number(told_left["n"])
        late = late or (left is not None and left < rule.working_days)
    said_unfiled = best.breaks(f.item, FILING_AT) and _substantial(best.violating[f.item])
    filed_in_words = bool(_FILED.search(p.text) and not _NOT_FILED.search(p.text))
    said_filed = (best.complies(f.item, FILING_AT, strict=False) and _substantial(best.complying[f.item])) or filed_in_words
    if _SAID_UNFILED.search(p.text) and not filed_in_words:
        return f
    if _FILING_ASKED.search(p.text.rstrip("？?。 ")) and not filed_in_words:
        return f  # 方案要不要提前报县委办: the filing asked about, and it is required
    if not late and _FILING_NOW.search(p.text) and not _NOT_FILED.search(p.text):
        return _remind(f, "所述方案按时报备即可")  # 23号开会，今天报备: filed now, in time
    if said_filed and not late:
        return _remind(f, "所述方案已报备")
    if said_unfiled and not filed_in_words:
        return f  # the bank's "not filed" gives way to the question's own words that it was
    if said_filed:
        if late and _FILING_NOW.search(p.text):
            return f
        return _remind(f, "所述方案已报备或可按时报备")
    if late and not compliance:
        return f
    return _remind(f, "所问事项本身未见违规，办理前按程序报备即可")


def _remind(f: Finding, why: str) -> Finding:
    return dataclasses.replace(f, verdict="allowed", reason=f"{f.reason}（{why}）")
