"""Issue 14: a check reads what a proposal does, not only its words (bot.rules.meaning).

Compliance phrasings here are written for the test, not copied from config/rule_examples.yaml, so a pass
means the banks generalise to wording they do not contain. Exemptions from the 无会日 follow the sources:
emergencies, natural disasters, statutory meetings and upper-level urgent tasks; not a routine safety
meeting. Overlays and malformed files behave like the other rule files.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from conftest import Say

from bot.clock import TZ
from bot.nlu import learned, parse
from bot.rules import RuleStore, Verdict, evaluate, proposal_from_intent
from bot.rules.meaning import MeaningFinding, load_examples, meaning_error
from bot.rules.meaning.bank import EXAMPLES_FILE
from bot.rules.meaning.tokens import words
from bot.rules.store import DEFAULT_CONFIG_DIR

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)  # a Sunday; Thursday 26th and Friday 27th are 无会日

# One compliance phrasing per list item: the proposal does what the item asks.
COMPLY = {
    "D01": "这个计划外的通知已经走完一事一报，县委办也批了，可以印发了吧",
    "D02": "县里的文件我们不照搬，结合镇里情况定了三条具体办法再发，行吗",
    "D03": "上级文件已到县里，没要求配套，我们不再出贯彻意见，直接抓落实，可以吧",
    "D04": "省里那份通知乡镇都收到了，我们不再转发，可以吧",
    "D05": "这是政府职权内的事，就由镇政府单独发文，不用党委名义，可以吧",
    "D06": "这是卫健局自己的业务，让他们以局的名义发，县政府不发了，行吗",
    "D07": "局里的工作要点以局的名义自己印发，不报县政府发，可以吧",
    "D08": "防火指挥部成员有调整，不发文了，内部更新一下名单，可以吗",
    "D09": "专项评比的名次不发文通报，直接反馈给各村，行吗",
    "D10": "组织参观的安排不发文件，电话通知到参加的人，可以吧",
    "D11": "每年都办的那项常规工作，今年不发文了，站所照老办法牵头办，行吗",
    "D13": "这期简报实在没什么内容，就停发一期，可以吧",
    "D14": "原来的规定还管用，不重复发文，提醒大家照原文件执行，行吗",
    "D15": "县长讲话已经登报了，我们就不再以文件下发了，对吧",
    "D16": "法律里已经写清楚的事，不另外发文，按法律办，可以吧",
    "D17": "上面的文件我们不转发，在自己的工作安排里落实，行吗",
    "D18": "上级没要求制定细则，我们就不出贯彻意见了，可以吧",
    "D19": "把文件里的空话都删了，只留具体任务和时限再发，可以吗",
    "D20": "这个配套通知先报发文立项，批了再发，行吧",
    "D21": "需要乡镇配合的事由县政府统一部署，局里不给乡镇政府下指令，可以吧",
    "D22": "几份通知合成一份发，发文数按实际件数登记，不少报，没问题吧",
    "D23": "文件里不要求各乡镇报送落实情况，也不要求出配套文件，这样行吧",
    "M01": "这个会不在年度计划里，已经按一事一报批准了，可以开了吗",
    "M02": "上级没要求开会传达，我们就不开传达会了，把文件发给大家自学，行吗",
    "M03": "上级会议已经开到各部门了，县里不再重复开，直接落实，可以吧",
    "M04": "这件事不开会了，打电话跟各村说一声就行，可以吗",
    "M05": "不开泛泛提要求的会，把要求写进通知发下去，行吧",
    "M06": "这个会没实质内容，取消不开了，可以吧",
    "M07": "三个条线的会合并成一次开，可以吗",
    "M08": "不让大家跑到镇里了，改开视频会，各村在村部参加，行吗",
    "M09": "不开协调会了，直接去项目工地现场办公解决，行不行",
    "M10": "上级视频会已经开到乡镇，我们没有新措施，就不再开会了，对吧",
    "M11": "这个会只请议题相关的两个站所参加，其他单位不叫，可以吧",
    "M12": "县里的会已经开到村了，镇里不再层层开会，行吗",
    "M13": "方案已经印发部署了，这次就不开部署会了，可以吧",
    "M14": "两个内容相近的会合成一个开，可以吗",
    "M15": "参会人员相同的两个会放在一起套开，可以吧",
    "M16": "在镇公众号发个通告就行了，不开会了，可以吗",
    "M17": "不搞启动仪式了，直接把任务分解到人，可以吧",
    "M18": "县里分管领导召集的会，我们派分管副镇长参加，书记镇长不去，行吗",
    "M19": "书记和镇长都参会，只安排书记讲话，镇长不讲，可以吧",
    "I01": "督查时只找三四个经办人座谈，不开汇报会，可以吧",
    "I02": "下去检查看现场，不要求村里准备材料和表格，可以吧",
    "I03": "几个部门对同一个村的检查合成一次联合去，不轮番去，行吗",
    "I04": "督查发现的问题先核实清楚，再书面反馈意见，可以吧",
    "I05": "检查组自己下去，不要乡镇领导陪同，也不搞层层汇报，可以吧",
    "I06": "检查就看跟督查内容相关的点，不安排参观，可以吧",
    "I07": "上级来检查前，我们不组织各村自查，照常工作，行吗",
    "I08": "迎检不印资料汇编，也不拍宣传片，可以吧",
    "I09": "这次检查依据充分、列入了计划，只查两个重点问题，不搞大阵仗，行吧",
    "I10": "局里不在文件里自行设定对乡镇的考核，报县里统一安排，可以吧",
    "I11": "这次督查年初就列进了计划，可以按时开展吧",
    "I12": "督查方案已经报批同意了，按方案下去，可以吧",
    "I13": "只去群众反映问题多的两个村督查，其他村不打扰，可以吧",
    "I14": "任务刚布置下去，先不督查，月底再看成效，行吗",
    "I15": "检查不要求写综合汇报材料，缺什么补什么，可以吧",
    "I16": "考核只看工作实效，不翻台账资料，可以吧",
    "I17": "几项检查整合成一次年底统一考核，不拆开分几次，行吗",
    "I18": "检查组来了不送礼品，也不安排娱乐活动，可以吧",
    "I19": "检查组中午在食堂吃工作餐，不喝酒，可以吧",
    "I20": "检查组来了不搞迎送，直接开展工作，可以吧",
    "I21": "检查那天工作照常，不挂横幅、不调作息，可以吧",
    "I22": "检查座谈会桌上只放茶水，不摆鲜花水果和烟，可以吧",
    "I23": "系统里有的数据直接调用，不再让各村填表上报，可以吧",
    "I24": "政务APP不设打卡签到，也不搞积分排名，可以吧",
    "I25": "政务APP自愿下载，不通报安装率，行吗",
    "I26": "不要求各村通过APP上传工作照片和轨迹，可以吧",
    "I27": "工作群只发通知，不要求接龙和打卡，可以吧",
    "I28": "整改情况派人到现场核实，不用群里照片代替，可以吧",
    "I29": "检查组跟经办人对接，不要求见书记，可以吧",
    "I30": "考核看实绩，不看开了多少会发了多少文，也不看留痕照片，行吗",
    "I31": "考核不把领导批示和媒体发稿当加分项，可以吧",
    "I32": "检查严格按上级定的标准，不临时加码，可以吧",
}

# Violations worded so that no trigger word of the item fires: only the meaning can find them.
UNTRIGGERED: list[tuple[str, str] | object] = [
    ("I02", "上级检查之前叫每个村交一整套佐证资料和统计表格"),
    ("I05", "上面来检查时，乡镇党政领导得一路跟着，每到一个点还要汇报"),
    ("I29", "督导组到了非得见镇党委书记本人才肯开始"),
    pytest.param("I30", "年终评比按各单位发文开会的次数多少排名次", marks=pytest.mark.xfail(
        strict=True, reason="known limit: shares only 发文/开会/次数 with the I30 bank, below the add threshold")),
    ("I14", "通知才下发两天，就派人下去看落实得怎么样"),
    ("I23", "平台上查得到的数据，又让各村手工统计报一遍"),
    ("D13", "这期简报没东西可写，拼几条零散动态也得发"),
]


@pytest.fixture(scope="module")
def store() -> RuleStore:
    return RuleStore()


def check(store: RuleStore, text: str, level: str = "town") -> Verdict:
    proposal = proposal_from_intent(parse(text, NOW), now=NOW, unit_level=level)
    return evaluate(proposal, store.current(), None, NOW.date())


# --- the banks ------------------------------------------------------------------------------------

def test_every_list_item_has_a_bank_except_length_limits(store: RuleStore) -> None:
    examples = load_examples([DEFAULT_CONFIG_DIR])
    book = store.current()
    list_ids = {item.id for lst in book.lists for item in lst.items}
    by_item: dict[str, dict[str, int]] = {}
    for ex in examples:
        by_item.setdefault(ex.item, {"violating": 0, "complying": 0})[ex.polarity] += 1
    assert {ex.item for ex in examples} <= book.item_ids(), "a bank for an id no rule file has"
    # D12 is a length limit (综合性文件超过4000字): the number decides, not the wording.
    assert list_ids - set(by_item) == {"D12"}
    # Two or three hands wrote each bank (10 + 10 violating, 5 + 6 complying, and 12 more of one polarity
    # for the items a third hand filled in): no item may dominate the index.
    for item in list_ids - {"D12"}:
        assert 16 <= by_item[item]["violating"] <= 36, item
        assert 9 <= by_item[item]["complying"] <= 26, item


def test_every_item_with_compliance_examples_has_a_compliance_test() -> None:
    examples = load_examples([DEFAULT_CONFIG_DIR])
    listed = {ex.item for ex in examples if ex.polarity == "complying" and ex.item[0] in "DMI"}
    assert listed == set(COMPLY)


def test_compliance_phrasings_are_not_copies_of_the_banks() -> None:
    texts = {ex.text for ex in load_examples([DEFAULT_CONFIG_DIR])}
    assert not texts & set(COMPLY.values())
    untriggered = {p.values[1] if hasattr(p, "values") else p[1] for p in UNTRIGGERED}  # type: ignore[index]
    assert not texts & untriggered


# --- compliance is allowed ------------------------------------------------------------------------

@pytest.mark.parametrize(("item", "text"), sorted(COMPLY.items()))
def test_compliance_phrasing_comes_back_allowed(store: RuleStore, item: str, text: str) -> None:
    v = check(store, text)
    assert v.verdict == "allowed", (item, [(f.item, f.reason) for f in v.blocking])
    assert item not in {f.item for f in v.blocking}


def test_a_dropped_trigger_says_why_in_a_note(store: RuleStore) -> None:
    v = check(store, "市里那份通知各乡镇都已经收到了，县里就不再转发了，可以吗")
    assert v.verdict == "allowed"
    assert any("文件负面清单第17条" in n and "意思相近" in n for n in v.notes)


def test_a_phone_call_instead_of_a_meeting_triggers_nothing(store: RuleStore) -> None:
    """M04 (能通过电话或书面交办的不开会) is about a meeting held for such a matter: the phone call instead is what it
    asks for, and a meeting still convened, or convened only to tell, is what it forbids (rounds 67–68)."""
    assert check(store, "这件事不开会了，打电话跟各村说一声就行，可以吗").findings == []
    assert check(store, "给柳塘村打个电话通知村民代表会的时间，可以吧").verdict == "allowed"
    for text in ("提醒各支部按时交党费，开个支部书记会说一下，可以吗", "党员学习用书征订的事，开个会布置一下，行不行",
                 "就是通知各村周末值班的安排，书面通知一下就行，乡长还是要开会，可以吗"):
        assert "M04" in {f.item for f in check(store, text).findings}, text


# --- violations the trigger words miss --------------------------------------------------------------

@pytest.mark.parametrize(("item", "text"), UNTRIGGERED)
def test_meaning_finds_what_the_words_miss(store: RuleStore, item: str, text: str) -> None:
    v = check(store, text)
    assert v.verdict != "allowed"
    found = [f for f in v.findings if f.item == item]
    assert found, [(f.item, f.reason) for f in v.findings]


def test_a_meaning_finding_cites_its_example_and_shared_words(store: RuleStore) -> None:
    v = check(store, "上面来检查时，乡镇党政领导得一路跟着，每到一个点还要汇报")
    f = next(f for f in v.findings if f.item == "I05")
    assert isinstance(f, MeaningFinding)  # no trigger word of I05 is in the question
    assert f.example and f.shared and 0 < f.score <= 1
    assert f.example in f.reason and "意思相近" in f.reason
    assert all(word in f.reason for word in f.shared[:3])
    assert f.source == "国务院第六次大督查“八不得”（2019年）"


def test_negation_is_part_of_the_words() -> None:
    keys = [t.key for t in words("不要求村里准备材料")]
    assert keys and all(k.startswith("¬") for k in keys)
    assert all(not t.key.startswith("¬") for t in words("能不能要求村里准备材料"))
    # a negation ending its clause on a bare verb denies the subject: 书记不去
    assert "¬书记" in [t.key for t in words("这次会书记不去")]


def test_there_being_none_is_a_condition_not_a_denial() -> None:
    keys = [t.key for t in words("我们没新措施，还要再开会吗")]
    assert "∅措施" in keys and "开会" in keys and not any(k.startswith("¬") for k in keys)
    assert any(t.key.startswith("¬") for t in words("计划里没有，可以直接发吗"))  # a statement: 没有 still denies
    assert "¬开会" not in [t.key for t in words("还要再开会不")]  # a final 不 asks: it denies nothing


def test_a_question_that_says_there_is_nothing_new_matches_the_rule_it_breaks(say: Say) -> None:
    reply = say("市里的视频会已经开到乡镇了，县里没啥新措施，还打算再开一次，行不行", user="王五")
    assert reply.data["verdict"] != "allowed" and "M10" in {r["item"] for r in reply.data["rules"]}, reply.text


# --- 事前报备 -----------------------------------------------------------------------------------------

def test_filing_is_a_reminder_unless_the_plan_is_said_to_be_unfiled(store: RuleStore) -> None:
    in_time = check(store, "下下周二开全县经济工作会，方案已报备，可以吧", level="county")
    assert in_time.verdict == "allowed"
    assert "R-FILE-MEETING" in {f.item for f in in_time.reminders}
    unfiled = check(store, "下下周二开全县经济工作会，会议方案还没报备，行吗", level="county")
    assert unfiled.verdict == "needs_approval" and "R-FILE-MEETING" in {f.item for f in unfiled.blocking}


def test_filing_too_late_blocks_even_when_filed_today(store: RuleStore) -> None:
    v = check(store, "11月24日去各村督查，方案今天才报审，来得及吗")
    assert "R-FILE-INSPECTION" in {f.item for f in v.blocking}


# --- 无会日 exemptions as the sources say --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "周四山洪险情，要开个抢险调度会，可以吗",        # natural disaster
    "周五发生火灾，紧急召开应急处置会，行吗",          # emergency
    "周五召开镇人民代表大会，可以吗",                  # statutory
    "县里紧急任务要求各乡镇周四当天开会落实，可以吗",  # urgent task from above
])
def test_exempt_meetings_on_a_no_meeting_day_are_allowed_with_a_reminder(store: RuleStore, text: str) -> None:
    v = check(store, text)
    assert v.verdict == "allowed", [(f.item, f.reason) for f in v.blocking]
    assert "R-NMD" in {f.item for f in v.reminders}


@pytest.mark.parametrize("text", [
    "周四开安全生产例会，可以吗",
    "周五开个应急演练总结会，行吗",
    "周四开森林防火工作部署会，可以吧",
    "周五组织安全生产培训，行吗",
])
def test_routine_safety_meetings_are_not_exempt(store: RuleStore, text: str) -> None:
    v = check(store, text)
    assert "R-NMD" in {f.item for f in v.blocking}, [(f.item, f.verdict) for f in v.findings]


def test_a_no_meeting_day_named_without_a_date_is_read_from_the_words(store: RuleStore) -> None:
    assert "R-NMD" in {f.item for f in check(store, "无会日那天改成线上开个调度会，可以吧").blocking}
    assert check(store, "无会日下乡调研，不开会，可以吧").verdict == "allowed"


def test_a_county_overlay_sets_its_own_exemptions(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "extends: default\n"
        "no_meeting:\n"
        "  exemptions:\n"
        "    - id: safety\n"
        "      name: 本县安全生产例会\n"
        "      words: [安全生产例会]\n",
        encoding="utf-8",
    )
    county = RuleStore(tmp_path)
    v = check(county, "周四开安全生产例会，可以吗")
    assert v.verdict == "allowed" and "本县安全生产例会" in v.reminders[0].reason


# --- overlays and broken files ---------------------------------------------------------------------

def test_an_overlay_adds_examples_by_item(tmp_path: Path) -> None:
    text = "局里想搞一场知识竞答评比各乡镇，算不算检查"
    (tmp_path / EXAMPLES_FILE).write_text(
        "extends: default\n"
        "items:\n"
        "  I09:\n"
        "    violating: [搞一场知识竞答来评比各乡镇, 用知识竞答给乡镇打分排名, 知识竞答评比乡镇工作]\n"
        "    complying: [不搞知识竞答评比]\n",
        encoding="utf-8",
    )
    overlay = RuleStore(tmp_path)
    assert "I09" in {f.item for f in check(overlay, text).findings}
    examples = load_examples([DEFAULT_CONFIG_DIR, tmp_path])
    assert sum(1 for ex in examples if ex.item == "I09") == 4  # replaced, not appended
    assert sum(1 for ex in examples if ex.item == "I10") == len(
        [ex for ex in load_examples([DEFAULT_CONFIG_DIR]) if ex.item == "I10"])


def test_a_malformed_bank_is_refused_and_the_previous_one_kept(tmp_path: Path) -> None:
    path = tmp_path / EXAMPLES_FILE
    path.write_text("extends: default\nitems:\n  I29:\n    violating: [检查组点名要见一把手]\n", encoding="utf-8")
    overlay = RuleStore(tmp_path)
    text = "督导组到了非得见镇党委书记本人才肯开始"
    assert check(overlay, text).verdict != "allowed"
    time.sleep(0.01)
    path.write_text("extends: default\nitems:\n  I29:\n    violating: [1, '']\n    wrong: []\n", encoding="utf-8")
    v = check(overlay, text)
    assert v.verdict != "allowed"  # the last good banks still answer
    error = meaning_error(overlay.current())
    assert error is not None and any("I29" in p for p in error.problems)


def test_the_default_bank_file_parses_as_plain_yaml() -> None:
    doc = yaml.safe_load((DEFAULT_CONFIG_DIR / EXAMPLES_FILE).read_text(encoding="utf-8"))
    assert doc["version"] == 1 and isinstance(doc["synonyms"], dict) and isinstance(doc["items"], dict)


def test_a_word_spread_over_most_items_weighs_less_than_one_of_a_few() -> None:
    """防汛 and 晒图 are each in 40 examples, so plain BM25 weighs them alike; but 防汛 is in every item's
    examples (a topic the writers used everywhere) and 晒图 in two items' only: it tells the rule apart."""
    from bot.rules.meaning.bank import Example
    from bot.rules.meaning.index import BankIndex

    topic = [Example(f"I{n:02d}", "violating", f"防汛期间第{n}项安排") for n in range(1, 41)]
    act = [Example("I01" if n % 2 else "I02", "violating", f"要求群里晒图第{n}次") for n in range(1, 41)]
    index = BankIndex(tuple(topic + act))
    assert index._idf["防汛"] < 0.5 * index._idf["晒图"]
    found = index.search("防汛期间要求群里晒图", limit=3)
    assert {m.example.item for m in found} <= {"I01", "I02"}


# --- round 5: questions whose words name no kind, and a close consensus ------------------------------

def test_a_kindless_question_nearest_a_complying_example_is_allowed_with_it_quoted(
        store: RuleStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # the meaning path of a question whose words name no kind; the parser's learned second opinion (which would
    # place this one among inspections) is switched off (tests/nlu/test_learned.py tests it)
    monkeypatch.setattr(learned, "model", lambda: None)
    verdict = check(store, "问题当场反馈，跟他们一起商量怎么改，行吗")
    assert verdict.verdict == "allowed" and not verdict.findings
    assert any("意思相近" in n and "符合" in n for n in verdict.notes), verdict.notes


@pytest.mark.parametrize("text", [
    "上面来看工作，直接把平时的台账给他们看，不另外做材料，可以吧",
    "晚上周末不在群里派活，急事打电话，行吧",
    "工作群只在上班时间布置任务，晚上和周末不发，这样规定行吧",  # 只在…: a restriction, what I28 asks
])
def test_a_practice_in_the_group_or_with_materials_that_complies_is_allowed(store: RuleStore, text: str) -> None:
    verdict = check(store, text)
    assert verdict.verdict == "allowed", (text, [f.item for f in verdict.findings])
    assert not any("未能判断" in n for n in verdict.notes), verdict.notes


def test_a_group_practice_is_checked_against_the_rules_on_demands(store: RuleStore) -> None:
    verdict = check(store, "让各村每天在群里接龙报平安，可以吗")
    assert verdict.verdict != "allowed" and "I27" in {f.item for f in verdict.findings}


def test_a_kindless_question_with_no_complying_neighbour_is_still_asked_back(store: RuleStore) -> None:
    verdict = check(store, "这个事情明天弄一下行不行")
    assert verdict.verdict == "allowed" and any("未能判断" in n for n in verdict.notes)


def test_a_close_consensus_adds_its_item_with_one_content_word(store: RuleStore) -> None:
    verdict = check(store, "检查前让乡镇填五张表报上来，方便我们看，行不")
    assert verdict.verdict == "forbidden" and "I02" in {f.item for f in verdict.findings}


def test_a_question_worded_as_one_before_is_ranked_as_a_fresh_index_ranks_it() -> None:
    """Rankings are kept by the question's words: another figure is no other word, and the answer is the one a
    fresh index gives, shared words included."""
    from bot.rules.meaning.bank import Example
    from bot.rules.meaning.index import BankIndex

    examples = tuple(Example(f"M{n % 7:02d}", "violating" if n % 3 else "complying", text) for n, text in enumerate(
        ["召开全镇安全生产工作会议", "各村书记参加安全生产会", "不开会了，打电话部署", "发文部署秸秆禁烧",
         "安全生产会议开半天", "要求各村报送安全生产材料", "没开会，直接到现场看"]))
    warm = BankIndex(examples)
    warm.search("今天召开安全生产会议，3个村参加")
    again = warm.search("今天召开安全生产会议，5个村参加")
    fresh = BankIndex(examples).search("今天召开安全生产会议，5个村参加")
    assert again and [(m.example, m.score, m.shared) for m in again] == [(m.example, m.score, m.shared) for m in fresh]


def test_a_kept_ranking_quotes_the_words_as_this_question_writes_them() -> None:
    """不开会 and 没开会 are one word to the index (a denied 开会), but a reply quotes each question's own."""
    from bot.rules.meaning.bank import Example
    from bot.rules.meaning.index import BankIndex

    index = BankIndex((Example("M01", "complying", "这次不开会了，打电话说一声"),
                       Example("M02", "violating", "再开个会部署一下")))
    first = index.search("下周不开会了，打电话说")
    second = index.search("下周没开会了，打电话说")
    assert [m.example for m in first] == [m.example for m in second]
    assert "不开会" in first[0].shared and "没开会" in second[0].shared
