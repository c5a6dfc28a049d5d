"""Make bot.nlu.learned's model from the labelled messages: `python -m bot.nlu.learned_train` (`make model`).

Reads tests/data/messages.tsv and every tests/data/blind/*_messages.tsv (each row's text, sender unit and
labels), and fits one softmax regression per field (act, kind, direction) over the messages' character
1–3-grams by AdaGrad with an L2 penalty, in a fixed order: the same data makes the same model (byte for
byte on one platform). N-grams seen in fewer than MIN_SEEN messages are left out; so are weights that round to zero.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.nlu.learned import FIELDS, MODEL, Model, act_of, grams
from bot.nlu.normalize import normalize
from bot.scheduler.config import load_config

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DEMO_ORG = ROOT / "config" / "org.example.yaml"
MIN_SEEN = 2
EPOCHS, RATE, L2 = 12, 0.3, 1e-4

Example = tuple[str, str | None, dict[str, str]]  # text, the speaker's level, field → label


def examples(data: Path = DATA, org: Path = DEMO_ORG) -> list[Example]:
    """Every labelled message: the general set (no speaker) and the blind batches (their sender's level,
    the county office speaking for the county as the dispatcher has it)."""
    units = yaml.safe_load(org.read_text(encoding="utf-8"))["units"]
    county_office = load_config().is_county_office
    levels = {unit["name"]: "county" if county_office(unit["name"]) else unit["level"] for unit in units}
    found: list[Example] = []
    files = [data / "messages.tsv", *sorted((data / "blind").glob("*_messages.tsv"))]
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row.get("text") or row["text"].startswith("#"):
                    continue
                unit = row.get("sender_unit") or ""
                # a unit as written (县教育局) or by its short name (教育局), as the demo lexicon reads it
                level = levels.get(unit) or levels.get("县" + unit) or (
                    "department" if unit.startswith("县") else None)
                labels = {"act": act_of(row["intent"]), "kind": row.get("kind") or "",
                          "direction": row.get("direction") or ""}
                found.append((row["text"].replace("\\n", "\n"), level, labels))
    return found


def digest(rows: Iterable[Example]) -> str:
    """Of the labelled rows as written: a change to the data, not to the parser's normalisation, makes a model stale."""
    text = json.dumps(sorted(rows, key=repr), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def train(rows: list[Example], epochs: int = EPOCHS) -> Model:
    """The model of `rows` (their texts as written: normalised here as the parser normalises what it reads)."""
    made = digest(rows)
    rows = [(normalize(text), level, labels) for text, level, labels in rows]
    seen = Counter(gram for text, level, _ in rows for gram in grams(text, level))
    vocabulary = sorted(gram for gram, count in seen.items() if count >= MIN_SEEN)
    index = {gram: i for i, gram in enumerate(vocabulary)}
    width = sum(len(classes) for classes in FIELDS.values())
    weights = [[0.0] * width for _ in vocabulary]
    squares = [[1e-8] * width for _ in vocabulary]
    biases, bias_squares = [0.0] * width, [1e-8] * width
    offsets, at = {}, 0
    for name, classes in FIELDS.items():
        offsets[name] = at
        at += len(classes)
    encoded = []
    for text, level, labels in rows:
        ids = sorted(index[gram] for gram in grams(text, level) if gram in index)
        targets = [offsets[name] + FIELDS[name].index(labels[name]) for name in FIELDS
                   if labels[name] in FIELDS[name]]
        encoded.append((ids, targets))
    order = list(range(len(encoded)))
    shuffler = random.Random(0)
    for _ in range(epochs):
        shuffler.shuffle(order)
        for row in order:
            ids, targets = encoded[row]
            total = list(biases)
            for i in ids:
                total = [a + b for a, b in zip(total, weights[i], strict=True)]
            gradient = [0.0] * width
            for name, classes in FIELDS.items():
                start = offsets[name]
                scores = total[start:start + len(classes)]
                top = max(scores)
                exps = [math.exp(s - top) for s in scores]
                whole = sum(exps)
                for k, e in enumerate(exps):
                    gradient[start + k] = e / whole
            for target in targets:
                gradient[target] -= 1.0
            for k, g in enumerate(gradient):
                bias_squares[k] += g * g
                biases[k] -= RATE * g / math.sqrt(bias_squares[k])
            for i in ids:
                w, sq = weights[i], squares[i]
                for k, g in enumerate(gradient):
                    g += L2 * w[k]
                    sq[k] += g * g
                    w[k] -= RATE * g / math.sqrt(sq[k])
    kept = {gram: [round(v * 1000) for v in weights[i]] for gram, i in index.items()}
    kept = {gram: values for gram, values in kept.items() if any(values)}
    return Model([round(v * 1000) for v in biases], kept, made)


def write(model: Model, path: Path = MODEL) -> None:
    text = json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    rows = examples()
    model = train(rows)
    write(model, args.out)
    print(f"{len(rows)} labelled messages, {len(model.weights)} n-grams → {args.out}")


if __name__ == "__main__":
    main()
