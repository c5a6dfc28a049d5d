"""Is a message told or asked? The grammar of Chinese questions, not a list of phrasings.

A cadre asks by the *form* of a clause, whatever its words:
- a sentence-final particle: 吗/么/嘛, 呢 (last clause only), 不/没/没有/否 after a predicate
  (可以不, 有问题没), and 吧 when it seeks confirmation of a judgement (可以吧, 不用报备吧) rather
  than proposing an action (删了吧);
- A-not-A: V不V / V没V (行不行, 转不转发, 可不可以, 有没有, 是不是, 超没超);
- 是否 / 能否 / 可否 / 有无, a wh-word beside a judgement (哪个合规), an evaluative tag (咋样, 如何);
- a question mark (the raw text's final "？", which normalization strips, counts too).

A question about whether something may or should be done is told apart from a question about
figures or facts by what the questioned clause predicates: a judgement or modal word (可以, 合规,
来得及, 要, 算, 超 …) makes it a *permission* question; a figure word (多少, 同比, 总数, 排名 …)
a *figure* question; an event in the perfective (开了吗, 有没有开过会) a *fact* question. A plan
asked about with no judgement word (后天县里来检查，中午请他们吃个饭么) is a permission question:
it asks whether to do it.

Embedded questions are not questions: in 到各村检查防火措施是否落实 the 是否 clause is the object of
检查 and the message reports an inspection. A judgement right after the marker (是否需要, 要不要)
always asks, because an inspection never checks whether something is *allowed*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.firstchars import guarded

# 排行 as a ranking (各乡镇发文排行), not 排 + 行吧 (这样排行吧: arranged so, is that all right)
RANKED = r"排行(?![吧吗么嘛](?=$|[,;?？!！。]))"

# Clause boundaries after normalize(): "，。；：！？" are already ASCII; a space separates clauses too.
# A particle typed after a space (那天开会 ok 不, 可以 吗) still closes the clause before it.
_CLAUSES = re.compile(r"[^,;:!?\s]+(?:\s+(?:不|吗|么|没|否|呢|吧)(?=$|[,;:!?\s]))?(?:\?)?")
# Interjections that may follow the particle: 可以吗啊, 行不呀.
_INTERJECTION = re.compile(r"[啊呀哈啦呐哦噢嘞咧捏哇~]+$")
# Judgement and modal words: what a permission question predicates of the plan.
JUDGE = (
    r"可以|可行|行得通|行|能|可否|准|允许|让不让|合规|合乎|合适|合理|合法|正常|妥|对不对|对吧|对吗|对么|没错|不对"
    r"|问题|毛病|风险|违规|违反|违纪|超|来得及|赶得上|赶趟|够|必要|必须|需要|需|该|应该|应当|要(?!求)|得|算|限制|上限"
    r"|规定|符合|影响|管不管|受|占|扎堆|中不中|(?<![其集空心家当期年月之])中(?=[吧吗么呗]|$)|靠谱|划算|值当|不用|用不用|还[开发转搞去办印下报]"
)
_JUDGE = re.compile(JUDGE)
# Figures: a question about counts, comparisons and rankings is a query.
_FIGURE = guarded(
    # (请几个返乡创业的小年轻: a few invited; 青年大学习排名那个: the paper about a ranking)
    r"多少|(?<![十百千0-9])(?<![请叫找派喊邀约没])几(?=[次件个场份期张篇回轮批项家条笔]|个?会)|同比|环比"
    rf"|(?<!安)排名(?!那|这|的(?:那|这|通报|文件))|(?<!安){RANKED}|排个名"
    r"|(?:超过|超了|多于|少于|达到|低于|高于)(?:\s*[\d一二三四五六七八九十两百]+\s*[次件个场份回]|去年|上年)"  # 有没有超过10次
    r"|(?:比|较|与|和|跟)(?:去年|上年|上个?月|上季度|上周)|同期|多了还是少了|增减"
)
_RANKING = re.compile(rf"排名|{RANKED}|排个名")
_MODAL_ASKED = re.compile(r"能不能|能否|可不可以|可否|要不要|需不需要|该不该|是否(?:可以|能|需要|应该)|行不行")
_FIGURE_BEYOND_JI = re.compile(rf"多少|同比|环比|(?<!安)排名|(?<!安){RANKED}|排个名|(?:比|较)(?:去年|上年|上个?月)|增减")
_STILL_DO = re.compile(r"还[开发转搞去办印下报]")
# 能不能搞个排名通报, 要不要排个名: a ranking done to those below is what may or may not be done, not a figure
_RANKING_DONE = re.compile(rf"(?:搞|进行|做|弄|开展|实行|来)(?:个|一个|一次)?(?:排名|{RANKED})|排个名|排名(?:通报|公示|打分)"
                           rf"|(?:要不要|能不能|可不可以|能否|可否|是否|能|可以|能够)[^,;]{{0,4}}?(?:排名|{RANKED})")
# Figure nouns that a normative question may also mention (有次数限制吗 asks whether, not how many).
_FIGURE_NOUN = re.compile(r"总数|总量|数量|次数|件数|统计(?!表)|增长|下降|上升|哪些|最多|最少|趋势|走势")
# 几 where a count is asked, with no particle: after a verb of the ledger (开了几个会, 收过几件), or ending the
# clause (会几个了). 几个科长碰了碰 (a few, before the verb) and 讲了几句 (not a ledger item) tell.
# 驻村干部也来了几个: a few came (也/还 tell of people beside those named).
_COUNT_ASKED = guarded(r"(?:开|召开|发|印发|收|收到|报|上报|参加|接受|迎|查|检查|督查|考核|(?<![也还新刚])来)"
                       # (电话里报的几个数不算: those few, named; 今年收的几件？ asks)
                       r"(?:(?:了|过)?几(?:个|次|件|场|份|回|轮|批|项|期|趟)"
                       r"|(?:了|过)?[^,;]{0,6}?的几(?:个|次|件|场|份|回|轮|批|项|期|趟)(?:了|呀|啊)?(?=$|[,;吗呢么?]))"
                       # (先记几个: the bot asked to put down a few)
                       r"|(?<![十百千0-9好这那前头])(?<![先就再]记)(?<![先就再]登)(?<![也还]来了)几(?:个|次|件|场|份|回|趟)(?:了|啦)?$")
# The figure named as the whole clause: 24年以来接受市里检查的次数, 本季度让下面报表的次数.
# 多少 asks a quantity (报给市局的材料有多少份), unless it is "whatever amount" (不管多少, 报多少算多少) or "somewhat"
# (多少有点).
_HOW_MANY = re.compile(r"(?<![不无没管论])多少(?!有点|有些|带点|沾|算多少|[^,;]{0,2}?(?:通报|公示|排名|晾晒))")
_FIGURE_PHRASE = re.compile(r"^(?![^,;]*?(?:记|登|录))[^,;]*?(?:次数|件数|个数|份数|场次|总数)$")  # not 先记个总数
# Asking the bot to look a figure up: 参会次数能查一下不, 发文数能不能统计一下.
_LOOK_UP = re.compile(r"(?:查|统计|算|数|报)(?:一下|下|查)|告诉我|说一下")
_COUNT_NOUN = re.compile(r"次数|件数|个数|份数|场次|总数|总量|数量")
# Nouns a normative "有没有 X" asks about; any other X is an event or item (有没有开视频会 → a fact).
# 要求 is such a noun only with no object after it (有上限要求吗), not the verb of 要求各村上报.
_NORM_NOUN = re.compile(r"问题|毛病|风险|限制|上限|下限|要求(?=$|[吗么呢吧不没,;?])|规定|必要|违规|影响|依据|说法|讲究|冲突|不妥")
# A perfective event asked about: 开了吗, 来检查过没, 本周开过会吗, 报了没有.
_PERFECTIVE = re.compile(r"(?:了|过)(?:吗|么|没有|没|不)?$|[开发收报查访来去到办搞]过|[开发收报查来到办]了[^,;]{0,8}(?:吗|么)$")
# Verbs that take an embedded question as object: 检查防火措施是否落实 reports an inspection.
# 看看/查一下/问下 address the bot (show me, let me ask): they embed nothing.
_EMBEDDING = re.compile(r"(?:检查|督查|督导|核查|核实|抽查|巡查|排查|查看|(?<![查看])[查看](?![查看一下])"
                        r"|暗访|调研|走访|了解|询问"
                        r"|评估|摸排|摸底|验收"
                        r"|确认|掌握|弄清|听取|研究|讨论|商量|商议|决定|考虑|说说|聊聊|议议|碰碰)"
                        # 督查组, 督查总数, 检查期间 are nouns and frames, not verbs embedding a question
                        r"(?!组|室|办|员|总数|次数|数|情况|工作|报告|方案|通报|结果|材料|会|期间|时|的时候)")
_PERFECT = re.compile(r"了|已|过")
_DELIBERATION = re.compile(r"研究|讨论|商量|商议|决定|考虑|说说|聊聊|议议|碰碰")

_PARTICLE_ASK = guarded(r"(?:吗|嘛|麽|(?<![什怎这那多要])么)$")
_PARTICLE_ENDS = guarded(r"(?<![也都并绝从决])(?:不|否)$|(?<![还都也并从尚里上中内])没有?$")  # 系统里没有: told
_PARTICLE_CONFIRM = re.compile(r"吧$")
_PARTICLE_LAST = re.compile(r"呢$")
_ITEM_ASKED_ABOUT = re.compile(r"^(?:那|还有)?(?:收文|发文|来文|开会|会议|督查|检查|考核|报表|材料|[^,;:\s]{1,8}报的)呢$")
_OR_ELSE = re.compile(r"还是(?![要得该])")  # 先报备了再搞，还是能先搞了再补报备呢: the alternative asked
# 要提前几天报备, 得提前几个工作日: the lead time a rule sets, asked for
_LEAD_TIME_ASKED = re.compile(r"(?:提前|需要|要|得)几(?:天|个?工作日|日|周)")
_A_NOT_A = re.compile(r"(?<![不没])(?P<v>[\u4e00-\u9fffA-Za-z]{1,2}?)[不没](?P=v)")  # 行不行, 可以不可以; not 不对不对
_WHETHER = re.compile(r"是否|能否|可否|有无|是不是")
# 没啥问题, 没什么影响: under a negation the wh-word is "any", and the clause tells
_WH_JUDGE = guarded(rf"(?<![没无])(?<!没有)(?:哪个|哪种|哪样|哪一个|哪一种|什么|啥|怎么|咋)[^,;]{{0,6}}?(?:{JUDGE})"
                    rf"|(?:需要|要|得|该|应该|必须)[^,;]{{0,6}}?(?:哪些|哪个|哪几|什么|啥)")
# A-not-A split around the object: 能开会不能, 可以去各村不可以.
_SPLIT_A_NOT_A = re.compile(r"(?P<v>能|可以|行|合适|合规|是|要|用|需要)[^,;]{1,12}?不(?P=v)$")
# 呢 after a continuing state (还/正/在/着) or a perfective 了 asserts rather than asks.
_ASSERTIVE_NE = re.compile(r"还|正|在|着|了呢$|呢呢")
_WH = re.compile(r"什么|啥|怎么|咋|哪|谁|几|多少|为什么|为啥")
# 什么时候开会, 县里哪天来检查, 几号报: when something happens is asked, even without a "？" (not 等通知定几号再开,
# 不管什么时候, 没说哪天: the time left open by someone, told)
_WHEN_ASKED = re.compile(r"(?<![等看定问知管论说体])(?:什么时候|什么时间|啥时候|啥时间|啥时|哪天|哪一天|几号|几月几号?|几点"
                         r"|多会儿|多咱)(?![^,;]{0,2}?(?:都|也|再说|之前|以前|以后|之后)"
                         r"|[^,;]{0,8}?(?:还?(?:没|未|不)(?:定|说|讲|确定|通知|清楚|知道)|待定|记不清|不清楚|不知道|不确定))")
# 发了个便函，问资金啥时候拨: a question put to someone else, told (not 问一下什么时候开会, asked of the bot)
_WHEN_PUT_TO_OTHERS = re.compile(r"(?<!请)(?:问|打听|了解|咨询)(?![一下])[^,;]{0,12}?(?:什么时候|啥时候|哪天|几号)")
# 怎么写, 咋安排, 如何报: the manner asked (not 不管怎么, 不知道怎么…, nor 怎么样, a tag above)
_HOW_ASKED = re.compile(r"(?<!不管)(?<!无论)(?<!知道)(?<!不知)(?:怎么|咋|如何|怎样)(?![样么])(?=[\u4e00-\u9fff])")
# 商量…怎么分工, 讲口蹄疫疫苗怎样打, (…调研，)预防接种跟儿保咋衔接: how, as what is talked over or looked into
_HOW_TOPIC = re.compile(r"(?:商量|研究|讨论|讲|说说|说一下|议一议|议一下|聊聊|碰一下|学习?|培训|调研|了解|交流|探讨|明确|说明"
                        r"|介绍|教|看看)"
                        r"[^,;]{0,14}$")
_EVALUATIVE_TAG = re.compile(r"(?:怎么样|怎样|咋样|如何|咋办|怎么办|咋整|咋弄|怎么弄|怎么搞)$")
# What a bare 吧 confirms rather than proposes: a judgement, a negation, a copula or presumption.
_CONFIRMABLE = re.compile(rf"{JUDGE}|不|没|未|对的?$|好的?$")
# 可以吧, 应该没事吧, 这么排ok吧, 这样是对的吧: the judgement itself is confirmed, whatever 几 or a count the
# clause holds (几个股室的检查合到一起可以吧 asks whether, not how many)
_JUDGEMENT_CONFIRMED = re.compile(rf"(?:{JUDGE}|没事|没问题|ok|对的|好的)吧$", re.IGNORECASE)
# 算18份吧, 按两件记吧, 按40记吧, 也算一个会吧: how to count what was told, an instruction, not a question.
_COUNT_INSTRUCTION = re.compile(r"^(?:那|就|也|都)?(?:(?:算|按|记为|记成|记作)[^,;\s]{0,6}?[件份个次条场回][^,;\s]{0,3}?"
                                r"|按[^,;\s]{1,6}?(?:记|算|登))吧$"  # 按40记吧
                                # 两个村算一次吧, 便函也算发文吧, 这个算要求下面报材料吧: how what was told is to be filed
                                # — an entry's kind or count (not 这样算违规吧, 这算豁免吧, 算提前5个工作日了吧, 不算层层陪同吧:
                                # a judgement asked for)
                                r"|^(?![^,;\s]*[不没]算)[^,;\s]{0,8}?(?:也|就|都)?算(?:是|作|成)?"
                                r"(?!违|形式|合规|超|加码|留痕|问题|负担|计划[外内]|重复|多头)[^,;\s]{0,10}?"
                                r"(?:会|文|检查|督查|督导|调研|考核|材料|报表|[一两二三四五六七八九十\d][次件份个条场回])吧$"
                                # 日子就记今天吧, 就记在周一吧: which day to file it on, or as a new one
                                r"|^(?:日子|日期|时间)?(?:就|先|还是)?(?:记|登)(?:在|到)?(?:[今明昨前后]天|周.|星期.|礼拜.|\d+[号日])吧$"
                                r"|^(?:就|先|还是)?(?:记|登)(?:一?[个条])?新的吧$")  # (…挪到下周三，记个新的吧: a new entry)


def is_count_instruction(clause: str) -> bool:
    return _COUNT_INSTRUCTION.search(clause) is not None
# A polite request to the bot is an imperative, not a question: 能帮我登记一下吗.
_POLITE_REQUEST = guarded(r"(?:帮我|给我|帮忙|麻烦)[^,;看查]{0,4}?(?:登记|记录|记一下|记上|录入|录一下|报备|备案|记下)"
                             r"|^(?:登记|记录|记)(?:一下|上)?(?:吧|吗|好吗|行吗|可以吗)?$"
                             # 补记一条嘛 / 先登一条呢 / 登一下: a clause that only tells the bot to record
                             r"|(?:^|[,;\s])(?:先|再|就|也|给|帮)?(?:补记|补登|登记|登|记|录入|记录)(?:上|下|一下|一条|一个|一笔|个)?"
                             r"(?:吧|嘛|呢|哈|啊|呀|哦)*(?:$|[,;\s])"
                             r"|(?:补记|补登|记|登)(?:上|一下|一条|一笔)(?:吧|嘛|呢|哈|啊|呀|哦)*$"
                             # 开了几场会我补登一下：…: the speaker about to put down what follows
                             r"|(?:我|俺|咱)(?:先|再|来)?(?:补记|补登|登记)(?:一下|上|下)(?=$|[,;:\s])"
                             # 先给登上, 给它记上, 今儿给补上: the thing told, and the bot asked to put it down
                             r"|(?:先|就)?给(?:它|俺|我)?(?:登|记|补)上(?:吧|啊|哈)*$"
                             # 不算文件吧，先登成发文: told what to file it as
                             r"|(?:^|[,;\s])(?:先|就|还是)?(?:登成|记成|记作|登记为|记为)[^,;\s]{1,6}(?:吧|哈)?$"
                             # 二季度的季通报出一个嘛, 台账导一份嘛: the bot asked to make a paper (嘛 urges, not asks)
                             r"|(?:通报|研判|分析|周报|月报|季报|汇报|台账|表)[^,;]{0,4}?(?:出|生成|导|倒)(?:一个|一份|一下|个|份)"
                             r"(?:嘛|噻|哈)$")

# Every form above needs one of these characters: a cheap gate before the clause-by-clause reading.
ANY_MARKER = guarded(r"[吗么嘛麽吧不没否呢?怎咋如哪啥什几]|是否|能否|可否|有无|数$|多少")

FORMS = ("particle", "confirm", "a_not_a", "whether", "wh", "tag", "mark")
FOCI = ("permission", "figure", "fact", "open")


@dataclass(frozen=True)
class Question:
    """The clause that asks, how it asks (one of FORMS) and what it asks for (one of FOCI;
    "open" when only a question mark asks and nothing in the clause says what about)."""

    clause: str
    form: str
    focus: str


def clauses(text: str) -> list[str]:
    """The clauses of a normalized message, each keeping a directly following "?"."""
    return _CLAUSES.findall(text)


def marked_at_end(raw: str | None) -> bool:
    """Whether the message as typed ends with a question mark (normalization strips it)."""
    return raw is not None and raw.rstrip().endswith(("?", "？"))


def read(text: str, raw: str | None = None) -> Question | None:
    """The question a normalized message asks, or None when it tells.

    `raw` is the message before normalization, whose final "？" normalization strips.
    The deciding clause is the last one that asks: in 无会日能开视频会不？打算明天开 the first.
    """
    final_mark = marked_at_end(raw)
    if not final_mark and not ANY_MARKER.search(text):
        return None  # most reports carry no question character at all: skip the clause grammar
    parts = clauses(text)
    if not parts or _POLITE_REQUEST.search(text):
        return None
    found: tuple[str, str] | None = None
    formed: tuple[str, str] | None = None  # the last clause that asks by a form of its own, not a mark alone
    told = bool(_PERFECT.search(text))
    for index, clause in enumerate(parts):
        last = index == len(parts) - 1
        form = _form(clause, last, final_mark and last, told)
        if form == "how":
            form = None if index > 0 and _HOW_TOPIC.search(parts[index - 1]) else "wh"
        if form in ("wh", "a_not_a") and _day_unsure(clause, None if last else parts[index + 1]):
            form = None  # 哪天报的记不到了, 我不太确定是不是上周二到的: the day not remembered, told, not asked
        if form is None and index == 0 and len(parts) > 1 and _ITEM_ASKED_ABOUT.match(clause):
            # 收文呢 也是这个月: the item whose figures are asked for next, its details after (今天呢 only tells)
            return Question(clause, "particle", "figure")
        if form is not None:
            found = (clause, form)
            if form != "mark":
                formed = found
    if found is not None and found[1] == "mark" and formed is not None:
        found = formed  # 能不能把几个通知改成白头发，这样就不占数了？: the 能不能 clause asks
    if found is None:
        return None
    clause, form = found
    return Question(clause.rstrip("?"), form, _focus(clause.rstrip("?"), form))


# Not remembering or not sure (记不到了, 不太确定), said of the day an item was done
_UNSURE = re.compile(r"不太?确定|不敢确定|记不(?:到|得|清|太清)|不记得|忘(?:了|记了)|想不起")
_DAY_ASKED = re.compile(r"哪一?天|几号|什么时候|啥时候|是不是[^,;]{0,12}?的")


def _day_unsure(clause: str, following: str | None) -> bool:
    return bool(_DAY_ASKED.search(clause)) and bool(
        _UNSURE.search(clause) or (following is not None and _UNSURE.match(following)))


_OH_NO = re.compile(r"[哦噢啊喔]不")


def _form(clause: str, last: bool, marked: bool, told: bool) -> str | None:
    """How this clause asks, or None when it does not."""
    if _OH_NO.fullmatch(clause):
        return None  # 哦不 刚才那条…写错了: a slip owned, not a question
    if clause.endswith("?") or marked:
        body = _bare(clause.rstrip("?"))
        # (…还是分两次开吧？: a proposal put with a question mark seeks assent, as 可以吧 does)
        return _form_of(body, last, told) or ("confirm" if body.endswith("吧") and not told else "mark")
    return _form_of(_bare(clause), last, told)


def _bare(clause: str) -> str:
    return _INTERJECTION.sub("", clause)


def _form_of(body: str, last: bool, told: bool) -> str | None:
    if not body:
        return None
    if _PARTICLE_ASK.search(body):
        return "particle"
    if len(body) > 1 and _PARTICLE_ENDS.search(body):
        return "particle"
    if _PARTICLE_CONFIRM.search(body) and _CONFIRMABLE.search(body[:-1]) and not _COUNT_INSTRUCTION.search(body):
        return "confirm"
    if last and _PARTICLE_LAST.search(body) and len(body) > 1 and (
            not _ASSERTIVE_NE.search(body) or _OR_ELSE.match(body)):
        return "particle"  # 同比呢 / 周五开个调度会呢 ask; 明天还有两个会呢 / 正开着会呢 tell; …还是…呢 asks
    if _SPLIT_A_NOT_A.search(body):
        return "a_not_a"
    for m in _A_NOT_A.finditer(body):
        if not _embedded(body, m.start(), body[m.start():], told):
            return "a_not_a"
    for m in _WHETHER.finditer(body):
        if not _embedded(body, m.start(), body[m.end():], told):
            return "whether"
    if _WH_JUDGE.search(body) or (_WHEN_ASKED.search(body) and not _WHEN_PUT_TO_OTHERS.search(body)):
        return "wh"
    tag = _EVALUATIVE_TAG.search(body)
    if tag and not (told and _embedded(body, tag.start(), tag.group(0), told)):
        return "tag"  # 碰了个头，商量…咋办: told, what was deliberated
    how = _HOW_ASKED.search(body)
    if how and not (told and _embedded(body, how.start(), body[how.start():], told)) and not _HOW_TOPIC.search(
            body, 0, how.start()):
        return "how"  # 明天的会怎么安排, 这个通知怎么写: how something is to be done is asked (read() settles it)
    if (_COUNT_ASKED.search(body) or _FIGURE_PHRASE.search(body) or _LEAD_TIME_ASKED.search(body)
            or _HOW_MANY.search(body)):
        return "wh"
    return None


def _embedded(body: str, start: int, after: str, told: bool) -> bool:
    """A marker after an inspection or deliberation verb is its object (检查…是否落实, 会上研究了要不要…),
    unless it asks about a judgement in a message that reports nothing done (这次考核是否需要…).
    `told`: the message reports something done (开了个会，讨论要不要…)."""
    if _FIGURE_COMPARED.match(after):
        return False  # 上半年接受检查有没有超过10次: whether a figure passed a mark is asked, not looked into
    verb = None
    for match in _EMBEDDING.finditer(body, 0, start):
        verb = match  # the last one before the marker
    if verb is None:
        return False
    judged = bool(_JUDGE.match(after) or _JUDGE.match(after[2:] if len(after) > 2 else ""))
    if not judged:
        return True
    if _PERFECT.match(body, verb.end()):
        return True  # 研究了是否需要增派人手
    return told and bool(_DELIBERATION.fullmatch(verb.group(0)))


_FIGURE_COMPARED = re.compile(r"[^,;]{2,4}?(?:超过|超了|多于|少于|达到|不到|低于|高于|过了)\s*[\d一二三四五六七八九十两百]+")
_TELL_THE_FIGURES = re.compile(r"(?:分开|分别|单独|按单位|按月份?|按类别)(?:说|讲|列|统计|算)(?:一下|下)?"
                               r"|(?:告诉我|跟我说)(?:一下|下)?|列(?:一下|出来)(?:给我)?")
# 较上月是否有所减少, 比去年同期少了没有: a figure compared with another period's
_FIGURE_MOVED = re.compile(r"(?:较|比|同比|环比|与)[^,;]{0,10}?(?:是否|有没有|有无)?(?:有所|明显)?"
                           r"(?:减少|增加|下降|上升|增长|降低|回落|反弹|压减|[少多降涨减增]了)"
                           # 跟6月份比咋样: how the figures compare with another period's
                           r"|(?:跟|和|与|同)[^,;]{1,10}?(?:比|相比|比较|对比)(?:起来|一下)?(?:咋样|怎么样|如何|怎样|呢|喃)")
_DID_OR_NOT = re.compile(r"(?P<v>[开发收报查来去到参搞办少多降减涨增升超])没(?P=v)")  # 少没少: did the figure fall


def _focus(clause: str, form: str) -> str:
    """permission, figure or fact: what the asking clause predicates."""
    if form == "confirm" and _JUDGEMENT_CONFIRMED.search(clause) and not _FIGURE_BEYOND_JI.search(clause):
        return "permission"
    if form == "wh" and _LEAD_TIME_ASKED.search(clause):
        return "permission"  # how many days ahead a rule asks for: the rule, not a figure of the ledger
    if form == "wh" and _WHEN_ASKED.search(clause) and not _COUNT_ASKED.search(clause):
        return "fact"  # 什么时候开会: a time asked of the ledger, never a record
    if form == "wh" and (_COUNT_ASKED.search(clause) or _FIGURE_PHRASE.search(clause)):
        return "figure"  # 开了几个会了, …检查的次数: the count is the question
    if form in ("whether", "a_not_a", "particle") and _TELL_THE_FIGURES.search(clause):
        return "figure"  # 能不能把党委发文和政府发文分开说一下: the bot asked to tell the figures, no permission
    if form in ("whether", "a_not_a", "particle", "tag") and _FIGURE_MOVED.search(clause):
        return "figure"  # 较2月份是否有所减少, 比去年少了吗: whether the figure moved is the figure asked for
    ranking_done = _RANKING_DONE.search(clause) is not None
    if (form in ("a_not_a", "whether") and _MODAL_ASKED.search(clause)
            and (ranking_done or not _FIGURE_BEYOND_JI.search(clause))
            and not _COUNT_ASKED.search(clause) and not _LOOK_UP.search(clause)):
        return "permission"  # 能不能让乡镇再填几张表: 几 is "a few" in what may be done
    figure = _FIGURE.search(clause)
    if figure is not None and not (_RANKING.fullmatch(figure.group(0)) and (_STILL_DO.search(clause) or ranking_done)):
        return "figure"  # 考核排名还发文通报吗 asks whether to issue it: 排名 is its object
    if _NORM_NOUN.search(clause):
        return "permission"
    if _COUNT_NOUN.search(clause) and _LOOK_UP.search(clause):
        return "figure"  # 参会次数能查一下不: the figure is asked for, not whether it may be looked up
    norm = re.search(r"有(?:没有|无)(?P<x>.{0,6})", clause)
    if norm is not None and not _JUDGE.match(norm["x"]):
        return "figure" if _FIGURE_NOUN.search(clause) else "fact"  # 有没有开视频会 / 总数有没有统计
    if _JUDGE.search(clause):
        return "permission"
    if _FIGURE_NOUN.search(clause):
        return "figure"
    if form == "particle" and _PERFECTIVE.search(_bare(clause)):
        return "fact"
    if re.search(r"(?:了|过)(?:没有|没)", clause) or _DID_OR_NOT.search(clause):
        return "fact"  # 开没开防汛会: 没 negates what happened, so it asks whether it did
    if form == "mark" or clause.endswith("呢"):
        return "open"  # 本月发文数？ / 周五的例会照常开？ / 那上个月呢: only the item can tell
    return "permission"


def has_embedded_question(text: str) -> bool:
    """Whether a question marker stands in the text only as an embedded object (看各村有没有违规)."""
    if not ANY_MARKER.search(text):
        return False
    told = bool(_PERFECT.search(text))
    for clause in clauses(text):
        body = _bare(clause.rstrip("?"))
        for pattern, offset in ((_A_NOT_A, False), (_WHETHER, True)):
            for m in pattern.finditer(body):
                if _embedded(body, m.start(), body[m.end():] if offset else body[m.start():], told):
                    return True
    return False


def is_polite_request(text: str) -> bool:
    """能帮我登记一下吗: a request to the bot to record, in question form."""
    return bool(_POLITE_REQUEST.search(text))


def asks_figure(text: str) -> bool:
    """Whether the text asks for a figure (多少, 几次, 同比, 排名 …) anywhere."""
    return bool(_FIGURE.search(text))


def is_question(text: str, raw: str | None = None) -> bool:
    return read(text, raw) is not None


__all__ = ["FOCI", "FORMS", "JUDGE", "Question", "asks_figure", "clauses", "has_embedded_question", "is_polite_request",
           "is_question", "read"]
