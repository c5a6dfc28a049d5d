"""A second opinion on a message's kind, direction and question form, learned from the labelled messages.

The parser reads structure; where a writer's words are new to it, its answer is often empty or follows a
cue the writer did not mean. A softmax regression over the message's character 1–3-grams (and the
speaker's level), trained on every labelled message in tests/data (bot.nlu.learned_train), has seen how
hundreds of cadres put things. It is asked only where the parser leaves a field empty, or disagrees with
it at a probability the parser's structure rarely loses to (AGREE_BELOW, measured on blind batches the
model had not been trained on: tests/scenarios/test_blind_batches.py). It never creates an act: a record
may become a query (a question about figures written as a statement: 这个月收了好多个文了), nothing else.

The model is data (bot/nlu/data/learned.json.gz, ~0.6 MB): the weights of each n-gram seen at least twice,
and the digest of the labelled data it was made from, so a test can tell when it is stale.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import math
import struct
from itertools import accumulate, repeat
from operator import add
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot import tempcache

MODEL = Path(__file__).with_name("data") / "learned.json.gz"
# The fields and their classes, in the order of each n-gram's weights ("" = none: no kind, no direction).
FIELDS: dict[str, tuple[str, ...]] = {
    "act": ("record", "query", "other"),
    "kind": ("", "meeting", "document", "inspection", "report"),
    "direction": ("", "incoming", "outgoing"),
}
# Where each field's classes start among the lanes (the running total's last value, the width, starts none).
_STARTS = dict(zip(FIELDS, accumulate((len(classes) for classes in FIELDS.values()), initial=0), strict=False))
LEVEL_MARK = {"county": "Ⓒ", "department": "Ⓓ", "town": "Ⓣ", "village": "Ⓥ"}
# Above AGREE_BELOW the model's field replaces the parser's; from FILL_FROM it fills one the parser left
# empty (a phone call, 今天来了三次电话, is no item at 0.92). Chosen on blind rounds 17–18 with models
# trained without them, parsed by the code of that time: 520 → 535 of 600 messages with the right act,
# kind and direction (16 more right, 1 more wrong); at 0.9 as many were lost as won in round 17.
AGREE_BELOW = 0.99
FILL_FROM = 0.95
CHECK_FILL_FROM = 0.6  # a check without a kind: most rules cannot be read at all, so a likely kind is worth more


def act_of(intent: str) -> str:
    return intent if intent in ("record", "query") else "other"


def grams(text: str, level: str | None) -> set[str]:
    """The message's character 1–3-grams, the first marked with the speaker's level (a county office's
    来检查 is not a town's)."""
    marked = LEVEL_MARK.get(level or "", "Ⓝ") + text
    pairs = list(map(add, marked, marked[1:]))  # built pairwise by map: half the cost of slicing each gram
    return {*marked, *pairs, *map(add, pairs, marked[2:])}


@dataclass(frozen=True)
class Opinion:
    """The summed scores (thousandths), one per class of every field in FIELDS' order."""

    scores: list[int]

    def best(self, name: str) -> tuple[str, float]:
        """The field's likeliest class and its softmax probability, worked out from that field's scores alone
        when read (a parse reads one to three fields): the top score's exponential is exp(0) = 1, so its
        probability is 1 over the sum, and the first top score is the first likeliest class."""
        start = _STARTS[name]
        scores = self.scores[start:start + len(FIELDS[name])]
        top = max(scores)
        whole = sum([math.exp((score - top) / 1000) for score in scores])
        return FIELDS[name][scores.index(top)], 1.0 / whole


# Each n-gram's weights (thousandths) are packed into one integer, a 32-bit lane per class, so that a
# message's scores are one sum of ~60 integers, not ~60 sums of lists (48 → ~26 µs an opinion).
_LANE, _HALF, _MASK = 32, 1 << 31, (1 << 32) - 1
_WIDTH = sum(len(classes) for classes in FIELDS.values())
# Unpacking in one step: with _HALF added to every lane no lane borrows from the next, so the lanes are the
# integer's bytes (the low _WIDTH lanes, as the loop of `pack`'s inverse would read them).
_OFFSET = sum(_HALF << (_LANE * lane) for lane in range(_WIDTH))
_ALL_LANES = (1 << (_LANE * _WIDTH)) - 1
_LANES = struct.Struct(f"<{_WIDTH}I")


def pack(values: list[int]) -> int:
    return sum(value << (_LANE * lane) for lane, value in enumerate(values))


def unpack(total: int) -> list[int]:
    raw = ((total + _OFFSET) & _ALL_LANES).to_bytes(_LANES.size, "little")
    return [lane - _HALF for lane in _LANES.unpack(raw)]


class Model:
    """`biases` and `weights`: thousandths, one per class of every field in FIELDS' order."""

    def __init__(self, biases: list[int], weights: dict[str, list[int]], digest: str = "") -> None:
        self.biases, self.weights, self.digest = biases, weights, digest
        self.bias = pack(biases)
        self.packed = {gram: pack(values) for gram, values in weights.items()}

    @classmethod
    def from_packed(cls, bias: int, packed: dict[str, int], digest: str) -> Model:
        found = cls([], {}, digest)
        found.bias, found.packed = bias, packed
        return found

    def opinion(self, text: str, level: str | None) -> Opinion:
        found = grams(text, level)
        return Opinion(unpack(self.bias + sum(map(self.packed.get, found, repeat(0, len(found))))))

    def to_json(self) -> dict[str, object]:
        return {"fields": FIELDS, "digest": self.digest, "biases": self.biases, "weights": self.weights}


@cache
def model() -> Model | None:
    """The shipped model, read once per process (before gunicorn forks: bot.runtime.warm_up); its packed
    form is kept in the temporary folder (bot.tempcache), a quarter of a second less at every later start."""
    try:
        raw = MODEL.read_bytes()
    except OSError:
        return None
    kept = tempcache.path("learned", [hashlib.sha256(raw).hexdigest(), str(_LANE)], ".marshal")
    cached = tempcache.read_bytes(kept)
    if cached is not None:
        try:
            bias, packed, digest = marshal.loads(cached)
            return Model.from_packed(bias, packed, digest)
        except (EOFError, ValueError, TypeError):
            pass  # unreadable: made again below
    data = json.loads(gzip.decompress(raw))
    if {name: tuple(classes) for name, classes in data["fields"].items()} != FIELDS:
        return None  # made for other fields: ignored until rebuilt
    found = Model(data["biases"], data["weights"], data["digest"])
    tempcache.write_bytes(kept, marshal.dumps((found.bias, found.packed, found.digest)))
    return Model.from_packed(found.bias, found.packed, found.digest)  # the unpacked weights are the trainer's


# The acts whose item the model may complete (a check's only where the parser found no kind).
ITEM_ACTS = ("record", "file", "correct", "undo", "approve", "reject", "check")


def opinion_on(text: str, level: str | None, act: str) -> Opinion | None:
    found = model() if act in ITEM_ACTS else None
    return found.opinion(text, level) if found is not None else None


def asks_figures(opinion: Opinion) -> bool:
    label, probability = opinion.best("act")
    return label == "query" and probability > AGREE_BELOW


def field(opinion: Opinion, name: str, parsed: str | None, fill_from: float = FILL_FROM) -> str | None:
    """The field as the parser read it, unless it found none (and the model's is at least `fill_from`
    likely) or the model is sure of another."""
    label, probability = opinion.best(name)
    if not label:
        return parsed
    if parsed is None:
        return label if probability >= fill_from else None
    return label if label != parsed and probability > AGREE_BELOW else parsed
