"""Tokens for meaning matching: jieba words with negation marked, plus character bigrams.

"不要求村里准备材料" and "要求村里准备材料" share every word, yet one complies and the other does not;
so words inside a negation's scope become "¬word" tokens and only match other negated mentions.
Question tails (可以吗, 行不行, 合规吗) and particles carry no meaning here and are dropped.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from bot.nlu import without_emoji
from bot.rules.textmatch import matchable as normalize

if TYPE_CHECKING:
    import jieba

NEG = "¬"
NONE = "∅"  # "there is none of": 没新措施 → ∅新 ∅措施, matched only by other such mentions, and no denial
# Words that negate what follows in their clause (A不A questions were rewritten to A否A by normalize).
NEGATORS = frozenset({
    "不", "没", "没有", "无", "别", "未", "勿", "莫", "不再", "不用", "不要", "不搞", "不必", "无需",
    "不需", "不需要", "免", "免得", "取消", "不得", "不会", "没啥", "没什么", "不准", "严禁", "禁止", "杜绝",
    "避免", "不予", "从不", "并不", "无须", "毋须", "不许", "并无", "并未", "也没", "都没", "从未", "尚未",
})
_NEG_SCOPE = 8  # words a negator reaches: in practice the rest of its clause, up to a break below
# 没要求/未明确/没说要 X: another's demand that was not made; X itself is not denied (不要求 X is our own restraint).
_NOT_DONE = frozenset({"没", "没有", "未", "并未", "并没有", "也没", "都没", "从未"})
_DEMAND_WORDS = frozenset({"要求", "明确", "明确要求", "说", "说要", "提出", "规定"})
_SUBSTITUTES = frozenset({"改成", "改为", "换成"})
# 没新措施, 没啥内容, 无实质性东西: "there is none" states a condition of the proposal, it denies no act; its words
# become "∅…" words (matched only by the same statement), not denials, so 没新措施还要再开 does not agree with
# 没新措施就不开 on a denial.
_THERE_IS_NONE = frozenset({"没", "没有", "无", "没啥", "没什么", "并无", "也没", "都没"})
_WHAT_THERE_IS = frozenset({"新", "新的", "具体", "实质", "实质性", "什么", "啥", "措施", "举措", "内容", "东西", "新意",
                            "干货", "意义", "线索", "依据", "新东西", "新内容", "新措施", "新举措", "实招", "新招", "亮点",
                            "变化", "实质内容", "具体措施"})
_SUBJECT_VERBS = frozenset({"参加", "出席", "参会", "到场", "陪同", "讲话", "发言", "出面", "下去", "过来"})
_NOT_LESS = re.compile(r"不少(?=[报算计统登])")  # 不少报: reported in full, not "many reports"
# "总不算开会了吧": a rhetorical question asserts the thing; the 不 denies nothing.
_RHETORICAL = re.compile(r"总(?:不|没)(?=算|是|属于)")
# 可发可不发, 可开可不开: "optional", an idiom whose 不 denies nothing (the item it names is 可有可无).
_OPTIONAL = re.compile(r"可(?P<v>[\u4e00-\u9fff]{1,2})可不(?P=v)")
# Question tails that contain a negator but deny nothing about the proposal.
_TAILS = re.compile(r"(?:有没有|有无)?(?:什么)?问题(?:吧|吗|没有|不)?[?？]?$|没(?:有)?(?:什么|啥)?(?:问题|事)(?:吧|吗)?|"
                    r"不是吗|对不对|是不是|合不合适|行不行|可不可以|妥不妥|符不符合|算不算")
# 还要再开会不, 报了没: a clause-final 不/没 asks (a particle); it denies nothing.
_FINAL_PARTICLE = re.compile(r"(?:(?<=[\u4e00-\u9fff])不|(?<=[了过])没有?)(?=[\s,，。;；!！?？]|$)")  # not 计划里没有
# A word jieba keeps whole that starts with a negator (不以, 不搞, 没报) negates like the negator alone…
_NEG_HEADS = ("不", "没", "未", "别", "勿", "免", "无")
# …except these, which name a thing rather than deny one.
_NOT_NEGATIONS = frozenset({"无会日", "无会周", "无扰", "无人机", "未来", "不断", "不少", "不同", "不仅", "无论", "不管",
                            "不定期", "无线", "别人", "不得不"})
# Words that only say which kind of thing is asked about (a meeting, a document): they count for less,
# so two questions do not look alike merely because both are about holding a meeting.
FRAME_WORDS = frozenset("""
会 会议 开会 开个 召开 开 一个会 个会 开一次 发文 文件 发 发个 印发 下发 通知 下文 行文 检查 督查 考核 督导 调研
工作 各村 村里 乡镇 各乡镇 镇里 县里 局里 单位 各单位 部门 要 想 准备 打算 安排 组织 开展 进行 一次 再 还 又 已经
全县 全镇 全乡 全市 全区 县直 全体 干部 各部门 人员 参加 参会
今天 明天 后天 昨天 前天 上午 下午 晚上 中午 月底 月初 年底 年初 下周 本周 这周 上周 下个月 这个月 本月 当天
""".split())
# Days of the week say when, not what; only the 无会日 bank cares, and it names 无会日 or the day itself.
_DAY = re.compile(r"^(?:下下|下|上|本|这)?(?:周|星期|礼拜)[一二三四五六日天末]$")
FRAME_WEIGHT = 0.3
# Words that end a negation's scope inside a clause ("不开会，改成电话"; "不报了直接去").
_SCOPE_BREAK = frozenset({"但", "但是", "而是", "改成", "改为", "换成", "直接", "只", "只是", "就", "而", "却", "再说",
                          "的"})  # 没有实质内容的会议: the meeting is not denied
# Words kept whole so that jieba does not split a rule's key term.
DOMAIN_WORDS = (
    "一事一报", "无会日", "无会周", "留痕", "迎检", "陪会", "层层陪会", "打卡", "接龙", "晒成绩", "台账",
    "填表", "报材料", "交材料", "视频会", "电视电话会", "现场办公", "以文件代会", "以会代会", "发文立项",
    "红头", "白头", "便笺", "便函", "多文合一", "议事协调", "领导小组", "分工方案", "实施细则", "贯彻落实",
    "配套文件", "综合性", "汇报会", "座谈会", "汇报材料", "督查组", "检查组", "考核组", "调研组", "督导组",
    "主要负责同志", "一把手", "宣传片", "汇编", "土特产", "工作餐", "横幅", "标语", "在线时长", "积分排名",
    "安装率", "使用率", "点赞量", "转发量", "工作群", "秒回", "截图", "销号", "批示", "顶格", "加码",
    "层层加码", "事前审查", "方案审查", "报备", "报审", "报批", "计划外", "计划内", "年度计划", "可有可无",
)
STOPWORDS = frozenset("""
的 了 吗 吧 呢 啊 呀 嘛 么 哈 哦 着 地 得 这样 那样 这么 那么 这种 那种 这个 那个 一下 一些 有点
可以 可否 可以否 能否 行否 行 行不 合适 合规 合规否 妥 妥否 妥当 符合 要求否 有否 问题否 算否 是否 是否是
请问 问下 问一下 咨询 想问 请示 领导 这是 就是说 我们 咱们 我 你 他们 大家 这 那 其 之 与 和 及 或 或者 还是 还 也 都 又 就是
按 各 吗? 吗？ 啥 什么 怎么 怎么办 如何 为啥 为什么 好 对 对吧 是不是 是 在 把 被 给 让 对于 关于 一 个 些 呗 啦 咯
""".split())
_PUNCT = re.compile(r"[，,。.；;！!？?、：:\s“”\"'‘’（）()《》【】\[\]…~—\-/]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


_added: set[str] = set()


def shared_tokenizer() -> jieba.Tokenizer:
    """This tokenizer, for a reader that layers its own words over its words (bot.rules.topic)."""
    return _jieba()


def _jieba(extra: frozenset[str] = frozenset()) -> jieba.Tokenizer:
    """The rules' jieba tokenizer: the domain words and synonyms in a layer of its own over the process's
    one dictionary (bot.nlu.wordseg), so the parser does not see them, nor they the parser's unit names."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            from bot.nlu import wordseg

            tk = wordseg.layered()
            for word in DOMAIN_WORDS:
                tk.add_word(word, freq=200000)
            _tokenizer = tk
        for word in extra - _added:
            _tokenizer.add_word(word, freq=200000)
            _added.add(word)
        return _tokenizer


def prepare(synonyms: Synonyms) -> str:
    """Add the synonyms' words to the tokenizer now (as words() would) and say what it then cuts with:
    its own words and total, and the dictionary under them (bot.rules.meaning.termcache keys on it)."""
    from bot.nlu import wordseg

    tk = _jieba(synonyms.words)
    with _lock:
        layer, total = sorted(tk.maps[0].items()), tk.total
    return f"{wordseg.cache_path().name}:{total}:{layer}"


@dataclass(frozen=True)
class Synonyms:
    """Ways of saying one thing, rewritten to one word before comparing (发个红头文件 → 发文).

    Built from the `synonyms:` section of rule_examples.yaml: canonical word → variants, a variant
    being plain text or a regular expression written "re:…". Longer plain variants are replaced first.
    """

    rules: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Per rule, its variant when it is plain text replaced by a canonical word without escapes (what str.replace
    # does as the rule's re.sub does), else None: a query tries some 300 rules, most of whose words it lacks, and
    # a substring test is far cheaper than a regular expression's search.
    literals: tuple[str | None, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if len(self.literals) != len(self.rules):  # made without build(): every rule a regular expression
            object.__setattr__(self, "literals", (None,) * len(self.rules))

    @classmethod
    def build(cls, table: dict[str, list[str]]) -> Synonyms:
        plain: list[tuple[str, str]] = []
        regex: list[tuple[re.Pattern[str], str]] = []
        for canonical, variants in table.items():
            for v in variants:
                if v.startswith("re:"):
                    regex.append((re.compile(normalize(v[3:])), canonical))
                else:
                    plain.append((normalize(v), canonical))
        plain.sort(key=lambda pv: -len(pv[0]))
        plain = [(v, c) for v, c in plain if v and v != c]
        rules = [(re.compile(re.escape(v)), c) for v, c in plain] + regex
        literals = [v if "\\" not in c else None for v, c in plain] + [None] * len(regex)
        return cls(tuple(rules), tuple(literals))

    @cached_property
    def words(self) -> frozenset[str]:  # asked for by every words() call: worked out once
        return frozenset(c for _, c in self.rules)

    def apply(self, text: str) -> str:
        for (rx, canonical), literal in zip(self.rules, self.literals, strict=True):
            if literal is None:
                text = rx.sub(canonical, text)
            elif literal in text:
                text = text.replace(literal, canonical)
        return text


NO_SYNONYMS = Synonyms()


@dataclass(frozen=True)
class Token:
    key: str  # what is matched: "word" or "¬word"
    surface: str  # how it reads in the text, for explanations


def words(text: str, synonyms: Synonyms = NO_SYNONYMS) -> list[Token]:
    """Content words of `text`, synonyms unified, negated ones marked, in order."""
    out: list[Token] = []
    text = without_emoji(text)  # 能拉个横幅不[捂脸]: the final 不 still asks
    text = _OPTIONAL.sub("可有可无", _RHETORICAL.sub("", _NOT_LESS.sub("如实", _TAILS.sub("，", text))))  # before normalize()
    text = _FINAL_PARTICLE.sub("", text)
    norm = _NUMBER.sub(" ", synonyms.apply(normalize(text)))
    tk = _jieba(synonyms.words)
    for clause in _PUNCT.split(norm):
        if not clause:
            continue
        negator: str | None = None
        reach = 0
        none_of = False  # the negation says there is none (没新措施), not that something is not done
        start = len(out)  # first token of this clause
        neg_at = -1  # where the clause's last negation began in `out`
        for w in tk.lcut(clause, HMM=True):
            w = w.strip()
            if not w:
                continue
            if w in NEGATORS:
                negator, reach, neg_at, none_of = w, _NEG_SCOPE, len(out), False
                continue
            if len(w) > 1 and w.startswith(_NEG_HEADS) and w not in _NOT_NEGATIONS:
                negator, reach, neg_at, none_of = w[0], _NEG_SCOPE, len(out), False
                w = w[1:]
            if w in _SCOPE_BREAK:
                negator, reach = None, 0
                if w in _SUBSTITUTES:  # 改成视频会: replacing the thing is itself what a rule asks
                    out.append(Token("改成", w))
                continue
            if w in STOPWORDS or not _HAN.search(w):
                continue
            if len(w) in (2, 3) and w.endswith("否"):
                w = w[:-1]  # 发不发 (发否): asking whether to issue proposes issuing, as 不发 denies it
            if _DAY.match(w):
                w = "周" + w[-1]
            if negator and reach == _NEG_SCOPE and negator in _THERE_IS_NONE and w in _WHAT_THERE_IS:
                none_of = True
            if negator and reach > 0 and none_of:
                out.append(Token(NONE + w, negator + w))
                reach -= 1
            elif negator and reach > 0:
                out.append(Token(NEG + w, negator + w))
                reach -= 1
                if negator in _NOT_DONE and reach == _NEG_SCOPE - 1 and w in _DEMAND_WORDS:
                    negator, reach = None, 0  # 上面没要求层层传达: the demand is denied, not what follows it
            else:
                out.append(Token(w, w))
        # "书记镇长不去": a negation that ends its clause on a bare verb denies the subject before it.
        tail = [t.key.lstrip(NEG) for t in out[neg_at:]] if neg_at >= 0 else []
        if (neg_at >= 0 and len(tail) <= 1 and all(len(v) == 1 or v in _SUBJECT_VERBS for v in tail)
                and neg_at > start and not out[neg_at - 1].key.startswith(NEG)):
            prev = out[neg_at - 1]
            out[neg_at - 1] = Token(NEG + prev.key, prev.surface)
    return out


def _marker(key: str) -> str:
    """The polarity mark a key starts with (¬ denied, ∅ there is none), or ""."""
    return key[0] if key[:1] in (NEG, NONE) else ""


def bigrams(tokens: list[Token]) -> list[str]:
    """Character bigrams inside each word and across neighbouring words of the same polarity."""
    out: list[str] = []
    prev: Token | None = None
    for tok in tokens:
        prefix = _marker(tok.key)
        body = tok.key[len(prefix):]
        out.extend(prefix + body[i:i + 2] for i in range(len(body) - 1))
        if prev is not None and _marker(prev.key) == prefix:
            out.append(prefix + prev.key[len(prefix):][-1] + body[0])
        prev = tok
    return out


def terms(text: str, synonyms: Synonyms = NO_SYNONYMS, with_bigrams: bool = True) -> tuple[list[str], list[Token]]:
    """(index terms, the words with their surfaces) for a query or an example."""
    toks = words(text, synonyms)
    return index_terms(toks, with_bigrams), toks


def index_terms(toks: list[Token], with_bigrams: bool = True) -> list[str]:
    """The index terms of words as words() gives them: their keys, then their bigrams marked "#"."""
    keys = [t.key for t in toks]
    if with_bigrams:
        keys += ["#" + b for b in bigrams(toks)]
    return keys
