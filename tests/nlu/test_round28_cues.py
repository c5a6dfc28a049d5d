"""Round 28 of issue 13, read from its blind batches (shouyi: a township 畜牧兽医站长 who types Mandarin with Southern
Min words, 今仔日/顶礼拜/阮站; xueqian: a county 学前教育股长 in Hunan speech, 哒/啵/冒得) after their one scoring:
Southern Min and Xiang are read as Mandarin as Cantonese and Wu are (bot.nlu.dialect), each only where a word of its
own stands, so Mandarin's 会使, 要得到, 阮局长 or 礼拜三 stay as they are.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
MAR_17 = dt.datetime(2026, 3, 17, 10, 0)  # a Tuesday of the spring immunisation
SEP_8 = dt.datetime(2026, 9, 8, 10, 0)


@pytest.mark.parametrize("said, mandarin_said", [
    ("今仔日早起收到县农业农村局春防通知1件", "今天上午收到县农业农村局春防通知1件"),
    ("顶礼拜阮参加县里的会几场", "上礼拜我们参加县里的会几场"),
    ("阮站拜三召集各村防疫员开春防部署会，大概一点钟", "我们站周三召集各村防疫员开春防部署会，大概一小时"),
    ("下礼拜三阮站拟开全乡春防推进会", "下礼拜三我们站拟开全乡春防推进会"),
    ("明日去城关镇中心园搞检查，冒报备可以啵", "明天去城关镇中心园搞检查，没报备可以吗"),
    ("周一收哒市局文3件", "周一收了市局文3件"),
])
def test_southern_min_and_xiang_are_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["这样会使基层负担加重", "要得到县里批准", "阮局长来了", "礼拜三开会",
                                  "1月8日开年终总结会怎么样"])
def test_mandarin_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, unit, now, intent, kind, day", [
    ("顶礼拜五县应急局来阮乡查森林防火，阮站陪同", "白沙乡", MAR_17, "record", "inspection", "2026-03-13"),  # the batch's
    ("明仔载早起县卫健局要来阮乡查布病防控，阮站配合", "白沙乡", MAR_17, "record", "inspection", "2026-03-18"),
    ("拜四下晡开个防疫员会可以吗", "白沙乡", MAR_17, "check", "meeting", "2026-03-19"),  # the batch's
    ("周一收哒市局文3件", "县教育局", SEP_8, "record", "document", "2026-09-07"),  # the batch's
    ("明日去城关镇中心园搞检查，冒报备可以啵", "县教育局", SEP_8, "check", "inspection", "2026-09-09"),  # the batch's
])
def test_dialect_messages_are_understood(text: str, unit: str, now: dt.datetime, intent: str, kind: str,
                                         day: str) -> None:
    parsed = parse(text, now, LEX, speaker=demo_speaker(unit))
    assert (parsed.intent, parsed.kind, str(parsed.date)) == (intent, kind, day), text


def test_last_week_and_month_in_southern_min() -> None:
    period = parse("顶个月阮报了几份材料给县里", MAR_17, LEX, speaker=demo_speaker("白沙乡")).period  # the batch's
    assert (str(period.start), str(period.end)) == ("2026-02-01", "2026-02-28")
