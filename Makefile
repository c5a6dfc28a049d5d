# Two commands on a fresh machine: `make run` (the bot on 127.0.0.1:8000) and `make test` (the suite).
# Both create .venv from requirements.txt (pinned) when it is missing or older than requirements.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench model clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot init-db
	$(PY) -m bot serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# The parser's learned second opinion, made again from the labelled messages in tests/data (bot.nlu.learned_train):
# run after adding or relabelling a batch; tests/nlu/test_learned.py says when the committed model is stale.
model: $(STAMP)
	$(PY) -m bot.nlu.learned_train

bench: $(STAMP)
	for f in bench/*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
