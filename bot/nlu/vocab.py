"""What kind of ledger item a message is about (design §1), its direction and subtype.

Cadres name the activity with a verb (召开, 印发, 接受, 上报 …) or just the noun (会, 文件, 督查, 报表).
The earliest verb cue decides, because Chinese puts the main action first: 召开督查工作会议 is a
meeting, 上报督查材料 a report, 印发…检查的通知 a document. Generic verbs (开展/组织/进行/搞) take the
kind of the next noun in their clause; with no verb, the earliest noun decides.

Direction (design §1): incoming = 收/来文/上级下发, 参加/出席/列席 an upper meeting, 接受/迎接/配合
督查 or an organisation 来我镇…检查, 上报/报送 materials; outgoing = everything we hold, issue or
carry out, and 要求/让/通知 lower units to report. `direction_explicit` tells a correction whether
the word itself said so (收文 does, 督查 does not).

Rules run on the *masked* text: time expressions and organisation names have been replaced by a
placeholder so that 市委督查室 or 11月份信息简报 cannot fire a cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.nlu.firstchars import guarded, with_guard

MASK = "□"
OURS = "◎"  # the speaker's own unit where someone comes (到县委办考核, said in 县委办)
WE = "◇"  # the speaker's own unit named acting (县委办召开…会, said in 县委办): we
_CLAUSE = r"[^,;:!?。，；：]"
# What may stand between a qualifier and the noun heading its phrase (考核工作部署会, 材料报送情况专项督查,
# 关于年度考核的文件): no clause break, no enumeration, and nothing that makes a new predicate.
_NOMINAL = r"[^,;:!?。，；：、和与及了过把给向到来去对在让要将时后前被\s]"

# Meeting nouns: a format stem decides the subtype (the stem right before 会 wins: 视频调度会 → 调度会).
MEETING_STEMS = {
    "电视电话": "视频会", "视频": "视频会", "座谈": "座谈会", "推进": "推进会", "调度": "调度会",
    "培训": "培训会", "学习": "学习会", "动员": "动员会", "表彰": "表彰会", "专题": "专题会",
    "现场": "现场会", "协调": "协调会", "研讨": "研讨会", "碰头": "碰头会", "办公": "办公会",
    "党委": "党委会", "常委": "常委会", "常务": "常务会", "班子": "班子会", "务虚": "务虚会",
    "联席": "联席会", "例": "例会", "协商": "协商会",
}
# Stems that are also a topic (表彰会 is about 表彰); the others only say how the meeting is held.
CONTENT_STEMS = frozenset({"表彰", "动员", "培训", "学习"})
_STEM_ALT = "|".join(sorted(MEETING_STEMS, key=len, reverse=True))
# 会 alone is a meeting only when it is not part of 社会/机会/委员会/学会… or the modal 会 (不会, 也会 …);
# 网格员会 and 控辍保学会 are meetings; 两会期间, 两会安保 name the sessions' time, not a meeting of ours.
_NOT_BEFORE_MEETING = (r"(?<![社机协工体领委金商都只不将能也就还才约聚宴舞庙览误该我你他她们参与否])"
                       r"(?<!两(?=会(?:期间|安保|值守|保障|维稳|服务)))"
                       r"(?<!委员)(?<!人员)(?<![^保教督办]学)(?<!^学)(?<![^稳]定)(?<!^定)")  # 一定会 will; 稳定会 meets
_MEETING_NOUN = guarded(
    rf"(?P<stem>{_STEM_ALT})(?P<big>大)?(?:会议|会(?!议))(?![计员长商晤面见客话儿友堂所务诊签心意室场]|同(?![比期])|不会|一课)"
    r"|(?:业务|集中|政治|理论)学习(?!笔记|材料|强国|资料|心得|台账)"
    r"|(?<!校外)(?P<train>培训|轮训)(?:班)?(?!台账|记录|资料|档案|材料|名单|签到表|(?:学员|人员|对象)(?:花名册|名册|名单|信息)|机构|点|监管|平台|学校|行业|市场|资金|费)|(?P<talk>座谈)(?!会)|党课|(?:理论学习)?中心组(?:理论)?(?:学习)?|碰(?:了|一下|个|了个|一个)?头|约谈(?!组)"
    r"|现场办公(?!室)|观摩(?:会)?|述职评议|主题党日|(?:视频|电视电话)(?:调度|连线|会商)|(?:跟|与|同)[^,;，。]{1,8}?会商(?!会)|(?:开班|开学|启动|揭牌|颁奖|签约|誓师|表彰)(?:仪式|典礼)|(?:讲话|讲话稿|发言|致辞)(?=[^,;，。？?]{0,10}?(?:分钟|小时|钟头))"
    r"|会商会(?:议)?|(?:安委|党委|常委|党组|支委|两委)会(?!成员|主任|委员|办|的成员)"
    # 第一支部开了支部委员会, 下周一委员会议那条: a branch committee meeting (not the committee, its members)
    r"|支部委员会(?!成员|主任|委员|办|的成员|书记)|委员会议"
    r"|(?<![村居管调]委)(?<=[\u4e00-\u9fff]委)会(?!员|议室|成员|主任|办|的成员)|全体会(?:议)?"
    rf"|{_NOT_BEFORE_MEETING}(?:大|短|小)?(?:会议|会(?!议))"
    r"(?![计员长商晤面见客话儿友堂所务诊签心意室场]|同(?![比期])|不会|一课)"
    r"(?!(?<=[□■]会)[派来去下到把对给在有再按将])",  # 市应急局会派人下来: a unit that will, not its meeting
    two_chars=True,
)
# 会 as a meeting (for the 开…会 cue): not 社会/机会/会计/会员…, as in _MEETING_NOUN.
_MEETING_WORD = (rf"(?:会议|会商会|(?<![约面])会商(?![量会定])|{_NOT_BEFORE_MEETING}会(?!议)"
                 r"(?![计员长商晤面见客话儿友堂所务诊签心意室场]|同(?![比期])|不会|一课))")
_DOC_NOUN = guarded(r"明传电报|电报|明电|急件|应急预案|预案(?!演练|演习)|(?:实施|考核|管理|评分)?细则|修订稿|工作要点|"
                   r"(?:实施|考核|管理|评分|暂行|试行|奖惩|评比)办法|征求意见稿|决定书|意见书|通知书|"
                   r"(?<=的)信(?![息访用号心])|"
                   r"(?:督办|交办|提醒|整改通知)单|(?<=[个份件道的])文(?![化明艺字章凭书])|文件|"
                   r"(?<=资料|材料|经验|文件|制度)汇编|来文|收文|(?<![印下转制收])发文|便[函笺]|公函|函件|白头|红头|通知|方案|意见|通报|通告|公告|批复|纪要|函|密件|机要件"
                   r"|(?<=[个份件的])请示|(?<=[\u4e00-\u9fff])请示(?=[,;，。\s]|$)|(?<=[病虫疫])情报")
INSPECTION_SUBTYPES = {
    "督查": "督查", "检查": "检查", "考核": "考核", "调研": "调研", "督导": "督导", "暗访": "暗访",
    "迎检": "检查", "抽查": "检查", "巡查": "检查", "核查": "检查", "排查": "检查", "考评": "考核",
    "复查": "检查", "复核": "检查", "验收": "检查", "抽检": "检查", "测评": "考核", "评估": "考核", "评比": "考核",
    "审计": "检查", "巡察": "督查", "督办": "督查", "受检": "检查", "执法": "检查", "双随机": "检查",
    "视察": "调研", "回访": "调研", "年检": "检查", "巡考": "检查", "考察": "考核", "回头看": "督查",
    "视频点名": "检查", "电话点名": "检查", "点名抽查": "检查", "安全诊断": "检查", "安全体检": "检查",
}
_INSPECTION_NOUN = guarded(
    r"(?:大|明察)?(?P<word>督查|检查|考核|督检考|调研|督导|暗访|迎检|抽查|巡查|核查|复核|排查|考评|复查|验收|抽检|测评|评估|评比"
    r"|审计|巡察|督办(?![单函件])|受检|执法|双随机|视察|回访|年检|巡考|考察(?!学习)|回头看"
    # 接市局视频点名: a roll call of the duty desk by video, a spot check; 市卫健委来摸底…: a visit to take stock
    r"|视频点名|电话点名|点名抽查|夜查|夜间检查|(?<=来)摸底|安全诊断|安全体检)"
    r"(?!组(?!织)|室)")
REPORT_SUBTYPES = {
    "信息简报": "信息简报", "简报": "信息简报", "信息": "信息简报", "报表": "报表", "统计表": "报表",
    "表格": "报表", "表册": "报表", "表": "报表", "数据": "报表", "材料": "材料", "总结": "材料",
    "报告": "材料", "小结": "材料", "名单": "报表", "花名册": "报表", "台账": "报表",
    "日报": "信息简报", "周报": "信息简报", "月报": "信息简报", "快报": "信息简报", "专报": "信息简报",
}
_REPORT_NOUN = guarded(
    r"(?P<word>信息简报|简报|(?<![民济报])日报|周报|月报|快报|专报|报表|统计表|表格|表册|花名册|名单|材料|总结|小结|报告|数据|信息(?!化|系统|平台|管理员|员|中心|科|股|技术)"
    r"|(?<![代发外])表(?![彰扬示态演达率现决情])|[Aa][Pp][Pp]|小程序|(?<!会议)(?<!发文)(?<!收文)(?<!文件)(?<!督查)(?<!检查)清单|承诺书|责任书|(?:(?<=情况)|(?<=[份个]))说明"
    r"|(?<=[\u4e00-\u9fff]{2})(?<![有没再都去来要还])统计(?=$|[,;，。\s]))"
)
# A visiting team (检查组来了, 督导组下来) names an inspection, though the team itself is a party.
_TEAM = re.compile(r"(?:督查|检查|考核|督导|调研|巡查|巡视|巡察|暗访|验收|评估|考察|考评|执法|评价|审计|测评|核查|抽查|指导)"
                   r"组(?!织)")
_TEAM_SENT = re.compile(rf"{_CLAUSE}{{0,4}}?(?:到|去|赴)"
                        rf"|{_CLAUSE}{{0,2}}?对(?:各|全县|全镇|全乡|辖区|[一二三四五六七八九十两\d]+[个家所])")

# Verb cues, each tagged with (kind, direction or None for "ask the next noun"); scanned as one regex.
# What lower units are asked to do: report, fill in, hand in, upload, clock in, answer online.
# (汇报 asked of those below, not 汇报会: a meeting)
_DEMANDED = (r"上报|报送|填报|填写|填|汇报(?!会(?!员))|(?<![汇预举])报(?![备告道名到])|交(?![流通办代叉])|上传|打卡|接龙|发到"
             r"|发群|发过来|发上来|安装|下载|核对"
             r"|在线|定位|晒|签到|留痕|拍照|装|秒回|发(?=[^,;，。]{0,4}?(?:照片|图片|截图|视频))")
_LOWER = r"(?:各(?:乡镇|村|单位|部门|学校|校|社区|站所|科室|卫生院)|村里|村上)"
# Those below us, named without 各: 村里, 学校, 村医, 下面 … (给学校要照片, 要村里报材料).
# The people below, by role (网格员, 驻村干部, 村干部 …).
_BELOW_PEOPLE = r"(?:网格员|驻村(?:干部|工作队)|村[医干组]|村支书|村书记|村主任|联络员|信息员)"
# A school or health centre under a named town (河口镇中心校, 青山镇卫生院) is below as well.
_BELOW = (rf"(?:(?:局属|下属|所属|直属)?各[^,;，。]{{0,3}}|村里|村上|{_BELOW_PEOPLE}"
          rf"|[■{MASK}]*(?:[\d一两二三四五六七八九十几]+(?:个|家|所))?(?:学校|中心校|中学|小学|幼儿园|卫生院|乡镇院|中心院)"
          r"|社区|站所|乡镇"
          r"|下面|下边|基层|下级|村)")
_WANTED = r"材料|报告|总结|表|数据|数|清单|名单|名册|情况|照片|资料|台账|份|记录|进度|进展"
_NOT_AS_REQUIRED = "".join(f"(?<![按照据依]{'■' * n})" for n in range(1, 9))  # 按县委办要求上报: as it required
# We, as a sentence names us
_US = r"(?:我们|我|咱们|咱|俺们|俺|我镇|我乡|我局|我县|本镇|本乡|本局|本单位|我单位|◎|◇+)"
_VERB_CUES: list[tuple[str, str | None, str | None, str]] = [
    ("report_out", "report", "outgoing", (
        # (■要求: the unit acting demands, 县委办要求县直各单位报送… said in 县委办, not 按县委办要求; □要求: another
        # demands of us)
        rf"(?<![按照据{MASK}个份的]){_NOT_AS_REQUIRED}(?:要求|让|叫|喊|请(?!问|教)|通知|督促|布置|安排)"
        # (让园区管委会把12家企业的…台账拍照发过来: what is handed in, named after 把, may be long)
        rf"(?={_CLAUSE}{{0,20}}?(?:{_DEMANDED})|{_CLAUSE}{{0,10}}?把{_CLAUSE}{{0,18}}?(?:{_DEMANDED}))"
        # 上周镇里对下面要了几次报表: asked of those below
        rf"|(?<=对(?:下面|下级|基层))要(?=了?[^,;，。]{{0,6}}?(?:表|材料|数据|台账|报告|情况))"
        # 通知各中心校：周五前报…排查表, 发的通知：各校20日前报…计划: a notice whose body demands a paper of those below
        rf"|(?:(?<![按照据■{MASK}个份的收接到])|(?<=发的)|(?<=发了个)|(?<=发个))通知(?:{_CLAUSE}{{0,8}}?)?(?:[:：]|了[,，])"
        rf"(?=[^。;；？?]{{0,24}}?(?:报|交|填|上传)(?!告|道|名|到)[^。;；？?]{{0,16}}?(?:{_DEMANDED}|表|计划|方案|清单|名单|记录))"
        # 通知各乡镇、县直各部门，15日前报…情况表: a notice to those below, the demand after a comma
        rf"|(?<![按照据■{MASK}个份的收接到])通知(?={_BELOW}[^。;；？?]{{0,20}}?(?:(?<![汇预举])报|交(?![流通往叉界])|填|上传)"
        r"(?!告|道|名|到|批|备))"
        # 通知各乡镇，周五前把双台账交到减负办: the demand's deadline and object after a comma
        rf"|(?<![按照据■{MASK}个份的收接到])(?:要求|通知)(?=[^。;；？?]{{0,16}}?[前▫\s]把{_CLAUSE}{{0,12}}?(?:报|交|送|上报))"
        # 各村的重点人员稳控情况表也要了: what those below hand in, asked for
        rf"|(?<![^\s,;，。▫])(?:各|村里)(?=[^,;，。]{{0,4}}?的[^,;，。]{{0,14}}?(?:{_WANTED})[^,;，。]{{0,3}}?要了)"
        # 给各社区发了出租房屋排查表: a form sent to those below is theirs to fill
        rf"|(?<=给){_BELOW}{_CLAUSE}{{0,2}}?(?:下?发|转)了?(?={_CLAUSE}{{0,14}}?(?:表|清单|名单|模板)(?![扬彰态]))"
        # 把排查表发给各社区，周五前报回: a form sent to those below, to be filled and handed back
        rf"|(?<=[表单板])(?:下?发|转)(?:了|下去)?(?:给|到)(?={_BELOW}[^。;；？?]{{0,24}}?(?:(?<![汇预举])报|交(?![流通往叉界])|填|上传)"
        r"(?!告|道|名|到|批|备))"
        # 要青山镇补报…: a party named after 要 is the one asked (县委办要我们报 is the other way)
        rf"|(?:往下|向下|对下)要|(?<![不需还只就也都{MASK}■])要(?=了?(?:[\d一两二三四五六七八九十几]+个?)?(?:{_BELOW}|{MASK}+)"
        rf"{_CLAUSE}{{0,12}}?(?:{_DEMANDED}|{_WANTED}))"
        rf"|给(?:{_BELOW}|[{MASK}■]+){_CLAUSE}{{0,2}}?要(?={_CLAUSE}{{0,12}}?(?:{_DEMANDED}|{_WANTED}))"
        # 各村报来的记录, 河口镇报来了总结: handed in to us (报 goes upward), as 报上来 is
        rf"|(?:报|交|送)(?:上来|过来)|(?:报|交)来(?=了|的)|(?:报给|交给|送给|报到|交到|送到)(?=(?:镇里|乡里|局里|我们|咱们|俺们|我这|咱这|◎))"
        rf"|(?:向|找|跟|问)(?![我咱]){_CLAUSE}{{0,14}}?(?<![我们])要了?(?={_CLAUSE}{{0,10}}?(?:{_WANTED}))"
        rf"|[给向]{_LOWER}{_CLAUSE}{{0,4}}?(?:下|发)了?[一两二三四五六七八九十\d几]*(?:个|张|份)?(?:表|表格)"
        # 给各校下了个要求，报…需求, 给各村下了个任务 报…表: a demand put to those below, to hand something in
        rf"|[给向]{_BELOW}{_CLAUSE}{{0,4}}?(?:下|布置|派|安排|提)了?[一两\d]*(?:个|项|份|道)?(?:要求|任务)"
        rf"(?=[^。;；？?]{{0,16}}?(?:{_DEMANDED}))"
        # 给乡镇的考核表: the forms we make them fill
        rf"|给{_BELOW}的(?={_CLAUSE}{{0,8}}?(?:{_WANTED}))")),
    ("doc_upper", "document", "incoming", (
        rf"(?:县里|市里|省里|上级|市委|市政府|省委|省政府|{MASK})(?={_CLAUSE}{{0,4}}?(?:下发|印发|发来|转来|送来|下了?[个一份道]{{1,2}}文))")),
    ("doc_in", "document", "incoming", (
        # not the 收 of 验收 nor the 文 of 文化 (验收文化站): the cue stands on its own
        rf"(?<!验)(?:收文|来文)(?![化明艺字章凭])|收发文"
        # 县委办发了两份文来, 市委宣传部发了份舆情通报下来: a paper sent to us, 来 after it
        r"|(?:发|有|转)了?(?=[^,;，。]{0,14}?(?:文|通知|函|通报|文件)(?:过)?(?:来|下来)(?=$|[,;，。\s]))"
        rf"|(?<!验)(?:收到|接到|(?<!迎)接了|收了|收(?![费款税缴支益入回])|受到)(?={_CLAUSE}{{0,24}}?(?:文件|来文|文(?![化明艺字章凭])|通知|函|电报|明电"
        rf"|急件|密件|通报|纪要))"
        rf"|来了?(?:[一个份件两几]|多少)*(?=(?:急件|文件|文(?![化明艺字章凭])|函|通知|电报|明电))"
        # …会上县里发了…通报，我们领了一份: a copy handed to us
        r"|(?<![带引率认])领(?:了|到|回)(?:[一两二三四五六七八九十\d]+)?[份本册]"
        # 县委办的通知也到了，要报…: the paper arrived (its demand follows)
        # (not 县政务服务中心…来检查…，通知已经到了: how we heard of a visit)
        r"|(?:(?<=的通知)|(?<=的文件)|(?<=的函))(?:也|都|又|已经?|刚)*(?:到了|来了|到的|已到)"
        # 中午又来一个市局的火险预警通知: whose it is, named before the paper
        rf"|来了?(?:[一个份件两几])+(?=[{MASK}■]+的[^,;，。]{{0,10}}?(?:文件|函|通知|电报|明电))"
        rf"|(?:收到|收了|收)(?=[{MASK}■]+{_CLAUSE}{{0,4}}?[一两二三四五六七八九十\d]+件)"
        # 今早又收俩：市局1，县委办1: a bare count come in, then from whom: documents
        r"|(?<![报交送验回])收(?:了|到)?(?=(?:[一两二三四五六七八九十\d]+[个件份]?|俩|仨)(?:[:：]|[,，](?=一个|一件|一份)))"
        # 收到应急局同志1份: a count of something come in, no form or material named: a document
        # (昨收教局1份, 今收3份、县办1…, 收的县委组织部那份: the one it came from named any way, or not at all)
        rf"|(?:收到|接到|(?<![报交送验回征])收(?![齐集缴费款益入拾看听快])(?:了|到)?)"
        rf"(?=(?:(?!表|材料|总结|报告|名单|数据)[^,;，。、\s]){{0,8}}?(?:[一两二三四五六七八九十\d]+|那)[份件]"
        rf"(?![^,;，。]*(?:表|材料|总结|报告|名单|数据)))")),
    ("doc_out", "document", "outgoing", (
        rf"印发|(?<!看了)(?<![看瞧])下发(?!热|烧)|制发|发文|转发|翻印|行文|发函|(?<![以上如见])下了?[个一份道]{{0,2}}(?:文(?![化明艺字])|便[函笺]|通知|红头|白头)"
        rf"|(?<![开出])发(?![展生现放言挥起热动扬布给表出送到])"
        # (发…告知书/倡议书/公开信: a paper issued to the public)
        rf"(?={_CLAUSE}{{0,8}}?(?:文件|文|通知|通告|公告|便[函笺]|函|方案|通报|意见|纪要|白头|红头|提示(?![音语])|提醒函"
        r"|告知书|倡议书|公开信)"
        rf"|了?(?:[一两二三四五六七八九十\d几]+|个)件)"
        rf"|(?<![开出])发(?![展生现放])了?[个一]?(?={_CLAUSE}{{0,16}}?的(?:文件|文(?![化明艺字])|通知))"
        # (第4期病虫情报今天发各村了: a bulletin of ours, as 简报)
        rf"|(?:出|编|印|办|发)了?(?:[一两二三四五六七八九十几\d]期|一份|一个|个|期|份)?(?={_CLAUSE}{{0,8}}?(?:简报|通报|情报))"
        # 给上坝村、新河社区发了河道保洁考评结果: results of an assessment sent out are a paper
        rf"|(?:发|印发|下发)了?(?={_CLAUSE}{{0,16}}?(?:考核|考评|检查|督查|评比|验收|评估)结果)"
        # 以便函形式通知各社会组织…: a paper of ours, whatever it tells them to do
        r"|(?:以|用)(?:便函|便笺|文件|函件?|红头文件|白头文件)(?:的)?(?:形式|方式)?(?=通知|下发|印发|告知)"
        # 结合实际出个简短的落实通知: a paper of ours written
        rf"|(?<![提做])出了?(?:一份|一个|个|份)(?={_CLAUSE}{{0,10}}?(?:通知|文件|意见|办法|方案))")),
    ("meeting", "meeting", None, (
        rf"召开|开会|参会|与会|办会|开了?[一两二三四五六七八九十\d]+场|举[办行](?={_CLAUSE}{{0,12}}?(?:会|培训|班))"
        rf"|(?:参加|出席|列席)(?={_CLAUSE}{{0,24}}?(?:会|培训|中心组|学习))"
        rf"|开(?![展发放通始局辟启创拓设户支具票车门关业园心]|工(?!会)|学(?!校))(?={_CLAUSE}{{0,24}}?(?:{_MEETING_WORD}|培训))"
        # 拉各校信息管理员对一下排期, 拉几个股室碰一下: people gathered to go over something together
        rf"|(?<![下上])拉(?:上|齐|了)?(?!一下|下|出|了?一遍|个?(?:表|群|名单|清单|单子)|数据)"
        r"(?=[^,;，。]{0,16}?(?:各|[股科处]室|人|员|长|主任|书记|专干|干部|老师))(?=[^,;，。]{1,20}?(?:对一下|对下|碰一下|碰下|过一下|对齐|拉通|聊一下|议一下|商量一下))"
        # 把六个社区综治专干叫来对一下排查表: people called in to go over something together
        r"|(?<=[人员长任记干师])(?:叫|喊|召集|请)(?:过)?来(?=[^,;，。]{0,10}?(?:对一下|对下|碰一下|碰下|过一下|对齐|聊一下|议一下|商量一下))")),
    ("inspect_in", "inspection", "incoming", (
        # 县审计局来人核对整改台账, 明天下午来局里核…台账: a body come to check our books
        # (县委督查室要核一条信访线索的台账: a body wanting to check them)
        rf"(?<=[{MASK}■▫人])(?:来人|来|下来|要)(?:到|来)?(?:局里|镇里|乡里|我局|我镇|我乡)?"
        rf"(?=核对|核实|核(?=[^,;，。]{{0,10}}?(?:台账|账|数据)))|"
        rf"迎检(?![^,;，。]{{0,4}}?会)|受检|迎了?[几\d一两三四五六七八九十]*[次回趟]?检|(?:接受|迎接|配合|陪同|参加|(?:(?<![衔承连对直交转嫁紧])接|迎)了?(?![到待手送着]))(?={_CLAUSE}{{0,14}}?(?:督查|检查|考核|调研|督导|暗访|抽查|巡查|考评|点名)"
        # 参加…考核工作部署会: the inspection word only qualifies the meeting that heads the phrase
        rf"(?!{_NOMINAL}{{0,12}}?(?:会|座谈|培训)))")),
    ("report_in", "report", "incoming", (
        # (给县政府报了个请示: a request for instructions is a document of ours)
        rf"(?:给|向|跟|往)(?:{MASK}|■|上级|上面)+{_CLAUSE}{{0,3}}?(?:报|交|送)(?![备告道名到])(?!了?[^,;，。]{{0,8}}?请示)"
        # 今天报 市卫健委 …自查情况 1份 (报两办备案: a plan filed, not a paper handed in)
        # (例会需要提前报县委办吗: a plan filed ahead, not a paper)
        # (按一事一报报了县委办: a filing, not a paper)
        rf"|(?:(?:报给|交给|送给|交到|送到)了?|(?<!提前)报(?:到|至)?|(?<![一报])报了|(?:交|送)了)(?=\s?[{MASK}■](?![{MASK}■]*(?:备案|审批|批准)))"
        rf"|上报|报送|填报|提交|(?:填|报(?!名))了?(?={_CLAUSE}{{0,10}}?(?:表|材料|数据|信息|总结|报告|简报|台账|照片|进度|统计|清单|名单|个数|底数|承诺书|责任书|预案))"
        rf"|(?<![汇预举通])报了(?={_CLAUSE}{{0,16}}?情况)"  # 在省采购平台报了1-2月药品货款结算情况
        # 刚报了市局无证办学整治台账1份: to a body, a paper with a long name
        rf"|报了?(?=[{MASK}■]+{_CLAUSE}{{0,12}}?(?:表|材料|数据|总结|报告|台账|清单|名单|季报|月报|周报|年报|快报))"
        r"|打卡|签到|接龙|拍照上传|上传|截图|秒回|(?:报|交|送|递)了?(?:过去|上去)"
        # 报了一份…情况给县信访局, 报了棚改…完成情况给县住建局: what was sent, then to whom
        rf"|(?:报|交|送)了?[一两二三四五六七八九十\d]*(?:份|个|件)(?={_CLAUSE}{{0,16}}?给[{MASK}■])"
        rf"|(?:报|交|送)了(?={_CLAUSE}{{1,16}}?给[{MASK}■])"
        # 我们报1份, 今天报了2份: copies of a paper sent up (a document would be named: 报了2份文件 is no report)
        rf"|(?<![发下转印])报了?(?=[一两二三四五六七八九十\d]+份(?!{_CLAUSE}{{0,4}}?(?:文|通知|函)))"
        # 县局让报一季度…情况, 市局通知我们周五前交…: a party named demands it of us; 去县局送…台账: taken there
        # 县局来电话布置了春播进度日报: a party phoning its demand to us
        rf"|(?<=[{MASK}■])(?:来电话|来电|打电话|打来电话)[^,;，。]{{0,2}}?(?:布置|安排|要求|通知)"
        rf"|(?<=[{MASK}■])(?:让|叫|通知|要求)(?={_US}?[^,;，。]{{0,4}}?(?:(?<![汇预举])报|交(?![流通往叉界])|填|上传))"
        rf"|(?:(?<=去)|(?<=(?<![收接])到))[{MASK}■]+(?:送|交|报)(?![备告道名到批来])"
        # 县委宣传部要我们报…项目库, 县文明办要的…照片，发过去了: a party demands it of us, whatever the paper is called
        rf"|(?<=[{MASK}■▫])要(?={_US}[^,;，。]{{0,8}}?(?:(?<![汇预举])报|交(?![流通往叉界])|填|送|上传))"
        # 市卫健委要全县…库存情况，明天下班前报 / 刚打电话，要…情况，25号前报: asked of us, with its due time
        rf"|(?:(?<=[{MASK}■])|(?<=电话[,，]))要(?=[^,;，。]{{1,20}}?(?:{_WANTED})[,，][^。;；]{{0,12}}?(?:前|之前|▫)"
        rf"\s*(?:报|交|上报|报送))"
        rf"|(?<=[{MASK}■])要的(?=[^。;；]{{0,24}}?(?:发|报|交|送|传)(?:了?(?:过去|上去)|了))"
        # 国库股来电话，要5月上半月支出进度，已报: asked for on the phone, and sent
        rf"|(?<=电话[,，])要(?=[^,;，。]{{1,16}}?(?:{_WANTED})[,，][^。;；]{{0,8}}?(?:已经?(?:报|交|送|发|给)|(?:报|交|送|发|给)了))"
        # 县妇联要婚恋家庭纠纷排查情况，今天报了: a party asked for a paper, and it went
        # (县河长办又要清四乱整改进度，连夜报的: again, and told as when it went)
        rf"|(?:(?<=[{MASK}■])|(?<=[{MASK}■]又))要(?=[^,;，。]{{1,16}}?(?:{_WANTED})[,，][^。;；]{{0,8}}?"
        rf"(?:报|交|送|发|给)(?:过去|上去)?(?:了|的))"
        # 县文旅局刚来电话，要我们明天中午前报…床位数: a call, then what it asks of us
        rf"|(?<=[,，])要(?={_US}[^,;，。]{{0,12}}?(?:(?<![汇预举])报|交(?![流通往叉界])|填|上传))"
        # 县委办要一份应急物资储备情况: a party asks us for a copy of a paper
        rf"|(?<=[{MASK}■])要了?[一两\d]?份(?=[^,;，。]{{1,20}}?(?:{_WANTED}))"
        # 督查组临走要了一份…总结，已经给了: the visiting team asked for a paper, and got it
        rf"|(?:督查|检查|考核|督导|调研|巡察|验收)组(?=[^,;，。]{{0,4}}?要了?[^,;，。]{{1,20}}?(?:{_WANTED})[,，]"
        r"[^。;；]{0,8}?(?:报|交|送|发|给)(?:过去|上去)?了)")),
    ("inspect_out", "inspection", "outgoing", (
        rf"(?<![从由])下(?:去|村|乡|基层)(?={_CLAUSE}{{0,4}}?(?:检查|督查|考核|督导|暗访|查))"
        # 明天下午去城关镇鑫源铝业，查铝镁粉尘除尘系统: gone somewhere, then what is checked there
        r"|(?:^|(?<=[▫\s,，]))去(?=[^,;，。]{1,14}?[,，]\s*(?:查|检查|督查)(?![询阅找]))"
        r"|(?<=联合)查(?![询阅找收看])")),  # 和县市场监管局联合查了6家培训机构
    ("generic", None, None, r"开展|组织(?!生活会)|进行|搞"),  # 组织生活会 is a meeting's name
]
# Looking at something where one went (去几个学校看看, 到村里查一下): parser.py reads such a trip as told too.
LOOKING = r"看看|看一下|看下|看了一?下|查一下|查下|查了一?下"
# 去查, 再查一次, 去各村查台账: an inspection only when nothing else in the message names the item
# (再查一下本月发文 asks about documents).
# 去白沙乡看了秋冬季森林防火: a visit to look at someone's work is an inspection too; 被…查了一回 as well.
# 去白沙乡卫生院查院感: the place may be long, but nothing else is done on the way (去县里开会顺便查…)
_ON_THE_WAY = r"(?:(?!开|发|收|报|参加|参会|交|送)[^,;:!?。，；：])"
_BARE_CHECKING = re.compile(rf"(?:去|到|赴|再|来){_ON_THE_WAY}{{0,10}}?查(?![询看阅找收])"
                            # 8号带队查辖区加油站, 组织查加油站
                            rf"|(?:带(?:队|人|领|着)?|组织(?:人员|力量)?){_CLAUSE}{{0,6}}?查(?![询看阅找收])"
                            r"|(?<=▫)查(?![询看阅找收]|一下|下)"  # 三月三那天查祭祀用火: the day, then what was checked
                            # 去…看了下考点，查了报名材料: a clause that opens with what was checked, after a trip
                            r"|(?<=[,;，；])查了(?![询看阅找收]|一下|下)"
                            r"|查[了过]?[一两二三四五六七八九十几\d]+[次遍回趟轮]"
                            # 查了辖区加油站3家, 查烟花爆竹 2家: places inspected, counted
                            r"|(?<![调检审核普排])查[了过]?[^,;，。？?]{0,10}?[一两二三四五六七八九十\d]+[家处所户]|(?<=[□■])(?:又|也|都)?来过"
                            r"|[□■][▫\s]*(?:又|也|都)?来[了过]?(?:[一两二三四五六七八九十几\d]+|多少)[次回趟]|被[^,;]{0,8}?查(?:了|过)"
                            r"|(?<=[□■])[▫\s]*(?:现在|已经|已|刚刚|刚)?到了(?=$|[,;:!?])"  # 县委督查室现在到了: the visit begun
                            r"|(?:查|排查|复核|巡查|核查)完(?![成善整备])"  # 两个隐患点查完: the places checked
                            rf"|(?:去|到|赴|下到|下|来){_CLAUSE}{{1,8}}?看了(?!看)|(?:派人|来人)来?(?:我|本|咱)"
                            # 跑了四个卫生院查医疗质量: went round the places
                            rf"|跑了?[一两二三四五六七八九十\d几]*个?{_ON_THE_WAY}{{1,8}}?查(?![询看阅找收])"
                            # 和市场监管局联合查医美机构, 他们跟我们一块查了: checked together
                            rf"|(?:联合|一块|一起|一同|一块儿)查(?![询看阅找收]|一下|下)"
                            rf"|(?:去|到|赴|下到){_CLAUSE}{{1,10}}?(?:{LOOKING})"
                            # 到柳湾村、枫树村看光荣牌悬挂情况, 来乡里了解林区治安情况, 来局里翻了校车台账: one went to a
                            # place to look at, learn of or leaf through its work (not 到时候看, 去医院看病, 来看望)
                            rf"|(?:去|(?<![收送交报拿找得])到(?![时底点位期])|赴|下到|来(?!看|了解))(?:了?一?趟)?"
                            rf"{_ON_THE_WAY}{{1,10}}?(?:看(?![到见法望病看]|一下|下)|了解|翻了?|察看|查看)"
                            rf"(?={_ON_THE_WAY}{{2}})"
                            # 去了趟白沙中心校，主要看宿舍消防通道: the trip, then what was looked at
                            rf"|(?:去|到|赴|来)了?一?趟{_ON_THE_WAY}{{1,10}}?[,，]\s*(?:主要|重点|就|是)?(?:看|查|了解)"
                            # 县委督查室要去青山镇看春耕: an office of ours (masked ■) or a team going to look is inspecting
                            rf"|(?:(?<=■)|(?:督查|督导|检查|考核|调研)[室组]){_CLAUSE}{{0,6}}?(?:去|到|赴|下到)"
                            rf"{_CLAUSE}{{1,10}}?看(?![到见法望病])"
                            # 市委督查室来镇里看综治中心, 县委办这周二要来看我们的台账: a body comes to look
                            rf"|(?:(?<=[{MASK}■])|上面|上级|上头|县里|市里|省里)[^,;，。]{{0,8}}?来{_CLAUSE}{{0,6}}?看(?![到见法望])")
# Said of something already done (刚下发的文件, 已经报过的数据): context for what the message asks.
_DONE = re.compile(r"(?:刚|已|已经|才|刚刚)$")
_MAY_BE_DONE = guarded(r"[刚已才]|了[^再]*?(?:再|还要|还想|又要)")
_PROPOSED_AGAIN = re.compile(r"[,;，；\s][^,;，；]*?(?:再|还要|还想|又要)")
# 督查时, 考核的时候: the inspection is the frame of whatever is demanded in it.
_FRAME = re.compile(r"时|的时候|期间")

_LEDGER_FORM = re.compile(r"(?<!双)台账")
# Each cue behind its own first characters too (bot.nlu.firstchars): most fail in one step.
_VERB_SCANNER = guarded("|".join(f"(?P<{name}>{with_guard(pattern)})" for name, _, _, pattern in _VERB_CUES))
_VERB_TAGS = {name: (kind, direction) for name, kind, direction, _ in _VERB_CUES}

# Between the other party and what it does: its people or team (市里的巡察组到了…, 应急局的人来查了,
# 县委办督查室来查…, 县委办的督查又来了); ■ is another organisation masked. units.py reads parties with it too.
# (县教育局和交警…联合来查: with another, coming together)
ITS = (r"(?:[和与同及、](?![我咱俺本])[^,;，。\s▫□■]{1,5}?[▫\s]*(?:联合|一起|一同)(?=[▫\s]|来|下来))?"
       # 县卫健局家来督导: an office's people, said with 家 in the north-west
       r"(?:家(?=[▫\s]*(?:又|也|都|要|将)?(?:来|下来))|的?(?:人|同志|工作人员|■+|(?:督查|检查|考核|督导|暗访|巡察)(?![组室])|[^,;，。\s]{0,4}?[组室科股处]"
       # 民政局王股长带队来查了, 县妇联蒙主席来河口调研: its people
       r"|[^,;，。\s]{0,3}?(?:股长|科长|局长|处长|主任|主席|书记|部长|站长|所长|院长|队长|领导|督学|专家)))?"
       r"(?:一行(?:[一两二三四五六七八九十\d]+人)?)?")  # 市教科院张主任一行三人来县调研: its party
# Between a party and its verb: masked times (▫) and the adverbs and modals of a plain sentence
# (县纪委今天突然来查, 县里还要来暗访, 督查室明天一早又要下来, 县委办今年第三次来). units.py reads it too.
ADVERBIAL = (r"(?:[▫\s:：()（）]|又|也|都|已经|已|刚刚|刚才|刚|就|约了?|说|计划|准备|打算|突然|还|再|临时|专门|专程|亲自|马上"
             r"|打电话|通过电话|电话|(?:已经)?定(?:下来)?了[,，]"  # 县平安办定了，11月12号来验收: the day it set
             r"|通知(?=[▫\s]*(?:要|将|会)?来)"  # 市局通知下周二来复查: it said it comes
             r"|即将|正在|正|定在|定于|今年|首次|第[一二三四五六七八九十\d]+次|要|将|会|可能|拟|一早|一大早|悄悄|连续)*")
# We as the subject of what is proposed or done (我们还要不要再开一次, 局里准备转发, 咱镇还发不发): ours.
_WE = (r"(?<![给到向对在去从赴跟])(?:镇里|乡里|局里|我们|咱们|俺们|我镇|我乡|我局|本局|本镇|本乡|咱镇|咱乡|俺镇|俺乡|◇+)"
       r"(?:局|镇|乡|这边|这里)?")
_WE_MAY = rf"{ADVERBIAL}(?:要不要|需不需要|用不用|需要|准备|打算|想|得)?{ADVERBIAL}"
_DOC_OURS = guarded(rf"{_WE}{_WE_MAY}(?:印发|下发|转发|发文|行文|转(?![到给来交办])"
                    r"|发(?![到给来过展生现放言挥起热动扬布表出送]))")
# What a party holding a meeting does: 县纪委召开…, 县教育局召集开会, 县政府开了个…, 市应急局定的调度会
# (units.py reads the holder of a meeting with it too).
HOLDS_MEETING = (r"召开|开了|开个|开的|开一个|开会|(?<=要|将)开(?=[^,;，。]{1,12}?会)"
                 r"|开(?![过完展发放通始局]|工(?!会))(?=[^,;，。]{1,10}?会(?!议室|[计员长]))|组织(?!部)|召集|举办|举行|通知开"
                 r"|定的(?!时间|日子|日期|时候)|主持的")  # (县防指定的时间: the day set, not the meeting held)
_HOLDING = rf"{ITS}{ADVERBIAL}在?(?:{HOLDS_MEETING})"
_HELD_BY = re.compile(_HOLDING)
# 县应急局：下周一视频调度，各乡镇站长都要在线: a party heading the message relays its own notice
_THEY_HOLD = re.compile(rf"(?<![到去在赴{MASK}]){MASK}+{_HOLDING}|^[▫\s]*{MASK}+[:：]")
# Lower units attending or watching (各校在本校收看), or we hold it (局里组织的, 乡里开个…): ours.
_MEETING_OUT = guarded(rf"(?:各乡镇|各村|各单位|各部门){_CLAUSE}{{0,5}}(?:设|在)?{_CLAUSE}{{0,3}}分会场|来参加"
                      # 去县一中给高一新生开应急安全专题报告会: held by us, for an audience
                      rf"|给{_CLAUSE}{{1,10}}?开(?:个|了|一场|一个)?{_CLAUSE}{{0,14}}?(?:报告会|宣讲会|讲座|培训会|培训)"
                      rf"|(?:镇里|乡里|局里|我们|咱们|俺们|我镇|我乡|我局|本镇|本乡|本局)(?:自己)?(?:办|开|组织|举办|召开|主办)的"
                      # 参加了局党组会: our own body's standing meeting, attended by its people
                      r"|(?:参加|列席|出席)了?(?:局|镇|乡)(?:里的?)?(?:党组会|党委会|局务会|班子会|办公会|机关干部大会)"
                      # 局长办公会，我列席: our own body's standing meeting named, with us in it
                      rf"|(?<![{MASK}■])(?:局长|镇长|乡长)办公会(?={_CLAUSE}{{0,2}}?[,，\s]*(?:我|我们|俺|咱)?{_CLAUSE}{{0,3}}?(?:列席|参加|出席))"
                          r"|做主会场|(?<!去)主会场|(?:让|由|叫|安排)?(?:我们|我局|我镇|我乡|咱们|局里|镇里|乡里)[^,;，。]{0,2}?"
                          r"(?:筹备|承办|牵头|组织|会务)|(?:我们|我局|我镇|我乡|局里|镇里|乡里)(?:负责)?(?:承办|筹备)"
                          rf"|(?<!通知)要求{_CLAUSE}{{0,8}}(?:参加|参会)|{_LOWER}{_CLAUSE}{{0,16}}?(?:收看|参加|参会)(?![^,;，。]{{0,2}}{MASK})"
                          rf"|[一两二三四五六七八九十\d]+个(?:村|社区|站所|学校)[^,;，。]{{0,8}}?(?:参加|参会)"
                          rf"|{_WE}{_WE_MAY}(?:召开|开个|开了|开一个|组织|召集|举办"
                          r"|开(?![展发放通始局辟启创拓设户支具票车门关业园心学到]|工(?!会)))")
_WATCHING_THEIRS = re.compile(rf"收看{_CLAUSE}{{0,4}}?[{MASK}■]")
# Our people going to someone else's meeting (我们局长去了, 局班子全体参加, 我和小李去, 派了两个人去).
_ATTENDING = re.compile(
    # (各中小学分管安全的副校长参加, 卫生院分管院长参加: those below, at our meeting)
    r"(?<![各村校区的镇乡局门学院站所])(?:我|咱|俺|本人|局长|书记|镇长|乡长|县长|主任|领导|班子|副镇长|副乡长|副局长|分管|干部)"
    r"[^,;，。；]{0,10}?(?:参加|参会|出席|列席|去(?:了|的|[\d两一二三四五六七八九十]+个?人|(?=[,，。;；\s]|$)))"
    r"|派[^,;，。；]{0,8}?去|去[\d两一二三四五六七八九十]+个?人|派了?[\d两一二三四五六七八九十]+个?人"  # 我们派1人
    r"|安排[\d两一二三四五六七八九十]+(?:个|名)?人?(?:参加|参会|出席|列席)"  # 县委办安排三人参加
    r"|(?:我|咱|俺)[^,;，。；]{0,8}?(?:都)?(?:得|必须|需要)去(?!查|检查|督查|考核|调研|暗访|看)")  # 咱镇得去书记和俺
# (县人社局和县残联联合开的: 和 joins two other parties, who hold it)
_MET_WITH = guarded(rf"(?<![去到参{MASK}])(?:跟|和|与|同)[{MASK}]+(?:一起|一道)?[^,;，。{MASK}]{{0,3}}?开"
                    r"(?!了?[^,;，。]{0,6}?(?:的会|会议)?[^,;，。]{0,2}?(?:参加|列席))")
_MEETING_IN = guarded(
    # 参加的市里…视频会: attended (not 参加的人)
    rf"(?<![院村镇乡校位门站所])(?:参加|出席|列席)(?!的(?![{MASK}■]|[市县省]里|上级))(?={_CLAUSE}{{0,24}}?(?:会|培训|座谈))|上级(?:的)?会|{MASK}的{_CLAUSE}{{0,12}}?(?:会|座谈)"
    rf"|接(?:到)?{MASK}+[^,;，。]{{0,3}}?通知|^[▫\s]*[{MASK}■]+通知"
    rf"|(?:去|赴|到)(?:{MASK}|[市县省]里?){_CLAUSE}{{0,12}}?(?:开|参加){_CLAUSE}{{0,16}}?会|(?:去|到|赴|在)(?:{MASK}|[市县省]里?)"
    rf"{_CLAUSE}{{0,8}}?(?:开会|参会)|(?:我镇|我乡|我局|我县|我们|我单位|本单位|本镇)[^,;]{{0,6}}?(?:参加|参会|出席|列席)|派{_CLAUSE}{{0,10}}?(?:参加|参会|出席|列席)"
    rf"|分会场|收看|(?<![叫喊请让召])(?:去|赴)(?:参加|参会|开会|开(?={_CLAUSE}{{1,16}}?会))"
    rf"|(?:去|赴)(?:镇里|乡里){_CLAUSE}{{0,4}}?(?:开|参加){_CLAUSE}{{0,12}}?会"  # 周五去镇里开培训会, said below it
    rf"|[{MASK}■]+{_CLAUSE}{{0,4}}?(?:在|搁|到)(?:咱|我们|俺们|咱们|我|俺)(?:这|这里|这儿){_CLAUSE}{{0,4}}?开"
    rf"|(?<![人位])(?:参会|与会)(?![约近共\d一二三四五六七八九十两百几人:：]|的人|的有|的[^,;，。]{{0,4}}?(?:是|都|有|为)|单位|范围|对象)"
    rf"|{MASK}+{_HOLDING}|^[▫\s]*{MASK}+[^,;，。]{{0,12}}?会(?!议室)"
    rf"|被{_CLAUSE}{{0,8}}?(?:叫|喊|通知|召集)去|跑(?:[{MASK}■]+|[市县省]里){_CLAUSE}{{0,4}}?会"
    r"|通知(?:要求|让|叫)[^,;，。]{0,12}?(?:参加|参会|出席)"  # …视频会，通知要求分管领导参加: we are summoned
    # 市里的防汛视频会 今天下午 参加了: the meeting told first, then that we attended, with no one else as subject
    # (…视频会，我在线上: attended online)
    rf"|会[^。;；]{{0,14}}?[\s▫,，:：](?:我们|我|咱们|咱|俺们|俺)?(?:都|也|已|已经)?(?:参加|出席|列席|参会|在线上)了?"
    r"(?=$|[\s,，。;；!！])"
    rf"|跑了?[一两二三四五六七八九十\d几]*[趟回次](?:[{MASK}■]+|[市县省]里)"
    # 县里叫我们去开了四次会, 县委办通知俺们去开了个会: called to someone else's meeting
    r"|(?:叫|喊|通知|召集)(?:我们|我|俺们|俺|咱们|咱|我局|我镇|我乡)[^,;，。]{0,4}?(?:去|参加|参会)"
    # 市委组织部周四的培训，我们按名额派3个人; …演练观摩，乡里派三个人去: we send people to another's event
    r"|派[一两二三四五六七八九十\d]{1,2}个人(?:去|参加)?(?=$|[,;，。？?！!\s]|可以|行|能)"
    # 在县委党校参加…培训班 (a place, then attending), 刚从县政府常务会回来 (back from another's meeting)
    rf"|(?<![院村镇乡校位门站所各])在{_CLAUSE}{{1,10}}?(?:参加|出席|列席)(?={_CLAUSE}{{0,24}}?(?:会|培训|座谈))"
    rf"|从{_CLAUSE}{{1,14}}?(?:会|培训班?|座谈)上?(?:回来|回到)")
# 检查 村级防汛值班 我们去的: we say we went
_WE_WENT = r"(?:我们|咱们|俺们|我|咱|俺)(?:自己|几个)?(?:去|下去)的"
# …or that we go (我们明天到龙潭村验收): parser.py keeps either against the learned opinion
WE_GO = re.compile(rf"{_WE_WENT}|(?:我们|咱们|俺们|我局|我镇|我乡|本局|本镇|本乡)(?:自己|几个)?[▫\s]*"
                   r"(?:要|将|准备|打算|一起|也|又)?(?:去|到|下到|赴|下去)")
_INSPECTION_OUT = guarded(
    rf"(?:派|组织|成立){_CLAUSE}{{0,4}}?(?:[{MASK}■]|检查组|督查组|考核组|督导组)|{_WE_WENT}"
    rf"|(?<![从由])下(?:去|村|乡|基层)(?=[^,;，。]{{0,6}}?(?:检查|督查|考核|督导|查))"
    rf"|组织(?!的){_CLAUSE}{{0,6}}?(?:检查|督查|考核|督导|自查|排查)")
# 县委办对四个乡镇…开展一次检查, said in 县委办: we, on others, whatever the topic (公务接待) says
_WE_ON_THEM = re.compile(rf"{_WE}{_CLAUSE}{{0,4}}?对{_CLAUSE}{{1,20}}?(?:检查|督查|考核|督导)")
# A visitor (design §4): the other party as subject — not after 到/去/对 (到河口镇检查 is ours) — that comes
# (来/下来/进驻/到我镇) or inspects (市卫健委抽查了…); ▫ is a masked time (县纪委今天来督查).
# 县应急局和消防大队联合检查: a partner the org does not list, named as a body
_PARTNER = r"(?:[、和与及同跟](?:[{MASK}■]+|[\u4e00-\u9fff]{{1,6}}?(?:大队|中队|支队|局|所|站|中心|办|委|院|部|处)))"
_VISITOR = (rf"(?<![到在去赴对向给{MASK}])(?<![去到赴]了){MASK}+{_PARTNER.format(MASK=MASK)}*{ITS}{ADVERBIAL}"
            rf"(?:联合|一起|一同|带队)?{ADVERBIAL}"
            # 验收组到龙潭村现场验收: to a place below us, to do it there
            # …to one of our units (省厅检查组到白沙乡查): the org's places are where the county is inspected
            rf"(?:下来|进驻|进场|来|到(?:我|本|咱)|到了|下到|到■|到[^,;，。\s□▫]{{1,6}}?(?:村|社区|卫生院|中学|小学|学校|中心校|[一二三四五六七八九\d][中小])"
            rf"|(?:督查|检查|抽查|考核|督导|暗访|调研|巡查|巡察|考评|测评"
            rf"|评估|调阅|蹲点|督办|约谈|考察|审计|回访|复查|核查|视察))"
            rf"|(?<![到在去赴对向给■{MASK}])[{MASK}■]+(?:[、和与及同跟][{MASK}■]+)*{ITS}(?:有人|派人|来人)?[▫\s]*"
            rf"{ADVERBIAL}(?:一起|联合|一同)?"
            rf"(?:下来|进驻|来过|来了?[^,;，。]{{0,8}}?(?:督查|检查|考核|调研|督导|暗访|抽查|评估|测评|考评|验收|巡察|考察|视察|回访|摸底"
            rf"|核对|核实|核(?=[^,;，。]{{0,6}}?(?:台账|账|数据))|查|看)"
            rf"|来(?=[,;，。、\s]|$)"
            rf"|到(?:我|本|咱)|到了|到(?:镇里|乡里)|到(?=[,;，。\s]|$))")
_INSPECTION_IN = guarded(
    # 把县林业局防火检查那条删了, 市局体育中考考场验收那条: the other party's inspection named as a thing
    rf"(?:^|(?<=[把将,;，。\s])){MASK}+的?[^,;，。\s□■]{{0,8}}?(?:督查|检查|考核|验收|督导|暗访|巡察)(?=那|这|的|$|[,;，。\s])"
    rf"|来(?:乡|镇|局)里?(?=[^,;，。]{{0,4}}?(?:督查|检查|考核|调研|督导|暗访|验收|查|看))"  # 来乡督查: comes to us
    # 有个市局的信息化调研来过我们县, 应急森林防火检查明天来: their inspection, said as a thing, came or comes
    rf"|[{MASK}■]+的?[^,;，。、\s□■]{{0,8}}?(?:督查|检查|考核|调研|督导|暗访|验收|评估)(?:组|团)?[▫\s]*(?:又|也|都|要|将)?"
    r"(?:来过|来了|下来|来(?=[,;，。、\s]|$))"
    rf"|(?:他们|对方|人家)(?:派|来)了?人"  # 跟市招考院对接，他们来人: the other party came
    # 参加市考试院组织的保密室验收: taking part in an inspection another party holds is being inspected
    rf"|(?:参加|接受|配合)[^,;，。]{{0,4}}?{MASK}+[^,;，。]{{0,3}}?(?:组织|开展|牵头)的"
    rf"|{_VISITOR}|(?:里|上级|上面)(?:要|将|会)?来|来(?:过|了)?(?:我|本|咱)|到(?:我|本|咱)(?:镇|乡|局|县|们|单位|村)|{OURS}"
    rf"|到了(?:我|本|咱)(?:镇|乡|局|县|们|单位|村)|(?<=▫)来(?=$|[,;:!?。，；：\s])"
    r"|(?<=▫)(?:先后|又|刚)?来了[一两二三四五六七八九十\d几]*[拨批个]?人?(?:检查|督查|考核|暗访|调研)"
    # 今天就来督查, (县卫健局打电话，)下星期三来查村卫生室: someone comes, we never 来查
    r"|(?<=▫)(?:就|又|也|还|要|会|将)?来(?=[^,;，。]{0,4}?(?:检查|督查|考核|暗访|调研|督导)|查(?![询阅找]))"
    rf"|(?:到|来)局里|来(?:局|镇里|乡里)|(?<![发送交报传拿带寄递])过来|对(?:我|本)(?:局|镇|乡|单位|们)"
    # 县纪委下周在镇里蹲点调研, 搁咱这查: in our place; 镇上来查 (said below the town); 市委督查室13号回访: they do it
    rf"|(?<=[{MASK}▫])[^,;，。]{{0,6}}?(?:在|搁)(?:镇里|乡里|局里|咱这|咱们这|我们这|俺们这|俺这)"
    r"|(?:[镇乡县市]上|那边)(?:要|将|会|又)?来(?![文函电])"  # 清真寺那边来调研: they come
    rf"|(?:^|(?<=[,;，。\s▫])){MASK}+{ITS}▫[▫\s]*(?:回访|督查|检查|考核|调研|暗访|督导|巡察|巡查)"
    rf"|在(?:我|本|咱)(?:县|镇|乡|局|们|单位|村)|接受|受到|迎接|接待|迎检|受检|迎了?{_CLAUSE}{{0,3}}?检|配合|(?<!不要)(?<!不用)(?<!无需)陪同|陪着|陪(?=[{MASK}■])|被|(?:{MASK}|里|上级|上面)(?:要|将|会)?来"
    rf"|为了{_CLAUSE}{{0,4}}?(?:检查|督查|考核|验收)|(?:督查|检查|考核|督导|查)了?(?:咱|我们|俺们|俺|我)(?![们]?(?:去|到))"
    r"|派[^,;，。]{0,6}?下来"  # 市应急局会派人下来检查: sent down to us
    r"|(?<![我本咱俺]局)(?<![我本咱俺]们)进点"  # 县审计局的…专项审计进点了: an audit team arrives on site
    rf"|{MASK}[▫\s]*(?:要|将|会)?(?:到|来|进驻)(?:我|本|咱)?[县镇乡](?![城直里委政])")  # 省委暗访组到县: to us
# The other party (or 上头) as the one demanding: 县卫健局要各村每天打卡, 上面让下载个app.
_DEMANDED_BY_THEM = re.compile(rf"(?:(?<![到去在赴给向对找跟问从{MASK}]){MASK}+{ITS}|上头|上面|上级){ADVERBIAL}"
                               r"(?:要求|要|让|叫|通知)(?!我们|我)")
# Materials demanded of us, by name (要求我乡报送, 让我们报) or by a party that called or sent word first
# (县政府办今天来电，要求报送…): we are the ones who report, upward; so is what we 报上去. A demand passed on to
# those below (要求我们通知各村报) stays ours.
_PASSED_DOWN = rf"(?!{_CLAUSE}{{0,8}}?(?:各|{_BELOW_PEOPLE}|村里|下面|下级))"
_DEMANDED_OF_US = guarded(
    rf"(?:要求|让|叫|通知|请|催)(?:{_US}){_PASSED_DOWN}"
    rf"|(?<![到去在赴给向对找跟问从{MASK}■])[{MASK}■]+{ITS}{_CLAUSE}{{0,8}}?(?:来电话?|打来?了?电话|来函|发来通知|通知)"
    rf"[^;。]{{0,3}}?(?:要求|让|叫|要|请){_PASSED_DOWN}"
    # 县府办电话通知 周一报防汛物资清单: a party above notifies, and what follows is ours to hand in
    rf"|(?<![到去在赴给向对找跟问从{MASK}■])[{MASK}■]+{ITS}{_CLAUSE}{{0,8}}?通知[▫\s]*(?:[^,;，。]{{0,4}}?前)?"
    rf"(?:报|交|送|上报|报送|填报)(?!给?(?:各|下))"
    r"|(?:报|交|送|传)上去", two_chars=True)
# 各村每周报一次, 各村每天要报: lower units made to report, to us (各村本月上报材料 asks about their own).
_LOWER_REPORTING = re.compile(rf"(?:各(?:村|乡镇|单位|部门|社区|站所|学校)|村里|下级|{_BELOW_PEOPLE}){_CLAUSE}{{0,6}}?"
                              rf"(?:每|要|须|得|需|把{_CLAUSE}{{0,10}}?)"
                              rf"{_CLAUSE}{{0,8}}?(?:上报|报送|填报|报|填|交|上传|打卡|接龙|签到)"
                              r"|(?:布置|安排|部署|发|下|派)下去"  # 材料今天已经布置下去了: demanded of those below
                              # 青山镇给我们报了一份清单, 下面报给我们的: handed in to us
                              rf"|(?:给|向)(?:我们|我|咱们|咱|我镇|我乡|我局|本单位|{OURS})[^,;，。]{{0,4}}?(?:报|交|送)"
                              rf"|(?:报|交|送)给(?:我们|我|咱们|咱|我镇|我乡|我局|本单位|{OURS})"
                              # 一中、二中交了自查报告，是我们要的: what we asked for, handed in
                              r"|(?:是|都是)(?:我们|咱们|我局|局里|镇里|乡里)要(?:求)?的")
# 承诺书收了三十份: handed in to us, when no party it came from is named
_HANDED_IN = re.compile(r"(?<![接])收(?:了|到|齐|上来)")
_DOCUMENT_IN = re.compile(r"上级文件|来文|收文|收到|接到|(?<!迎)接了|收了|收悉|已收|(?<![发接回])收[□■的]"
                          r"|(?<![发送报交])到(?:了|的)"

                          r"|(?<![原带未将后出起过回下上])来了?[^,;]{0,5}?(?:文件|函|通知|电报|明电|急件|文(?![化明艺字章凭]))"
                          rf"|{MASK}[^,;，。]{{0,6}}?(?:下来|转来|发来|转过来|发过来|送过来)"
                          # 市里印发的细则昨天到了, 县里的文 今天来了四件: what arrived came to us
                          r"|(?:下发|印发|发|转发|转)的[^,;，。\s]{0,16}?(?:到了|来了|到的|已到)"
                          r"|(?:文件|文|通知|函|电报)(?:\s?▫+)?[^,;，。\s]{0,6}?(?<![发送报交转下])(?:到了|来了|到的)")
# A bulletin of our own, issued (这期简报发不发, 印出来发了吧, 接着出), not one sent up (报给县委办, 上报).
_ISSUED = re.compile(r"(?<![上报])(?:发不发|发了吧|发吧|印出来|印发|接着出|出一期|出不出|编一期|发个|发一期|还发"
                     r"|(?:照常|照样|继续|接着|还要|还得|要不要)发|印不印|还印)")
_SENT_UP = re.compile(r"报给|上报|报送|交给|报[■□]|向[■□]")
# Sent to us by the other party: 教育局给我们发了个文, 县委办发的文, 县委办转到我们乡.
# (县委办给咱局的发文额度: the quota we issue under, not a paper sent to us)
_DOC_TO_US = re.compile(rf"给(?:我们|我|咱们|咱|我镇|我乡|我局|我县|本单位|◎)[^,;，。]{{0,4}}?(?:发|下|转|印)"
                        r"(?!文?(?:额度|配额|指标))"
                        rf"|(?:发|转|下发)给(?:我们|我|咱们|咱|我镇|我乡|我局|我县|本单位|◎)"
                        rf"|收到{MASK}+[^,;，。]{{0,3}}?(?:发|下发|印发|转发|转)的"
                        rf"|^[▫\s]*{MASK}+[^,;，。]{{0,3}}?(?:发|下发|印发|转发|转)(?:的|来|了)|转到(?:我|咱|本|◎)"
                        r"|发到(?:我|咱|本|镇里|乡里|局里)|发了?[^,;，。]{0,4}?过来"
                        # 县气象局来了个…的函, 县信访局又来了一件交办单
                        rf"|{MASK}+[▫\s]*(?:又|也)?来了?[^,;，。]{{0,14}}?(?:文件|文|函|通知|电报|明电|交办单|督办单|转办单"
                        r"|方案|征求意见稿|办法|细则)"
                        # 【…的通知】县交通局来的, 县住建局、县财政局联合发的: whose it is, said after it (跟卫健局联合发的: ours)
                        rf"|(?<![跟和与同{MASK}■])[{MASK}■]+[^,;，。]{{0,4}}?(?:联合)?(?:发|下发|印发|来|转发|转)的(?=[,;，。\s]|$)"
                        # 上午登的组织部那个通知, 工委两个文那条: its papers named after it (not 发给县委办的通知)
                        # (转发县人武部那个文件, 把市委那个文再转发一遍, 把省厅的文件抄一遍: ours to issue)
                        rf"|(?<![给向报送交转发把{MASK}])[{MASK}]+(?:那个|这个|那份|这份|[那这]?[两二三四五六七八九十\d][个份件]|\s)"
                        r"(?:文件|文|通知|来文|函)(?![^。？?]*?(?:转|发))"
                        r"|^(?:转|转发|转自)\s*[:：](?!\s*(?:我|本|咱))")  # 转：X关于…的通知: forwarded to us (Fwd)
_SUBTYPE_DOC = [
    ("转发", re.compile(r"转发")),
    ("党委发文", re.compile(rf"(?:党委|县委(?!办)|[镇乡]党委)(?:名义)?{_CLAUSE}{{0,6}}?(?:发文|文件|印发|发)")),
    ("政府发文", re.compile(rf"政府(?!办)(?:名义)?{_CLAUSE}{{0,6}}?(?:发文|文件|印发|发)")),
    ("便函", re.compile(r"便[函笺]")),
    ("白头", re.compile(r"白头")),
]


@dataclass(slots=True)  # (slots, as bot.nlu.intent.Intent: made once per analysis)
class KindInfo:
    kind: str | None = None
    direction: str | None = None
    direction_explicit: bool = False
    subtype: str | None = None
    head: tuple[int, int] | None = None  # the noun naming the item, for the title
    by_verb: bool = False  # a verb decided (开会, 发文, 收到文件), not a bare noun (会议, 材料)
    framed: bool = False  # a frame decided (督查时要求…): the visit the rest happens in
    spans: list[tuple[int, int]] = field(default_factory=list)  # every cue matched


# the words between a qualifying noun and its head: a few, or up to 12 ending in …的 and a short attribute, with no
# verb of their own (总结下半年打算的综合性文件 is one document; 文件里自己定一项全县学校的考核 sets an inspection in one)
# (…督查检查考核计划执行情况通报会: a longer run of nouns, with no verb in it, qualifies the last as well)
_MODIFIED = re.compile(rf"(?:(?={_NOMINAL}{{0,8}}$)|(?=[^开定设搞发写加列报放建立出期间]{{0,12}}$)(?={_NOMINAL}{{0,12}}$)"
                       rf"|(?={_NOMINAL}{{0,12}}$)(?=[^定设搞开发写加列报放建立出]{{0,8}}的"
                       rf"{_NOMINAL}{{0,4}}$)){_NOMINAL}*?(?:工作|情况|专项|专题|的)")


class _Cue(NamedTuple):
    """One cue found in the message (a tuple: a few are made per message, so they are made cheaply)."""

    start: int
    end: int
    kind: str
    direction: str | None
    name: str


def _drop_qualifiers(nouns: list[_Cue], masked: str) -> list[_Cue]:
    """Chinese phrases are headed by their last noun: a noun of one kind that only qualifies a later noun of
    another kind ending the clause (督查工作座谈, 考核工作部署会, 年度考核的文件) names no item."""
    if len(nouns) < 2:
        return nouns
    kept = []
    for i, noun in enumerate(nouns):
        later = nouns[i + 1] if i + 1 < len(nouns) else None
        if (later is not None and later.kind != noun.kind and later.kind != "report" and later.start >= noun.end
                and _clause_end(masked, later.end) == _clause_end(masked, noun.end)
                and not any(n.start >= later.end and n.start < _clause_end(masked, later.end) for n in nouns)
                and _MODIFIED.match(masked[noun.end:later.start])):
            continue
        kept.append(noun)
    return kept


def _outside(cues: list[_Cue], start: int, end: int | None = None, kind: str | None = None) -> list[_Cue]:
    """The cues not starting in masked[start:end] (to the end when `end` is None), or only those of `kind` dropped:
    one way for every clause of context (…期间, …的时候, 会上, 当场…, …的时候用) to step aside."""
    return [c for c in cues if not ((start <= c.start and (end is None or c.start < end))
                                    and (kind is None or c.kind == kind))]


# A form to fill (统计表, 汇总表): the item names right before it (发文开会统计表, 会议、发文统计表) are what it counts
_FORM_TOPICS = re.compile(r"(?:(?:发文|收文|来文|开会|会议|督查|检查|考核|督导|文件)[和及与、]?)+"
                          r"(?=统计表|报表|汇总表|情况表|登记表|统计(?:$|[,;，。\s]))")  # (来督导台账: a visit)


def _drop_form_topics(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    """Drop the cues inside the item names that run into a form's name: its topic, not an item."""
    if "统计" not in masked and "表" not in masked:
        return verbs, nouns
    for topic in _FORM_TOPICS.finditer(masked):
        verbs, nouns = _outside(verbs, *topic.span()), _outside(nouns, *topic.span())
    if "表" in masked:  # 下发了排查辖区…党员情况的表格: a form sent down, what it asks about inside it
        for sent in _FORM_SENT_DOWN.finditer(masked):
            start, end = sent.end(), sent.end("form")
            verbs = [v for v in _outside(verbs, start, end) if not (v.kind == "document" and v.start < start <= v.end + 2)]
            nouns = _outside(nouns, start, end)
            verbs.append(_Cue(sent.start("form"), end, "report", "outgoing", "report_out"))
    return verbs, nouns


# 向各村党组织下发了…的表格，要求8月5日前报回: a form sent down to be filled and returned is a demand of a paper
_FORM_SENT_DOWN = re.compile(r"(?:下发|发放|(?<![收报])发(?![文展现生])|下(?![面级属午周月]))了?"
                             r"(?=[^,;，。]{2,28}?的(?P<form>表格|调查表|统计表|登记表|摸排表|排查表|情况表)"
                             r"(?=[,;，。\s]|$))")


# 村里报上来的不算，咱镇今天给县里报了方案: a clause said not to count names no item.
_NOT_COUNTED = re.compile(r"(?:不算|不计|除外|不用记|不用登|不登|不记)(?=$|[,;:!?。，；：\s])")


# 未开汇报会, 没搞座谈, (去白沙乡现场看一下，)不发通知: told of the work, a meeting not held or a notice not sent is
# no item
_NOT_HELD = re.compile(rf"(?:未|没有?|并未|也没|不)(?:开|召开|搞|安排|组织){_CLAUSE}{{0,6}}?(?:会|座谈)"
                       rf"|(?:未|没有?|并未|也没|不)(?:发|下发|印发)了?{_CLAUSE}{{0,4}}?(?:通知|文件|文(?![化明字艺]))"
                       # 没提前通知, 不打招呼: how a visit was made, not a notice
                       r"|(?:未|没有?|并未|也没|不)(?:提前|事先|预先)?(?:通知|打招呼)")


# 去物流园党支部调研, 下到村里看看: we go to look (not 市里来督查, 到我县督查: they come to us)
_WE_GO_TO_LOOK = re.compile(r"(?:去|下到|到(?![我本咱]))[^,;，。来]{0,12}?(?:调研|督导|督查|检查|看看|看一下|走访|查看|察看)")


def _drop_excluded(verbs: list[_Cue], nouns: list[_Cue], masked: str,
                   asking: bool = False) -> tuple[list[_Cue], list[_Cue]]:
    if "不" not in masked and "除" not in masked and "未" not in masked and "没" not in masked:
        return verbs, nouns
    excluded = [(_clause_start(masked, m.start()), m.end()) for m in _NOT_COUNTED.finditer(masked)]
    not_held = [m.span() for m in _NOT_HELD.finditer(masked)]
    # asked (市里来督查，不开汇报会行不行), the meeting not held is what is asked about, unless we propose going to look
    # instead (去物流园党支部调研，不开座谈会，只实地看看，可以吧: the visit)
    if not asking or _WE_GO_TO_LOOK.search(masked):
        excluded += not_held
    if not excluded:
        return verbs, nouns
    kept_verbs = [v for v in verbs if not any(s <= v.start < e for s, e in excluded)]
    kept_nouns = [n for n in nouns if not any(s <= n.start < e for s, e in excluded)]
    if kept_verbs or kept_nouns:
        return kept_verbs, kept_nouns
    # 去白沙乡现场看一下，不发通知: the visit is the item, the notice not sent is none
    return ([], []) if _bare_checking(masked) is not None else (verbs, nouns)


def detect(masked: str, text: str | None = None, named_documents: Sequence[tuple[int, int]] = (),
           asking: bool = False) -> KindInfo:
    """Kind, direction, subtype and head noun of a (masked, normalized) message.

    `text` is the same message unmasked: who issued a document (党委/县政府) is read there.
    `named_documents` are the spans of 关于…的通知 / 《…》 (masked in `masked`): each is a document noun,
    so 县委办关于召开…会议的通知收到了 is about a document, not a meeting. `asking`: the message is a question.
    """
    nouns = _nouns(masked)
    if named_documents:
        nouns = sorted(nouns + _named_items(named_documents, nouns, text or masked), key=lambda c: c.start)
    if "组" in (text or masked) and not any(n.kind == "inspection" for n in nouns):
        nouns = sorted(nouns + [_Cue(m.start(), m.end(), "inspection", None, "team")
                                for m in _TEAM.finditer(text or masked)], key=lambda c: c.start)
    verbs = []
    for m in _VERB_SCANNER.finditer(masked):
        name = m.lastgroup or ""
        kind, direction = _VERB_TAGS[name]
        verbs.append(_Cue(m.start(), m.end(), kind or "", direction, name))
    if verbs and nouns:  # the 报 of 报表 is part of the noun, not a verb of its own (各村的报表能不能让他们接龙报)
        verbs = [v for v in verbs if not any(n.start <= v.start and v.end <= n.end and v.end - v.start < n.end - n.start
                                             for n in nouns)]
    if "的" in masked and len(verbs) > 1:  # 新城社区报的…表不对，让他们重新报一次: a verb before 的 names the paper
        verbs = [v for v in verbs if not (masked.startswith("的", v.end)
                                          and any(w.kind == v.kind and w.start > v.end for w in verbs))]
    if "通知" in masked:  # 市局的寒假招生通知已经…发到各校了: a notice named after 的 is a paper, not a demand
        verbs = [v for v in verbs if not (v.kind == "report" and masked.startswith("通知", v.start)
                                          and _NAMED_AFTER_OF.search(masked, 0, v.start))]
    if any(v.kind == "report" for v in verbs):  # 填报危房改造台账: here 台账 is a form to fill
        nouns = sorted(nouns + [_Cue(m.start(), m.end(), "report", None, "noun")
                                for m in _LEDGER_FORM.finditer(masked)], key=lambda c: c.start)
    info = KindInfo(spans=[(c.start, c.end) for c in verbs + nouns])
    nouns = _drop_qualifiers(nouns, masked)
    verbs, nouns = _drop_form_topics(verbs, nouns, masked)
    verbs, nouns = _drop_excluded(verbs, nouns, masked, asking)
    verbs = _drop_named_in_meeting(verbs, nouns, masked)
    verbs, nouns = _drop_event_paperwork(verbs, nouns, masked)
    verbs, nouns = _drop_done(verbs, nouns, masked, asking)
    verbs, nouns = _drop_notice_of_event(verbs, nouns, masked, named_documents)
    verbs = _drop_demand_of_a_paper_received(verbs, named_documents, masked)
    verbs, nouns = _drop_demanding_notice(verbs, nouns, masked)
    verbs = _drop_tag_verbs(verbs, masked)
    verbs, nouns = _drop_quoted(verbs, nouns, masked)
    verbs, nouns = _drop_during(verbs, nouns, masked)
    verbs, nouns = _drop_on_the_spot(verbs, nouns, masked)
    verbs, nouns = _drop_after_a_meeting(verbs, nouns, masked)
    verbs = _drop_summed_up(verbs, masked)
    verbs, nouns = _drop_purpose(verbs, nouns, masked)
    if not asking:  # (会上光念文件…这种会还开不开, 督导的时候让村里准备汇报材料…: how a meeting or a visit is run, asked)
        nouns = _drop_at_the_meeting(verbs, nouns, masked)
        verbs, nouns = _drop_while(verbs, nouns, masked)
        verbs, nouns = _drop_discussed(verbs, nouns, masked)
    labelled = _LABELLED.search(masked) if "记" in masked or "登" in masked else None
    if labelled is not None:  # …，请登记收文 / 请记为一次要求下级报送材料: the sender names the entry outright
        info.kind, info.direction = _LABELS[labelled["label"]]
        return info
    chosen = (_recorded_as(nouns, masked) or _frame(nouns, masked, asking) or _choose(verbs, nouns, masked)
              or _bare_checking(masked))
    chosen = _checking_papers(chosen, masked)
    if asking:
        chosen = _visit_framing(chosen, nouns, masked, text or masked)
    chosen = _visit_hosts(chosen, nouns, masked, text or masked)
    if chosen is None:
        return info
    cue, head = chosen
    info.kind = cue.kind
    info.by_verb = cue.name not in ("noun", "team", "frame")
    info.framed = cue.name == "frame"
    # A visiting team or a frame (督查时…) names no topic: no head noun for the title.
    info.head = (head.start, head.end) if head and head.name == "noun" and cue.name != "frame" else None
    _set_direction(info, cue, masked, text or masked)
    info.subtype = _subtype(info.kind, info.direction, head, masked, text or masked)
    if info.kind == "report" and info.subtype == "信息简报" and _ISSUED.search(masked) and not _SENT_UP.search(masked):
        info.kind, info.direction, info.subtype = "document", "outgoing", None  # 这期简报发不发: ours to issue
    return info


# A tag before the message (#报材料 …, 【收文】…, 发文：…): what kind of entry follows.
_TAG = re.compile(r"^\s*(?:#[^\s#,，]{1,6}(?=\s|[▫□■])|[\[【][^\]】]{1,6}[\]】]|[\u4e00-\u9fff]{2,4}[:：])")


def _drop_tag_verbs(verbs: list[_Cue], masked: str) -> list[_Cue]:
    """#报材料 今日通知各乡镇报…: a tag names the kind; where the sentence after it says what was done with an item of
    that kind, its verb tells the direction, not the tag's (收文：县委办关于…的通知, with no verb, keeps the tag's)."""
    tag = _TAG.match(masked)
    if tag is None:
        return verbs
    tagged = {v.kind for v in verbs if v.start < tag.end()}
    told = [v for v in verbs if v.start >= tag.end()]
    # (收文：县政府办转发的…通知: a verb describing the item, 转发的, tells nothing of ours; the tag settles it)
    return told if any(v.kind in tagged and not masked.startswith("的", v.end) for v in told) else verbs


_QUOTED = re.compile(r'"[^",;:，；：]{1,16}"')


def _drop_quoted(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    """对各村团支部"三会两制一课"落实情况检查, 报了"青春护河"志愿行动方案: words in quotes before the noun of the
    item name its topic (not a quoted sentence or entry: 撤销那条"周五参加…座谈会"，通知取消了)."""
    if '"' not in masked:
        return verbs, nouns
    quoted = [m.span() for m in _QUOTED.finditer(masked)
              if any(m.end() <= n.start and _NAME_GAP.fullmatch(masked, m.end(), n.start) for n in nouns)]
    if not quoted:
        return verbs, nouns

    def outside(cue: _Cue) -> bool:
        return not any(s <= cue.start and cue.end <= e for s, e in quoted)

    kept_verbs, kept_nouns = [v for v in verbs if outside(v)], [n for n in nouns if outside(n)]
    return (kept_verbs, kept_nouns) if kept_verbs or kept_nouns else (verbs, nouns)


# 县委办到我镇调研…，期间召开座谈会1场: what was done during the item told first is part of it, not an item of its own
_DURING = re.compile(r"[,;，；。]\s*(?:期间|其间|调研中|检查中|督查中|检查期间|督查期间|调研期间)[,，]?")


def _drop_during(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    during = _DURING.search(masked) if "间" in masked or "中" in masked else None
    if during is None or not any(c.start < during.start() for c in verbs + nouns):
        return verbs, nouns
    return _outside(verbs, during.start()), _outside(nouns, during.start())


_NAMED_AFTER_OF = re.compile(rf"(?:的|那个|这个){_NOMINAL}{{0,6}}$")  # (市里那个公务接待通知已经发到乡镇了)
# …汇编，迎接市里检查的时候用: what the item is for (a visit) is a clause of context
_FOR_USE_AT = re.compile(r"[^,;，。；]*(?:的时候|时|期间)(?:用|使用|发|备用)(?=$|[,;，。；])")


def _drop_purpose(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    purpose = _FOR_USE_AT.search(masked) if "用" in masked or "发" in masked else None
    if purpose is None or not _outside(verbs + nouns, *purpose.span()):
        return verbs, nouns
    return _outside(verbs, *purpose.span()), _outside(nouns, *purpose.span())


# 质控会后去县人民医院检查了…: after a meeting, what follows is the item; the meeting only says when
# (…县局视频会开完，镇里接着开了个会传达: the meeting just over, then ours)
_AFTER_A_MEETING = re.compile(r"(?:^|(?<=[,;，；\s▫]))[^,;，。▫]{0,10}?会(?:议)?"
                              r"(?:后|结束后|开完后?|之后|开完了?[,，](?=[^,;，。]{0,6}?接着))(?=[^,;，。]{2})")


def _drop_after_a_meeting(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    after = _AFTER_A_MEETING.search(masked) if "后" in masked or "开完" in masked else None
    if after is None or not _outside(verbs + nouns, *after.span(), "meeting"):
        return verbs, nouns
    return _outside(verbs, *after.span(), "meeting"), _outside(nouns, *after.span(), "meeting")


# 各村…都报上来了，汇总后报县农业农村局了: what came in from below is what the paper sent up was made of
_SUMMED_UP = re.compile(r"汇总(?:后|以后|之后|好了?|完了?)")


def _drop_summed_up(verbs: list[_Cue], masked: str) -> list[_Cue]:
    """The report cues before 汇总后 name what was summed up, not the paper told: those after it decide."""
    summed = _SUMMED_UP.search(masked) if "汇总" in masked else None
    if summed is None or not any(v.start >= summed.end() and v.kind == "report" for v in verbs):
        return verbs
    return [v for v in verbs if not (v.start < summed.start() and v.kind == "report")]


# 查了…，当场下了整改通知: a paper handed over on the spot is part of the visit, not a document of its own
_ON_THE_SPOT = re.compile(r"(?:当场|现场|当即)(?:下了?|下达|下发|发了?|开具?了?|出具了?|送达了?)")


def _drop_on_the_spot(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    spot = _ON_THE_SPOT.search(masked) if "场" in masked or "当即" in masked else None
    if spot is None or not any(c.kind == "inspection" and c.start < spot.start() for c in verbs + nouns):
        return verbs, nouns
    end = _clause_end(masked, spot.end())
    return _outside(verbs, spot.start(), end, "document"), _outside(nouns, spot.start(), end, "document")


# 会上市里说…来暗访, 会议上还发了…细则: at a meeting, a place where the item was told or handed out (会上各村书记
# 表态发言…可以吧, with nothing else named, is still about the meeting)
# (推进会上要的…表，会后当场交了: a meeting named, then 上)
_AT_THE_MEETING = re.compile(r"(?:^|(?<=[,;，。；:：\s▫]))[^,;，。▫\s]{0,10}?(?:会|会议)上(?![午报级面门])")


def _drop_at_the_meeting(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> list[_Cue]:
    at = _AT_THE_MEETING.search(masked) if "上" in masked else None
    if at is None:
        return nouns
    if not _outside(verbs + nouns, *at.span(), "meeting"):
        return nouns
    return _outside(nouns, *at.span(), "meeting")


# 明早8点半股里碰头，说一下周五迎检 / …开个碰头会，排一下本周企业检查: what a meeting goes over is its topic
_GOES_OVER = re.compile(r"[,，\s](?:再)?(?:说|讲|议|研究|部署|安排|排|商量|对|过|聊|碰)一?下")


def _drop_discussed(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    over = _GOES_OVER.search(masked) if "下" in masked else None
    if over is None or not any(c.kind == "meeting" and c.start < over.start() for c in verbs + nouns):
        return verbs, nouns
    return _outside(verbs, over.start()), _outside(nouns, over.start())


# 上周五检查的时候当场给平安办报了一份…花名册: what was going on when the item was done says when, not what
_WHILE = re.compile(r"的时候[,，]?")
_TOLD_DONE_AFTER = re.compile(r"了|收到|接到|已")


def _drop_while(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    at = _WHILE.search(masked) if "时候" in masked else None
    if at is not None and not _TOLD_DONE_AFTER.search(masked, at.end()):
        return verbs, nouns  # (考核的时候让各村填三张表: a practice during the visit, proposed)
    cues = verbs + nouns
    if at is None or not any(c.start >= at.end() for c in cues) or not any(c.start < at.start() for c in cues):
        return verbs, nouns
    return _outside(verbs, 0, at.end()), _outside(nouns, 0, at.end())


# After a title in 《》: more titles, a demonstrative or a count (《家签》《公卫》两个调度会), then the item's noun.
_TITLE_TO_HEAD = 3  # 《…》自评报告: the head noun may end a short compound after the title
_AFTER_TITLE = re.compile(r"(?:[、和及与]?《[^《》]*》)*(?:的|那个|这个|这次|[一两二三四五六七八九十\d]个)?")


# 《森林法》贯彻实施情况执法检查: how the law named is carried out is the topic, the noun after it the item
_CARRIED_OUT = re.compile(r"(?:贯彻|落实|实施|执行|贯彻落实|贯彻实施|学习贯彻)*(?:工作|的)?(?:情况)?")
_AN_ISSUE_AFTER = re.compile(r"[^,;，。]{0,4}?(?:第[\d一二三四五六七八九十百]+期|增刊|专刊|[\d一二三四五六七八九十两几]+期)")
_AN_ISSUE_BEFORE = re.compile(r"(?:[一两二三四五六七八九十\d几]期|增刊|专刊)的?$")


# 《民办学校办学行为负面清单》, 《…权责清单》: a list by title is published, a paper (问题清单 unquoted is a material)
_PUBLISHED_LIST = re.compile(r"清单$|目录$|名录$")


def _named_items(named: Sequence[tuple[int, int]], nouns: list[_Cue], text: str) -> list[_Cue]:
    """What each name (关于…的通知, 《…》, a 文号) is. 《》 also quotes a meeting's or an activity's name in chat:
    《全县家签工作推进会》 is a meeting by its last noun, and 《基层行》复核, 《两癌筛查》调度会 name a topic whose
    item is the noun after it. A name ending in no item noun, with none after it, stays a document."""
    cues = []
    for start, end in named:
        if text[start] != "《":
            cues.append(_Cue(start, end, "document", None, "noun"))
            continue
        inner = text[start + 1:end - 1]
        if _AN_ISSUE_AFTER.match(text, end) or _AN_ISSUE_BEFORE.search(text, max(0, start - 4), start):
            cues.append(_Cue(start, end, "document", None, "noun"))  # 《示范信息》第47期: an issue of a bulletin
            continue
        last = [n for n in _nouns(inner) if n.end == len(inner)]
        if last and last[-1].kind != "document" and not _PUBLISHED_LIST.search(inner):
            cues.append(_Cue(start, end, last[-1].kind, None, "noun"))
            continue
        after = _AFTER_TITLE.match(text, end)
        carried = _CARRIED_OUT.match(text, after.end()) if after is not None else None
        head_from = carried.end() if carried is not None else end
        if after is not None and (_TEAM.match(text, after.end()) or any(
                after.end() <= n.start <= head_from + _TITLE_TO_HEAD and _clause_end(text, after.end()) >= n.end
                for n in nouns)):
            continue  # a topic: the noun after it (自评报告, 暗访组) is the item
        cues.append(_Cue(start, end, "document", None, "noun"))
    return cues


# The item nouns, kind by kind (in this order: of two nouns on the same span, the earlier kind is kept).
_NOUN_SCANS = ((_MEETING_NOUN, "meeting"), (_DOC_NOUN, "document"), (_INSPECTION_NOUN, "inspection"),
               (_REPORT_NOUN, "report"))


def _nouns(masked: str) -> list[_Cue]:
    found = [_Cue(m.start(), m.end(), kind, None, "noun") for pattern, kind in _NOUN_SCANS for m in pattern.finditer(masked)]
    found.sort(key=lambda c: (c.start, -c.end))
    return _drop_modifiers(_drop_overlaps(found), masked)


_PAPERS_OF_MEETING = re.compile(r"议?的?(?:记录|签到|资料)|议?室|议?厅")  # 常委会议室: a room, not a meeting
_LINK = re.compile(r"(?:工作|专项|专题)?(?:(?:开展|落实|整改)?情况)?")
_INSPECTION_NAME_GAP = re.compile(r"[^,;:!?。，；：\s□■▫开召参组搞去到来发收报要让了给的]{1,4}")
_CHECKING_NOUNS = frozenset({"督查", "检查", "核查", "巡查", "抽查", "排查", "审查", "调查", "普查", "复查"})
_PAPERS_CHECKED = re.compile(r"办理|台账|情况|落实|执行|登记|管理|质量|归档|运转")
# 督导数据安全, 检查台账: the inspection word is the verb, the data its object (not 检查报告, 督查通报)
_DATA_LOOKED_AT = re.compile(r"数据|台账|资料|档案|信息")  # a form named after it (排查统计表) is its product
_BARE_TRAINING = re.compile(r"培训")
_FINDINGS_OF = re.compile(r"(?:情况|工作)?(?:反馈|结果|整改|问题|发现问题)(?:情况|整改)?的?")
_COMING_TO_DO = re.compile(rf"(?:来|去|到{_CLAUSE}{{0,4}})$")  # 来考核…: the inspection word is the verb


# Between a qualifying noun and the meeting it names (督查业务培训会, 考核工作部署会, 督导评估视频调度会): a few
# characters of the name itself — no clause break and no verb that would make them two things.
_NAME_GAP = re.compile(r"[^,;:!?。，；：\s□■▫开召参组搞去到来]{0,8}")


def _drop_modifiers(nouns: list[_Cue], masked: str) -> list[_Cue]:
    """In 年终总结会 or 调研报告 the last noun is the head; the one right before it only qualifies it, and so
    does any noun inside a meeting's name (督查情况通报会, 迎检动员会: meetings, design issue 13)."""
    kept: list[_Cue] = []
    for cue in reversed(nouns):  # from the head back: 督查情况通报会 — 通报 qualifies 会, and so does 督查
        following = kept[-1] if kept else None
        if cue.kind == "meeting" and _PAPERS_OF_MEETING.match(masked, cue.end):
            continue  # 党组会议记录, 会议签到: the papers of a meeting, not a meeting
        if following is not None and following.kind != cue.kind:
            link = _LINK.match(masked, cue.end)
            if link is not None and link.end() == following.start and not (
                    cue.kind == "inspection" and (_PAPERS_CHECKED.match(masked, following.end)
                                                  or _DATA_LOOKED_AT.fullmatch(masked, following.start, following.end))):
                continue  # 检查通知 is a notice; but 检查文件办理情况 checks how documents are handled
            if (following.kind == "document" and cue.kind == "inspection"
                    and _FINDINGS_OF.fullmatch(masked, cue.end, following.start)):
                continue  # 督导反馈意见, 检查结果通报, 考核整改通知: a paper about the inspection's findings
            if (following.kind == "inspection" and cue.kind in ("document", "report")
                    and _INSPECTION_NAME_GAP.fullmatch(masked, cue.end, following.start)):
                continue  # 文件办理交叉检查, 台账规范化检查: the papers name what the inspection looks at
            if (following.kind == "meeting" and _NAME_GAP.fullmatch(masked, cue.end, following.start)
                    and not (_BARE_TRAINING.fullmatch(masked, following.start, following.end)
                             and _COMING_TO_DO.search(masked, 0, cue.start))):
                continue  # but 考核干部教育培训: bare 培训 is what is assessed, not a meeting's name
        kept.append(cue)
    return kept[::-1]


def _drop_overlaps(cues: list[_Cue]) -> list[_Cue]:
    kept: list[_Cue] = []
    for cue in cues:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


def _choose(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[_Cue, _Cue | None] | None:
    """The deciding cue and the head noun that names the item."""
    for verb in verbs:  # in text order
        clause_end = _clause_end(masked, verb.end)
        after = [n for n in nouns if verb.start <= n.start < clause_end]
        if verb.kind:
            same = [n for n in after if n.kind == verb.kind] or [n for n in nouns if n.kind == verb.kind]
            return verb, _head_noun(verb.kind, same)
        if after:  # generic verb: the next noun decides
            noun = after[0]
            same = [n for n in after if n.kind == noun.kind]
            return _Cue(verb.start, verb.end, noun.kind, None, "generic"), _head_noun(noun.kind, same)
    if nouns:
        noun = nouns[0]
        same = [n for n in nouns if n.kind == noun.kind and n.start < _clause_end(masked, noun.end)]
        return noun, _head_noun(noun.kind, same)
    return None


# 接到通知，1月5日参加市里的全体会议 / 收到县委组织部的调研通知，下周三来我局调研: the notice announces the
# event, and the event is what the ledger records (a notice named 关于…的通知 stays a document). A notice may
# also come in from a party (市卫健委今天来了会议通知).
_NOTICE_RECEIVED = re.compile(rf"(?:收到|接到|接|收)(?:了)?{_CLAUSE}{{0,16}}?通知"
                              rf"|(?<=[{MASK}■▫])[^,;，。]{{0,4}}?来了?(?:个|一个|份)?{_CLAUSE}{{0,6}}?通知"
                              # 县文旅局在工作群发了会议通知: a party above, posting its notice in the group
                              rf"|(?<=[{MASK}])在[^,;，。]{{0,6}}?群(?:里|上)?(?:发|下发|转)了?(?:个|一个)?{_CLAUSE}{{0,6}}?通知"
                              # 县委办电话通知下周一开…会, 市局督导室通知，6月9号来查…: a party above notifies
                              rf"|(?<=[{MASK}])[^,;，。{MASK}■]{{0,4}}?(?:电话|口头|打电话)?通知(?![书单件文])")
# 县委办督查室下周一来查…，通知昨天收到了: the visit told, then how we heard of it
_NOTICE_RECEIVED_AFTER = re.compile(r"(?<=[,;，；\s])通知[▫\s]*(?:已经?|也|都)?(?:收到|接到)了?(?=$|[,;，。\s])"
                                    # …来查各卫生院集采执行，也是电话通知的: how we heard of it
                                    r"|(?<=[,;，；\s])(?:也|都)?是?(?:电话|口头)?通知的(?=$|[,;，。\s])")
_VISIT_ANNOUNCED = re.compile(rf"(?:来|到)(?:我|本|咱)|(?<=[▫\s])来(?=$|[,;:!?。，；：\s])"
                              rf"|(?:来|(?<![收接得做达想遇看报听])到){_CLAUSE}{{0,10}}?(?:检查|督查|调研|考核|督导|考察|暗访|验收|查)")
_EVENT_ANNOUNCED = re.compile(rf"(?:参加|出席|列席|召开|开)(?:{_CLAUSE}{{0,16}}?{_MEETING_WORD})|{_VISIT_ANNOUNCED.pattern}"
                             rf"|{_MEETING_WORD}[^。;；]{{0,16}}?(?:参加|出席|参会|分会场)")  # …视频会，我们参加 / 设分会场


_CLAUSE_END = re.compile(r"[,;:!?。，；：]")


def _drop_notice_of_event(verbs: list[_Cue], nouns: list[_Cue], masked: str,
                          named: Sequence[tuple[int, int]]) -> tuple[list[_Cue], list[_Cue]]:
    if "通知" not in masked:  # the word every notice received is named with: most messages have none
        return verbs, nouns
    notice = _NOTICE_RECEIVED.search(masked)
    told_after = notice is None and (notice := _NOTICE_RECEIVED_AFTER.search(masked)) is not None
    if notice is None or any(s < notice.end() and notice.start() < e for s, e in named):
        return verbs, nouns
    if not told_after and not _EVENT_ANNOUNCED.search(masked, notice.start()) and _CLAUSE_END.search(
            masked, 0, notice.start()):
        told_after = True  # 周五省厅来明查暗访，刚接到电话通知: the visit told first, then how we heard of it
    if not _EVENT_ANNOUNCED.search(masked, *((0, notice.start()) if told_after else (notice.start(),))):
        return verbs, nouns

    def announced(cue: _Cue) -> bool:
        return cue.kind in ("meeting", "inspection") or not (notice.start() <= cue.start < notice.end())

    kept_verbs, kept_nouns = [v for v in verbs if announced(v)], [n for n in nouns if announced(n)]
    if not any(c.kind in ("meeting", "inspection") for c in kept_verbs + kept_nouns):
        visit = _VISIT_ANNOUNCED.search(masked, *((0, notice.start()) if told_after else (notice.end(),)))
        if visit is None:
            return verbs, nouns
        # 收到督导通知，下周三来: the visit is the item, named only by the notice's qualifier
        kept_verbs = [*kept_verbs, _Cue(visit.start(), visit.end(), "inspection", "incoming", "visit")]
    return _without("document", kept_verbs, kept_nouns)


def _issuing(paper: str) -> re.Pattern[str]:
    """We 下/发/印发 `paper`, and it goes on to ask someone to 报/填/交."""
    return re.compile(rf"(?<![收接])(?:下|发|印发|下发)了?(?:一|个|份)*{paper}{_CLAUSE}{{0,3}}?[,;\s，；]?(?:让|要求|叫)?"
                      rf"(?:{_CLAUSE}{{0,12}}?|{_CLAUSE}{{0,8}}?把{_CLAUSE}{{0,14}}?)(?:报|填|交)")  # (…把…底数报上来)


# 给各村下通知，报年终考核材料 / 发通知要求各村把名单报上来: the notice carries a demand for materials, and the
# demand is what the ledger records.
_NOTICE_DEMANDING = _issuing("通知")
# 下发一份便函，请各卫生院报送… / 发了个便函叫他们重报: a letter or a document is issued whatever it asks for —
# only a 通知 is the channel of a demand; and a notice that asks back how it is carried out (要求报送贯彻落实情况)
# is judged as the document it is (文件"十不发").
_DOCUMENT_DEMANDING = _issuing(r"(?:便[函笺]|函|文件|文(?![化明艺字]))")
_ITS_OWN_FOLLOW_UP = re.compile(r"(?:贯彻|落实)(?:落实)?情况")


_RECEIVED_BEFORE = re.compile(rf"(?:收到|接到|收了|收)[{MASK}■]*$")


def _drop_demand_of_a_paper_received(verbs: list[_Cue], named: Sequence[tuple[int, int]], masked: str) -> list[_Cue]:
    """收到市卫健委《关于报送…的通知》，1件，要求3月20日前报: the paper received, named, is the item; what it demands
    of us is its content, not a report of its own."""
    received = next((end for start, end in named if _RECEIVED_BEFORE.search(masked, max(0, start - 12), start)), None)
    if received is None:
        return verbs
    return [v for v in verbs if not (v.kind == "report" and v.start >= received)]


def _drop_demanding_notice(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    if not any(c.kind == "report" for c in verbs):  # nothing demanded
        return verbs, nouns
    issued = _DOCUMENT_DEMANDING.search(masked)
    if issued is not None and not any(c.kind == "document" and c.end > issued.start() for c in verbs + nouns):
        issued = None  # 发文开会统计表报给…: the paper's words are what the form counts (see _drop_form_topics)
    if issued is not None and any(c.kind == "report" for c in verbs if c.start >= issued.start()):
        return _without("report", verbs, nouns)
    if "通知" not in masked:
        return verbs, nouns
    notice = _NOTICE_DEMANDING.search(masked)
    if notice is None or not any(c.kind == "report" for c in verbs if c.start >= notice.start()):
        return verbs, nouns
    if _ITS_OWN_FOLLOW_UP.search(masked, notice.end()):
        return _without("report", verbs, nouns)
    # our notice demands it of those below: the report is demanded (outgoing)
    verbs, nouns = _without("document", verbs, nouns)
    return [v._replace(direction="outgoing") if v.kind == "report" else v for v in verbs], nouns


def _without(kind: str, verbs: list[_Cue], nouns: list[_Cue]) -> tuple[list[_Cue], list[_Cue]]:
    return [v for v in verbs if v.kind != kind], [n for n in nouns if n.kind != kind]


def _drop_done(verbs: list[_Cue], nouns: list[_Cue], masked: str, asking: bool) -> tuple[list[_Cue], list[_Cue]]:
    """A clause about what is already done (刚下发的文件, 已经报过的数据) is context: when another clause
    names an item, the done clause's cues step aside (文件已经发了，还要开个会吗 is about a meeting)."""
    if not verbs:
        return verbs, nouns
    # 上个月报过的表，这个月再让村里报: a verb of the same kind done before (报过) yields to the one proposed.
    if "过" in masked:
        verbs = [v for v in verbs if not (masked.startswith("过", v.end) and any(w.start > v.end and w.kind == v.kind
                                                                               for w in verbs))]
    if not _MAY_BE_DONE.search(masked):  # none of the words _DONE ends with: nothing is said to be done
        return verbs, nouns
    # 文上周就印发了，下周一再开个部署会: a thing done (…了) before one proposed again is context too
    done = [v for v in verbs if _DONE.search(masked, max(0, v.start - 2), v.start)
            or (masked.startswith("了", v.end) and _PROPOSED_AGAIN.search(masked, v.end))]
    if not done:
        return verbs, nouns
    clauses = {(_clause_start(masked, v.start), _clause_end(masked, v.end)) for v in done}

    def outside(cue: _Cue) -> bool:
        return not any(start <= cue.start < end for start, end in clauses)

    kept_verbs, kept_nouns = [v for v in verbs if outside(v)], [n for n in nouns if outside(n)]
    relative = any(masked.startswith(("的", "过的", "了的"), v.end) for v in done)  # 刚下发的文件，…
    if not kept_verbs and not (kept_nouns and (asking or relative)):
        # 已印发文件3件: the done thing is the item itself; 刚收到一个文，说的是考核那摊子事: a noun after it is
        # its topic, unless a question asks about it (文件已经发了，这个会还开吗) or the done thing only
        # qualifies a noun (刚下发的文件，第二天就去督查落实情况)
        return verbs, nouns
    return kept_verbs, kept_nouns


# The inspection as the one that comes or demands (督查组要来, 检查组要求我们…), or what someone comes to do (来检查).
_VISITS_US = re.compile(r"[组室]?[^,;，。]{0,6}?(?:来|要求|要|让|叫)")
# 来考核, 来镇里调研, 调研组来了，调研…: someone comes, then does it
_COMES_TO_DO = re.compile(r"来[^,;，。]{0,2}$|(?:组|室|[□■])[▫\s]*(?:又|也)?(?:来了|下来了|到了)[,，\s]$")
_PARTY_COMES_TO_DO = re.compile(r"[□■][▫\s]*(?:又|也|要|将|会)?来[^,;，。]{0,2}$")  # 县应急局周二来镇里座谈: a party comes


def _comes_to_inspect(noun: _Cue, masked: str) -> bool:
    """来考核, 来镇里调研: an inspection word that someone comes to do."""
    return noun.kind == "inspection" and _COMES_TO_DO.search(masked, max(0, noun.start - 8), noun.start) is not None


def _visit_framing(chosen: tuple[_Cue, _Cue | None] | None, nouns: list[_Cue], masked: str,
                   text: str) -> tuple[_Cue, _Cue | None] | None:
    """县里督查组要来，我们要不要准备汇报材料 / 检查组要求我们填表，合规吗: asked while an inspection visits us,
    the materials or the hosting asked about belong to that inspection, which is the item."""
    if chosen is not None and chosen[0].kind not in ("report", ""):
        return chosen
    visit = next((n for n in nouns if (n.kind == "inspection" and _VISITS_US.match(masked, n.end))
                  or _comes_to_inspect(n, masked)), None)
    if visit is None or not (_INSPECTION_IN.search(masked) or _team_visits(text)):
        return chosen
    return _Cue(visit.start, visit.end, "inspection", None, "frame"), visit


# What a visiting inspection holds with us, or has us prepare: its talk, its briefing, the materials it wants.
_PART_OF_A_VISIT = re.compile(r"座谈|汇报会|见面会|反馈会|对接会|汇报材料|材料|汇报|报告")


def _visit_hosts(chosen: tuple[_Cue, _Cue | None] | None, nouns: list[_Cue], masked: str,
                 text: str) -> tuple[_Cue, _Cue | None] | None:
    """县委组织部来调研，开了个座谈会 / 组织部说下周一来检查，让准备汇报材料: a party above comes to inspect us, and
    the talk it holds or the materials it wants are part of that visit, which is the item."""
    if chosen is None or chosen[0].kind not in ("meeting", "report"):
        return chosen
    head = chosen[1] or chosen[0]
    # (让我准备汇报: a demand's verb, what it wants later in its clause)
    reach = clause_around(masked, head.start, head.end)[1] if chosen[1] is None else head.end + 2
    if not _PART_OF_A_VISIT.search(masked, head.start, reach):
        return chosen
    # an inspection word someone comes to do (a short look behind each) before the whole message's long scan
    visit = next((n for n in nouns if _comes_to_inspect(n, masked)), None)
    if visit is not None and not _INSPECTION_IN.search(masked):
        visit = None
    if visit is None and "座谈" in masked[head.start:head.end] and _PARTY_COMES_TO_DO.search(
            masked, max(0, head.start - 10), head.start):
        visit = head  # 县应急局来镇里座谈，了解…: the talk is what the visit does
    if visit is None:
        return chosen
    return _Cue(visit.start, visit.end, "inspection", "incoming", "frame"), visit


# 请登记收文, 请记一份上报材料, 请记为一次要求下级报送材料: the entry named by the ledger's own words, at the end
_LABELS = {"收文": ("document", "incoming"), "来文": ("document", "incoming"), "发文": ("document", "outgoing"),
           "上报材料": ("report", "incoming"), "报送材料": ("report", "incoming"),
           "要求下级报送材料": ("report", "outgoing"), "下级报送材料": ("report", "outgoing")}
_LABELLED = re.compile(r"(?:请|麻烦)?(?:登记|记|登)(?:为|成|作)?(?:一次|一份|一件|一个|一条|一笔)?"
                       rf"(?P<label>{'|'.join(sorted(_LABELS, key=len, reverse=True))})(?=$|[,;。!\s])")


# 他们来人，记成调研 / 按督导记: the sender names what the entry is to be
_RECORDED_AS = re.compile(r"(?:记成|记作|记为|算作|算成|登成|登记为|就算)$")


def _recorded_as(nouns: list[_Cue], masked: str) -> tuple[_Cue, _Cue | None] | None:
    for noun in nouns:
        if _RECORDED_AS.search(masked, max(0, noun.start - 3), noun.start) or (
                masked.startswith("按", noun.start - 1) and masked.startswith("记", noun.end)):
            return noun, noun
    return None


def _frame(nouns: list[_Cue], masked: str, asking: bool = False) -> tuple[_Cue, _Cue | None] | None:
    """督查时要求…, 考核的时候让各村填表: the inspection framing the demand is the item. Told, a meeting held within
    it (回头看的时候要召开一个汇报会，我们参加) is an item of its own, chosen as any other; asked (检查的时候叫30多个人开
    座谈会行吗), it is how the inspection is done."""
    for noun in nouns:
        if noun.kind == "inspection" and _FRAME.match(masked, noun.end):
            if not asking and any(other.kind == "meeting" and other.start > noun.end and masked[other.start - 1] != "开"
                                  for other in nouns):  # a named meeting (汇报会), not the verb of 督查时开会
                return None
            return _Cue(noun.start, noun.end, noun.kind, None, "frame"), noun
    return None


# A plan under review (方案今天才报审, 方案还没送审, 没做方案审查): its 方案 and 通知 are the paperwork of the
# inspection or meeting it plans, and that is the item (R-FILE-INSPECTION: 通知下发前5个工作日审查方案;
# R-FILE-MEETING: 提前5个工作日报备会议方案).
PLAN_REVIEW = re.compile(rf"方案{_CLAUSE}{{0,8}}?(?:报审|送审|审查|审核|审|批|报上去|报上|报了|报备)"
                         rf"|(?:报审|送审|审查|审核|报备){_CLAUSE}{{0,4}}?方案|方案{_CLAUSE}{{0,3}}?(?:没|未)"
                         rf"|方案{_CLAUSE}{{0,8}}?(?:才|刚)(?:报|送)|把方案{_CLAUSE}{{0,2}}?(?:报|送)")
_GOING_DOWN = re.compile(r"下(?:村|乡|基层|去查)")


def _drop_event_paperwork(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> tuple[list[_Cue], list[_Cue]]:
    """检查方案今天才报审, 全县会议方案今天才报: the plan under review belongs to the inspection or meeting it
    plans, and that event is the item; the notice that announces it as well."""
    if "方案" not in masked:  # every review is of a 方案
        return verbs, nouns
    review = PLAN_REVIEW.search(masked)
    if review is None:
        return verbs, nouns
    if any(c.kind in ("inspection", "meeting") for c in verbs + nouns):
        event = None
    else:  # 检查方案, 会议方案: the qualifier was dropped before the noun it qualifies
        named = [(m.start(), m.end(), "inspection") for m in _INSPECTION_NOUN.finditer(masked)]
        named += [(m.start(), m.end(), "meeting") for m in _MEETING_NOUN.finditer(masked)]
        going = _GOING_DOWN.search(masked) or _BARE_CHECKING.search(masked)  # 明天组织查加油站，要不要先报备方案
        if named:
            start, end, kind = min(named, key=lambda n: abs(n[1] - review.start()))
            event = _Cue(start, end, kind, None, "noun")
        elif going is not None:
            event = _Cue(going.start(), going.end(), "inspection", "outgoing", "inspect_out")
        else:
            return verbs, nouns
    # 方案还没报两办: the plan's 报 is its filing, no materials reported
    filing = range(review.start(), _clause_end(masked, review.end()) + 1)
    kept_verbs = [v for v in verbs if v.kind != "document" and not (v.kind == "report" and v.start in filing)]
    kept_nouns = [n for n in nouns if n.kind != "document"]
    if event is not None:
        (kept_verbs if event.name == "inspect_out" else kept_nouns).append(event)
    return kept_verbs, sorted(kept_nouns, key=lambda c: c.start)


# What a meeting's name can be followed by and still be the item (材料报送工作会 …的材料 is about materials).
_MEETING_CONTENT = re.compile(r"一课|期间|前后|以来|材料|纪要|准备|筹备"
                              r"|记录|精神|通知|方案|内容|情况|讲话|资料|台账|照片|数据|信息|签到|议题")
_MEETING_NAME_ENDS = ("会", "会议", "班", "培训")  # a meeting named in full, not a bare 座谈 or 党课


def _drop_named_in_meeting(verbs: list[_Cue], nouns: list[_Cue], masked: str) -> list[_Cue]:
    """材料报送工作培训会, 督查反馈会: a verb inside a meeting's name is part of the name (design issue 13)."""
    if not verbs or not nouns:
        return verbs
    meetings = [n for n in nouns if n.kind == "meeting" and masked.endswith(_MEETING_NAME_ENDS, n.start, n.end)
                and not _MEETING_CONTENT.match(masked, n.end)]
    if not meetings:
        return verbs
    return [v for v in verbs if v.kind in (None, "", "meeting") or not any(
        n.start >= v.end and _NAME_GAP.fullmatch(masked, v.end, n.start) for n in meetings)]


def _checking_papers(chosen: tuple[_Cue, _Cue | None] | None, masked: str) -> tuple[_Cue, _Cue | None] | None:
    """去教育局查了文件台账: papers named after a checking verb are what is checked (an inspection)."""
    if chosen is None or chosen[0].kind not in ("document", "report"):
        return chosen
    checking = _BARE_CHECKING.search(masked, 0, chosen[0].start + 1)
    # 查一下收文登记 (a noun or papers checked); 去卫生院查HIS数据上报延迟 (the reporting itself, in the object)
    if not (chosen[0].name == "noun" or _PAPERS_CHECKED.match(masked, chosen[0].end) or (
            checking is not None and chosen[0].kind == "report" and (
                _DATA_CHECKED.search(masked, checking.end(), chosen[0].start) or _DATA_REPORTED.match(masked, chosen[0].end))
            and not _CHECKED_FIRST.search(masked, checking.end(), chosen[0].start))):
        return chosen
    if (checking is None or checking.end() > chosen[0].start or _clause_end(masked, checking.end()) < chosen[0].end
            or (masked[checking.end() - 2:checking.end()] in _CHECKING_NOUNS and not masked.startswith("来", checking.start()))):
        return chosen  # 收到督查通报: 到…查 there is 收到 and the noun 督查 (来核查…数据 comes to check)
    return _Cue(checking.start(), checking.end(), "inspection", None, "checking"), None


# What is looked into when a reporting verb follows it: the data, the system, the log (查HIS数据上报延迟)
_DATA_CHECKED = re.compile(r"数据|系统|日志|台账|信息|平台")
_DATA_REPORTED = re.compile(r"的[^,;，。]{0,6}?(?:数据|台账|信息)")  # 来核查上报的减负数据: the data, after the reporting
_CHECKED_FIRST = re.compile(r"完|了|后|再")  # 查完了再上报: the report comes after the check
_WE_CHECKED = re.compile(rf"{_WE}{ADVERBIAL}查(?:了|过)")  # 上季度我们查了乡镇几次


def _bare_checking(masked: str) -> tuple[_Cue, _Cue | None] | None:
    m = _BARE_CHECKING.search(masked) or _WE_CHECKED.search(masked)
    return (_Cue(m.start(), m.end(), "inspection", None, "checking"), None) if m else None


def _head_noun(kind: str, same_kind: list[_Cue]) -> _Cue | None:
    """Meetings and reports are named by their last noun (人口信息表 → 表); others by the first."""
    if not same_kind:
        return None
    return same_kind[-1] if kind in ("meeting", "report") else same_kind[0]




def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


def _clause_start(text: str, end: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, end)]
    return starts[-1] if starts else 0


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between , ; : ! ? 。) holding text[start:end]."""
    return _clause_start(text, start), _clause_end(text, end)


def _set_direction(info: KindInfo, cue: _Cue, masked: str, text: str) -> None:
    if info.kind == "document" and "收发" in masked:  # 收发文情况: both directions
        info.direction = None
        return
    after = _AFTER_A_MEETING.search(masked) if "后" in masked or "开完" in masked else None
    if after is not None and cue.start >= after.end() and _OURS_NAMED.search(masked, after.end()):
        masked = " " * after.end() + masked[after.end():]  # (县局视频会开完，镇里接着开了个会: ours, after theirs)
    direction = cue.direction
    explicit = direction is not None and cue.name != "noun"
    if info.kind == "meeting" and "收看" in masked and _WATCHING_THEIRS.search(masked):
        direction, explicit = "incoming", True  # 组织各村在分会场收看县里的视频会: their meeting, watched
    elif info.kind == "meeting" and _MET_WITH.search(masked):
        direction, explicit = "outgoing", True  # 跟县疾控开个小会: held with them, by us
    elif info.kind == "meeting" and MASK in masked and _THEY_HOLD.search(masked):
        direction, explicit = "incoming", True  # 市委办周五开视频会要求县里参加: the other party holds it
    elif (info.kind == "meeting" and _MEETING_OUT.search(masked)) or (info.kind == "document" and _DOC_OURS.search(masked)):
        direction, explicit = "outgoing", True
    elif (info.kind == "meeting" and (_MEETING_IN.search(masked) or _attending_theirs(masked)
                                      or _CAME_TO_TALK.search(masked) or _GOING_UP_TO_MEET.search(text))) or (
            info.kind == "document" and (_DOC_TO_US.search(masked)
                                         or (direction is None and _DOCUMENT_IN.search(masked)))):
        direction, explicit = "incoming", True
    elif info.kind == "inspection" and _organised_by_us(masked, text):
        direction, explicit = "outgoing", True
    elif info.kind == "inspection" and (_INSPECTION_IN.search(masked) or _team_visits(text)):
        direction, explicit = "incoming", True
    elif info.kind == "report" and (_DEMANDED_BY_THEM.search(masked) or _DEMANDED_OF_US.search(masked)):
        direction, explicit = "incoming", True  # 县卫健局要各村每天打卡, 上头要求每个村上传照片: demanded from above
    elif info.kind == "report" and (_LOWER_REPORTING.search(masked)
                                    or (MASK not in masked and _HANDED_IN.search(masked))):
        direction, explicit = "outgoing", True
    elif info.kind == "meeting" and direction is None and _VIDEO_MEETING_WENT.search(masked):
        direction = "incoming"  # 周六那个赤霉病视频会开了1个小时: a video meeting that went on, held above, attended
    elif info.kind == "meeting" and cue.name == "meeting":
        explicit = True
    if direction is None:
        direction = "incoming" if info.kind == "report" else "outgoing"
    info.direction = direction
    info.direction_explicit = explicit


_OURS_NAMED = re.compile(_WE)  # (…开完，镇里接着开了个会: we are named after the meeting just over)
_VIDEO_MEETING_WENT = re.compile(r"(?<!我们的)(?<!咱们的)(?<![我咱]们)(?<![镇乡局]里)(?<!我[镇乡局])(?<!我[镇乡局]的)"
                                 r"(?:视频|电视电话)(?:调度)?会(?:议)?[^,;，。]{0,3}?开(?:完|了|得)")
# 6月4号下午去县里开…工作会: gone up to the county or city to a meeting there (the place is masked as a party)
_GOING_UP_TO_MEET = re.compile(r"(?:去|赴|到)(?:市|县|省)(?:里|上)[^,;，。]{0,12}?(?:开|参加)[^,;，。]{0,16}?会")
# 县文化局来了，座谈了一会 / 文局来了，…: a body that came, then the talk held with it
_CAME_TO_TALK = re.compile(rf"(?:[{MASK}■]+|^[\u4e00-\u9fff]{{1,3}}局)(?:的人)?(?:又|也|都)?来了[,;，；][^,;，；。]{{0,4}}?座谈")


def _attending_theirs(masked: str) -> bool:
    """Our people go (我们局长去了, 分管领导参加) to a meeting another party holds: one is named."""
    return (MASK in masked or "■" in masked) and _ATTENDING.search(masked) is not None


def _team_visits(text: str) -> bool:
    """检查组来了, 给督导组准备…: a team is the visitor, unless it is sent somewhere (督查组到城关镇督查)."""
    return any(not _TEAM_SENT.match(text, m.end(), _clause_end(text, m.end())) for m in _TEAM.finditer(text))


# Lower units made to escort or receive (让乡镇主要领导全程陪同): we are the ones inspecting.
_ESCORT_DEMANDED = re.compile(r"(?:让|要求|需要|要|叫|请)(?:各)?(?:乡镇|村|社区|学校|卫生院|站所)"
                              r"[^,;，。]{0,8}?(?:陪同|陪着|迎接|接待)")

# An upper party comes or sends its team (县里来检查, 县里的检查组): the inspection is theirs.
_THEIRS = re.compile(rf"{_VISITOR}|(?:里|上级|上面)(?:要|将|会)?来|{MASK}+的?■|迎接|迎检|为了迎"

                     # 医保局那个检查 (a town's): the other party's inspection
                     rf"|(?<![去到赴对向给在{MASK}]){MASK}+\s?(?:的|那个|这个|那次|这次)?\s?(?:检查|督查|考核|调研|督导|抽查|评估)"
                     r"(?![组室要标指结方通文的办工情前之时期那以后])"
                     rf"|[{MASK}■]+的?{_CLAUSE}{{0,4}}?(?:检查|督查|考核|督导)组")


_SELF_CHECK = re.compile(r"自查|自检|预检|迎检准备")
# Our own team (nobody's name before it) acting on all the lower units: 检查组对各乡镇开展考核.
_OUR_TEAM_ON_LOWER = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=我们|我局|局里|镇里|乡里|我镇|我乡|咱们)|(?<=组织|派出))"
                                rf"(?:[一二三四五六七八九十两\d]+个)?(?:检查|督查|考核|督导)组{_CLAUSE}{{0,8}}?"
                                r"对(?:各|全县|全镇|全乡|辖区)")


def _organised_by_us(masked: str, text: str = "") -> bool:
    """组织一次模拟检查, 派出督查组: ours, unless the same clause says we receive it (配合市里组织的检查)."""
    if ((_ESCORT_DEMANDED.search(masked) and not _THEIRS.search(masked)) or _OUR_TEAM_ON_LOWER.search(text)
            or _WE_ON_THEM.search(masked)):
        return True
    if _SELF_CHECK.search(masked) and _THEIRS.search(masked):
        return False  # 市里督查组下周来，要不要先组织乡镇自查一遍: the visit is the item, the self-check its preparation
    for m in _INSPECTION_OUT.finditer(masked):
        clause = masked[_clause_start(masked, m.start()):_clause_end(masked, m.end())]
        if not _INSPECTION_IN.search(clause):
            return True
    return False


def _subtype(kind: str | None, direction: str | None, head: _Cue | None, masked: str, text: str) -> str | None:
    if kind == "meeting":
        if head is None:
            return None
        m = _MEETING_NOUN.match(masked, head.start)
        if m and m["stem"]:
            return MEETING_STEMS[m["stem"]]
        if m and m["talk"]:
            return "座谈会"
        return "培训会" if m and m["train"] else None
    if kind == "document":
        for name, pattern in _SUBTYPE_DOC:
            if direction == "incoming" and name in ("党委发文", "政府发文"):
                continue  # who issued an incoming document is its counterpart, not our subtype
            if pattern.search(text):
                return name
        return None
    if kind == "inspection":
        # 督检考 (督查检查考核 together) names no one subtype
        words = {m["word"] for m in _INSPECTION_NOUN.finditer(masked)}
        kinds = {INSPECTION_SUBTYPES[w] for w in words if w in INSPECTION_SUBTYPES}
        return kinds.pop() if len(kinds) == 1 else None
    if kind == "report" and head is not None:
        m = _REPORT_NOUN.match(masked, head.start)
        word = m["word"] if m else masked[head.start:head.end]  # 台账
        return REPORT_SUBTYPES.get(word)
    return None


_APPOSITION = re.compile(r"[▫\s]*(?:是|为|即|系|也就是|就是)")
_FORMAT_ALONE = re.compile(r"\s*(?:视频|线上|网络|远程|电视电话|现场)(?:会|会议)(?=$|[,;:，；：。\s])")


_ASSEMBLY_OF = re.compile(r"(?:党员|代表|干部|职工|群众|村民|居民|股东|全体|教职工)$")


# …推进会的时候顺便参加了…座谈会, 推进会上…: a meeting as the time of another, not a second one
_MEETING_AS_A_TIME = re.compile(r"的?时候|时(?![间长])|上|后|之后|中途")


def meetings_named(masked: str) -> int:
    """How many different meetings a message names one by one (上午党委会，下午镇长办公会; 开完安委会接着又开了
    农业农村例会): each by a name of its own kind (推进会, 党委会), none the papers or the spirit of a meeting
    (会议记录, 会议精神), none an apposition of another (…的视频会，是…部署会)."""
    names: set[str] = set()
    for m in _MEETING_NOUN.finditer(masked):
        if (_MEETING_CONTENT.match(masked, m.end()) or _PAPERS_OF_MEETING.match(masked, m.end())
                or _MEETING_AS_A_TIME.match(masked, m.end())):
            continue
        name = m.group(0)
        assembly = _ASSEMBLY_OF.search(masked, max(0, m.start() - 4), m.start()) if name.startswith("大会") else None
        if assembly is not None:
            name = assembly.group(0) + name  # 党员大会, 村民代表大会, 职工大会: an assembly named by who sits in it
        elif not (m["stem"] or name.endswith(("委会", "组会"))):
            continue
        start = _clause_start(masked, m.start())
        if names and (_APPOSITION.match(masked, start) or _FORMAT_ALONE.match(masked, start)):
            continue  # …培训会，视频会，在镇会议室看的: how it was held, not a second meeting
        names.add(name)
    return len(names)


def holds_meeting_at(masked: str, end: int) -> bool:
    """Whether the party ending at `end` is the one holding the meeting (县教育局召集开会 …)."""
    return _HELD_BY.match(masked, end) is not None


def meeting_stem_at(masked: str, start: int) -> str | None:
    """The format stem of the meeting noun at `start` (座谈 in 座谈会), for the title rules."""
    m = _MEETING_NOUN.match(masked, start)
    if m is None:
        return None
    return m["stem"] or m["train"] or m["talk"]
