"""What a meeting or document is about, as a set of content words, to find "内容相关" ledger entries.

Words that say nothing about the subject (会议, 部署, 下周三, 全县, 可以吗) are dropped, and common
work subjects are kept whole (安全生产 must not match 食品安全 through 安全).
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

from bot.nlu import normalize
from storage.topics import register

# Work subjects jieba would otherwise split; one shared word is enough to relate two items.
DOMAIN_WORDS = (
    "安全生产", "森林防火", "秸秆禁烧", "人居环境", "乡村振兴", "疫情防控", "防汛抗旱", "防汛", "抗旱",
    "环境卫生", "信访维稳", "扫黑除恶", "基层减负", "党风廉政", "意识形态", "招商引资", "耕地保护",
    "河长制", "林长制", "巩固脱贫", "脱贫攻坚", "文明创建", "文明城市", "征兵", "禁毒", "消防安全",
    "食品安全", "校园安全", "燃气安全", "道路交通安全", "自建房", "防溺水", "冬春火灾", "项目建设",
    "营商环境", "乡村治理", "网格化", "主题教育", "党建", "统战", "人口普查", "经济普查", "医保",
    "社保", "低保", "秋冬季", "春耕", "秋收", "三农", "粮食安全", "防返贫", "农房", "垃圾分类",
)
STOPWORDS = frozenset("""
会议 会 开会 召开 开个 开 大会 例会 专题 专题会 推进 推进会 部署 部署会 调度 调度会 动员 动员会 座谈 座谈会
汇报 汇报会 协调 协调会 培训 培训会 工作 工作会 工作会议 布置 总结 总结会 现场 现场会 视频 视频会 电视电话
可以 能否 能不能 是否 吗 呢 吧 啊 了 的 得 地 着 过 和 与 及 把 将 对 在 给 向 为 以 从 到 由 被 让 叫 请
下周 本周 这周 上周 下下周 周一 周二 周三 周四 周五 周六 周日 星期 礼拜 今天 明天 后天 昨天 前天 上午 下午 晚上
月 日 号 年 今年 明年 去年 全县 全市 全区 全镇 全乡 县里 市里 省里 镇里 各乡镇 乡镇 村 各村 社区 县直 各单位 单位
部门 各部门 参加 参会 出席 人 名 个 小时 分钟 半天 一天 一下 一次 一个 再 又 还 也 都 就 要 想 打算 准备
计划 安排 组织 开展 进行 要求 精神 传达 学习 贯彻 落实 情况 问题 相关 有关 同志 主要 负责 负责人 领导 干部
书记 主任 镇长 县长 我们 我 咱们 本 单位 县委 县政府 镇党委 镇政府 党委 政府 关于 做好 进一步 加强 通知
文件 发文 发 印发 下发 方案 意见 实施 一期 这个 那个 什么 怎么 多少 能 行 好 需要 应该 没有 不 是 有 个会
报备 备案 报批 审批 申请 登记 记录 记一下 补充 补报 补记 更正 修改 撤销 开了 开了个 开过 召开了 举行 举办 参加了
支书 村支书 村干部 村两委 党员 群众 代表 冬季 春季 夏季 秋季 年度 季度 月度 全年 上半年 下半年 年底 年初
半小时 一小时 小时 分钟 个半小时 时长 左右 大约 多人 人数 规模 上午开 下午开 晚上开 刚才 刚刚 已经 之前 之后 以后
""".split())

_lock = threading.Lock()
_tokenizer: Any = None  # jieba ships no types


def _jieba() -> Any:
    """A tokenizer with the domain words, over the rules' tokenizer (bot.rules.meaning.tokens) and so over
    the process's one jieba dictionary (bot.nlu.wordseg): its own words go into a layer on top."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            from bot.nlu import wordseg
            from bot.rules.meaning.tokens import shared_tokenizer

            tk = wordseg.layered(shared_tokenizer())
            for word in DOMAIN_WORDS:
                tk.add_word(word, freq=200000)
            _tokenizer = tk
    return _tokenizer


_NOISE = re.compile(r"[\da-zA-Z#]+|[零〇一二两三四五六七八九十百千万]+[个人名件次天]?")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")  # a word of Chinese characters only (compiled once: asked of every word)


RECENT = 64  # texts whose words are kept: a message's own several look-ups (and those prepared before its
# write lock, bot.rules.engine.prepare) find them done, without keeping every text ever seen


def keywords(*texts: str | None) -> frozenset[str]:
    """Content words of the given texts."""
    return _keywords(texts)


@functools.lru_cache(maxsize=RECENT)
def _keywords(texts: tuple[str | None, ...]) -> frozenset[str]:
    joined = " ".join(normalize(t) for t in texts if t)
    if not joined.strip():
        return frozenset()
    words = _jieba().lcut(_NOISE.sub(" ", joined))
    return frozenset(w for w in words if len(w) >= 2 and w not in STOPWORDS and _HAN_WORD.fullmatch(w))


register(keywords)  # entries get their topic words when written (storage.topics)


def related(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """The shared content words; empty when unrelated."""
    return set(a & b)


_SCOPE_WORDS = {
    "乡镇": ("乡镇", "街道", "镇长", "乡长"),
    "村": ("村", "支书", "村干部"),
    "社区": ("社区",),
    "部门": ("部门", "县直", "局"),
    "学校": ("学校", "校长", "教师"),
    "企业": ("企业", "厂"),
}


def scope_tokens(*texts: str | None) -> frozenset[str]:
    """Which groups of people attend, coarsely: 乡镇, 村, 部门 …"""
    joined = normalize(" ".join(t for t in texts if t))
    return frozenset(k for k, words in _SCOPE_WORDS.items() if any(w in joined for w in words))


def scopes_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Unknown attendees on either side count as overlapping: it is the same unit's meeting."""
    return not a or not b or bool(a & b)
