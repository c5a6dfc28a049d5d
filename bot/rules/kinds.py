"""Which kind of item a message is about, and whether it is ours or the upper level's: from its words.

The rules differ most between a meeting and a document, and between holding and attending, so the
words decide when they say it outright (开…会 is a meeting; 参加县里的会, 迎检 are incoming) even
against the parser's guess; otherwise the parser's fields are used (see proposal.py).
"""

from __future__ import annotations

import re

from bot.rules.textmatch import normalize

_MEETING_TYPES = (
    "表彰|动员|协调|推进|调度|部署|座谈|汇报|培训|现场|视频|电视电话|誓师|总结|布置|专题|碰头|例|务虚|"
    "观摩|交流|学习|分析|研判|讲评|点评|约谈|工作|办公|常委|党委|班子|联席|启动|评审|警示教育|大"
)
_STRONG = {
    "meeting": rf"开[^，,。？?！!]{{0,10}}?会(?!议室|计)|召开|会议(?!室|记录|纪要)|开会|办会|(?:{_MEETING_TYPES})会(?!计|员|费|议室|议记录)",
    "document": r"发文|下文|行文|印发|下发|下[个一份]+文|发[这那个一份]{1,3}文(?!化|明|艺|字)|发[个一份]*(?:红头)?(?:文件|文|通知|函|便函|简报|通报|方案|意见|纪要)|"
                r"出[个一份]*[^，,。]{0,4}?(?:文件|通知|方案|意见|细则|简报)|转发|翻印|以[^，,]{0,8}名义发|红头|白头|便函|便笺|通报",
    # 考核结果/考核排名 and the like are what a document reports, not an inspection being planned.
    "inspection": r"督查|检查|(?:考核|考评|评比)(?!结果|排名|情况|办法|细则|方案|指标|等次|通报)|督导|调研|暗访|迎检|"
                  r"验收|巡查|抽查|督办|(?:去|来|再)查|(?:去|到)[^，,。]{1,4}查(?!询|看一下)|查一[次下遍]|查查",
    "report": r"填表|报表|报材料|交材料|报送|上报|填报|报数|打卡|接龙|截图|拍照上传|上传|报台账|统计表|表格|交台账|"
              r"再报|重报|报一[下遍次]|报[^，,。]{0,6}(?:台账|材料|数据|表)|使用率|安装率|app|小程序|在线|秒回|工作群|"
              r"要求[^，,。]{0,12}(?:报|发到|发群|照片)|催报|报[^，,。]{0,4}(?:情况|进度)|再填|填[^，,。]{0,4}表",
}
_WEAK = {
    "document": r"文件|通知|方案|意见|细则|简报|通报|讲话稿|字",
    "meeting": r"会",
}
# A mention of something already done (刚下发的文件, 部署会刚开完) is context, not what is asked about.
_DONE_BEFORE = re.compile(r"(?:刚|已|已经|才|刚刚)$")
_DONE_AFTER = re.compile(r"^(?:刚开完|刚开过|刚结束|已开完|已经开|开完了|已结束)")
# "在大会上的讲话", "会议精神" name a meeting as context for something else.
_MEETING_CONTEXT_AFTER = re.compile(r"^(?:上|期间|精神|纪要|记录)")
_CLAUSES = re.compile(r"[，,。；;！!？?\s]+")
# Upper levels as seen from a unit: for a county, 县里/县委 is itself.
_UPPER = {"county": ("上级|省|市|省委|市委|省政府|市政府", "省|市")}
_UPPER_DEFAULT = ("上级|省|市|县里|县委|县政府", "省|市|县")
_INCOMING = {
    "meeting": r"参加[^，,。]{{0,6}}(?:{upper})|(?<![叫喊请让召])(?:去|到|赴)[^，,。]{{0,6}}(?:参加|开会|参会)|"
               r"分会场|收看|列席|(?:{short})里(?:召开|开)的",
    "document": r"收到|收文|来文|发来|转来|上级下发",
    "inspection": r"迎检|迎接|接受|为了[^，,。]{{0,4}}(?:检查|督查|考核|验收)|来(?:检查|督查|考核|调研|督导|暗访)|要来|被(?:检查|督查|考核)|"
                  r"(?:检查|督查|考核|调研|督导|暗访|验收)组|组下来|下来(?:检查|督查|考核)|来我们|"
                  r"(?:{short})里(?:来|的)(?:检查|督查|考核)",
    "report": r"上报|报送给|报给|交给|向上级|上级要|(?:{short})里要",
}
_OUTGOING = {
    "meeting": r"(?:各乡镇|各村|各单位|各部门)[^，,。]{0,2}(?:设|在)?分会场|来参加|都要参加|要求[^，,。]{0,8}参加",
    "report": r"要求[^，,。]{0,8}(?:报|填|交|上传|打卡|接龙)|(?:让|叫|请)[^，,。]{0,6}(?:各村|下级|各单位|各乡镇|村里|社区|学校)",
    "inspection": r"(?:派|组织|成立)[^，,。]{0,4}(?:检查|督查|考核|督导)组|组织[^，,。]{0,6}(?:检查|督查|考核|督导|自查)",
}


def _first_live(rx: str, text: str, context_after: re.Pattern[str] | None = None) -> int | None:
    """Where the first mention that is not of something already done (or mere context) starts."""
    for m in re.finditer(rx, text):
        after = text[m.end():]
        done = _DONE_BEFORE.search(text[max(0, m.start() - 2):m.start()]) or _DONE_AFTER.search(after)
        if not done and not (context_after and context_after.search(after)):
            return m.start()
    return None


def strong_kind(text: str) -> str | None:
    """The kind stated outright.

    A meeting mentioned anywhere wins (检查部署会 and 开个班子会研究考核 are meetings); otherwise the
    last clause with a clear word decides, as it usually carries the question (刚下发的文件，就去督查).
    """
    norm = normalize(text)
    if _first_live(_STRONG["meeting"], norm, _MEETING_CONTEXT_AFTER) is not None:
        return "meeting"
    for clause in reversed(_CLAUSES.split(norm)):
        hits = [(pos, kind) for kind, rx in _STRONG.items() if (pos := _first_live(rx, clause)) is not None]
        if hits:
            return min(hits)[1]
    return None


def detect_kind(text: str) -> str | None:
    """strong_kind, else a weak noun (文件, 通知, …会) anywhere."""
    if kind := strong_kind(text):
        return kind
    norm = normalize(text)
    hits = [(m.start(), kind) for kind, rx in _WEAK.items() if (m := re.search(rx, norm))]
    return min(hits)[1] if hits else None


def explicit_direction(text: str, kind: str | None, unit_level: str | None = None) -> str | None:
    """The direction when the words say it outright (参加上级会议, 迎检, 要求各村上报), else None."""
    if kind is None:
        return None
    norm = normalize(text)
    if kind in _OUTGOING and re.search(_OUTGOING[kind], norm):
        return "outgoing"
    upper, short = _UPPER.get(unit_level or "", _UPPER_DEFAULT)
    if re.search(_INCOMING[kind].format(upper=upper, short=short), norm):
        return "incoming"
    return None


def detect_direction(text: str, kind: str | None, unit_level: str | None = None) -> str | None:
    """incoming when the message is about an upper level's meeting/document/inspection or our report up."""
    if kind is None:
        return None
    return explicit_direction(text, kind, unit_level) or "outgoing"
