"""Round 13 (phrasings written for the test, not copied from the blind batches): 刚…就督查 said with the
deployment and the inspection apart (昨天刚给各村部署的工作，后天就下去检查) is I14's 刚安排就督查, whoever
inspects; the day asked about is the inspection's, not the deployment's.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "前天才给各村安排的防火工作，明天就下去检查，行吗",
    "上周刚向各乡镇布置的任务，这周就开展督导，合适吗",
    "县里昨天才部署，今天就来我们镇督查，这样对吗",
])
def test_inspecting_right_after_deploying_is_refused(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "I14" in items, (verdict, items)


def test_inspecting_long_after_deploying_is_not_refused_for_it(say: Say) -> None:
    verdict, items = verdict_of(say, "三个月前部署的防火工作，下周二下去检查一次，可以吗")
    assert "I14" not in items, (verdict, items)
