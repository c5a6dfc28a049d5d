"""The parser's learned second opinion (bot.nlu.learned): the shipped model is made from the labelled data as it
is now, its packed arithmetic is exact, training is deterministic and learns, and the parser takes the opinion
only where its own structure leaves room (an empty field, or a disagreement the model is sure of)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import learned, parse
from bot.nlu.intent import Intent
from bot.nlu.learned import FIELDS, Model, Opinion, pack, unpack
from bot.nlu.learned_train import digest, examples, train
from bot.nlu.parser import second_opinion

LEX = demo_lexicon()
NOW = dt.datetime(2026, 1, 28, 10, 0)
WIDTH = sum(len(classes) for classes in FIELDS.values())


def test_the_shipped_model_is_made_from_the_labelled_data_as_it_is() -> None:
    found = learned.model()
    assert found is not None
    assert found.digest == digest(examples()), "labelled data changed: run `make model` and commit the model"


@given(st.lists(st.lists(st.integers(-200_000, 200_000), min_size=WIDTH, max_size=WIDTH), max_size=150))
def test_packed_weights_add_up_exactly(vectors: list[list[int]]) -> None:
    assert unpack(sum(pack(v) for v in vectors)) == [sum(column) for column in zip(*vectors, strict=True)] or not vectors


def _rows() -> list[tuple[str, str | None, dict[str, str]]]:
    meetings = [f"今天{d}召开{t}会议" for d in ("上午", "下午") for t in ("安全生产", "防汛", "党建", "财政")]
    received = [f"{d}收到{u}文件{n}件" for d in ("今天", "昨天") for u in ("县委办", "市局") for n in ("1", "2")]
    asked = [f"{p}开了几次会" for p in ("本月", "今年", "上月", "本周")] * 2
    rows = [(text, "town", {"act": "record", "kind": "meeting", "direction": "outgoing"}) for text in meetings]
    rows += [(text, "town", {"act": "record", "kind": "document", "direction": "incoming"}) for text in received]
    rows += [(text, "town", {"act": "query", "kind": "meeting", "direction": "outgoing"}) for text in asked]
    return rows


def test_training_is_deterministic_and_learns_what_it_is_shown() -> None:
    first, second = train(_rows(), epochs=6), train(_rows(), epochs=6)
    assert (first.biases, first.weights) == (second.biases, second.weights)
    seen = first.opinion("明天上午召开消防会议", "town")
    assert (seen.best("kind")[0], seen.best("direction")[0], seen.best("act")[0]) == ("meeting", "outgoing", "record")
    came = first.opinion("上午收到县委办文件3件", "town")
    assert (came.best("kind")[0], came.best("direction")[0]) == ("document", "incoming")
    assert first.opinion("下月开了几次会", "town").best("act")[0] == "query"


def _opinion(**best: tuple[str, float]) -> Opinion:
    """An opinion whose best label of each field named has that probability (the rest share what is left): its
    score leads the others' by the log of the odds (in thousandths, as the model scores)."""
    scores: list[int] = []
    for name, classes in FIELDS.items():
        label, p = best.get(name, (classes[0], 1.0))
        rest = (1 - p) / (len(classes) - 1)
        lead = 100_000 if rest == 0 else round(1000 * math.log(p / rest))
        scores += [lead if c == label else 0 for c in classes]
    return Opinion(scores)


def _intent(**fields: object) -> Intent:
    intent = Intent(text="x", intent="record")
    for key, value in fields.items():
        setattr(intent, key, value)
    return intent


def test_an_empty_kind_is_filled_only_by_a_likely_one() -> None:
    sure, unsure = _opinion(kind=("inspection", 0.97)), _opinion(kind=("inspection", 0.92))
    filled, left = _intent(missing=["kind"]), _intent()
    second_opinion(filled, sure)
    second_opinion(left, unsure)
    assert (filled.kind, filled.missing, left.kind) == ("inspection", [], None)


def test_a_kind_read_is_replaced_only_when_the_model_is_sure() -> None:
    kept, replaced = _intent(kind="document", subtype="通知"), _intent(kind="document", subtype="通知")
    second_opinion(kept, _opinion(kind=("report", 0.98)))
    second_opinion(replaced, _opinion(kind=("report", 0.995), direction=("incoming", 0.99)))
    assert (kept.kind, kept.subtype) == ("document", "通知")
    assert (replaced.kind, replaced.subtype, replaced.direction) == ("report", None, "incoming")


def test_a_direction_between_named_parties_stays() -> None:
    named = _intent(kind="document", direction="incoming", counterpart="组织部")
    second_opinion(named, _opinion(kind=("document", 0.999), direction=("outgoing", 0.999)))
    unnamed = _intent(kind="document", direction="incoming")
    second_opinion(unnamed, _opinion(kind=("document", 0.999), direction=("outgoing", 0.999)))
    assert (named.direction, unnamed.direction) == ("incoming", "outgoing")


def test_a_field_the_message_corrects_stays_as_corrected() -> None:
    corrected = _intent(intent="correct", kind="meeting", direction="incoming", changes={"direction": "incoming"})
    second_opinion(corrected, _opinion(kind=("meeting", 0.999), direction=("outgoing", 0.999)))
    assert corrected.direction == "incoming"


def test_a_checks_kind_and_direction_are_only_filled() -> None:
    """A check whose item the parser found keeps it; one the parser could not place takes the model's likely kind
    and the direction read with it (…信息员线上答疑，行不行: a meeting of ours)."""
    check = _intent(intent="check", kind="meeting", direction="outgoing")
    second_opinion(check, _opinion(kind=("inspection", 0.999), direction=("incoming", 0.999)))
    empty = _intent(intent="check")
    second_opinion(empty, _opinion(kind=("inspection", 0.7), direction=("incoming", 0.999)))
    unplaced = _intent(intent="check")
    second_opinion(unplaced, _opinion(kind=("inspection", 0.5), direction=("incoming", 0.999)))
    assert unplaced.kind is None
    assert (check.kind, check.direction) == ("meeting", "outgoing")
    assert (empty.kind, empty.direction) == ("inspection", "incoming")


def test_questions_small_talk_and_help_get_no_opinion() -> None:
    assert all(learned.opinion_on("本月开了几次会", "town", act) is None for act in ("query", "unknown", "help"))


@pytest.fixture
def figures_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that has learnt one thing: 好多 asks how many (the south-west's 多少)."""
    query_lane = list(FIELDS).index("act") * 0 + FIELDS["act"].index("query")
    weights = {"好多": [0] * WIDTH}
    weights["好多"][query_lane] = 20_000
    model = Model([0] * WIDTH, weights, "test")
    monkeypatch.setattr(learned, "model", lambda: model)


def test_a_statement_that_asks_for_figures_is_a_query(figures_model: None) -> None:
    intent = parse("这个月收了好多个文了", NOW, LEX, speaker=demo_speaker("白沙乡"))
    assert intent.intent == "query"
    assert intent.period is not None and (intent.period.start, intent.period.end) == (
        dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def test_without_the_model_the_parser_stands_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "model", lambda: None)
    intent = parse("今天上午召开安全生产会议", NOW, LEX, speaker=demo_speaker("白沙乡"))
    assert (intent.intent, intent.kind, intent.direction) == ("record", "meeting", "outgoing")
