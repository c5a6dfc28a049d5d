"""Round 17 (phrasings written for the test, none the batch's): a meeting that could be held by video (视频能开,
各村都能在村委会看视频) and is gathered anyway breaks M08; a government matter issued as the party committee's
(党委发文), a station's matter or a work plan issued in the government's name or on its paper (用乡政府文件印发)
break D05–D07; asking again for what was already reported (再让村里报一遍, 那个表…又要) or for a form on a whim
(临时让…报, 领导随口问的) breaks I23; one escort (派站长陪同) breaks nothing, escorts by many or at every level do (I05).
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "明天的防火会视频能开，但想把各村书记集中到镇里开，可以吗？",
    "业务培训各村都能在村委会看视频，还要把人集中到镇上来吗？",
])
def test_gathering_what_video_could_hold(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "discouraged" and "M08" in items, (text, verdict, items)


def test_holding_it_by_video_is_fine(say: Say) -> None:
    verdict, items = verdict_of(say, "明天的防火会就开视频会，各村在村委会收看，可以吗？")
    assert verdict in ("allowed", "discouraged", "forbidden", "needs_approval")
    assert "M08" not in items, items


@pytest.mark.parametrize(("text", "item"), [
    ("镇党委发文部署秋冬季征兵体检工作可以吗？纯政府的事", "D05"),
    ("农业站的秸秆禁烧巡查排班，用镇政府的名义发个文件行不行？", "D06"),
    ("司法所的2027年工作要点，能不能用镇政府文件印发？", "D07"),
])
def test_issued_in_the_wrong_name(say: Say, text: str, item: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and item in items, (text, verdict, items)


@pytest.mark.parametrize("text", [
    "上个月已经让各村报过的低保名单，这边弄丢了，再让他们报一遍，可以吧？",
    "县民政局那个表我们已经让各社区报过了，现在又要格式差不多的，能不能再让社区填一遍？",
    "临时让各社区报一个统计表，领导随口问的，可以吗？",
])
def test_asking_again_or_on_a_whim(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "I23" in items, (text, verdict, items)


@pytest.mark.parametrize(("text", "refused"), [
    ("县应急局来检查，我们派应急站长陪同，其他人正常上班，可以吗？", False),
    ("县里来检查，镇里一个分管的陪着看现场就行，可以吧？", False),
    ("县里来检查，镇里安排书记镇长和各社区书记都陪着，行不行？", True),
    ("检查组来，要求镇村两级全程陪同，合规吗？", True),
])
def test_one_escort_is_no_escort_at_every_level(say: Say, text: str, refused: bool) -> None:
    verdict, items = verdict_of(say, text)
    assert ("I05" in items) is refused, (text, verdict, items)
