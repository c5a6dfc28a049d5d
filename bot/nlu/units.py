"""Units of our organisation (from the Lexicon) and the other parties a message names.

A unit name or alias is *our* unit when it is the subject (青山镇昨天开了安全生产会); after
到/对/参加/接受/收到/向/要求… or before 来我镇/来检查/来文件/下发/转来 it is the counterpart (到河口镇检查,
收到县委办文件, 县委办来文件了, 要求城关镇上报): the source of what comes in and the target of what goes
out are the other party, never the unit that acts.
Organisations outside the lexicon (县纪委, 市委督查室, 省考核组, 市里) are recognised by shape in
the same positions, so they become `counterpart` and never `unit`.

Per lexicon version we compile one regex and feed the names to the parser's own jieba tokenizer
(its own words over the process's one dictionary, bot.nlu.wordseg) as a user dictionary (used by
title.py). Both are cached: the identity of the Lexicon object is checked first (free), its content
hash only when a new object arrives.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from bot.nlu.firstchars import guarded
from bot.nlu.lexicon import Lexicon, Speaker
from bot.nlu.vocab import ADVERBIAL as _ADVERBIAL
from bot.nlu.vocab import HOLDS_MEETING as _HOLDS_MEETING
from bot.nlu.vocab import ITS as _ITS

if TYPE_CHECKING:
    import jieba

# A bureau named by its sector alone, as people shorten it (市应急来暗访, 报县卫健): never a sector's work (县应急预案).
_SECTOR = "(?:应急|卫健|教育|公安|民政|财政|人社|住建|交通|水利|农业农村|自然资源|生态环境|市场监管|文旅|统计|信访|司法|林业)"
# A body's inspection named after it (医保局那个检查): not its team, demands, results or a time (检查组, 考核指标,
# 检查之前), as _HOLDS below
_ITS_INSPECTION = (r"\s?(?:的|那个|这个|那次|这次)?\s?(?:检查|督查|考核|调研|督导|抽查|评估)"
                   r"(?![组室要标指结方通文的办工情前之时期那以后])")
# An organisation outside the lexicon: 县纪委, 市委督查室, 省考核组, 县政府, 市里, 督查组, 国务院 …
_ORG = (r"(?:团[省市县区]委"  # the Youth League's committee above (团县委, 团市委)
        r"|(?<!列席|出席|参加)[省市县区]人大常委会"
        # 县人大, 县政协农业农村工委, 市人大常委会办公室: the legislature and the advisory body, and their committees
        r"|(?<!列席|出席|参加)[省市县区](?:人大|政协)(?:常委会)?(?:[\u4e00-\u9fff]{0,6}?(?:工委|委员会|办公室))?(?!常委会)"
        r"|[省市县区]委(?:组织部|宣传部|统战部|政法委|巡察办|督查室|编办)"  # the 委 alone would end it
        # (not to a verb's 办: 市局打电话交办 is 市局)
        r"|(?:[省市县]|(?<![社小园景城校片辖矿山库灾街])区)(?:[^\s,;:!?的了在来到对和与及向给把被、□■\d开召去参里]{0,5}"
        r"(?:纪委|常委会|委员会|安委会|委(?<!安委)|(?<![交督承协主代转催领包查批试开创举兴合经速])办(?![学理事公好成完])|局|厅|组(?<!中心组)|室|院|政府|中心(?!组)|(?<![宾饭茶旅酒会场展育物念])馆|疾控|大队|支队|部|站|处|指挥部|防指|残联|妇联|侨联|文联|工商联|工会|团委"
        r"|科协)|里|委|政府"
        rf"|{_SECTOR}(?![\u4e00-\u9fff]{{0,4}}?(?:局|委|厅|办|系统|工作|行业|领域|预案|物资|演练|值班|管理)))(?!织)"
        r"|(?:督查|检查|考核|督导|调研|巡查|巡视|巡察|暗访|工作|验收|评估|评审)[组室](?!织)"  # 检查组织生活会: 组织, no team
        # 组织部, 平安办, 工委 (机关工委, 两新工委; not 街道党工委) alone: the county's
        r"|(?<![省市县区委])(?:组织部|宣传部|统战部|政法委|平安办|(?<!党)(?:机关|两新)?工委)(?![长部])"
        r"|(?<![省市县区委乡镇村局])纪委(?![书副委员监])"  # 纪委 alone: the county's too (乡纪委 is the town's own)
        r"|两办(?![公])"  # 两办: the party committee's and the government's offices, above
        r"|国务院|中央(?:[\u4e00-\u9fff]{0,5}?(?:组|办|部|委))?|国家[\u4e00-\u9fff]{1,5}?(?:部|局|委|署)"
        # a department named without its level, opening a clause: 农业农村局来查…, 住建局下周来
        # …or joined to one named before it (县自然资源局跟农业农村局联合来查)
        # …or the one a paper goes to (报给民政局了, 给医保局报了两份)
        r"|(?:(?<=报给|交给|送给|报送|上报|呈报|报至|补报|已报)|(?<=[给向]))[^\s,;:!?的了多少几收发报开在来到对和与及向给把被、□■▫\d"
        r"接受迎配陪去赴往参列出各全本我]{2,4}?局(?=了|[,;，。\s]|$|报|交|送|要)"
        r"|(?:^|(?<=[\s,;，。；▫\]])|(?<=局[、和与及同跟]))(?:[^\s,;:!?的了多少几收发报开在来到对和与及向给把被、□■▫\d\[\]"
        r"接受迎配陪去赴往参列出]{2,5}?|教)局"  # (教局来查, as 教育局 is said; not 林局, 文局: a director by surname)
        # …its people leading the way (民政局王股长带队来查了), or its inspection named (医保局那个检查)
        # (财政局国库股今天转来…: one of its offices)
        r"(?=(?:[\u4e00-\u9fff]{1,4}?[股科室处](?![长室]))?[▫\s]*(?:[\u4e00-\u9fff]{1,4}?(?:股长|科长|局长|主任|同志|领导)?(?:带队|带人|带着人))?"
        r"(?:又|也|都|还|要|将|会|刚|已经|突然|联合|一起|一同)*(?:来(?![文函电])|下来|到|(?:转|发|送)来)"
        rf"|{_ITS_INSPECTION}))"
        # 今天应急来查烟花爆竹销售点, 卫健下来督导: a trade named alone, opening a clause (after its day), as the body
        # that comes
        rf"|(?:^|(?<=[\s,;，。；▫、天日号午])){_SECTOR}(?=[▫\s]*(?:又|也|都|还|要|将|会|刚|已经|突然)*"
        r"(?:来(?:查|检查|督查|督导|考核|调研|暗访|抽查|看|验收)|下来)"
        # (应急森林防火检查明天来: its inspection named, then coming)
        r"|[^,;，。、\s]{0,8}?(?:检查|督查|督导|考核|调研|暗访|验收)[^,;，。、\s]{0,4}?来)")
_OFFICE_OF = re.compile(r"组织部|宣传部|统战部|政法委|巡察办|编办")
# A destination (上报/报送/报给 X), a source (收文：X) or a host (参加 X) is the other party, never the actor.
_BEFORE_WORDS = ("上报|报送|报给|报至|呈报|抄报|交给|送给|送交|收文[:\\s]*|来文[:\\s]*"
                 "|到|赴|去|对|向|给|跟|找|参加|出席|列席|收看|接(?=[^，,。;]{1,10}?通知)|接受|迎接|接待|配合|陪同|收到|接到|收|来自|被|转发|要求|督促"
                 "|让|叫|要(?=[^，,。;]{1,12}?(?:报|交|填|上传))"  # 要河口镇中心校报…: the one asked
                 # 检查城关镇培训点, 夜查白沙乡…: the one inspected
                 "|检查|督查|督导|考核|抽查|夜查|暗访|调研|巡查|核查|(?<![调检审核普排督抽夜巡])查")
_BEFORE = rf"(?:{_BEFORE_WORDS})了?"
# 在县里开会 makes 县里 the other party, but our own units are often just the venue (在城关镇召开).
_BEFORE_ORG = rf"(?:在|{_BEFORE_WORDS})了?"
# A visitor: X (今天/下周…, ▫ is a masked time) 来/下来/进驻/到我镇 …; X 抽查/督查了 … (an upper body acting on us).
_AFTER = (rf"(?={_ITS}{_ADVERBIAL}(?:下)?来(?:我|本|咱)"
          rf"|{_ITS}{_ADVERBIAL}来[^,;]{{0,6}}?(?:督查|检查|考核|调研|督导|暗访|抽查|评估|巡察|督办|考察|视察|回访|审计|核查)"
          rf"|{_ITS}{_ADVERBIAL}(?:下来|进驻|来了|来[^,;]{{0,8}}?(?:督查|检查|考核|调研|督导|暗访|抽查|评估|巡察|督办|考察|视察|回访|审计|核查|查))"
          r"|[▫\s]*(?:要|将|会)?到(?:我|本|咱)"
          r"|来了?[^,;]{0,8}?(?:文件|文|函|通知|电报)"
          r"|下发|[▫\s]*(?:发来|转来|送来)|印发的|(?:联合)?(?:下发|发|来|转)的(?=[,;，。\s]|$)"  # 【…通知】县交通局来的: its
          r"|召开的|组织的|(?:定|安排|部署|要求|布置|主持|召集|举办)的|的(?:文件|通知|来文|会|督查|检查|考核|调研|安全检查)"
          # 组织部那个通知, 工委两个文那条: its papers named after it
          r"|(?:(?:[那这]|[那这]?[一两二三四五六七八九十\d])[个份件]|\s)(?:文件|文|通知|来文|函))")
_ORG_START = guarded(rf"[省市县区组室国中局]|纪委|两办|宣传部|统战部|政法委|平安办|工委|{_SECTOR}(?=[^,;，。]{{0,12}}?来)")
_ABOVE_THE_COUNTY = re.compile(r"[省市]|国务院|中央|国家")
# …comes (来, 到, 下来) in its clause to inspect, check, assess or see (its team named before or after)
_COMES = re.compile(r"(?=[^,;，。]{0,14}?(?:来|到|下来))(?=[^,;，。]{0,22}?(?:查|督|检|考|调研|暗访|验收|评|看))")
# …notifies us of its visit (市委督查室通知，下周二到我镇督查)
_NOTIFIES = re.compile(r"(?:电话|口头|书面)?通知(?![书单件文的])[^。;]{0,24}?(?:来|到)(?:我|本|咱)")
# An organisation outside the lexicon is never our unit: as the subject of a meeting it holds, an
# inspection it carries out or a document it sends down (县政府开了个推进会, 市卫健委抽查了…, 县委组织部
# 下来四个文) it is the other party, whatever follows.
_HOLDS = (rf"(?:{_HOLDS_MEETING}|抽查|暗访|巡察|督导|调阅|评估|考察|审计|督办"
          r"|约谈|蹲点|到了|下到|下来|进驻|进场|带队|(?:电话)?回访|回头看"
          # 县里考核镇里, 县人大调研了…: it inspects (not its team, demands or results: 县里考核指标; nor a time: 市里检查之前)
          r"|(?:考核|检查|督查|验收|调研|巡查|核查|联合检查|联合督查)(?![组室要标指结方通文的办工情前之时期那以后]))")
_SUBJECT = rf"(?={_ITS}{_ADVERBIAL}(?:今|明|在)?{_HOLDS})"
# An organisation outside the org sending down (县委组织部昨天转发了…): ours would be issuing, not sending to us.
_NOT_OUR_OFFICE = r"(?<![组室])"  # a team or an office (督导室, 督查组) named alone may be ours: it issues, it meets
# 县人大到龙潭村调研: an outside body going to a place below us works on us (not a team, which may be ours:
# 局督导组到城关镇卫生院督导)
_GOES_BELOW = (rf"{_NOT_OUR_OFFICE}(?={_ITS}{_ADVERBIAL}"
               r"到[^,;，。\s]{1,6}?(?:村|社区|卫生院|中学|小学|学校|中心校|[一二三四五六七八九\d][中小])[^,;，。]{0,6}?(?:检查|督查|考核|督导|调研|验收|查|看))")
_SENDS = (rf"(?={_ITS}{_ADVERBIAL}(?:下发|发来|转来|转发了))"
          rf"|{_NOT_OUR_OFFICE}(?={_ITS}{_ADVERBIAL}(?:印发了|发了))")  # 督导室印发了…: an office of ours may issue
# An organisation outside the org naming a meeting (县防指电话会, 市应急材料报送培训会): the meeting is its own (not a
# team's or an office's, which may be ours, nor 县委常委会, which names the body more than whose it is).
# 县委组织部的…专审会 too, but not 县里的会 (said of a level, it may be the one we hold again).
_ITS_MEETING = (rf"{_NOT_OUR_OFFICE}(?:(?<!委)|(?<=纪委)|(?<=工委))"  # 县纪委的警示教育会 (not 县委财经委会议)
                rf"(?=(?:(?<!里)的(?=[^,;，。的开参召来去]{{0,10}}?会))?[^,;，。的]{{0,10}}?"
                r"(?:会议|会(?![计员长同商晤面见客话儿友堂所务诊签心意室场议派来去下到把对给在有再按将不])))")
# 民政局王股长带队来查了: its people lead the way here
_LED_HERE = (r"(?=[\u4e00-\u9fff]{1,4}?(?:股长|科长|局长|处长|主任|领导|同志)(?:带队|带人|带着人)?"
             r"(?:又|也|都|还|要|将|会|刚|已经)*(?:来(?![文函电])|下来|到))")
_UPPER_ORG = re.compile(rf"{_BEFORE_ORG}(?P<a>{_ORG})"
                        rf"|(?<![全本我该各每])(?P<b>{_ORG})(?:{_AFTER}|{_SUBJECT}|{_GOES_BELOW}|{_SENDS}|{_ITS_MEETING}"
                        rf"|{_LED_HERE}|(?={_ITS_INSPECTION})|(?=[:：]))"
                        r"|(?P<c>[省市县]里|上级)(?=开了|召开|组织)")  # 县里开了个视频会(我镇参加)
_ANY_ORG = re.compile(rf"(?<![全本我该各每]){_ORG}")
# The county office speaks for the county (its speaker's level is the county's): the county's own bodies — 县委,
# 县政府, their 督查室 and standing meetings, 县里 — are the speaker acting (县委召开…推进会, 县委督查室赴白沙乡督查), never
# a party above it.
# (县委保密委员会: a committee of the county's own, whose office sits in 县委办)
_COUNTY_OWN = re.compile(r"县(?:委|政府)(?:督查室|常委会?|常务会|全会|全委会|[\u4e00-\u9fff]{2,6}委员会)?|县两办|两办|县里")


class Party(NamedTuple):
    """A unit or organisation named in the message (a tuple: a few are made per message, cheaply)."""

    start: int
    end: int
    name: str  # canonical unit name, or the organisation as written


class Parties(NamedTuple):
    """Who acts and who is the other party (a tuple: one is made per message, cheaply)."""

    unit: Party | None
    counterpart: Party | None
    spans: tuple[tuple[int, int], ...]  # every unit/organisation mention, for masking
    above: bool = False  # a unit above the speaker's was made the other party (the speaker changed the reading)
    visited: tuple[tuple[int, int], ...] = ()  # the speaker's own unit as where someone comes (到县委办考核)
    # where a body above the county that comes starts, when another party was named first (接市委办通知，市委督查组下周二
    # 到县): it reads as another party too
    others: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CompiledLexicon:
    names: re.Pattern[str] | None  # any alias or name, longest first
    in_context: re.Pattern[str] | None  # a name in a counterpart position
    canonical: dict[str, str]
    version: int
    levels: dict[str, str] = field(default_factory=dict)  # canonical name → level


_lock = threading.Lock()
_by_version: dict[int, CompiledLexicon] = {}
_last: tuple[Lexicon, CompiledLexicon] | None = None


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Regexes for this lexicon, built once per content version."""
    global _last
    last = _last
    if last is not None and last[0] is lexicon:
        return last[1]
    version = lexicon.version()
    compiled = _by_version.get(version)
    if compiled is None:
        compiled = _build(lexicon, version)
        with _lock:
            if len(_by_version) > 64:  # a long-lived process reloading units: keep the cache bounded
                _by_version.clear()
            _by_version[version] = compiled
    _last = (lexicon, compiled)
    return compiled


def _build(lexicon: Lexicon, version: int) -> CompiledLexicon:
    canonical = dict(lexicon.units)
    for alias, name in lexicon.units.items():  # 县应急局 for 应急局 → 县应急管理局
        if alias and name.startswith("县") and not alias.startswith("县"):
            canonical.setdefault("县" + alias, name)
    for alias, name in list(canonical.items()):  # 县应急 / 县卫健: a county bureau as people shorten it
        if alias.startswith("县") and alias.endswith("局") and len(alias) in (4, 5) and "管理" not in alias:
            canonical.setdefault(alias[:-1], name)
    aliases = sorted((a for a in canonical if a), key=len, reverse=True)
    if not aliases:
        return CompiledLexicon(None, None, {}, version, dict(lexicon.levels))
    alternation = "|".join(re.escape(a) for a in aliases)
    names = re.compile(alternation)
    in_context = guarded(rf"{_BEFORE}(?P<a>{alternation})|(?P<b>{alternation}){_AFTER}")
    return CompiledLexicon(names, in_context, canonical, version, dict(lexicon.levels))


# How high a unit stands: a unit of the org above the speaker's level acts as another party.
_RANK = {"village": 0, "town": 1, "department": 2, "county": 3}
_ON_BEHALF = re.compile(r"(?:代|替|帮)$")


def _another_party(name: str, text: str, start: int, lexicon: CompiledLexicon, speaker: Speaker | None) -> bool:
    """县教育局督导组下周一到乡中心校检查, said in a town: a unit above the speaker's is the one that comes,
    holds or sends — the other party, never the acting unit (unless recorded 代X)."""
    if speaker is None or name == speaker.unit or _ON_BEHALF.search(text, max(0, start - 1), start):
        return False
    if any(_ON_BEHALF.search(text, max(0, m.start() - 1), m.start()) for m in re.finditer(re.escape(name), text)):
        return False  # 代青山镇登记：青山镇昨天开了…: the unit recorded for, wherever it is named again
    theirs, ours = _RANK.get(lexicon.levels.get(name, ""), -1), _RANK.get(speaker.level or "", -1)
    return theirs >= 0 and ours >= 0 and theirs > ours  # a peer (青山镇明天开会, said in 城关镇) is not ours to record


def ranks_below(name: str, speaker: Speaker, lexicon: CompiledLexicon) -> bool:
    """The unit named is below the speaker's (a town, said in a county bureau)."""
    theirs, ours = _RANK.get(lexicon.levels.get(name, ""), -1), _RANK.get(speaker.level or "", -1)
    return 0 <= theirs < ours


def find_parties(text: str, lexicon: CompiledLexicon, speaker: Speaker | None = None) -> Parties:
    """Our unit (first name not in a counterpart position) and the first counterpart."""
    counterpart_spans: dict[int, Party] = {}
    spans: list[tuple[int, int]] = []
    if lexicon.in_context is not None:
        for m in lexicon.in_context.finditer(text):
            group = "a" if m["a"] is not None else "b"
            counterpart_spans[m.start(group)] = Party(m.start(group), m.end(group), lexicon.canonical[m[group]])
    unit: Party | None = None
    above = False
    visitors: set[int] = set()
    visited = _visited(text, speaker, counterpart_spans)
    if lexicon.names is not None:
        for m in lexicon.names.finditer(text):
            if _OFFICE_OF.match(text, m.end()):
                continue  # 县委组织部 is not 县委(办): the organisation pattern below names it
            if m.start() > 0 and text[m.start() - 1] == "全":
                continue  # 全县教育大会: a scope (全县) and a topic, not 县教育局
            spans.append((m.start(), m.end()))
            if m.start() in counterpart_spans or any(s == m.start() for s, _ in visited):
                continue
            if m.start() > 0 and text[m.start() - 1] in "和、与及" and any(
                    p.end == m.start() - 1 for p in counterpart_spans.values()):
                # 去了城关镇和青山镇: a name joined to a counterpart is one too
                name = lexicon.canonical[m.group(0)]
                counterpart_spans[m.start()] = Party(m.start(), m.end(), name)
                continue
            if m.start() > 0 and text[m.start() - 1] in "市省区州":
                continue  # 市教育局 is not our 县教育局
            name = lexicon.canonical[m.group(0)]
            if _another_party(name, text, m.start(), lexicon, speaker):
                counterpart_spans.setdefault(m.start(), Party(m.start(), m.end(), name))
                above = True
                continue
            if unit is None:
                unit = Party(m.start(), m.end(), lexicon.canonical[m.group(0)])
    if _ORG_START.search(text):
        for m in _UPPER_ORG.finditer(text):
            group = next(g for g in ("a", "b", "c") if m[g] is not None)
            start, end = m.span(group)
            if any(s <= start < e for s, e in spans):
                continue
            spans.append((start, end))
            if speaker is not None and speaker.level == "county" and _COUNTY_OWN.fullmatch(m[group]):
                continue
            counterpart_spans.setdefault(start, Party(start, end, m[group]))
        for m in _ANY_ORG.finditer(text):  # 县委办、县政府联合发文: every organisation is masked
            if not any(s <= m.start() < e for s, e in spans):
                spans.append(m.span())
                if (visited and m.end() <= visited[0][0]) or _above_the_speaker(m.group(0), speaker) or (
                        (_ABOVE_THE_COUNTY.match(m.group(0)) or _leads_the_bureau(m.group(0), speaker))
                        and (m.group(0).endswith("组") or _COMES.match(text, m.end()) or _NOTIFIES.match(text, m.end()))):
                    # 县委组织部前天到县委办考核: the one who comes; 省厅检查组到白沙乡查…: a body above the county
                    # whose team comes, or that comes to inspect, is never the speaker's
                    counterpart_spans.setdefault(m.start(), Party(m.start(), m.end(), m.group(0)))
                    visitors.add(m.start())
    counterpart = counterpart_spans[min(counterpart_spans)] if counterpart_spans else None
    others = frozenset(start for start in visitors if counterpart is not None and start != counterpart.start)
    return Parties(unit, counterpart, tuple(spans), above, visited, others)


def _leads_the_bureau(name: str, speaker: Speaker | None) -> bool:
    """县委督查室通知下周四来我们局督查, said in a bureau: the county's party and government bodies are above it."""
    return speaker is not None and speaker.level == "department" and (
        _COUNTY_LEADERSHIP.match(name) is not None or _THE_COUNTYS_ALONE.fullmatch(name) is not None)


# The party committee's offices named alone (政法委来督导, 平安办发的通知): the county's, as _ORG reads them
_THE_COUNTYS_ALONE = re.compile(r"组织部|宣传部|统战部|政法委|平安办|纪委|(?:机关|两新)?工委")
def _above_the_speaker(name: str, speaker: Speaker | None) -> bool:
    """县林业局 said in a town: a county body is never the town's acting unit (design §4: that is the sender's,
    unless 代X登记), so it is the other party (bodies above the county have rules of their own, above)."""
    return speaker is not None and speaker.level == "town" and (
        (name.startswith("县") and name != "县里") or _THE_COUNTYS_ALONE.fullmatch(name) is not None)


_COUNTY_LEADERSHIP = re.compile(r"县(?:委|政府|人大|政协|纪委|监委)")
_COMES_TO = re.compile(r"(?:到|来|来到|到了|进驻)$")


def _visited(text: str, speaker: Speaker | None, counterpart_spans: dict[int, Party]) -> tuple[tuple[int, int], ...]:
    """The speaker's own unit is never the other party (都是县委办组织的, said in 县委办): it is removed from
    `counterpart_spans`. Where someone comes to it (县委组织部前天到县委办考核) the one who comes is the other
    party, and the place visited is returned for the parser to mark."""
    if speaker is None:
        return ()
    found = []
    for start, party in list(counterpart_spans.items()):
        if party.name == speaker.unit:
            del counterpart_spans[start]
            if _COMES_TO.search(text, max(0, start - 2), start):
                found.append((party.start, party.end))
    return tuple(found)


_GOVERNMENT = re.compile(r"(?P<level>[省市县])(?:里|委|政府|委[省市县]?政府|两办)")
_LEVELS = {"省": "province", "市": "city", "县": "county"}


def government_level(name: str) -> str | None:
    """province | city | county for a level's government as a whole (县里, 市委, 省政府); None otherwise
    (县纪委, 市委督查室 and 督查组 are offices, not the level itself)."""
    m = _GOVERNMENT.fullmatch(name)
    return _LEVELS[m["level"]] if m else None


def find_unit_name(text: str, lexicon: CompiledLexicon) -> Party | None:
    """The first lexicon name anywhere (for admin/bind/quota commands, where position is no clue)."""
    if lexicon.names is None:
        return None
    m = lexicon.names.search(text)
    return Party(m.start(), m.end(), lexicon.canonical[m.group(0)]) if m else None


# ---------------------------------------------------------------- jieba, lazily


_tokenizer: jieba.Tokenizer | None = None
_tokenizer_words: set[str] = set()
_tokenizer_versions: set[int] = set()


def base_tokenizer() -> jieba.Tokenizer:
    """The parser's jieba tokenizer (the process's one dictionary, bot.nlu.wordseg, loaded on first use,
    under a layer of the lexicon words it holds yet)."""
    global _tokenizer
    tok = _tokenizer
    if tok is None:
        with _lock:
            if _tokenizer is None:
                from bot.nlu import wordseg

                _tokenizer = wordseg.layered()
            tok = _tokenizer
    return tok


def tokenizer(lexicon: CompiledLexicon) -> jieba.Tokenizer:
    """The parser's jieba tokenizer with the lexicon's names as user words (added once each).

    Its words are its own (the other tokenizers over the shared dictionary do not see them); made on
    first use because loading the dictionary costs ~0.5 s and most messages never need it.
    """
    tok = base_tokenizer()
    if lexicon.version not in _tokenizer_versions:
        with _lock:
            for name in lexicon.canonical:
                if name not in _tokenizer_words:
                    tok.add_word(name, freq=100000, tag="nt")
                    _tokenizer_words.add(name)
            _tokenizer_versions.add(lexicon.version)
    return tok


def warm_up(lexicon: Lexicon) -> None:
    """Load jieba's dictionary and this lexicon now (≈0.7 s), e.g. at server start, not on a user's message."""
    tokenizer(compile_lexicon(lexicon))

