"""Time expressions in work-chat Chinese → dates, clock times, dayparts and inclusive periods.

Semantics (design §4; decisions the design leaves open are marked *):
- Weeks start on Monday. 下周三 = Wednesday of next week; 这周三/本周三 = this week's (even if past);
  bare 周三/星期三/礼拜三 = the next Wednesday on or after today, or the last one on or before today when
  the message is in the past tense (了/已/过/刚…). * Receiving (收到/收文/来文/接到) counts as past:
  a document is logged after it arrives, so 收文3件 周五 on a Sunday is the Friday just gone.
- Bare day of month without a month (12号, 25日), read against today's day D:
  N ≥ D → this month (N = D is today); N < D → next month when the message is plan tense
  (拟/计划/将于…: 12号拟开推进会 said on the 22nd is 12 December), this month when it is past
  tense (12号开了推进会 → 12 November). * A past-tense N > D is last month (25号开了会 said on the
  22nd: it cannot have happened yet). * With neither tense nor plan marker (12号下发通知 said on the
  16th), the nearer of the two; a question whether something may be done is a plan.
  Queries are read as past tense (12号发文多少件 looks back). A clause saying what is to come (15号市里要来查,
  14号要报) reads its bare day as a plan; a weekday said beside the day (19号星期一, 26号（周一）) picks the nearest
  month where the day falls on it.
- Month-day without a year (3月5日, 12.1, 2/15): the same idea — this year if still ahead (or today);
  past tense → the last occurrence, * unless this year's is at most 31 days ahead (了 of another clause:
  考核定了，12月14日开始); a plan marker (拟/计划/将于…) → the next occurrence. * Without
  either, a passed date is next year's only when that is the nearer one: on 11-22, 3月5日开推进会 is
  2027-03-05, but 11月20日印发… is a late log of 2026-11-20, not a plan a year ahead.
- Clock times: 下午3点 = 15:00; * without 上午/下午, 1–6点 are office-hours afternoon (3点 = 15:00).
  A daypart word without a clock (上午, 明早) sets `daypart`, not an invented time.
- Periods are inclusive: 本月 = 1st..last day; 今年1-11月 = 01-01..11-30; 本季度, 上半年 … whole units.
  * 月初 = days 1–10 as a period and the 1st as a date; 月中 = 11–20 / the 15th; 月底/月末 = 21–last /
  the last day; 上旬/中旬/下旬 are periods only. 年初 = January / Jan 1; 年底 = December / Dec 31.
  * 近7天 = the last 7 days including today; 前/上N天 = the N days before today (Duckling's reading);
  下/后N天 = the N days after today. 今年以来 = Jan 1..today.
- Relative points: 3天后 = today+3; 3个工作日后 = the third working day after today on the official
  calendar (bot.calendar's WorkCalendar, the one the 报备 rules and the scheduler count on);
  两周后 = today+14. * N天前 is the single day N days ago (Duckling: a range).
- 去年同期 is reported as a flag: the caller shifts its period (or the default) back one year.
- A date right after 改到/调到/推迟到/提前到/挪到/换到 is the message's date whatever came before it:
  周四的会改到周三 is about Wednesday.

- Festivals and lunar dates (春节, 除夕, 国庆, 正月初八, a bare 初八 = this lunar month's 8th, never 月初)
  resolve like a bare weekday; see bot.nlu.festivals. 八月十五/七月十五 in words are the lunar festivals' days.
  节后 alone, of what is to come, is the first working day after the nearest holiday; 国庆节后到今天 runs from that
  day (春节后: from the festival). X以来/至今/起/自X, X以后 after a past X and 2020年以前
  are open ranges, inclusive at both ends (see `_open_ranges`); 19年 = 2019.
- Nothing outside 2000-01-01..2099-12-31 is returned: such a date or period is dropped and `invalid` set.

The scanner is one precompiled alternation run with `finditer`; each match is resolved by a small
function. Nothing here raises: a match that cannot be resolved (2月30日, absurd offsets) is dropped;
an impossible calendar expression (2月30日, 今年1-13月, 11-3月) also sets `invalid`, so that a query
asks for its period instead of silently answering for 本月.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.calendar import (
    QUARTER_NUMERALS,
    Period,
    add_months,
    month_bounds,
    month_end,
    quarter_bounds,
    quarter_name,
    quarter_of,
    shift_month,
    shift_quarter,
    work_calendar,
)
from bot.nlu import festivals
from bot.nlu.firstchars import Dispatched, guard, guarded, with_guard
from bot.nlu.numbers import cn_to_int

MM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DD = (r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
      r"|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])")
# Two-digit years (19年 = 2019) only where 年 is not a duration (10年前, 20年内, 30年来).
_YY = (r"(?:(?<![\d.])\d{2}|(?<![\d一二三四五六七八九十〇零])[一二][〇零一二三四五六七八九])"  # 19年, 二五年
       r"(?=年(?![前后内多来]|左右))")
_YEAR = rf"(?:\d{{4}}|{_YY}|[零〇一二三四五六七八九]{{4}})年"
YEARWORD = r"(?:今年|去年|明年|前年|后年|上年度?|下年度?|本年度?|" + _YEAR + ")"
_NUM_T = r"(?:\d{1,4}|[一二两三四五六七八九十]{1,3})"
_NOT_COUNTED = r"[每0-9一二两三四五六七八九十几]"
# 头晌/前晌/上半晌 and 后晌/下晌/下半晌, 晌午: the northern words for morning, afternoon and noon
# 一上班/午饭前/下班前/晚饭后: the office day told by its own landmarks (午饭前把总结报给县文明办了), and the
# school day by its bell (大课间报给市资助中心…, 第二节课后发了通知, 放学前收了…来文)
_WORKDAY_PARTS = (r"一上班|上班前|午饭前|午饭后|午休前|午休后|下班前|下班后|晚饭前|晚饭后"
                  r"|大课间|放学前|放学后|第[一二三四五六七八]节课")
_DAYPARTS = (r"上午|下午|中午|晚上|早上|早晨|清晨|凌晨|傍晚|夜里|夜间|午后|白天|头晌|前晌|上半晌|后晌|下半晌|下晌|晌午|"
             + _WORKDAY_PARTS)
_LUNAR_MONTH = r"(?:十[一二]?|[正一二三四五六七八九冬腊])"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|三十|廿[一二三四五六七八九]?|十[一二三四五六七八九]?)"
_MONTH_REL = r"本月份?|这个月|这月|当月份?|今个月|下下个?月|下个?月|上上个?月|上个?月"

_ALTERNATIVES = [
    ("ymdnum", r"(?<![\d.])(?P<a_y>\d{4})[-/.](?P<a_m>1[0-2]|0?[1-9])[-/.](?P<a_d>3[01]|[12]\d|0?[1-9])(?![\d.])"),
    ("yrange", rf"(?P<yr_a>\d{{4}}|{_YY}|(?<![\d.])\d{{2}}|[零〇一二三四五六七八九]{{4}})年?度?\s*(?:-|~|至|到|—)\s*"
               r"(?P<yr_b>\d{4}|\d{2}|[零〇一二三四五六七八九]{4})年度?"
               r"(?!\d|[一二三四五六七八九十]+(?:个?月|季|号|日)|前|后|内)"),
    ("lunar", rf"(?P<lu_y>{YEARWORD})?(?:农历(?P<lu_m1>{_LUNAR_MONTH})月(?P<lu_d1>{_LUNAR_DAY})"
              rf"|(?P<lu_m2>[正冬腊])月(?P<lu_d2>{_LUNAR_DAY})|(?P<lu_m3>{_LUNAR_MONTH})月(?P<lu_d3>初[一二三四五六七八九十])"
              # 新初一, 读初二, 初一新生: a school grade, not the lunar day
              r"|(?<![月年新读上升念])初(?P<lu_d4>[一二三四五六七八九十])(?![中级步期次稿审心]|年级|学生|新生|招生|分班|的学生|班"
              # 初三质量分析会, 初二数学课, 初三备课组: a school year and its subjects, classes and exams
              r"|(?<=初[一二三])(?:数学|语文|英语|物理|化学|生物|历史|地理|政治|道法|备课|一模|二模|三模|教学|毕业|质量|质检"
              r"|期中|期末|考试|联考|集体|学科|老师|教师|课|组|年段|会考|复习|各班|全体))"
              r"|(?:过了?年|过完年|年后)的?初(?P<lu_d5>[一二三四五六七八九十]))"),
    # 正月里, 腊月份, 农历十月: a whole lunar month (a day in it is the lunar alternative above)
    ("lunarmonth", rf"(?P<lm_y>{YEARWORD})?(?:农历(?P<lm_m1>{_LUNAR_MONTH})月|(?P<lm_m2>[正冬腊])月)(?:份|里|间|期间)?"
                   r"(?![\d一二三四五六七八九十廿初])"),
    ("festival", rf"(?P<fe_y>{YEARWORD})?(?P<fe>春节|除夕|大年三十|(?<![\d〇零一二三四五六七八九十])年三十"
                 r"|元宵|端午|七夕|中秋|重阳|腊八|元旦|清明|冬至|龙抬头"
                 r"|立春|惊蛰|春分|谷雨|立夏|芒种|夏至|小暑|大暑|立秋|处暑|秋分|寒露|立冬|小寒|大寒"
                 r"|小年(?![轻级龄])|(?<![\d一二三四五六七八九十])(?:二月二|三月三)(?![日号十\d一二三四五六七八九])"
                 r"|(?<![\d一二三四五六七八九十])(?:五一|五四|六一|七一|八一)(?![\d一二三四五六七八九十个件次号日月年%])"
                 r"|劳动节|国庆|妇女节|植树节|青年节|儿童节|建党节|建军节|教师节)"
                 r"(?:节(?!目|约|点|能))?(?:当天|那天)?"
                 # 元宵节后两天 / 后第二天 (后第一天 is the first day after the days off, below)
                 r"(?P<fe_off>(?P<fe_dir>[前后])(?:第(?=[二三四五六七2-7]))?(?P<fe_n>[一两二三四五六七1-7])[天日]"
                 r"|(?:假期|长假|小长假|假)?(?:前的?最后一个工作日|(?:过?后|放完假|放假回来|回来|收假(?:后|回来)?|结束后?)的?(?:第一个工作日|头一个工作日|上班的?(?:第一天|头一天)|第一天上班"
                 r"|第一天|头一天))"
                 # 元旦后第一个周三, 国庆后第二周的周一, 元旦前最后一个周三: a weekday counted from the festival
                 r"|(?:假期|长假|小长假|假)?过?后的?(?:第(?P<fe_k>[一二三1-3])个|那个|那|头一个)?(?:周|星期|礼拜)"
                 r"(?P<fe_w>[一二三四五六日天1-7])"  # 元宵节后那个星期四: the first one after it
                 r"|(?:假期|长假|小长假|假)?过?后的?第(?P<fe_wk>[一二三1-3])周的?(?:周|星期|礼拜)(?P<fe_w3>[一二三四五六日天1-7])"
                 r"|前的?(?:最后一个|那个|那)?(?:周|星期|礼拜)(?P<fe_w2>[一二三四五六日天1-7])"  # 中秋前那个星期二
                 # 中秋放假前一天: the day before the days off begin
                 r"|(?:(?:放假|假期|长假|小长假)前的?|前的?(?=最后一天))(?P<fe_pre>一天|最后一天|那一?天)"  # 元旦前最后一天
                 # 国庆放假那几天, 春节假期, 五一期间: the days off around the festival
                 r"|(?P<fe_span>(?:小长假|长假|假期|放假)(?:期间|那几天|那些天|里)?(?P<fe_edge>的?(?:最后一天|第一天|头一天))?"
                 r"|那几天(?!后))(?![后过前]))?"),
    # 节后第一天, 收假后第一个工作日, 节前最后一个工作日: the holiday not named is the nearest one
    ("holedge", r"(?<![旦明午秋庆宵阳动夕])(?:节|长假|小长假|假期|收假|放假)(?:过?后|结束后?|回来)的?"
                r"(?P<he_a>第一个工作日|头一个工作日|第一天上班|上班的?(?:第一天|头一天)|第一天|头一天"
                r"|第(?P<he_n>[二三四五2-5])个工作日)"  # 节后第二个工作日: counted in working days
                r"|(?<![旦明午秋庆宵阳动夕])(?:节|长假|小长假|放假)前的?(?P<he_b>最后一个工作日|最后一天)"
                # 节后到现在, 节后以来: from the first working day after the nearest holiday
                r"|(?<![旦明午秋庆宵阳动夕])(?:节|长假|小长假|假期|收假)(?:过?后|结束后?)(?:上班|开工|复工|收假)?"
                r"(?P<he_s>)(?=以来|至今|迄今|(?:一直)?(?:到|至)(?:现在|目前|今天|今日))"
                # 节后想把两个调度会合起来开, 节后对白沙乡做一次督查: 节后 alone, of what is to come (not 节后收心会)
                r"|(?<![旦明午秋庆宵阳动夕前])(?<!研究|部署|安排|讨论|谋划|布置)节后(?P<he_bare>)(?!收心|作风|纪律|复工|复产|返岗|返程|综合征|效应|第|头|上班|开工"
                r"|以来|迄今|至今|到今|到现|到目|至|的|[一两二三四五六七八九十\d]|期间|$)"
                # 节前县里来了个文, 节前要报: 节前 alone, before who acts or what is done, is the last working day
                # before the nearest holiday (not 节前安全检查, 节前那周, 节前廉洁提醒: the work or the time named by it)
                r"|(?<![旦明午秋庆宵阳动夕])(?<!研究|部署|安排|讨论|谋划|布置)节前(?P<he_pre>)(?=[,;\s]|[县市省乡镇村局]"
                r"|[要就把去来收发开报再先还都已我咱俺给对])"),
    ("ordweek", rf"(?P<ow_y>{YEARWORD})?(?:(?P<ow_m>{MM})月份?|(?P<ow_r>{_MONTH_REL}))的?第(?P<ow_n>[1-5一二三四五])个?"
                r"(?:周|星期|礼拜)(?![一二三四五六日天1-7])"),
    # 第30周, 今年第6周: the year's ISO week (Monday to Sunday), as offices number them; a week of a month names its
    # month (ordweek above), and 第1-5周 alone is left to it
    ("isoweek", rf"(?P<iw_y>{YEARWORD})?的?第(?P<iw_n>[1-4]\d|5[0-3]|[6-9]|[二三四五]十[一二三四五六七八九]?"
                r"|十[一二三四五六七八九]?|[六七八九])(?:个)?(?:周|星期)(?![一二三四五六日天1-7末])"),
    ("ordmonth", rf"(?P<om_y>{YEARWORD})?(?:的)?第(?P<om_n>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])个月"),
    # 今年前5个月, 去年前两个月: the year's first months, as statistics count them
    ("firstmonths", rf"(?P<fm_y>{YEARWORD})(?:的)?前(?P<fm_n>1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])个月"),
    ("ymd", rf"(?P<b_y>{YEARWORD})(?P<b_m>{MM})月(?P<b_d>{DD})[日号]?"),
    ("mrange", rf"(?P<c_y>{YEARWORD})?(?P<c_m1>{MM})(?:月份?)?\s*(?:-|~|至|到|(?P<c_and>、|和|及|与))\s*(?P<c_m2>{MM})"
               r"(?(c_and)(?:两个?|二个?)?)月份?"),
    # 一二月份, 三四月, 十一二月: two months in a row said by their numerals side by side
    ("mpair", rf"(?P<mp_y>{YEARWORD})?(?<![十\d])(?P<mp>一二|二三|三四|四五|五六|六七|七八|八九|九十|十一二)月份?"),
    ("reldom", rf"(?P<d_rel>{_MONTH_REL})(?P<d_d>{DD})[日号]"),
    ("nthwd", rf"(?P<nw_y>{YEARWORD})?(?P<nw_m>{MM})月的?第(?P<nw_n>[1-5一二三四五])个?"
              r"(?:周|星期|礼拜)(?P<nw_d>[一二三四五六日天1-7])"),
    ("md", rf"(?<!\d)(?P<e_m>{MM})月(?P<e_d>{DD})(?:[日号]|(?![\d个人件份次天小分周]))"),
    ("mdot", r"(?<![\d.])(?<!\d{4}-)(?P<f_m>1[0-2]|0?[1-9])(?:[./]|-(?=[0-3]\d(?![\d月\-])))(?P<f_d>3[01]|[12]\d|0?[1-9])"
             r"(?![\d./]|\s*(?:个|小时|倍|万|亿|%|元|分|人|天|件|份|次|米|公里|亩|吨|岁|[hHkK]))"),
    # 0821收县人社局来文, 0915至0918检查: four digits a month and a day, as forms and file names write them
    # (1430时, 上午0930 and 0830前后 stay times or numbers)
    ("mmdd", r"(?<![\d./\-A-Za-z天日号午上晚早晨夜])(?<!\d:)(?P<f4_m>0[1-9]|1[0-2])(?P<f4_d>0[1-9]|[12]\d|3[01])"
             r"(?![\d.:/]|\s*(?:时|点|分)|(?<=1\d{3})\s*(?:个|小时|倍|万|亿|%|元|人|天|件|份|次|米|公里|亩|吨|岁|号|年|期|届"
             r"|班|字|名|户|家|所|[hHkK]))"),  # a count is never written with a leading 0
    ("medge", rf"(?:(?P<g_m>{_MONTH_REL}|(?P<g_mm>{MM})月份?)(?P<g_a>初|底|末|中旬|上旬|下旬|中(?!心))"
              r"|(?P<g_b>月初|月底|月末|月中|上旬|中旬|下旬|本旬|这一?旬))"),  # 本旬: the ten days today is in
    ("ytd", r"(?P<i_a>(?:今年|本年度?|年初)(?:以来|至今)|截[至止](?:目前|今天|现在)|今年到现在"
            r"|(?:本月|这个月)以来|(?:本周|这周)以来)"),
    # 去年底, 今年初: the year word shares its 年 with the edge
    ("yedge", rf"(?:(?P<h_y>{YEARWORD})|(?P<h_s>[今去明前上])(?=年[初底末中]))?(?P<h_a>年初|年底|年末|年中)"),
    ("same", r"(?P<q>(?:去年|上年)同期|同期)"),
    ("quarter", rf"(?P<o_y>{YEARWORD})?(?:前(?P<o_first>[一二三四1-4两])个?季度|第?(?P<o_n>[一二三四1-4])季度"
                r"|(?P<o_r>本|这个?|上个?|下个?)季度"
                r"|[Qq](?P<o_q>[1-4])(?!\d))"),
    ("half", rf"(?P<p_y>{YEARWORD})?(?P<p_h>上半年|下半年|前半年|后半年)"),
    # (11月四个乡镇各开了几次会: a count after the month, not its day)
    ("monyear", rf"(?P<j_y>{YEARWORD})?(?<![\d个])(?P<j_m>{MM})月份?(?![\d号日底初末中]"
                r"|[一二三四五六七八九十廿卅](?![共直起些般样定次件个场下律并切同]))"),
    # 本月十五 is a day (reldom), but 本月一共, 这个月一次也没开 are the month
    ("monrel", rf"(?P<k>{_MONTH_REL})(?![初底末]|中旬|以来|\d|[一二三四五六七八九十廿卅](?![共直起些般样定次件个场下律并切同]))"),
    # 两个礼拜前的礼拜三: the weekday of the week N weeks back
    ("weekday", rf"(?<!{_NOT_COUNTED})(?:(?P<l_p>上上个?|下下个?|上个?|下个?|这个?|本|今个?)"
                rf"|(?P<l_ago>{_NUM_T})个?(?:周|星期|礼拜)(?:前|之前|以前)的?)?"
                # 周一下午 / 本周一下发: Monday; 看一周一下子 / …一下 at a clause's end: "a bit"
                r"(?:周|星期|礼拜)(?P<l_d>[一二三四五六日天1-7])"
                # (本周一分析: the weekly analysis, 每周一分析 as the seeds name it)
                r"(?!年|(?<=一)(?:共|直|样|致|般|切|些|次|定|同|分析(?![会研了一])|下(?=子|$|[,;:!?。，；：\s])))"),
    ("weekend", r"(?<!每)(?P<m_p>上上个?|下下个?|上个?|下个?|这个?|本)?周末"),
    ("weekrel", rf"(?<!{_NOT_COUNTED})(?P<n_p>上上个?|下下个?|上个?|下个?|这个?|本|这一|上一|下一|今个)"
                r"(?:周|星期|礼拜)(?![二三四五六日天1-7末]|一(?!共|直|样|致|般|切|些|次|定|同|下(?=子|$|[,;:!?。，；：\s])))"),
    # 查一下24年, 出一下12月: the 下 of 一下 is no "next"
    ("recent", rf"(?P<r_p>近|最近|过去|前|(?<!一)上|(?<!一)下|(?<!最)后|未来|接下来|今后)(?!\d{{4}}年)"
               rf"(?P<r_n>{_NUM_T})个?(?P<r_u>天|日|周|星期|礼拜|月|年)"
               r"(?!后|前|以来|内)"),
    ("relpt", rf"(?<!\d)(?!\d{{4}}年)(?P<s_n>{_NUM_T}|半)个?(?:(?P<s_u>工作日|天|周|星期|礼拜|月|年)"
              r"(?P<s_d>以后|之后|后|以前|之前|前|以内|之内|内)|日(?P<s_d2>以后|之后|后|以内|之内|内))"),
    ("domrange", rf"(?<![\d月./])(?P<dr_a>{DD})[日号]?\s*(?:-|~|至|到)\s*(?P<dr_b>{DD})[日号]"
                 r"(?!以内|之内|内|以后|之后|后(?!晌))"),
    ("dom", rf"(?<![\d月./])(?P<t_d>{DD})(?:日|号(?![文令楼院线码位台窗]))(?!以内|之内|内|以后|之后|后(?!晌))"),
    # 明后天, 今明两天, 昨前天: two days together; the item starts on the first of them
    ("dayword", r"(?P<u>大后天|大前天|大后儿|大前儿|(?:今明|明后)(?:两?天)|昨前两?天"
                r"|今天|今日|今儿个|今儿|明天|明日|明儿个|明儿|后天|后日|后儿个|后儿|昨天|昨日|昨儿个|昨儿|昨个|前天|前日"
                r"|前儿个|前儿"
                r"|(?:^|(?<=^[\s✓√]))(?:次日|隔天)"  # 次日上 县政府常务会: opening the message, the day after today
                r"|(?P<u_c>[今明昨])(?P<u_p>早上|早晨|早|晨|晚上|晚|夜里|夜)(?![饭餐])"
                # 今收县办来文2份, 昨收…, 今发…, 今报…: a register's day, one character before the act, opening a clause
                r"|(?:^|(?<=[\s、,;:，；：]))[今昨](?=[收发报开查要来送转印]))"),
    ("year", rf"(?P<v>今年|本年度|本年|这一年|(?<![年\d])全年(?:度)?|去年度?|上一年|上年度?|明年|下一年|下年度?|前年|后年"
             rf"|(?P<v_y>\d{{4}}|{_YY}|[零〇一二三四五六七八九]{{4}})年度?)"
             r"(?!\d|[一二三四五六七八九十]+(?:个?月|季|号|日|至|到|-|~|份|半)|同期|初|底|末|中)"),
    # 14:30; and the duty log's time groups 1430时, 0830时 (four digits, then 时)
    ("hhmm", rf"(?P<x_dp>{_DAYPARTS}|晚|早)?(?:(?P<x_h>[01]?\d|2[0-3])[:](?P<x_m>[0-5]\d)(?!\d)"
             # (上午0930: four digits after a part of the day are its time as well)
             r"|(?<!\d)(?P<x_gh>[01]\d|2[0-3])(?P<x_gm>[0-5]\d)(?:时(?![间候期段效限])|(?(x_dp)(?!\d)|(?!))))"),
    ("ampm", r"(?<![\d:])(?P<y_h>1[0-2]|0?[1-9])(?::(?P<y_m>[0-5]\d)\s*(?P<y_ap>[aApP])(?:\.?[mM])?"
             r"|\s*(?P<y_ap2>[aApP])\.?[mM])(?![A-Za-z])"),
    ("clock", rf"(?P<w_dp>{_DAYPARTS}|晚|早)?(?<!\d)(?P<w_h>2[0-4]|[01]?\d|[零一二两三四五六七八九十]{{1,3}})"
              r"(?:点钟?|时(?![间候期段效限]))"
              r"(?:(?P<w_m>半|一刻|三刻|[0-5]?\d|[零一二三四五六七八九十]{1,3})(?![个人件份次村乡镇单位项条])分?)?"),
    ("daypart", rf"(?P<z>{_DAYPARTS})"),
]
# A digit starts these alternatives only as a year (2026年, 26年: their YEARWORD) or as what follows here (a month
# 11月, a quarter 3季度, a range 11-12月…): the lookahead in front says so, so that at a digit (收文3件, 12月5日) they
# fail in one step instead of trying their year, months and days (a condition implied by the pattern: the same matches).
_YEAR_DIGITS = r"\d(?:\d\d)?年"  # after the first digit: 2026年, 26年
_DIGIT_STARTS = {
    **dict.fromkeys(("lunar", "lunarmonth", "festival", "isoweek", "ordmonth", "firstmonths", "ymd", "mpair", "yedge",
                     "half"),
                    _YEAR_DIGITS),
    "quarter": f"{_YEAR_DIGITS}|季度",
    **dict.fromkeys(("ordweek", "nthwd", "monyear"), rf"{_YEAR_DIGITS}|\d?月"),
    "mrange": rf"{_YEAR_DIGITS}|\d?(?:月份?)?\s*(?:-|~|至|到|、|和|及|与)",
    "yrange": r"\d(?:\d\d)?年?度?\s*(?:-|~|至|到|—)",
    "ymdnum": r"\d\d\d[-/.]",
}
_ALTERNATIVES = [(name, rf"(?!\d(?!{_DIGIT_STARTS[name]}))" + pattern if name in _DIGIT_STARTS else pattern)
                 for name, pattern in _ALTERNATIVES]
# Every alternative starts with one of these characters; checking it first lets the scanner skip
# the other positions without trying 33 alternatives at each (the parse budget is ~50 µs). Behind it, the
# first two characters any alternative can start with (上午 may start a date, 上报 may not), and each
# alternative behind its own (bot.nlu.firstchars), so most fail in one step.
_FIRST_CHARS = ("0-9零〇一二两三四五六七八九十廿卅今明昨前后大上下这本当近最过未接Qq第周星礼去年月同半截中早晚午凌傍夜白清全")
# Festivals and lunar dates start with common characters (重点, 农村, 国家): they are let in by two.
_FIRST_PAIRS = ("春节|除夕|年三|大年|元宵|端午|七夕|重阳|腊[月八]|元旦|清明|劳动|国庆|正月|冬月|农历|初[一二三四五六七八九十]"
                "|冬至|小年|二月|三月|龙抬|节[前后过结回]|长假|小长|假期|收假|放假|妇女|植树|青年|儿童|建党|建军|教师"
                "|头晌|晌午|次日|隔天|放学"  # the northern morning and noon, the next day, the school day's end
                "|立春|惊蛰|春分|谷雨|立夏|芒种|夏至|小暑|大暑|立秋|处暑|秋分|寒露|立冬|小寒|大寒")  # solar terms
# An alternative's name is an empty group at its end, not a group around it: the last group closed still
# names it (match.lastgroup), and the regex engine enters an alternative by its guard instead of by a group
# (~1 µs less per message where a time word may start).
# Where a time word may start is searched for behind the guards (the pairs above are tried one by one, so a
# position where neither a first character nor a pair's can start fails in one step); there only the alternatives
# that may start with its two characters are tried (bot.nlu.firstchars.Dispatched: 6.6 → 4.8 µs a message).
_SCANNER = Dispatched([f"{with_guard(pattern, two_chars=True)}(?P<{name}>)" for name, pattern in _ALTERNATIVES],
                      f"(?=[{_FIRST_CHARS}]|{_FIRST_PAIRS})"
                      + guard("|".join(f"(?:{pattern})" for _, pattern in _ALTERNATIVES), two_chars=True))
_CONNECTOR = re.compile(r"^\s*(?:-|~|至|到|—)\s*$")
# Between two clock times: 九点开到下午五点, 9点一直到12点 (the day is one, so a verb may sit in between).
_CLOCK_CONNECTOR = re.compile(r"^\s*(?:开|干|搞|一直|持续)?\s*(?:-|~|至|到|—)\s*$")
# A later day that says when the item itself happened, after an earlier day that set it off (县里昨天刚部署，
# 今天就来督查; 县委办昨天来电话，已于今日报出; 上周开过，今天再开; 1月8号下发的文件今天才转到): that day is the item's.
_SET_OFF = re.compile(r"[^,;，。]{0,12}?(?:部署|布置|下发|印发|来电|电话|通知|开过|查过|来过|收到|接到|要求|发了个|要填"
                      # 前天晚上高坡村火点的事, 昨晚起了个小火点: what happened, that the item is about
                      r"|的事|起了|出了|发生)")
# The act itself in the later day's clause: 今天上午已把…报过去了, 我们明天报1份, 昨天下午5点在村委会开了个…会
_THE_ACT_LATER = re.compile(r"[^,;，。]{0,12}?(?:就|再|才|已经?|(?:报|交|送|开|发|查|来|印发|下发|召开)"
                            r"(?:了|过|个|[\d一两二三四五六七八九十])|(?:报|交|送)上去|(?:来|去|到)[县乡镇村局市里]{0,2}(?=督查|检查|考核|调研|督导|暗访|查))")
# 今天来了会议通知，下周一全市视频会 / 今天接到通知，明天开会: a notice that came, then the meeting's own day
# 昨天县政府办通知，明天参加…动员会: a notice told as the clause's verb, announcing the meeting after it
_NOTICE_CAME_IN = re.compile(r"[^,;，。]{0,8}?(?:(?:来了?|收到|接到)[^,;，。]{0,6}?通知|通知(?=[,，:：\s]))")
# …the meeting, or the visit, announced (下周二迎接市里减负督查)
_MEETING_ON = re.compile(r"[^,;，。]{0,20}?(?:会(?:议)?(?=$|[,;，。\s])|督查|检查|考核|调研|督导|暗访|验收)")
_THE_ACT_DONE_ON = re.compile(r"(?:已于|已经于|说)\s*$")
_DAY_OFF = re.compile(r"\s*(?:放假|休息|休假|调休)")
# 督查方案今天就报县委办审, 会议方案昨天才报上去: the day a plan is filed for review
_PLAN_FILED_ON = re.compile(r"方案[^,;，。]{0,2}$")
_PLAN_FILED_AFTER = re.compile(r"\s*(?:就|才|刚|已经?|已)?(?:报|送)")
# 按2日收文记, 日期按周一登: the day the message says to file it on
_FILE_ON = re.compile(r"按(?:照)?\s*$")
_FILE_ON_AFTER = re.compile(r"(?:的)?(?:收文|发文|开会|来文|上报)?(?:记|登|算)")
# (改下周二开: 改 alone moves a day too; not 整改, 修改)
_MOVED_TO = re.compile(r"(?:改|调|挪|推迟|推|提前|换|延期|调整)(?:到|在|至)\s*$|(?<![整修更批篡])改\s*$")
# 要求今天把…报上去: a day demanded, not the day an act was done
_DEMANDED_FOR = re.compile(r"(?:要求|让|叫|请|限)\s*$")
_DEADLINE_SUFFIX = re.compile(r"之前|以前|前(?!天|日|年|两|[0-9一二三四五六七八九十])|[号日]?(?:截止|截至|为止)")
# 让企业填一张表，节后第一天交上来: after a demand, the day a thing is to be handed in is its deadline
_DEMANDED = re.compile(r"让|要求|叫|通知|催")
_HANDED_IN = re.compile(r"(?:上午|下午|中午|晚上)?(?:就|再|统一|必须|务必)?(?:交|报|上交|报送|上报|反馈)(?:上来|上去|过来|给)?"
                        r"(?=$|[,;，；。\s]|上来|齐)")


_DAYPART_BEFORE_DEADLINE = re.compile(r"(?:上午|下午|中午|晚上|早上|下班)(?=之前|以前|前)")
# 今儿中午前给市上报了…: done before then (not 明天中午前把表报了, an order)
_DONE_BY_THEN = re.compile(r"(?:之前|以前|前)(?![^,;，。]*把)[^,;，。]*?(?:了|过)")
# 今天下班前报/交/完成: what is to be done by then
_TO_BE_DONE = re.compile(r"(?:之前|以前|前)[^,;，。]{0,16}?(?:报|交|送|完成|反馈|提交|上传|填|回复|办结|整改)")


# 下周一要各村把底数报上来: the day a demand is to be met, said before the demand
# (下个月10号要求各院报送…, 昨天要求各村今天下班前报上来: the day it is asked — the demand has its own day)
_DEMAND_HANDED_IN = re.compile(r"\s*(?:前|之前)?(?:要求|让|叫|请|要(?=各|全|村|社区|乡镇|下面|学校|企业))"
                               r"(?:(?![今明后]天|下班|[周号日前])[^,;，。]){0,16}?(?:报上来|交上来|报回|交回|交到|报到)")
_TOLD_LATE = re.compile(r"[^,;，。]{0,4}?才(?:说|知道|告诉|讲|反馈|听说)")
# …，截至8月31日 / 截止时间：9月5日 / 限10号 / ddl下周二: a deadline named before its day
_DEADLINE_PREFIX = re.compile(r"(?:截[至止](?:到|日期|时间)?|限|ddl|deadline)(?:为|是)?[:：\s]*$", re.IGNORECASE)


def _is_deadline(text: str, start: int, end: int) -> bool:
    """周五前报送, 明天中午前交, 截至8月31日, (after a demand) 节后第一天交上来."""
    daypart = _DAYPART_BEFORE_DEADLINE.match(text, end)
    if daypart and ((daypart.group(0) == "下班" and not _TO_BE_DONE.match(text, daypart.end()))
                    or _DONE_BY_THEN.match(text, daypart.end(), _clause_of(text, start, end)[1])):
        return False  # 昨天下班前…又来了两个文, 今儿中午前…报了…小结: when it was done (今天下班前报 is a deadline)
    if text.endswith("内", start, end) and not text.startswith("半", start):
        return True  # 要求三天内整改: a time limit, counted from today
    return bool(_DEADLINE_SUFFIX.match(text, daypart.end() if daypart else end)) or bool(
        _DEADLINE_PREFIX.search(text, max(0, start - 8), start)) or bool(_DEMAND_HANDED_IN.match(text, end)) or (
        _HANDED_IN.match(text, end) is not None and _DEMANDED.search(text, 0, start) is not None)

# Tense: 了 (not 了解/为了/除了, nor 定了/排好了: a decision about what is coming), 已/已经 (not 已定/已排好 ending a
# clause), 刚, 过 after an action verb; and receiving (收到/收文/来文/接到),
# which is always reported after the fact: nobody logs a document they will receive next Friday.
# 了 is past unless something is about to happen (寒潮要来了, 快开了); V的 + a noun tells what was done (周一开的班子会).
_PAST = guarded(r"(?<![为除定])(?<!要来)(?<!快来)(?<!要到)(?<!快到)(?<![排定]好)了(?!解|不起)|刚"
                   r"|已(?!经?(?:定|排|安排|派)(?:好了?|了|下来)?[^,;，。\s]{0,2}(?=$|[,;，。\s]))"  # (…视频会，已安排人)
                   r"|[开发收报查访核研导办搞参来去到]过(?![程去来渡半年节期问])"
                   r"|(?<![要将会想能可该待])(?:查|核|开|督导|调研|巡查)完(?![成善整备])"  # 滑坡点复核完: done
                   r"|(?<![要将会想能可召])[开发收报查](?:的)(?=[^,;，。]{0,6}?(?:会|文|通知|检查|督查|材料|表))"
                   r"|(?<![要将会想能可召该])[开发收报查办搞去](?:的)(?=$|[,;，。、\s])"  # 周二开的，书记去的: told as done
                   r"|收到|接到|收文|来文|来函|补登|补记|补录|补一条|补个|补上|忘[了记]登"
                   r"|[没未漏]登|漏记|没记"  # 补登, 没登: logged after the fact
                   # ✓ after an item: done; 周一上午收市局文2件: a document received is never planned
                   r"|[✓√✔]|(?<![要将会想能可该待])收(?=[市县省]|镇里|乡里|局里|[^,;，。\s]{1,8}?文[\d一两二三四五六七八九十])",
                   two_chars=True)
# 准备 as a verb (准备开会), not the preparations a visit looks at (登革热防控准备, 开学准备工作)
PREPARE = r"(?<![防控检学考战资])准备(?!工作|情况|阶段|材料|进度|好了)"  # (物资准备: the supplies readied)
# …定13号, 定在周五: the day it is set for
_PLAN = guarded(rf"拟|计划|{PREPARE}|打算|将于|将要|预计|即将|安排在"
                r"|(?<![确决规约一])定(?:在|于)?(?=\d|[下本这明后]|周|星期|礼拜)")

_DAYPART_CODE = {
    "上午": "morning", "早上": "morning", "早晨": "morning", "清晨": "morning", "早": "morning",
    "晨": "morning", "白天": "morning", "中午": "noon", "下午": "afternoon", "午后": "afternoon",
    "头晌": "morning", "前晌": "morning", "上半晌": "morning", "后晌": "afternoon", "下晌": "afternoon",
    "下半晌": "afternoon", "晌午": "noon",
    "一上班": "morning", "上班前": "morning", "午饭前": "morning", "午饭后": "afternoon",
    "午休前": "noon", "午休后": "afternoon", "下班前": "afternoon", "晚饭前": "afternoon",
    "下班后": "evening", "晚饭后": "evening",
    "大课间": "morning", "放学前": "afternoon", "放学后": "afternoon",
    **{f"第{n}节课": "morning" for n in "一二三四"}, **{f"第{n}节课": "afternoon" for n in "五六七八"},
    "晚上": "evening", "傍晚": "evening", "晚": "evening", "夜里": "evening", "夜间": "evening",
    "夜": "evening", "凌晨": "night",
}
_DAYWORD_OFFSET = {
    "大前天": -3, "前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "昨儿个": -1, "昨儿": -1, "昨个": -1, "昨": -1, "今天": 0,
    "今日": 0, "今儿个": 0, "今儿": 0, "今": 0, "明天": 1, "明日": 1, "明儿个": 1, "明儿": 1, "明": 1, "后天": 2, "后日": 2,
    "大后天": 3, "后儿个": 2, "后儿": 2, "大后儿": 3, "前儿个": -2, "前儿": -2, "大前儿": -3,
    "次日": 1, "隔天": 1, "今明天": 0, "今明两天": 0, "明后天": 1, "明后两天": 1, "昨前天": -2, "昨前两天": -2,
}
_DAYWORD_LABEL = {-3: "大前天", -2: "前天", -1: "昨天", 0: "今天", 1: "明天", 2: "后天", 3: "大后天"}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}


@dataclass(slots=True)  # (slots, as bot.nlu.intent.Intent: one per time word)
class Token:
    start: int
    end: int
    date: dt.date | None = None
    period: Period | None = None
    clock: tuple[int, int, bool] | None = None  # (hour as written, minute, already 24h); see _clock_time
    daypart: str | None = None
    specificity: int = 1  # which of several dates wins: full date > month-day > relative word
    bare_day: int | None = None  # "5日" of "12月3日至5日", to be read in the first date's month
    same_period: bool = False
    is_range: bool = False
    yearless: bool = False  # month-day without a year: the end of a range takes its start's year
    weekday: int | None = None  # 周三 said bare (0 = Monday): read in a week named before it (上周…，周三)


@dataclass(slots=True)  # (slots, as bot.nlu.intent.Intent: made once per analysis)
class TimeInfo:
    """Everything time-related found in one message; `spans` are masked out for later rules."""

    date: dt.date | None = None
    date_end: dt.date | None = None
    time: dt.time | None = None
    time_end: dt.time | None = None  # 下午4点至6点
    daypart: str | None = None
    period: Period | None = None  # an explicit period word (本月, 今年1-11月, 上周 …)
    periods: list[Period] = field(default_factory=list)  # every period word, for 11月比10月
    day_period: Period | None = None  # the date or date range, as a period (for queries)
    same_period_last_year: bool = False
    invalid: bool = False  # a date or period was written but cannot exist (今年1-13月, 11-3月, 2月30日)
    spans: list[tuple[int, int]] = field(default_factory=list)
    deadlines: list[tuple[int, int]] = field(default_factory=list)  # the spans written as X前 (周五前报送)

    @property
    def found(self) -> bool:
        return bool(self.spans)

    def query_period(self) -> Period | None:
        return self.period or self.day_period


class _Context(NamedTuple):
    """What resolving a time word needs besides the word (a tuple: one is made per message, cheaply)."""

    today: dt.date
    past: bool
    plan: bool


_AFTER_NEW_YEAR = re.compile(r"过了年|过完年")  # 过了年初八开会: a time ahead, not a 了 of the past


# Tense is the clause's where it says so: in 县应急局周五要来查，通知刚到 the notice came, the inspection is ahead.
_AHEAD = guarded(rf"(?<![不需还只就也都已])要(?=[来去开到搞查召下报交送])|将于|将要|将(?=[来去开到召])|{PREPARE}"
                 r"|打算|拟(?!稿)"
                 r"|定于|定在|安排在|计划在", two_chars=True)
_NOTICE_CAME = guarded(r"(?:接到|收到|刚接到|刚收到|(?<![迎直对承衔交连转])接)[^,;，。\s]{0,8}?(?:通知|电话)"
                       r"|通知(?:刚|已|已经)?到了?"
                       r"|(?:刚|才|刚刚)(?:打)?来(?:了个?|过)?电话"  # 督查室刚来电话，礼拜五来: the call announces
                       r"|(?:刚才?|才|刚刚)[^,;，。\s]{0,8}?打(?:了个?|过|来)?电话"  # 刚才县委督查室打电话，说礼拜二来
                       r"|(?:刚|才|刚刚)来的(?:通知|电话)"
                       r"|(?:刚|才|刚刚)(?:下发|发|下|来)了?(?:个|一个)?通知")  # 县里刚发通知，28号下午开…会
# …，通知刚到 or …，刚接到电话通知: told after what it announces (not …，收到…通知一份, a notice recorded as received)
# (刚来的通知: the notice just come)
_NOTICE_JUST_CAME = re.compile(r"通知(?:刚|才|刚刚|已经?)到|(?:刚|才|刚刚)(?:接到|收到|来的)[^,;，。\s]{0,8}?(?:通知|电话)"
                               r"(?![^,;，。]{0,3}?[一两二三四五六七八九十\d]+[份件个])")
_SETS_THE_DAY = re.compile(r"(?:将于|定于|定在|安排在|计划在|拟于|准备在?)\s*$")
_CLAUSE_EDGE = re.compile(r"[,;:!?。，；：！？\s]")


# …都排好了不用登: what the message says not to record
_NOT_TO_RECORD = re.compile(r"(?:不用|不必|无需|别|不)(?:登|记)(?:了|吧)?(?=$|[,;，。\s])")


def _clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_EDGE.finditer(text, end)), len(text))
    return left, right


def _ahead_in_clause(text: str, start: int, end: int) -> bool:
    """The time word's own clause plans what it names: a plan word sets the day (定于周五), or the clause
    has one and no word of the past (周五要来查), and other clauses make the message past."""
    if _SETS_THE_DAY.search(text, max(0, start - 4), start):
        return True
    left, right = _clause_of(text, start, end)
    if left == 0 and right == len(text):
        return False  # one clause: the message's tense is the clause's
    clause = text[left:right]
    if is_past_tense(clause):
        return False
    # 接到通知，1月5日参加… / 周五参加…动员会，通知刚到: the notice came; what it announces is ahead
    rest = text[:left] + "，" + text[right:]
    return bool(_AHEAD.search(clause)) or (
        (_NOTICE_CAME.search(text, 0, left) is not None or _NOTICE_JUST_CAME.search(text, right) is not None)
        and not is_past_tense(_NOTICE_CAME.sub("", rest)))


def _plans_its_clause(text: str, start: int, end: int) -> bool:
    """15号市里考核组要来: a time word whose clause says what is to come reads as a plan (the next 15th), where
    with no tense at all the nearer 15th is taken."""
    left, right = _clause_of(text, start, end)
    return _AHEAD.search(text, left, right) is not None


# The last text asked about and its answer: a parse asks of the same text two or three times (the message, then its
# analysis and its decision), and the scan is one of the costlier ones. A tuple swapped whole, so threads never mix.
_last_past: tuple[str, bool] = ("", False)


def is_past_tense(text: str) -> bool:
    global _last_past
    last = _last_past
    if last[0] == text:
        return last[1]
    past = bool(_PAST.search(_AFTER_NEW_YEAR.sub("", text) if "年" in text else text))
    _last_past = (text, past)
    return past


def extract(text: str, now: dt.datetime, past: bool | None = None, plan: bool = False) -> TimeInfo:
    """Scan `text` (normalized) for time expressions, resolved against the wall-clock `now`;
    `plan` says the message proposes something (a question whether it may be done)."""
    matches = _SCANNER.finditer(text)
    if not matches:  # no time word (a quarter of the messages): nothing to resolve, only a month beyond 12 to see
        info = TimeInfo()
        info.invalid = "月" in text and any(not 1 <= int(m["m"]) <= 12 for m in _MONTH_NUMBER.finditer(text))
        return info
    # the tense and plan words are looked for only where a time word needs them resolved (most messages have none)
    ctx = _Context(
        today=now.date(),
        past=is_past_tense(text) if past is None else past,
        plan=plan or (bool(matches) and bool(_PLAN.search(text))),
    )
    tokens: list[Token] = []
    invalid = False
    ahead = (ctx._replace(past=False) if matches and ctx.past and (_AHEAD.search(text) or _NOTICE_CAME.search(text))
             else None)
    planned = ctx._replace(plan=True) if matches and not ctx.past and not ctx.plan and _AHEAD.search(text) else None
    for match in matches:
        here = ahead if ahead is not None and _ahead_in_clause(text, match.start(), match.end()) else ctx
        if here is ctx and planned is not None and _plans_its_clause(text, match.start(), match.end()):
            here = planned
        try:
            token = _RESOLVERS[match.lastgroup](match, here)  # type: ignore[index]
        except (ValueError, OverflowError, KeyError):
            token = None
        if token is not None:
            tokens.append(token)
        elif match.lastgroup in _CALENDAR_ALTERNATIVES:
            invalid = True
    if not invalid and "月" in text:
        invalid = any(not 1 <= int(m["m"]) <= 12 for m in _MONTH_NUMBER.finditer(text))
    kept = [t for t in tokens if _in_range(t.date, t.period)]
    invalid |= len(kept) < len(tokens)
    info = _combine(_open_ranges(kept, text, ctx) if kept else kept, text, ctx)
    if kept and not (_in_range(info.date, info.period) and _in_range(info.date_end, info.day_period)
                     and all(_in_range(None, p) for p in info.periods)):
        info.date = info.date_end = info.period = info.day_period = None
        info.periods = []
        invalid = True
    if info.same_period_last_year and info.period is None and ctx.today.year - 1 < FIRST_DAY.year:
        info.same_period_last_year, invalid = False, True  # 去年同期 said in 2000 would be 1999: ask
    info.invalid = invalid
    return info


# design §4: no date or period outside these is ever returned; a message naming one is asked about.
FIRST_DAY, LAST_DAY = dt.date(festivals.FIRST_YEAR, 1, 1), dt.date(festivals.LAST_YEAR, 12, 31)


def _in_range(day: dt.date | None, period: Period | None) -> bool:
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        return False
    return period is None or (FIRST_DAY <= period.start <= LAST_DAY and FIRST_DAY <= period.end <= LAST_DAY)


# ---------------------------------------------------------------- open and joined ranges

# X以来 / X至今 / X起 / 中秋到现在: from X to today. X以后/之后 the same when X has begun (端午以后收了多少文);
# a future X keeps its date (国庆节后开会), and so do 今天起 / 12月14日开始, which start something.
# X以前/之前 opens only a whole year (2020年以前): after a day or month 前 is a deadline (周五前报送).
# Both ends are inclusive: 2020年以后 = 2020-01-01..today,
# 2020年以前 = FIRST_DAY..2020-12-31 (README, statistics).
_SINCE = re.compile(r"\s*(?:以来|至今|迄今|(?:一直)?(?:到|至|截[至止]|截止到)(?:现在|目前|今天|今日|今儿个?|当前|眼下)"
                    r"|起(?!草|诉)"
                    r"|开始(?![前后]))")
_AFTER = re.compile(r"\s*(?:以后|之后|往后|过后|后(?![天日年晌]))")  # 礼拜二后晌: that afternoon
_BEFORE = re.compile(r"\s*(?:以前|之前|前(?![天日年两半一二三四\d个晌]))")
_FROM = re.compile(r"(?:自|从)\s*$")
_BOTH_ENDS = re.compile(r"到|至|-|~|—")
_CUMULATIVE = re.compile(r"\s*(?:的|以来|到目前)?(?:累计|共计累计)")
# 截至11月底，全年累计…: a cumulative figure runs from the first of the year to the day named.
_UNTIL = re.compile(r"(?:截[至止]|截止到)\s*$")
_UNTIL_AFTER = re.compile(r"\s*,?\s*" + _UNTIL.pattern)  # 本月截至昨日: the period, cut at the day named


def _whole_years(period: Period) -> bool:
    return period.start.month == 1 and period.start.day == 1 and (period.end.month, period.end.day) == (12, 31)


def _open(token: Token, start: dt.date, end: dt.date, end_at: int, label: str) -> Token:
    return Token(token.start, end_at, period=Period(start, end, label), is_range=True)


def _open_ranges(tokens: list[Token], text: str, ctx: _Context) -> list[Token]:
    """Join 2016至2018年 / 三季度到四季度 into one period and turn X以来/以后/以前/自X into open ranges;
    two open ranges side by side (2010年之后2018年之前) are intersected."""
    out: list[Token] = []
    today = ctx.today
    for token in tokens:
        prev = out[-1] if out else None
        if (prev is not None and prev.date is None and token.date is None and prev.period and token.period
                and not prev.is_range and _CONNECTOR.match(text[prev.end:token.start])
                and prev.period.start <= token.period.end):
            prev.period = Period(prev.period.start, token.period.end, f"{prev.period.label}至{token.period.label}")
            prev.end, prev.is_range = token.end, True
            continue
        out.append(token)
    result: list[Token] = []
    for token in out:
        period = token.period
        if period is None or token.clock is not None:
            result.append(token)
            continue
        # each word is looked for only when it can apply: since/after open only what has begun
        begun = period.start < today if token.date else period.start <= today
        since = _SINCE.match(text, token.end) if begun else None
        if since and (token.date is None or since.group(0).strip() not in ("起", "开始")):
            token = _open(token, period.start, today, since.end(), f"{period.label}以来")
        elif begun and (after := _AFTER.match(text, token.end)):
            start = period.start
            said = text[token.start:token.end]
            if (token.date is not None and period.label in festivals.FESTIVAL_NAMES and said.endswith("节")
                    and not period.label.endswith("节")):  # 国庆节后到今天: the 节 is the break, from the day back at work
                first_off, last_off = _holiday_run(token.date)
                if last_off > first_off:
                    start = min(work_calendar().next_workday(last_off), today)
            token = _open(token, start, today, after.end(), f"{period.label}以后")
        elif token.date is None and _whole_years(period) and (before := _BEFORE.match(text, token.end)):
            token = _open(token, FIRST_DAY, period.end, before.end(), f"{period.label}以前")
        elif (token.date is None and not token.is_range and period.start <= today < period.end
              and _CUMULATIVE.match(text, token.end)):
            token = _open(token, period.start, today, token.end, f"{period.label}累计")  # 本年累计: so far
        elif not token.is_range and period.end <= today and _UNTIL.search(text, max(0, token.start - 3), token.start):
            head = result[-1] if result else None
            if (head is not None and head.date is None and head.period is not None and not head.is_range
                    and head.period.start <= period.end <= head.period.end and _UNTIL_AFTER.match(text[head.end:token.start])):
                head.period = Period(head.period.start, period.end, f"{head.period.label}截至{period.label}")
                head.end, head.is_range = token.end, True
                continue
            token = _open(token, period.end.replace(month=1, day=1), period.end, token.end, f"截至{period.label}")
        elif (not token.is_range and period.start <= today and _FROM.search(text, max(0, token.start - 2), token.start)
              and not _CONNECTOR.match(text[token.end:token.end + 1] or "x")
              and not _BOTH_ENDS.search(text, token.start, token.end)):  # 从9月份到11月份: both ends said
            # 从昨天起要求…, 从今天开始让各镇…: the day a standing demand starts, for a record
            day = token.date if since or (token.date is not None and _SINCE.match(text, token.end)) else None
            token = _open(token, period.start, today, token.end, f"{period.label}以来")
            token.date = day
        prev = result[-1] if result else None
        if (prev is not None and prev.is_range and token.is_range and prev.date is None and token.date is None
                and prev.period and token.period and token.start - prev.end <= 1):
            start, end = max(prev.period.start, token.period.start), min(prev.period.end, token.period.end)
            if start <= end:
                prev.period = Period(start, end, f"{prev.period.label}{token.period.label}")
                prev.end = token.end
                continue
        result.append(token)
    if ("为止" in text or "截" in text) and len(result) == 2 and (cut := _so_far(result, text, today)) is not None:
        return cut
    return result


# 9月的双台账比对一下，到今天为止的 / 出这周的周分析，到今天为止: the period named, cut at today said apart
_TO_TODAY = re.compile(r"(?:到|至|截[至止]|截止到)\s*$")
_CUT_AT_TODAY = re.compile(r"截(?:[至止到]|止到)\s*$")  # 出个本月的月研判，截到今天就行: cut at today, 为止 or not
_UNTIL_NOW_AFTER = re.compile(r"\s*为止")


def _so_far(tokens: list[Token], text: str, today: dt.date) -> list[Token] | None:
    head, day = tokens
    if (head.period is None or head.date is not None or head.is_range or day.date != today
            or not head.period.start <= today < head.period.end
            or not (_CUT_AT_TODAY.search(text, max(0, day.start - 3), day.start) or (
                _TO_TODAY.search(text, max(0, day.start - 3), day.start) and _UNTIL_NOW_AFTER.match(text, day.end)))):
        return None
    head.period = Period(head.period.start, today, f"{head.period.label}截至今天")
    head.is_range = True
    return [head]


# A calendar expression the scanner matched but could not resolve is a mistake to ask about, not
# silence (a clock such as 早一点 that is no time at all is not). Months beyond 12 never match the
# scanner, so they are looked for on their own.
_CALENDAR_ALTERNATIVES = frozenset({"ymdnum", "ymd", "mrange", "reldom", "nthwd", "md", "mdot", "mmdd", "dom", "monyear",
                                    "yrange", "lunar", "lunarmonth", "festival", "ordweek", "ordmonth", "firstmonths",
                                    "year", "half", "quarter", "yedge"})
_MONTH_NUMBER = guarded(r"(?<![\d.])(?P<m>\d{1,3})月")


# ---------------------------------------------------------------- combination


def _combine(tokens: list[Token], text: str, ctx: _Context) -> TimeInfo:
    """Pick the message's date (most specific wins), period, clock time and daypart.

    Two dates joined only by 至/到/-/~ form a range (12月3日至5日: the second reads in the first's month);
    so do two clock times (下午4点至6点).
    """
    info = TimeInfo()
    dates: list[Token] = []
    clocks: list[Token] = []
    _days_within_edges(tokens, text)
    _days_of_month_by_weekday(tokens, text, ctx.today)
    _weekdays_within_a_week(tokens, text)
    _edge_days_of_periods(tokens, text)
    for token in tokens:
        if token.date is not None:
            if dates and _CONNECTOR.match(text[dates[-1].end:token.start]) and _merge_range(dates[-1], token):
                continue
            dates.append(token)
        elif token.period is not None:
            info.periods.append(token.period)
        info.same_period_last_year |= token.same_period
        if token.clock is not None:
            clocks.append(token)
        if token.daypart is not None and info.daypart is None:
            info.daypart = token.daypart
    info.period = _narrowed(info.periods)
    if clocks:
        if clocks[0].daypart is not None:  # 中午…发了通知，明天下午三点开会: the clock's own daypart, not the first said
            info.daypart = clocks[0].daypart
        info.time = _token_time(clocks[0], info.daypart)
        if len(clocks) > 1 and _CLOCK_CONNECTOR.match(text[clocks[0].end:clocks[1].start]):
            end = _token_time(clocks[1], clocks[1].daypart or info.daypart)
            info.time_end = end if end is not None and info.time is not None and end > info.time else None
    # 方案今天就报县委办审: the day a plan is filed is not the item's
    dates = [t for t in dates if not (_PLAN_FILED_ON.search(text, max(0, t.start - 4), t.start)
                                      and _PLAN_FILED_AFTER.match(text, t.end))]
    deadline: dict[int, bool] = {}  # id(token) → whether it is a deadline, for the spans below
    # a single date (most messages with one) is the message's whichever test it meets: the tests choose among several
    if len(dates) > 1:
        deadlines = [t for t in dates if deadline.setdefault(id(t), _is_deadline(text, t.start, t.end))]
        if deadlines and len(deadlines) < len(dates):  # 15号来文要求25号前报的…，今天已报: a deadline is no day of the item
            dates = [t for t in dates if t not in deadlines]
        told = [t for t in dates if _TOLD_LATE.match(text, t.end)]
        if told and len(told) < len(dates):  # 暗访组前天来过，村上今天才说: the day we were told is no day of the item
            dates = [t for t in dates if t not in told]
        unrecorded = [t for t in dates if _NOT_TO_RECORD.search(text, *_clause_of(text, t.start, t.end))]
        if unrecorded and len(unrecorded) < len(dates):  # 除夕到初六值班都排好了不用登…另外今天上午报…: not this one
            dates = [t for t in dates if t not in unrecorded]
    best: Token | None = dates[0] if len(dates) == 1 else None
    if len(dates) > 1:
        filed_on = [t for t in dates if _FILE_ON.search(text, max(0, t.start - 3), t.start)
                    and _FILE_ON_AFTER.match(text, t.end)]  # …今天补登，按2日收文记: the day it is to be filed on
        # the day it is filed on, or the day a plan moves to (改到周三), is the item's
        named = filed_on or [t for t in dates if _MOVED_TO.search(text, max(0, t.start - 4), t.start)]
        later = [t for t, before in zip(dates[1:], dates, strict=False) if _SET_OFF.match(text, before.end)
                 and not _DEMANDED_FOR.search(text, max(0, t.start - 3), t.start)
                 and (_THE_ACT_LATER.match(text, t.end) or _THE_ACT_DONE_ON.search(text, 0, t.start)
                      or (_NOTICE_CAME_IN.match(text, before.end) and _MEETING_ON.match(text, t.end)))]
        days_off = _days_off(dates, text)
        if len(days_off) < len(dates):
            dates = [t for t in dates if t not in days_off]  # 一号二号放假，三号收了两件文: the holiday is background
        qualified = [t for t, then in itertools.pairwise(dates) if t.period is not None
                     and t.period.label in festivals.FESTIVAL_NAMES and _BESIDE_A_FESTIVAL.fullmatch(text, t.end, then.start)]
        if qualified:
            dates = [t for t in dates if t not in qualified]  # 清明节前3号收到…: the day said, the festival placing it
        best = (named[0] if named else later[-1] if later
                else max(dates, key=lambda t: t.specificity))  # max() keeps the first among equals
    if best is not None:
        info.date = best.date
        info.day_period = best.period
        if best.is_range and best.period is not None:
            info.date_end = best.period.end
    for token in tokens:
        span_end = token.end
        if token.date is None and token.daypart is not None and info.deadlines and info.deadlines[-1][1] == token.start:
            info.deadlines.append((token.start, span_end))  # 后日下班前要报: the daypart of a deadline is the deadline's
        elif token.date is not None:
            suffix = _DEADLINE_SUFFIX.match(text, span_end)  # 周五前, 月底之前: the deadline is the date
            known = deadline.get(id(token))
            if suffix:
                span_end = suffix.end()
                info.deadlines.append((token.start, span_end))
            elif known if known is not None else _is_deadline(text, token.start, span_end):
                info.deadlines.append((token.start, span_end))
        info.spans.append((token.start, span_end))
    return info


def _narrowed(periods: list[Period]) -> Period | None:
    """The period asked about: the first named, unless it is a whole year and a later one lies within it
    (今年减负工作总结…，1到10月的: the months of that year)."""
    if not periods:
        return None
    first = periods[0]
    whole_year = first.start.month == 1 and first.start.day == 1 and (first.end.month, first.end.day) == (12, 31)
    inner = next((p for p in periods[1:] if first.start <= p.start and p.end <= first.end and p != first
                  and not p.label.startswith(("本", "这", "上", "下", "近"))), None)  # (今年发文多少，本月呢: two asked)
    return inner if whole_year and inner is not None else first


def _days_within_edges(tokens: list[Token], text: str) -> None:
    """上周末8号, 上月底30号: a bare day of the month right after a stretch (a weekend, a month's end) is that day
    of the stretch; the stretch is left a span, no longer a date or period of its own."""
    for before, token in itertools.pairwise(tokens):
        stretch = before.period
        if token.bare_day is None or stretch is None or text[before.end:token.start].strip():
            continue
        days = (stretch.start + dt.timedelta(days=i) for i in range((stretch.end - stretch.start).days + 1))
        day = next((d for d in days if d.day == token.bare_day), None)
        if day is not None and not token.is_range:
            token.date, token.specificity = day, max(token.specificity, before.specificity)
            before.date = before.period = None


_NEXT_WEEKDAY = re.compile(r"[、和及与]?(?:周|星期|礼拜)[一二三四五六日天]")
_PREVIOUS_WEEKDAY = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天][、和及与]?$")


_DAY_BESIDE_WEEKDAY = re.compile(r"\s*[(（]?\s*")
_MONTHS_AROUND = (-2, -1, 0, 1, 2)


def _days_of_month_by_weekday(tokens: list[Token], text: str, today: dt.date) -> None:
    """19号星期一, 26号（周一）: a day of the month with its weekday beside it is the nearest such day that falls on
    that weekday (said on 29 September, this month's 19th is a Saturday and October's a Monday)."""
    for day, weekday in itertools.pairwise(tokens):
        if (day.bare_day is None or weekday.weekday is None
                or not _DAY_BESIDE_WEEKDAY.fullmatch(text, day.end, weekday.start)):
            continue
        matching = []
        for delta in _MONTHS_AROUND:
            year, month = shift_month(today.year, today.month, delta)
            if day.bare_day <= month_end(year, month).day:
                candidate = dt.date(year, month, day.bare_day)
                if candidate.weekday() == weekday.weekday:
                    matching.append(candidate)
        if matching:
            chosen = min(matching, key=lambda d: abs((d - today).days))
            for token in (day, weekday):
                token.date, token.weekday = chosen, None
                token.period = Period(chosen, chosen, _md_label(chosen))


def _weekdays_within_a_week(tokens: list[Token], text: str) -> None:
    """上周收了县委办一个加急件，周三收的: a bare weekday after a week named is that week's day; the week is left a
    span, no longer a period of its own (weekdays side by side, 周四周五, are days of a rule or a filter)."""
    week: Token | None = None
    for token in tokens:
        if token.weekday is not None and week is not None and week.period is not None and not (
                _NEXT_WEEKDAY.match(text, token.end) or _PREVIOUS_WEEKDAY.search(text, 0, token.start)):  # not listed
            token.date = week.period.start + dt.timedelta(days=token.weekday)
            token.period = Period(token.date, token.date, _md_label(token.date))
            week.period = None
        elif token.period is not None and token.date is None and _is_a_week(token.period):
            week = token


# 5月最后一个工作日, 下个月第一个工作日, 去年最后一天: a day at the edge of the period said before it
_EDGE_DAY = re.compile(r"的?(?:(?P<last_work>最后一个工作日)|(?P<first_work>第一个工作日|头一个工作日)|(?P<last>最后一天)"
                       r"|(?P<first>第一天|头一天))")


def _edge_days_of_periods(tokens: list[Token], text: str) -> None:
    for token in tokens:
        period = token.period
        m = _EDGE_DAY.match(text, token.end) if period is not None and token.date is None else None
        if m is None or period is None:
            continue
        calendar = work_calendar()
        if m["last_work"]:
            day = calendar.previous_workday(period.end + dt.timedelta(days=1))
        elif m["first_work"]:
            day = calendar.next_workday(period.start)
        else:
            day = period.end if m["last"] else period.start
        token.date, token.end = day, m.end()
        token.period = Period(day, day, _md_label(day))


def _is_a_week(period: Period) -> bool:
    return period.start.weekday() == 0 and (period.end - period.start).days == 6


_BESIDE_A_FESTIVAL = re.compile(r"[前后]?的?")


def _days_off(dates: list[Token], text: str) -> list[Token]:
    """The dates said to be days off (一号二号放假): each one before 放假, and those listed right before it."""
    off: list[Token] = []
    for token in reversed(dates):
        if _DAY_OFF.match(text, token.end) or (off and _LISTED.fullmatch(text, token.end, off[-1].start)):
            off.append(token)
    return off


_LISTED = re.compile(r"[、和与及,，\s]?")


def _same_or_next_year(day: dt.date, start: dt.date) -> dt.date | None:
    """A range's yearless end read in its start's year (the next one when it would precede the start)."""
    for year in (start.year, start.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 2月29日
            continue
        if candidate >= start:
            return candidate
    return None


def _token_time(token: Token, daypart: str | None) -> dt.time | None:
    assert token.clock is not None
    hour, minute, literal = token.clock
    return dt.time(hour, minute) if literal else _clock_time(hour, minute, daypart)


def _merge_range(first: Token, second: Token) -> bool:
    start = first.date
    if start is None:
        return False
    if second.bare_day is not None:
        try:
            end: dt.date | None = start.replace(day=second.bare_day)
        except ValueError:
            return False
    else:
        given = second.date
        end = _same_or_next_year(given, start) if given and second.yearless and given.year != start.year else given
    if end is None or end <= start:
        return False
    first.period = Period(start, end, f"{_md_label(start)}至{_md_label(end)}")
    first.end = second.end
    first.is_range = True
    return True


# ---------------------------------------------------------------- helpers


def _num(span: str | None) -> int | None:
    if not span:
        return None
    return int(span) if span.isascii() and span.isdigit() else cn_to_int(span)


_DIGIT_OF = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))


def _year_of(word: str | None, ctx: _Context) -> int | None:
    """今年/去年/明年/2025年 → year number; None when no year word was written."""
    if not word:
        return None
    word = word.rstrip("年度") if word[0].isdigit() or word[0] in "零〇一二三四五六七八九" else word
    relative = {"今年": 0, "本年": 0, "本年度": 0, "这一年": 0, "全年": 0, "全年度": 0, "去年": -1, "去年度": -1, "上年": -1,
                "上年度": -1, "上一年": -1, "明年": 1, "下年": 1, "下年度": 1, "下一年": 1, "前年": -2, "后年": 2}
    if word in relative:
        return ctx.today.year + relative[word]
    if len(word) == 2 and all(c in _DIGIT_OF for c in word):  # 二五年 = 2025, read digit by digit
        word = "".join(_DIGIT_OF[c] for c in word)
    value = _num(word)
    if value is not None and len(word) == 2 and word.isdigit():
        return 2000 + value  # 19年 = 2019: nobody logs 1919
    # An impossible year (0000年, 1066年) is kept, never replaced by today's year: whatever is built on it
    # fails or falls outside FIRST_DAY..LAST_DAY, and the message asks instead.
    return value if value else -1


def _year_label(word: str | None) -> str:
    if not word:
        return ""
    canonical = {"本年": "今年", "本年度": "今年", "这一年": "今年", "全年": "今年", "全年度": "今年",
                 "上年": "去年", "上年度": "去年", "去年度": "去年", "上一年": "去年",
                 "下年": "明年", "下年度": "明年", "下一年": "明年"}
    if word in canonical:
        return canonical[word]
    if word[0] in "0123456789零〇一二三四五六七八九":
        raw = word.rstrip("年度")
        value = _num(raw)
        if value is not None and len(raw) == 2 and raw.isdigit():
            value += 2000
        return f"{value}年" if value else word
    return word


def _md_label(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _month_period(year: int, month: int, label: str) -> Period:
    start, end = month_bounds(year, month)
    return Period(start, end, label)


def _resolve_month_day(month: int, day: int, ctx: _Context, year: int | None) -> dt.date:
    if year is not None:
        return dt.date(year, month, day)
    candidate = dt.date(ctx.today.year, month, day)
    if ctx.past and candidate > ctx.today:
        previous = dt.date(ctx.today.year - 1, month, day)
        # 了 may belong to another clause (考核定了，12月14日开始): a date a few weeks ahead is that date,
        # not one almost a year ago.
        return candidate if candidate - ctx.today <= dt.timedelta(days=31) else previous
    if not ctx.past and candidate < ctx.today:
        following = dt.date(ctx.today.year + 1, month, day)
        if ctx.plan or following - ctx.today < ctx.today - candidate:
            return following
    if not ctx.past and not ctx.plan and candidate > ctx.today:
        previous = dt.date(ctx.today.year - 1, month, day)
        if ctx.today - previous < candidate - ctx.today:
            return previous  # 12月29号发文2件, said on 6 January: last December's, the nearer
    return candidate


def _yearless_month_year(month: int, ctx: _Context) -> int:
    """The year of a month named without one: this year's, unless that is more than half a year ahead and
    nothing plans it (12月份召开会议次数, asked in January, is last December)."""
    return ctx.today.year - 1 if month - ctx.today.month > 6 and not ctx.plan else ctx.today.year


def _day_token(match: re.Match[str], day: dt.date, specificity: int, label: str | None = None) -> Token:
    return Token(match.start(), match.end(), date=day, specificity=specificity,
                 period=Period(day, day, label or _md_label(day)))


# ---------------------------------------------------------------- resolvers, one per alternative


def _ymdnum(m: re.Match[str], ctx: _Context) -> Token:
    day = dt.date(int(m["a_y"]), int(m["a_m"]), int(m["a_d"]))
    return _day_token(m, day, 3)


def _ymd(m: re.Match[str], ctx: _Context) -> Token | None:
    year = _year_of(m["b_y"], ctx)
    month, day = _num(m["b_m"]), _num(m["b_d"])
    if year is None or month is None or day is None:
        return None
    return _day_token(m, dt.date(year, month, day), 3)


def _mrange(m: re.Match[str], ctx: _Context) -> Token | None:
    first, last = _num(m["c_m1"]), _num(m["c_m2"])
    year = _year_of(m["c_y"], ctx) or ctx.today.year
    if first and m["c_and"] and last != first + 1 and "月" in m.string[m.start("c_m1"):m.start("c_and")]:
        start, end = month_bounds(year, first)  # 3月和5月: two months apart, not a run; the first as written alone
        return Token(m.start(), m.start("c_and"), period=Period(start, end, f"{_year_label(m['c_y'])}{first}月"))
    if not first or not last or first > last or (m["c_and"] and last != first + 1):
        return None  # 11、12两个月 and 11月和12月 are two months in a row
    start, _ = month_bounds(year, first)
    _, end = month_bounds(year, last)
    return Token(m.start(), m.end(), period=Period(start, end, f"{_year_label(m['c_y'])}{first}-{last}月"))


def _mpair(m: re.Match[str], ctx: _Context) -> Token:
    first = 11 if m["mp"] == "十一二" else "一二三四五六七八九".index(m["mp"][0]) + 1
    year = _year_of(m["mp_y"], ctx) or ctx.today.year
    if not m["mp_y"] and ctx.past and month_bounds(year, first)[0] > ctx.today:
        year -= 1  # 十一二月收文多少, asked in March: last year's, as a question looks back
    start, _ = month_bounds(year, first)
    _, end = month_bounds(year, first + 1)
    return Token(m.start(), m.end(), period=Period(start, end, f"{_year_label(m['mp_y'])}{first}-{first + 1}月"))


def _month_offset(word: str) -> int:
    word = word.replace("个", "")
    return {"上上月": -2, "上月": -1, "下月": 1, "下下月": 2}.get(word, 0)


def _reldom(m: re.Match[str], ctx: _Context) -> Token | None:
    day = _num(m["d_d"])
    if day is None:
        return None
    year, month = shift_month(ctx.today.year, ctx.today.month, _month_offset(m["d_rel"]))
    return _day_token(m, dt.date(year, month, day), 2)


# 八月十五, 七月十五 in words with no 号/日: the festivals' lunar days (中秋, 中元), as everyone says them
_LUNAR_BY_CUSTOM = frozenset({(8, 15), (7, 15)})


def _md(m: re.Match[str], ctx: _Context) -> Token | None:
    month, day = _num(m["e_m"]), _num(m["e_d"])
    if month is None or day is None:
        return None
    said = m.group(0)
    if (month, day) in _LUNAR_BY_CUSTOM and not said.endswith(("号", "日")) and not any(c.isdigit() for c in said):
        lunar = festivals.lunar_date(month, day, ctx.today, _anchor_past(m, ctx))
        return None if lunar is None else _day_token(m, lunar, 2, said)
    token = _day_token(m, _resolve_month_day(month, day, ctx, None), 2)
    token.yearless = True
    return token


def _nthwd(m: re.Match[str], ctx: _Context) -> Token | None:
    """十月第一个星期一: the n-th such weekday of that month (current year unless written)."""
    month, nth = _num(m["nw_m"]), _num(m["nw_n"])
    if not month or not nth:
        return None
    year = _year_of(m["nw_y"], ctx) or ctx.today.year
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(_WEEKDAY[m["nw_d"]] - first.weekday()) % 7 + 7 * (nth - 1))
    return _day_token(m, day, 2) if day.month == month else None


def _mdot(m: re.Match[str], ctx: _Context) -> Token:
    month, day = (m["f_m"], m["f_d"]) if m["f_m"] else (m["f4_m"], m["f4_d"])
    token = _day_token(m, _resolve_month_day(int(month), int(day), ctx, None), 2)
    token.yearless = True
    return token


def _yrange(m: re.Match[str], ctx: _Context) -> Token | None:
    """2016至2018年, 19年到21年: whole years, both ends kept."""
    first, last = _year_of(m["yr_a"] + "年", ctx), _year_of(m["yr_b"] + "年", ctx)
    if first is None or last is None or first > last:
        return None
    return Token(m.start(), m.end(), period=Period(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}-{last}年"))


def _anchor_past(m: re.Match[str], ctx: _Context) -> bool:
    """An anchor of 以来/至今 (国庆以来) lies in the past whatever the tense of the rest."""
    return ctx.past or bool(_SINCE.match(m.string, m.end()))


def _lunar(m: re.Match[str], ctx: _Context) -> Token | None:
    """正月初八, 腊月二十三, 农历八月十五 and a bare 初八 (never 月初): lunar dates via `festivals`."""
    raw_day = m["lu_d1"] or m["lu_d2"] or m["lu_d3"] or m["lu_d4"] or m["lu_d5"]
    day = _num(raw_day.removeprefix("初"))
    if day is None:
        return None
    raw_month = m["lu_m1"] or m["lu_m2"] or m["lu_m3"] or ("正" if m["lu_d5"] else None)  # 过了年初八 = 正月初八
    year = _year_of(m["lu_y"], ctx)
    past = _anchor_past(m, ctx)
    if raw_month is None:
        found = festivals.lunar_day(day, ctx.today, past)
    else:
        found = festivals.lunar_date(festivals.LUNAR_MONTHS[raw_month], day, ctx.today, past, year)
    return None if found is None else _day_token(m, found, 3 if year else 2, m.group(0))


def _lunar_month(m: re.Match[str], ctx: _Context) -> Token | None:
    """正月里我局开了几次会: the lunar month's days, the last one begun in a question or the past tense."""
    year = _year_of(m["lm_y"], ctx)
    month = festivals.LUNAR_MONTHS[m["lm_m1"] or m["lm_m2"]]
    span = festivals.lunar_month(month, ctx.today, _anchor_past(m, ctx), year)
    if span is None:
        return None
    return Token(m.start(), m.end(), period=Period(*span, m.group(0)))


def _festival(m: re.Match[str], ctx: _Context) -> Token | None:
    """春节, 国庆节, 今年中秋: like a bare weekday, the next occurrence or, in the past tense, the last."""
    year = _year_of(m["fe_y"], ctx)
    name = "除夕" if m["fe"].endswith("年三十") else m["fe"]  # 年三十 is the lunar year's last day
    found = festivals.festival(name, ctx.today, _anchor_past(m, ctx), year)
    if found is None:
        return None
    if m["fe_span"]:  # 国庆放假那几天: a question counts the whole run of days off; a record keeps the day
        first, last = work_calendar().days_off_around(found)
        if m["fe_edge"]:  # 端午假期最后一天
            return _day_token(m, last if "最后" in m["fe_edge"] else first, 3 if year else 2)
        return Token(m.start(), m.end(), date=found, specificity=3 if year else 1,
                     period=Period(first, last, f"{name}假期"))
    offset = m["fe_off"]
    if offset:  # 元旦前一天, 元宵后两天, 国庆节前最后一个工作日, 中秋后第一个工作日, 元旦后第一个周三
        if m["fe_w"] or m["fe_w2"] or m["fe_w3"]:
            return _day_token(m, _weekday_from_festival(found, m, *_holiday_run(found)), 3 if year else 1)
        if m["fe_pre"]:
            found = work_calendar().days_off_around(found)[0] - dt.timedelta(days=1)
        elif m["fe_n"]:
            days = _num(m["fe_n"]) or 0
            found += dt.timedelta(days=days if m["fe_dir"] == "后" else -days)
        else:
            after = _AFTER_FESTIVAL.match(offset) is not None  # 后第一个工作日 / 假期后… (not 前的最后…)
            found = work_calendar().add_workdays(found, 1 if after else -1)
        return _day_token(m, found, 3 if year else 1)
    # A festival is as specific as 明天: the first of them written is the message's day
    # (明早召开局务会，通报端午假期值班情况 is about tomorrow).
    return _day_token(m, found, 3 if year else 1, name)


_AFTER_FESTIVAL = re.compile(r"(?:假期|长假|小长假|假)?(?:过?后|放完假|放假回来|回来|收假|结束)")


_HOLIDAY_SEARCH_DAYS = 200  # the longest stretch between two holidays (国庆 to 元旦 is ~90 days; 元旦 to 春节 ~50)


def _holiday_edge(m: re.Match[str], ctx: _Context) -> Token | None:
    """节后第一天 / 节前最后一个工作日 with no festival named: the nearest holiday's — in the past tense the latest
    such day up to today, else the first from today on. A holiday is a weekday off the official calendar (a
    weekend alone is no 节)."""
    bare = m["he_bare"] is not None or m["he_pre"] is not None
    if m["he_bare"] is not None and _anchor_past(m, ctx):
        return None  # 节后去查了: some day after it, not one to name (节前…来了个文 is the day before the days off)
    after = m["he_a"] is not None or m["he_s"] is not None or m["he_bare"] is not None
    edges = [edge for step in (-1, 1) if (edge := _edge_of_holiday(ctx.today, step, after)) is not None]
    if m["he_n"] is not None:
        edges = [work_calendar().add_workdays(edge, _ORDINAL[m["he_n"]] - 1) for edge in edges]
    if _anchor_past(m, ctx):
        days = [edge for edge in edges if edge <= ctx.today]
        return _day_token(m, max(days), 1) if days else None
    days = [edge for edge in edges if edge >= ctx.today]
    return _day_token(m, min(days), 0 if bare else 1) if days else None  # 节后22号: the day said wins


_ORDINAL = {"二": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def _edge_of_holiday(today: dt.date, step: int, after: bool) -> dt.date | None:
    """The first working day after (or the last before) the nearest holiday from today, searching back or ahead."""
    calendar = work_calendar()
    day = today
    for _ in range(_HOLIDAY_SEARCH_DAYS):
        if day.weekday() < 5 and not calendar.is_workday(day):
            first, last = calendar.days_off_around(day)
            return calendar.next_workday(last) if after else calendar.previous_workday(first)
        day += dt.timedelta(days=step)
    return None


def _holiday_run(day: dt.date) -> tuple[dt.date, dt.date]:
    """The public holiday's days off that hold the festival (国庆: 1–7 October), or the day itself when it is
    no holiday (a weekend alone is none)."""
    first, last = work_calendar().days_off_around(day)
    holiday = any((first + dt.timedelta(days=i)).weekday() < 5 for i in range((last - first).days + 1))
    return (first, last) if holiday else (day, day)


def _weekday_from_festival(festival_day: dt.date, m: re.Match[str], first_off: dt.date, last_off: dt.date) -> dt.date:
    """The k-th such weekday after the festival's days off (国庆后第一个周一: after the holiday), the k-th week's
    weekday, or the last such weekday before the days off."""
    if m["fe_w2"]:
        target = _WEEKDAY[m["fe_w2"]]
        return first_off - dt.timedelta(days=(first_off.weekday() - target - 1) % 7 + 1)
    if m["fe_w3"]:
        monday = festival_day - dt.timedelta(days=festival_day.weekday())
        return monday + dt.timedelta(days=7 * (_num(m["fe_wk"]) or 1) + _WEEKDAY[m["fe_w3"]])
    target = _WEEKDAY[m["fe_w"]]
    first = last_off + dt.timedelta(days=(target - last_off.weekday() - 1) % 7 + 1)
    return first + dt.timedelta(days=7 * ((_num(m["fe_k"]) or 1) - 1))


def _nearer(today: dt.date, before: dt.date | None, after: dt.date) -> dt.date:
    """* Neither past nor plan tense (12号以镇政府名义下发通知 said on the 16th): the nearer occurrence,
    as for a month-day without a year; a tie goes ahead."""
    if before is not None and (today - before) < (after - today):
        return before
    return after


def _ordweek(m: re.Match[str], ctx: _Context) -> Token | None:
    """十月的第一周: week 1 is the Monday-based week holding the 1st, clipped to the month."""
    nth = _num(m["ow_n"])
    if m["ow_m"]:
        month = _num(m["ow_m"])
        year = _year_of(m["ow_y"], ctx) or ctx.today.year
    else:
        year, month = shift_month(ctx.today.year, ctx.today.month, _month_offset(m["ow_r"]))
    if not nth or not month:
        return None
    first, last = month_bounds(year, month)
    monday = first - dt.timedelta(days=first.weekday()) + dt.timedelta(days=7 * (nth - 1))
    if monday > last:
        return None
    return Token(m.start(), m.end(), period=Period(max(monday, first), min(monday + dt.timedelta(days=6), last),
                                                   f"{month}月第{nth}周"))


def _isoweek(m: re.Match[str], ctx: _Context) -> Token | None:
    """第30周: ISO week 30 of the year named (this year by default)."""
    year, week = _year_of(m["iw_y"], ctx) or ctx.today.year, _num(m["iw_n"])
    try:
        monday = dt.date.fromisocalendar(year, week, 1) if week else None
    except ValueError:  # week 53 of a year with 52
        return None
    if monday is None:
        return None
    return Token(m.start(), m.end(), period=Period(monday, monday + dt.timedelta(days=6), f"第{week}周"))


def _firstmonths(m: re.Match[str], ctx: _Context) -> Token | None:
    """今年前5个月: January to the fifth month's end of the year named."""
    months = _num(m["fm_n"])
    year = _year_of(m["fm_y"], ctx)
    if not months or months > 12 or year is None:
        return None
    end = _month_period(year, months, "").end
    return Token(m.start(), m.end(), period=Period(dt.date(year, 1, 1), end, f"{_year_label(m['fm_y'])}前{months}个月"))


def _ordmonth(m: re.Match[str], ctx: _Context) -> Token | None:
    """第三个月: the third month of the year named (this year by default)."""
    month = _num(m["om_n"])
    if not month or month > 12:
        return None
    year = _year_of(m["om_y"], ctx) or ctx.today.year
    return Token(m.start(), m.end(), period=_month_period(year, month, f"{_year_label(m['om_y'])}{month}月"))


_EDGE_PARTS = {
    "初": ("初", 1, 10, "first"), "月初": ("初", 1, 10, "first"), "上旬": ("上旬", 1, 10, None),
    "中": ("中", 11, 20, "mid"), "月中": ("中", 11, 20, "mid"), "中旬": ("中旬", 11, 20, None),
    "底": ("底", 21, 31, "last"), "末": ("底", 21, 31, "last"), "月底": ("底", 21, 31, "last"),
    "月末": ("底", 21, 31, "last"), "下旬": ("下旬", 21, 31, None),
}


def _medge(m: re.Match[str], ctx: _Context) -> Token | None:
    edge = m["g_a"] or m["g_b"]
    if edge in ("本旬", "这旬", "这一旬"):
        edge = "上旬" if ctx.today.day <= 10 else "中旬" if ctx.today.day <= 20 else "下旬"
    name, first_day, last_day, as_date = _EDGE_PARTS[edge]
    prefix = m["g_m"]
    if m["g_mm"]:
        month = _num(m["g_mm"])
        if month is None:
            return None
        year = _yearless_month_year(month, ctx)
        label = f"{month}月{name}"
    else:
        year, month = shift_month(ctx.today.year, ctx.today.month, _month_offset(prefix or ""))
        offset = _month_offset(prefix or "")
        head = {-2: "上上月", -1: "上月", 0: "月", 1: "下月", 2: "下下月"}[offset]
        label = head + name if name in ("初", "中", "底") else ("" if offset == 0 else head) + name
    start, end = month_bounds(year, month)
    period = Period(start.replace(day=first_day), min(end, start.replace(day=min(last_day, end.day))), label)
    day = {"first": start, "mid": start.replace(day=15), "last": end, None: None}[as_date]
    return Token(m.start(), m.end(), date=day, period=period)


def _ytd(m: re.Match[str], ctx: _Context) -> Token:
    word = m["i_a"]
    today = ctx.today
    if word.startswith(("本月", "这个月")):
        return Token(m.start(), m.end(), period=Period(today.replace(day=1), today, "本月以来"))
    if word.startswith(("本周", "这周")):
        monday = today - dt.timedelta(days=today.weekday())
        return Token(m.start(), m.end(), period=Period(monday, today, "本周以来"))
    return Token(m.start(), m.end(), period=Period(today.replace(month=1, day=1), today, "今年以来"))


def _yedge(m: re.Match[str], ctx: _Context) -> Token | None:
    said = m["h_y"] or (m["h_s"] and m["h_s"] + "年")
    year = _year_of(said, ctx) or ctx.today.year
    edge = m["h_a"]
    label = _year_label(said) + ("年底" if edge == "年末" else edge)
    if edge == "年初":
        return Token(m.start(), m.end(), date=dt.date(year, 1, 1), period=_month_period(year, 1, label))
    if edge == "年中":
        return Token(m.start(), m.end(), date=dt.date(year, 6, 30),
                     period=Period(dt.date(year, 6, 1), dt.date(year, 7, 31), label))
    return Token(m.start(), m.end(), date=dt.date(year, 12, 31), period=_month_period(year, 12, label))


def _same(m: re.Match[str], ctx: _Context) -> Token:
    return Token(m.start(), m.end(), same_period=True)


def _quarter(m: re.Match[str], ctx: _Context) -> Token | None:
    year = _year_of(m["o_y"], ctx) or ctx.today.year
    if m["o_r"] is not None:
        delta = {"本": 0, "这": 0, "这个": 0, "上": -1, "上个": -1, "下": 1, "下个": 1}[m["o_r"]]
        year, quarter = shift_quarter(ctx.today.year, quarter_of(ctx.today), delta)
        label = {0: "本季度", -1: "上季度", 1: "下季度"}[delta]
    elif m["o_first"] is not None:  # 前三季度: January to the end of the third quarter
        raw = m["o_first"].replace("两", "二")
        quarter = int(raw) if raw.isdigit() else QUARTER_NUMERALS.index(raw) + 1
        _, end = quarter_bounds(year, quarter)
        label = f"{_year_label(m['o_y'])}前{quarter_name(quarter, ordinal=False)}"
        return Token(m.start(), m.end(), period=Period(dt.date(year, 1, 1), end, label))
    else:
        raw = m["o_n"] or m["o_q"]
        quarter = int(raw) if raw.isdigit() else QUARTER_NUMERALS.index(raw) + 1
        label = f"{_year_label(m['o_y'])}{quarter_name(quarter, ordinal=False)}"
    return Token(m.start(), m.end(), period=Period(*quarter_bounds(year, quarter), label))


def _half(m: re.Match[str], ctx: _Context) -> Token:
    year = _year_of(m["p_y"], ctx) or ctx.today.year
    first = m["p_h"] in ("上半年", "前半年")
    start = dt.date(year, 1 if first else 7, 1)
    end = dt.date(year, 6, 30) if first else dt.date(year, 12, 31)
    return Token(m.start(), m.end(), period=Period(start, end, _year_label(m["p_y"]) + ("上半年" if first else "下半年")))


def _monyear(m: re.Match[str], ctx: _Context) -> Token | None:
    month = _num(m["j_m"])
    if not month or month > 12:
        return None
    year = _year_of(m["j_y"], ctx) or _yearless_month_year(month, ctx)
    return Token(m.start(), m.end(), period=_month_period(year, month, f"{_year_label(m['j_y'])}{month}月"))


def _monrel(m: re.Match[str], ctx: _Context) -> Token:
    offset = _month_offset(m["k"])
    year, month = shift_month(ctx.today.year, ctx.today.month, offset)
    label = {-2: "上上月", -1: "上月", 0: "本月", 1: "下月", 2: "下下月"}[offset]
    return Token(m.start(), m.end(), period=_month_period(year, month, label))


def _week_offset(prefix: str | None) -> int | None:
    """None for a bare weekday; otherwise weeks from this week."""
    if prefix is None:
        return None
    prefix = prefix.replace("个", "")
    return {"上上": -2, "上": -1, "上一": -1, "下": 1, "下一": 1, "下下": 2}.get(prefix, 0)


_WEEK_LABEL = {-2: "上上周", -1: "上周", 0: "本周", 1: "下周", 2: "下下周"}


def _weekday(m: re.Match[str], ctx: _Context) -> Token:
    target = _WEEKDAY[m["l_d"]]
    today = ctx.today
    offset = -(_num(m["l_ago"]) or 0) if m["l_ago"] else _week_offset(m["l_p"])
    if offset is None:
        if ctx.past:
            day = today - dt.timedelta(days=(today.weekday() - target) % 7)
        else:
            day = today + dt.timedelta(days=(target - today.weekday()) % 7)
        token = _day_token(m, day, 1, _md_label(day))
        token.weekday = target
        return token
    monday = today - dt.timedelta(days=today.weekday())
    day = monday + dt.timedelta(days=7 * offset + target)
    return _day_token(m, day, 1, _WEEK_LABEL[offset] + "一二三四五六日"[target])


def _weekend(m: re.Match[str], ctx: _Context) -> Token:
    today = ctx.today
    monday = today - dt.timedelta(days=today.weekday())
    offset = _week_offset(m["m_p"])
    if offset is None:
        offset = -1 if ctx.past and today.weekday() < 5 else 0
    saturday = monday + dt.timedelta(days=7 * offset + 5)
    label = "周末" if m["m_p"] is None else _WEEK_LABEL[offset] + "末"
    return Token(m.start(), m.end(), date=saturday, specificity=1,
                 period=Period(saturday, saturday + dt.timedelta(days=1), label))


def _weekrel(m: re.Match[str], ctx: _Context) -> Token:
    offset = _week_offset(m["n_p"]) or 0
    monday = ctx.today - dt.timedelta(days=ctx.today.weekday()) + dt.timedelta(days=7 * offset)
    return Token(m.start(), m.end(), period=Period(monday, monday + dt.timedelta(days=6), _WEEK_LABEL[offset]))


_UNIT_LABEL = {"天": "天", "日": "天", "周": "周", "星期": "周", "礼拜": "周", "月": "个月", "年": "年"}


def _recent(m: re.Match[str], ctx: _Context) -> Token | None:
    n = _num(m["r_n"])
    if not n or n > 3660:
        return None
    unit = _UNIT_LABEL[m["r_u"]]
    today = ctx.today
    prefix = m["r_p"]
    if prefix in ("近", "最近", "过去"):
        start = {
            "天": lambda: today - dt.timedelta(days=n - 1),
            "周": lambda: today - dt.timedelta(days=7 * n - 1),
            "个月": lambda: add_months(today, -n) + dt.timedelta(days=1),
            "年": lambda: add_months(today, -12 * n) + dt.timedelta(days=1),
        }[unit]()
        return Token(m.start(), m.end(), period=Period(start, today, f"近{n}{unit}"))
    backwards = prefix in ("前", "上")
    monday = today - dt.timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    if unit == "天":
        span = (today - dt.timedelta(days=n), today - dt.timedelta(days=1)) if backwards else (
            today + dt.timedelta(days=1), today + dt.timedelta(days=n))
    elif unit == "周":
        span = (monday - dt.timedelta(days=7 * n), monday - dt.timedelta(days=1)) if backwards else (
            monday + dt.timedelta(days=7), monday + dt.timedelta(days=7 * n + 6))
    elif unit == "个月" and prefix == "前" and n <= today.month:  # 前5个月: the year's first five, as statistics count
        span = (dt.date(today.year, 1, 1), add_months(dt.date(today.year, n, 1), 1) - dt.timedelta(days=1))
    elif unit == "个月":
        span = (add_months(month_start, -n), month_start - dt.timedelta(days=1)) if backwards else (
            add_months(month_start, 1), add_months(month_start, n + 1) - dt.timedelta(days=1))
    else:
        span = (dt.date(today.year - n, 1, 1), dt.date(today.year - 1, 12, 31)) if backwards else (
            dt.date(today.year + 1, 1, 1), dt.date(today.year + n, 12, 31))
    label = f"{'前' if backwards else '后'}{n}{unit}"
    return Token(m.start(), m.end(), period=Period(span[0], span[1], label))


def _relpt(m: re.Match[str], ctx: _Context) -> Token | None:
    raw = m["s_n"]
    unit = m["s_u"] or "天"
    direction = m["s_d"] or m["s_d2"]
    sign = -1 if direction.endswith("前") else 1
    today = ctx.today
    if raw == "半" and unit in ("天", "工作日"):
        return None  # 半天内结束: how long something lasts, not a day
    if raw == "半":
        days = {"周": 3, "星期": 3, "礼拜": 3, "月": 15, "年": 182}[unit]
        day = today + dt.timedelta(days=sign * days)
    else:
        n = _num(raw)
        if n is None or n > 3660:
            return None
        if unit == "工作日":
            day = work_calendar().add_workdays(today, sign * n)
        elif unit == "月":
            day = add_months(today, sign * n)
        elif unit == "年":
            day = add_months(today, sign * 12 * n)
        else:
            day = today + dt.timedelta(days=sign * n * (1 if unit == "天" else 7))
    return _day_token(m, day, 1)


def _dom(m: re.Match[str], ctx: _Context) -> Token | None:
    day = _num(m["t_d"])
    chosen = _day_of_month(day, ctx) if day else None
    if chosen is None or day is None:
        return None
    token = _day_token(m, chosen, 1)
    token.bare_day = day
    return token


_JUST_PASSED_DAYS = 7  # a day of the month just gone, named early in a month that lacks it


def _day_of_month(day: int, ctx: _Context) -> dt.date | None:
    """See the module docstring: this month, next month for a passed day in the future tense,
    the month before for a day still ahead in the past tense (a day that does not exist in the
    chosen month moves one month further in the same direction: 31号 in November)."""
    if day > 31:
        return None
    today = ctx.today
    back = (0, -1, -2) if day <= today.day else (-1, -2)
    ahead = (0, 1, 2) if day >= today.day else (1, 2)

    def first(steps: tuple[int, ...]) -> dt.date | None:
        for delta in steps:
            year, month = shift_month(today.year, today.month, delta)
            if day <= month_end(year, month).day:
                return dt.date(year, month, day)
        return None

    chosen = first(back if ctx.past else ahead)
    if chosen is not None and not ctx.past and not ctx.plan and day < today.day:  # passed: this month's or next?
        chosen = _nearer(today, first(back), chosen)
    elif chosen is not None and not ctx.past and not ctx.plan and chosen.month != today.month:
        # 31号 said on 2 April (April has none): the 31st of a few days ago, not May's
        recent = first(back)
        if recent is not None and (today - recent).days <= _JUST_PASSED_DAYS:
            chosen = recent
    return chosen


def _dayword(m: re.Match[str], ctx: _Context) -> Token:
    word = m["u_c"] or m["u"]
    offset = _DAYWORD_OFFSET[word]
    day = ctx.today + dt.timedelta(days=offset)
    token = _day_token(m, day, 1, _DAYWORD_LABEL[offset])
    if m["u_p"]:
        token.daypart = _DAYPART_CODE[m["u_p"]]
    return token


def _domrange(m: re.Match[str], ctx: _Context) -> Token | None:
    """18到20号: days of one month, the month chosen by the last day as for a single day; both ends kept."""
    first_day, last_day = _num(m["dr_a"]), _num(m["dr_b"])
    end = _day_of_month(last_day, ctx) if last_day else None
    if end is None or not first_day or first_day >= end.day:
        return None
    start = end.replace(day=first_day)
    return Token(m.start(), m.end(), date=start, period=Period(start, end, f"{_md_label(start)}至{_md_label(end)}"),
                 is_range=True)


def _year(m: re.Match[str], ctx: _Context) -> Token | None:
    word = m["v"]
    year = _year_of(word, ctx)
    if year is None:
        return None
    return Token(m.start(), m.end(), period=Period(dt.date(year, 1, 1), dt.date(year, 12, 31), _year_label(word)))


def _clock_time(hour: int, minute: int, daypart: str | None) -> dt.time | None:
    """The clock as written, read with the message's daypart (今晚7点 = 19:00)."""
    if daypart == "evening" and hour == 12:
        hour = 0  # 晚上12点 is midnight
    elif (daypart in ("afternoon", "evening") and hour < 12) or (daypart == "noon" and hour < 3):
        hour += 12
    elif daypart is None and 1 <= hour <= 6:
        hour += 12  # office hours: 3点开会 is 15:00
    if hour == 24:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)


def _clock_token(m: re.Match[str], hour: int, minute: int, daypart_word: str | None) -> Token | None:
    daypart = _DAYPART_CODE.get(daypart_word) if daypart_word else None
    if _clock_time(hour, minute, daypart) is None:
        return None
    return Token(m.start(), m.end(), clock=(hour, minute, False), daypart=daypart)


def _hhmm(m: re.Match[str], ctx: _Context) -> Token | None:
    if m["x_gh"] is not None:
        return _clock_token(m, int(m["x_gh"]), int(m["x_gm"]), m["x_dp"])
    return _clock_token(m, int(m["x_h"]), int(m["x_m"]), m["x_dp"])


def _ampm(m: re.Match[str], ctx: _Context) -> Token | None:
    hour = int(m["y_h"]) % 12 + (12 if (m["y_ap"] or m["y_ap2"]) in "pP" else 0)
    return Token(m.start(), m.end(), clock=(hour, int(m["y_m"] or 0), True))


_MINUTES = {"半": 30, "一刻": 15, "三刻": 45}


def _clock(m: re.Match[str], ctx: _Context) -> Token | None:
    raw_hour, raw_minute, daypart_word = m["w_h"], m["w_m"], m["w_dp"]
    if raw_hour in ("一", "两") and daypart_word in (None, "早", "晚") and not raw_minute and not m.group(0).endswith("钟"):
        return None  # 早一点, 晚一点, 两点意见: not a clock time
    hour = _num(raw_hour)
    minute = _MINUTES.get(raw_minute) if raw_minute in _MINUTES else (_num(raw_minute) if raw_minute else 0)
    if hour is None or minute is None:
        return None
    return _clock_token(m, hour, minute, daypart_word)


# 每天下班前在群里打卡, 每天下午报一次: a part of every day, no day of its own
_EVERY_DAY = re.compile(r"(?:每天|每日|天天|每个工作日)$")


def _daypart(m: re.Match[str], ctx: _Context) -> Token | None:
    if _EVERY_DAY.search(m.string, max(0, m.start() - 5), m.start()):
        return None
    return Token(m.start(), m.end(), daypart=_DAYPART_CODE[m["z"]])


_RESOLVERS = {
    "ymdnum": _ymdnum, "yrange": _yrange, "lunar": _lunar, "lunarmonth": _lunar_month, "festival": _festival,
    "holedge": _holiday_edge, "ordweek": _ordweek, "isoweek": _isoweek,
    "ordmonth": _ordmonth, "firstmonths": _firstmonths, "ymd": _ymd, "mrange": _mrange, "mpair": _mpair,
    "reldom": _reldom, "nthwd": _nthwd, "md": _md, "mdot": _mdot, "mmdd": _mdot,
    "medge": _medge, "ytd": _ytd, "yedge": _yedge, "same": _same, "quarter": _quarter, "half": _half,
    "monyear": _monyear, "monrel": _monrel, "weekday": _weekday, "weekend": _weekend,
    "weekrel": _weekrel, "recent": _recent, "relpt": _relpt, "domrange": _domrange, "dom": _dom, "dayword": _dayword,
    "year": _year, "hhmm": _hhmm, "ampm": _ampm, "clock": _clock, "daypart": _daypart,
}
