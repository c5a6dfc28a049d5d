"""Hakka, Cantonese, Wu, Southern Min, Xiang, Gan, Tianjin, Jianghuai, Jin, northern, north-western and south-western speech as
cadres type them in a work group, read as Mandarin before anything else.

琴日收咗县卫健局个通知 is 昨天收了县卫健局个通知; 听日下昼县里开会，我哋使唔使去 asks 明天下午…我们用不用去 (Cantonese,
Guangdong and Guangxi); 明朝下半日叫两只院长过来碰个头 is 明天下午叫两个院长过来碰个头, 可以伐 asks 可以吗 (Wu,
Shanghai, south Jiangsu, north Zhejiang); 顶礼拜阮站去查 is 上礼拜我们站去查 (Southern Min; 昨暝有开 is 昨天已开,
Eastern Min); 收哒…可以啵 is 收了…可以吗 (Xiang); 天光日下昼涯兜参加，做得无 is
明天下午我们参加，可以吗 (Hakka; read first: it shares 唔 and 上昼 with Cantonese but ends a question with 唔 where
Cantonese negates). The words are each dialect's everyday written
ones (particles, pronouns, day words, question forms), each replaced by its Mandarin word. Only a message holding a
word of that dialect that no Mandarin sentence has is rewritten, so Mandarin's own 系统, 今日, 同 or 只 are never
touched. Each replacement keeps to about the same length: the parser's spans are read in the rewritten text, and
nothing downstream sees the original.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from bot.nlu.firstchars import guarded


class _Dialect(NamedTuple):
    words: dict[str, str]  # replaced wherever they stand (longer forms first)
    guarded: dict[str, str]  # regex → word: words shared with Mandarin, replaced only where the dialect uses them
    mark: re.Pattern[str]  # a word no Mandarin sentence has: the message is in this dialect


# 钟 after a count is an hour in Cantonese and Hakka (讲一个半钟, 开3个钟), not a clock (钟头, 钟点)
_HOURS_BY_THE_CLOCK = r"(?<=[一两二三四五六七八九十半个\d])钟(?![头点])"

# Longer forms first: 得唔得 before 唔, 佢哋 before 佢, 咗未 before 咗.
_CANTONESE_WORDS = {
    # A-not-A and questions
    "得唔得": "行不行", "使唔使": "用不用", "系唔系": "是不是", "係唔係": "是不是", "系咪": "是不是", "係咪": "是不是",
    "啱唔啱": "对不对", "有冇": "有没有", "多定少": "多还是少", "咗未": "了没有", "几多": "多少", "点样": "怎么",
    "点解": "为什么", "乜嘢": "什么", "几时": "什么时候",
    # days and times
    "大前日": "大前天", "大后日": "大后天", "琴日": "昨天", "寻日": "昨天", "噚日": "昨天", "听日": "明天", "聽日": "明天",
    "今朝": "今天", "今日": "今天", "前日": "前天", "后日": "后天", "下昼": "下午", "上昼": "上午", "晏昼": "中午",
    "朝早": "早上", "一整日": "一整天", "成日": "整天", "半日": "半天", "两日": "两天", "粒钟": "个小时",
    "而家": "现在", "头先": "刚才", "啱啱": "刚刚", "旧年": "去年", "出年": "明年",
    # pronouns and demonstratives
    "佢哋": "他们", "我哋": "我们", "你哋": "你们", "佢": "它", "哋": "们", "嗰": "那",
    # verbs and particles
    "唔记得": "忘了", "一齐": "一起", "同埋": "和", "咗": "了", "嘅": "的", "冇": "没", "唔": "不", "喺": "在", "嚟": "来",
    "俾": "给", "畀": "给", "睇": "看", "啲": "些", "乜": "什么", "咁": "这么", "噉": "这样", "嘢": "东西", "揾": "找",
    "攞": "拿", "落村": "下村", "落乡": "下乡", "落嚟": "下来", "落去": "下去", "返入": "进", "喇": "了",
    "今个月": "这个月", "今个礼拜": "这个礼拜", "比点样": "比怎么样",
}
# Shared with Mandarin: 系 (是, not 系统/联系), 呢 before a classifier (呢个礼拜, not the particle), 边 asking which,
# 识 (会, not 知识), 仲 (还, not 仲裁), 钟 after a count (个半钟: hours).
_CANTONESE_GUARDED = {
    r"(?<![联关体派维干直中院科世])系(?![统列数])": "是",
    r"呢(?=个|次|条|份|件|礼拜|排|几|单|种|度|两|间)": "这",
    r"边(?=个|度|间|啲|日|次|位)": "哪",
    r"识(?=做|用|讲|写|弄|唔|不)": "会",
    r"仲(?![裁夏秋春冬])": "还",
    _HOURS_BY_THE_CLOCK: "小时",
    r"(?<=[睇看查做开搞写讲])紧": "着",  # 睇紧河口村防汛物资仓: looking at it now
    r"(?<=[,，])话(?=[^,，。]{0,6}?(?:礼拜|星期|今|明|后|听|琴|下|上))": "说",  # …打电话，话礼拜二嚟督查
    r"(?<=[记登收报])埋(?=$|[,，。])": "上",  # 登记埋: put it down too
}
_CANTONESE_MARK = re.compile(r"[咗嘅冇唔喺嚟佢哋嗰啲睇乜噉嘢揾攞畀]|琴日|寻日|噚日|听日|聽日|下昼|上昼|晏昼|而家|头先|旧年"
                             r"|几多|点样|系咪|係咪")


# Wu: 阿拉 (we), 侬 (you), 伊/伊拉 (it/they), 覅 (don't), 勿 (not), 搿 (this), 几化 (how many), 哪能 (how), 号头 (month),
# 明朝 (tomorrow), 上半日/下半日, 辰光 (time), 伐 (the question particle), 只 (the all-purpose measure word), 拨 (give),
# 勒 (at), 个 ending a clause (的).
_WU_WORDS = {
    "哪能弄法": "怎么弄", "上个号头": "上个月", "下个号头": "下个月", "搿个号头": "这个月", "号头": "月", "搿日": "那天",
    "搿个": "这个", "搿": "这", "阿拉": "我们", "伊拉": "他们", "侬": "你", "覅": "不要", "勿": "不", "几化": "多少",
    "哪能": "怎么", "明朝": "明天", "今朝": "今天", "昨日": "昨天", "前日": "前天", "后日": "后天", "上半日": "上午",
    "下半日": "下午", "辰光": "时候", "老早": "以前", "一道": "一起", "交关": "很多", "今年子": "今年",
    "搿只号头": "这个月",
}
_WU_GUARDED = {
    r"(?<![采砍征讨步杀挞])伐(?=$|[,;!?~，。！？\s])": "吗",
    r"(?<=[一两二三四五六七八九十几\d化])只|(?<=[开记收发导听弄报有])只(?![是有要能好])": "个",
    r"(?<=[删撤去拿])脱": "掉",  # 搿条删脱: delete it
    r"(?<=[补改看弄查讲])一记": "一下",  # 时长补一记
    r"拨(?![款打号通动付出])": "给",
    r"勒(?![令索紧死])": "在",
    r"伊(?![斯朗拉犁利甸])": "它",
    r"(?<=[\u4e00-\u9fff])个(?=$|[,;!?，。！？)）])": "的",
    r"(?<=[天朝里委局度早日办院县市省镇乡村股年月号])个(?![人件次份场条])": "的",  # 明朝个会, 市卫健委个表
}
_WU_MARK = re.compile(r"阿拉|侬|伊拉|覅|搿|几化|哪能|号头|辰光|勿是|勿要|对勿上|上半日|下半日|明朝|撤脱|删脱"
                      r"|(?<![采砍征讨步杀挞])伐(?=$|[,;!?，。！？])|[开记收发导听弄报有]只[会文表]"
                      r"|[一两二三四五六七八九十几]只(?![羊鸡鸭狗猫鸟手脚眼])")

# Southern Min (Fujian, Chaoshan, Taiwan): 今仔日 (today), 明仔载 (tomorrow), 昨昏 (yesterday), 早起/下晡/暗时/中昼
# (morning, afternoon, evening, noon), 顶礼拜/顶个月 (last week/month), 拜一 (Monday), 阮 (we, before a unit),
# 攏 (all), 会使 (may), 点钟 after a count (hours: 一点钟 is an hour long, 开到5点 a clock time).
_MIN_WORDS = {
    "今仔日": "今天", "明仔载": "明天", "明仔再": "明天", "昨昏": "昨天", "下晡": "下午", "暗时": "晚上", "中昼": "中午",
    "顶个礼拜": "上个礼拜", "顶礼拜": "上礼拜", "顶个月": "上个月", "顶年": "去年", "攏总": "一共", "攏": "都",
    "袂使": "不可以", "会使": "可以", "有加无": "多了没有",
    # Eastern Min (Fuzhou, east Fujian): 今旦/明旦/后旦/前旦 (days), 昨暝 (yesterday), 暝晡 (evening), 上昼/下昼, 会使卖使
    # (行不行: 卖 is 不会), 伊们 (他们)
    "今旦": "今天", "明旦": "明天", "后旦": "后天", "前旦": "前天", "昨暝": "昨天", "暝晡": "晚上", "上昼": "上午",
    "下昼": "下午", "会使卖使": "行不行", "伊们": "他们",
}
_MIN_GUARDED = {
    r"早起(?!床)": "上午",
    # 有 before a verb tells it done (有收到, 有报给…了, 我有参加); 毛 is 没 (还毛报批), or 什么 ending a question (做毛)
    r"(?<![没还只])有(?=收到|开|报|发|来|去|印发|通知|要求|组织|参加|给|向|看|查|陪|接|登|去)": "已",
    r"(?<=[还都也])毛(?=[报开发去来登有收批])|毛(?=[报开发登收批])": "没",
    r"(?<=[做干弄搞])毛(?=$|[?？,，])": "啥",
    r"(?<=[一两二三四五六七八九十几\d个])侬": "人",
    r"(?<!礼)拜(?=[一二三四五六日])": "周",
    r"阮(?=[乡镇站村]|单位|这边|参加|报|去|记|准备|代)": "我们",
    r"(?<=[一两二三四五六七八九十半几])点钟": "小时",
}
# (not 会使, which Mandarin says too: 这样会使负担加重)
_MIN_MARK = re.compile(r"今仔日|明仔载|明仔再|昨昏|下晡|暗时|中昼|顶礼拜|顶个礼拜|顶个月|攏|袂使|阮(?=[乡镇站村])"
                       r"|今旦|明旦|后旦|前旦|昨暝|暝晡|会使卖使|伊们|做毛(?=[?？])"
                       # 有 telling a thing done, as no Mandarin sentence does (县纪委有来查, 有收到, 礼拜一有开…培训)
                       r"|(?<![没还只是])有(?=收到|来[^,，。]{0,3}?(?:查|检|督|调研)|报了"
                       r"|开[^,，。吗？?]{1,12}?(?:会|培训)(?![^,，。]*[吗？?]))")

# Xiang (Hunan): 哒 (了), 啵 (吗), 冒/冒得 (没/没有), 么子 (什么), 么样 (怎么), 要得 (行), 今日/明日/上昼/下昼, 那日.
_XIANG_WORDS = {
    "冒得": "没有", "么子": "什么", "哒": "了", "啵": "吗", "今日": "今天", "明日": "明天",
    "昨日": "昨天", "前日": "前天", "后日": "后天", "上昼": "上午", "下昼": "下午", "那日": "那天", "第一日": "第一天",
}
_XIANG_GUARDED = {
    r"冒(?=[报开发收去来登记有搞])": "没",
    r"(?<![怎这那多])么样": "怎么",  # not 怎么样
    r"要得(?=$|[,;!?，。！？啵吧])": "可以",  # not 要得到批准
}
_XIANG_MARK = re.compile(r"哒|啵|冒得|么子|(?<![怎这那多])么样")  # not 怎么样

# Hakka (Meizhou, Ganzhou, west Fujian, Huizhou): 今晡日/天光日/昨晡日 (today, tomorrow, yesterday), 上昼/下昼/暗晡
# (morning, afternoon, evening), 𠊎 or, typed, 涯 (I/we before a unit), 𠊎兜/涯兜/佢兜 (we, they), 做得无 (may we),
# 么个 (what), 摎 (and), 恁样 (so, how), 唔 ending a question (吗).
_HAKKA_WORDS = {
    "今晡日": "今天", "天光日": "明天", "昨晡日": "昨天", "前晡日": "前天", "暗晡": "晚上", "上昼": "上午", "下昼": "下午",
    "𠊎兜": "我们", "涯兜": "我们", "佢兜": "他们", "𠊎": "我", "做得无": "可以吗", "做得么": "可以吗", "做唔做得": "行不行",
    "么个": "什么", "摎": "和", "恁样": "怎样", "搞忘记": "忘了", "几多": "多少",
}
_HAKKA_GUARDED = {
    r"(?<![天生无边])涯(?=[局股站镇乡村办所委院校单去来参报摎和])": "我",  # not 天涯, 生涯
    r"(?<=[了过没])唔(?=$|[?？])": "吗",  # 多了唔？
    _HOURS_BY_THE_CLOCK: "小时",
    r"(?<=[睇看查做开搞写讲])紧": "着",  # 睇紧河口村防汛物资仓: looking at it now
    r"(?<=[,，])话(?=[^,，。]{0,6}?(?:礼拜|星期|今|明|后|听|琴|下|上))": "说",  # …打电话，话礼拜二嚟督查
    r"(?<=[记登收报])埋(?=$|[,，。])": "上",  # 登记埋: put it down too
}
_HAKKA_MARK = re.compile(r"今晡日|天光日|昨晡日|前晡日|暗晡|𠊎|涯兜|佢兜|做得无|做得么|么个|摎|恁样|(?<=[了过没])唔(?=$|[?？])"
                         r"|(?<![天生无边])涯(?=[局股站镇乡村办所委院校单])")

# Northern speech (Shandong, Henan, Hebei, Shanxi, the north-east): 夜来/夜儿个/夜个 (yesterday), 清起来/清早 (morning),
# 才将 (刚才), 啥前儿/多前儿 (when), 中不中 (行不行), 嘎哈 (干啥), 老鼻子 (很多), 俺 (我), 恁 (你), 白记了 (别记了),
# 今么/明么 (today, tomorrow), 头午/过晌/傍黑 (morning, afternoon, evening), 木有 (没有), 记差了 (记错了).
# 前儿个 and 后晌, shared with Mandarin speech, are read by the parser itself.
_NORTHERN_WORDS = {
    "夜儿个": "昨天", "夜里个": "昨天", "清起来": "早上", "啥前儿": "什么时候", "多前儿": "什么时候",
    "嘎哈": "干啥", "老鼻子": "很多", "后半天": "下午", "前半天": "上午", "才将": "刚才", "清早": "早上", "一堆儿": "一起",
    "白记了": "别记了", "白登了": "别登了", "俺": "我", "今么": "今天", "明么": "明天", "头午": "上午", "过晌": "下午",
    "傍黑": "傍晚", "木有": "没有", "记差了": "记错了", "登差了": "登错了",
}
_ZHONG_BU_ZHONG = r"(?<![集其当之空心命适])中不中(?![断止标])"  # not 集中不中断, 其中不中标的
# 今个/明个/后个/前个 (today, tomorrow, the day after, the day before yesterday), not 前个月 or 最后个
_DAY_BY_GE = {r"今个(?![月年星礼周季])": "今天", r"明个(?![月年星礼周季])": "明天",
              r"(?<![最落])后个(?![月年星礼周季人])": "后天", r"(?<![以之提])前个(?![月年星礼周季人])": "前天"}
_NOT_YET_MU = r"(?<=[还都也就])木(?=[报发开收去来登记])"
_NORTHERN_GUARDED = {r"夜来(?!香)": "昨天", r"(?<!一)夜个": "昨天", _ZHONG_BU_ZHONG: "行不行", r"恁(?![地般的么])": "你",
                     _NOT_YET_MU: "没",  # 还木报: not yet
                     **_DAY_BY_GE}
_NORTHERN_MARK = re.compile(rf"夜儿个|夜里个|(?<!一)夜个|夜来(?!香)|清起来|啥前儿|多前儿|{_ZHONG_BU_ZHONG}|嘎哈|老鼻子"
                            r"|后半天|前半天|才将|清早|一堆儿|白记了|白登了|俺|恁(?![地般的么])|今么|明么|头午|过晌|傍黑|木有"
                            rf"|记差了|登差了|{_NOT_YET_MU}|" + "|".join(_DAY_BY_GE))

# North-western speech (Shaanxi, Gansu, Ningxia, Qinghai): 额/额们 (I, we; not 金额, 配额, 额度), 咧 ending a clause (了),
# 撒 asking (啥; not 撒谎), 嫑 (不要), and the levels said with 上 (县上, 乡上, 市上, 省上: 县里…; not 全县上下);
# in Gansu and Qinghai (Lanyin, Hezhou) also 尕 (小), 麻达 (问题), 阿么 (怎么), 阿达/那达 (哪里/那里), 一挂 (全部), 晚夕 (晚上).
_NORTHWESTERN_WORDS = {"额们": "我们", "嫑": "不要", "麻达": "问题", "阿么": "怎么", "阿达": "哪里", "那达": "那里",
                       "晚夕": "晚上", "尕": "小"}
_QUOTA_WORDS = "金名限超定差份总数余配面巨税票"
_ASKING_SA = r"(?<=[弄干做说整搞有是为要])撒(?![谎网种娇手欢野气尿])|撒(?=时候|子|事|意思|$|[?？])"
# (not 全县上下, 县上报, 全县上月 — a 上 of time or of rank: 上月, 上周, 上半年, 上次, 上个, 上级)
_LEVEL_SHANG = r"(?<!全)(?<=[县乡市省])上(?![下午班级面报交访半月周年季个次旬星礼回一两三四五六七八九十])"
_NORTHWESTERN_GUARDED = {
    rf"(?<![{_QUOTA_WORDS}])额(?![度外定头们数])": "我",
    r"咧(?=$|[,;:!?，。；：！？\s])": "了",
    _ASKING_SA: "啥",
    _LEVEL_SHANG: "里",
    r"一挂(?=[村人站都的])": "全部",
}
_NORTHWESTERN_MARK = re.compile(rf"额们|嫑|(?<![{_QUOTA_WORDS}])额(?=[去来在跟和也都就还没不陪参登报说们])"
                                rf"|咧(?=$|[,;:!?，。；：！？\s])|{_ASKING_SA}|{_LEVEL_SHANG}|尕|麻达|阿么|阿达|那达|晚夕"
                                r"|一挂(?=[村人站都的])")

# Jianghuai (Anhui, north Jiangsu): 可照 (行不行), 可要…啊 (要不要), 可能去？ (能不能), 哈子/一哈 (一下), 么得 (没有),
# 还么定 (还没), 克县里 (去).
_JIANGHUAI_WORDS = {"可照": "行不行", "哈子": "一下", "么得": "没有"}
_ASKING_KE_YAO = r"可要(?=(?:报备|报批|审批|备案|请示|报|开|发|去|来|批)[^,;，。]{0,10}?(?:啊|呀|哦|[?？]|$))"
_JIANGHUAI_GUARDED = {
    _ASKING_KE_YAO: "要不要",
    r"可能(?=[去来开报发搞参查][^,;，。]{0,10}?[?？])": "能不能",
    r"一哈(?![尔密])": "一下",
    r"还么(?=[定开来报发到去有])": "还没",
    r"(?<![千公毫坦马巧攻])克(?=[县市乡镇村里局省城])": "去",
}
_JIANGHUAI_MARK = re.compile(r"可照|哈子|么得|一哈(?![尔密])|还么(?=[定开来报发到去有])"
                             rf"|(?<![千公毫坦马巧攻])克(?=[县市乡镇村里局省城])|{_ASKING_KE_YAO}")

# Jin (Shanxi, west Hebei, Inner Mongolia's south): 年时 (last year), 兀/兀个/兀条 (那), 甚 (什么; not 甚至), 到这阵
# (到现在), 一圪垯 (一起), 嘞 ending a clause (了; 呢 before a question mark).
_JIN_WORDS = {"到这阵儿": "到现在", "到这阵": "到现在", "一圪垯": "一起", "兀条": "那条", "兀个": "那个"}
_LAST_YEAR_NIANSHI = r"(?<!当)年时(?![候间节期代辰])"
_WHAT_SHEN = r"甚(?![至么好多于少为是微佳远大高深矣嚣])"
_JIN_GUARDED = {
    _LAST_YEAR_NIANSHI: "去年",
    r"(?<!突)兀(?![自鹫突然])": "那",
    _WHAT_SHEN: "什么",
    r"嘞(?=[?？])": "呢",
    r"嘞(?=$|[,;:!，。；：！\s])": "了",
}
_JIN_MARK = re.compile(rf"{_LAST_YEAR_NIANSHI}|(?<!突)兀(?![自鹫突然])|到这阵|一圪垯|嘞(?=$|[,;:!?，。；：！？\s])")

# Gan (Jiangxi, east Hunan) and Wuhan speech (Hubei), which share most everyday words: 箇/箇个 (这, 这个), 冇/冇得 (没,
# 没有), 佢/佢们 (他, 他们), 几多 (多少), 么子/么哩/么事 (什么), 么样 (怎样), 将将 (刚刚), 一哈 (一下), 莫 (别), 要得不
# (行不行), 要得 ending a question (可以), 今日/明日/昨日, 上昼/下昼.
_GAN_WORDS = {
    "箇只": "这个", "箇个": "这个", "冇得": "没有", "冇": "没", "佢们": "他们", "佢": "他", "几多": "多少",
    "么子": "什么", "么哩": "什么", "么事": "什么", "要得不": "行不行", "今日": "今天", "明日": "明天", "昨日": "昨天",
    "前日": "前天", "后日": "后天", "上昼": "上午", "下昼": "下午",
}
_JUST_NOW_JIANGJIANG = r"将将(?!就)"  # not 将将就就
_GAN_MARK_WORDS = rf"(?<![一两二三四五六七八九十几\d])箇|冇得|佢们|要得(?=[不吧啵]|[?？])|么哩|么事|{_JUST_NOW_JIANGJIANG}"
_GAN_GUARDED = {
    r"(?<![一两二三四五六七八九十几\d])箇": "这",  # not 一箇 (the old form of 一个)
    r"(?<![怎这那多])么样": "怎样",  # not 怎么样
    r"要得(?=$|[,;!?，。！？吧啵嘞咯])": "可以",  # not 要得到批准
    _JUST_NOW_JIANGJIANG: "刚刚",
    r"一哈(?![尔密])": "一下",
    r"莫(?=[记登发开报搞忘急慌催])": "别",  # 莫记了, 莫急
}
_GAN_MARK = re.compile(_GAN_MARK_WORDS)

# Tianjin speech: 介 (这: 介个, 介周, 介回; not 介绍, 介入, 中介, 简介), 嘛 asking (什么: 嘛事, 干嘛呀, 都会嘛; not the
# particle ending a clause, 好嘛), 您了 (您), 倍儿 (很).
_THIS_JIE = r"(?<![中简媒评引绍])介(?=个|周|星期|礼拜|月|回|次|事|会|儿|么|样|边|俩|仨|两|几|阵|天|礼)"
_WHAT_MA = r"嘛(?=事|时候|玩意|东西|意思|[?？]|呀|呢|啊)|(?<=[会干做弄说记登查报开发有是])嘛(?=[^,;!?，。！？\s]|[?？])"
_TIANJIN_WORDS = {"您了": "您", "倍儿": "很"}
_TIANJIN_GUARDED = {_THIS_JIE: "这", _WHAT_MA: "什么"}
_TIANJIN_MARK = re.compile(rf"{_THIS_JIE}|您了|倍儿")

# South-western Mandarin (Sichuan, Chongqing, Guizhou, Yunnan): 莫得 (没有), 啥子 and 哪样 (什么), 咋个 (怎么), 搞忘了
# (忘了), 得不得 (行不行), 可整得 (可以吗: 整 is the south-west's 弄), 板扎 (很好), 克 before where one goes or what
# one goes to do (克市里, 克参加: 去; not 克服, 千克, 攻克).
_SOUTHWESTERN_WORDS = {"莫得": "没有", "啥子": "什么", "哪样": "什么", "咋个": "怎么", "搞忘了": "忘了",
                       "得不得": "行不行", "可整得": "可以吗", "板扎": "很好"}
_SOUTHWESTERN_GUARDED = {r"(?<![千公毫坦马巧攻以])克(?=[县市乡镇村里局省城参开看查]|的$|的[,;，。])": "去"}
_SOUTHWESTERN_MARK = re.compile(r"莫得|啥子|哪样|咋个|得不得|可整得|板扎")

# Said in several dialects where Mandarin says otherwise: 今朝 (today), 上半天/下半天 (morning, afternoon), 那日 and
# 第一日 (那天, 第一天).
_SHARED = {"今朝": "今天", "上半天": "上午", "下半天": "下午", "那日": "那天", "第一日": "第一天"}
_SOUTHERN = _Dialect(_SHARED, {}, re.compile("|".join(_SHARED)))
_DIALECTS = (_Dialect(_HAKKA_WORDS, _HAKKA_GUARDED, _HAKKA_MARK),
             _Dialect(_CANTONESE_WORDS, _CANTONESE_GUARDED, _CANTONESE_MARK), _Dialect(_WU_WORDS, _WU_GUARDED, _WU_MARK),
             _Dialect(_MIN_WORDS, _MIN_GUARDED, _MIN_MARK), _Dialect(_XIANG_WORDS, _XIANG_GUARDED, _XIANG_MARK),
             _Dialect(_NORTHERN_WORDS, _NORTHERN_GUARDED, _NORTHERN_MARK),
             _Dialect(_NORTHWESTERN_WORDS, _NORTHWESTERN_GUARDED, _NORTHWESTERN_MARK),
             _Dialect(_GAN_WORDS, _GAN_GUARDED, _GAN_MARK), _Dialect(_TIANJIN_WORDS, _TIANJIN_GUARDED, _TIANJIN_MARK),
             _Dialect(_SOUTHWESTERN_WORDS, _SOUTHWESTERN_GUARDED, _SOUTHWESTERN_MARK),
             _Dialect(_JIANGHUAI_WORDS, _JIANGHUAI_GUARDED, _JIANGHUAI_MARK), _Dialect(_JIN_WORDS, _JIN_GUARDED, _JIN_MARK),
             _SOUTHERN)


@cache
def _pattern(which: int) -> tuple[re.Pattern[str], dict[str, str]]:
    dialect = _DIALECTS[which]
    plain = sorted(dialect.words, key=len, reverse=True)
    guarded = list(dialect.guarded)
    alternatives = [*(re.escape(word) for word in plain), *(f"(?P<g{i}>{g})" for i, g in enumerate(guarded))]
    pattern = re.compile("|".join(alternatives))
    by_group = {f"g{i}": dialect.guarded[g] for i, g in enumerate(guarded)}
    return pattern, by_group


# Every dialect's gate in one scan: a Mandarin message (nearly all) costs one search, not one per dialect (guarded:
# its branches open with lookbehinds, which sre cannot skip ahead of by itself).
_ANY_MARK = guarded("|".join(f"(?:{dialect.mark.pattern})" for dialect in _DIALECTS), two_chars=True)


def mandarin(text: str) -> str:
    """The message in Mandarin words when it is written in a dialect listed here; any other message unchanged."""
    if not _ANY_MARK.search(text):
        return text
    for which, dialect in enumerate(_DIALECTS):
        if dialect.mark.search(text):
            text = _rewritten(text, which)
    return text


def _rewritten(text: str, which: int) -> str:
    pattern, by_group = _pattern(which)
    words = _DIALECTS[which].words
    return pattern.sub(lambda m: by_group[m.lastgroup] if m.lastgroup else words[m.group(0)], text)
