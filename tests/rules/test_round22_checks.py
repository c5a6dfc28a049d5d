"""Round 22 (phrasings written for the test, none the batch's): the county office's meetings are the county's,
except one of its own line of offices (党办系统, 本系统), which is held to a department's limits (L-ATT-DEPT); a question
that tells a document already deployed the work, then asks for a deployment meeting, meets 三个凡是 (R-3-DEPLOYED)
without the document in the ledger, and one that tells a related meeting was held days ago meets R-3-SIMILAR (not
when it was held beyond the configured window); a thing done before one proposed again (文上周就印发了，下周一再开个
部署会) is context, so the question is about the meeting; a noun that only qualifies a later one (总结…的综合性文件)
is no item.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


def test_the_county_offices_own_line_is_held_to_a_departments_size(say: Say) -> None:
    verdict, items = verdict_of(say, "下周三开全县党办系统业务培训，110人，方案已报备，行吗？", user="王五")
    assert verdict == "discouraged" and "L-ATT-DEPT" in items, (verdict, items)
    verdict, items = verdict_of(say, "下周三开全县安全生产工作会议，110人，方案已报备，行吗？", user="王五")
    assert "L-ATT-DEPT" not in items and "L-ATT-COUNTY" not in items, (verdict, items)


@pytest.mark.parametrize("text", [
    "防汛的通知上周发下去了，下周一再开个部署会，行吗？",
    "秋冬种的文件已经印发了，下周二还想开个会布置一下，可以吗？",
    "汛期的文上周就印发了，下周一再开个部署会，行不？",
])
def test_a_meeting_to_deploy_what_a_document_told_deployed(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "discouraged" and "R-3-DEPLOYED" in items, (text, verdict, items)


def test_a_meeting_on_what_the_document_left_open_is_another_matter(say: Say) -> None:
    _, items = verdict_of(say, "防汛的通知上周发了，下周一开个会专门解决转移安置的卡点问题，行吗？")
    assert "R-3-DEPLOYED" not in items, items


def test_a_related_meeting_told_held_days_ago(say: Say) -> None:
    verdict, items = verdict_of(say, "征兵工作推进会前天开过了，明天再开个征兵工作调度会，行吗？")
    assert verdict == "discouraged" and "R-3-SIMILAR" in items, (verdict, items)
    _, items = verdict_of(say, "征兵工作推进会上个月开过了，明天再开个征兵工作调度会，行吗？")
    assert "R-3-SIMILAR" not in items, items  # beyond the 7 days of three_whenever.similar.window_days
    _, items = verdict_of(say, "防汛会前天开过了，明天再开个招商引资会，行吗？")
    assert "R-3-SIMILAR" not in items, items  # nothing in common


def test_the_noun_qualified_names_the_item(say: Say) -> None:
    verdict, items = verdict_of(say, "镇里上半年总结下半年打算的综合性文件写了6000多字，能发吗？")
    assert verdict == "forbidden" and "D12" in items, (verdict, items)
