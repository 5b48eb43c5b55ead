# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Folder of PDFs for `make bench` (any folder of résumé PDFs; generated if absent).
BENCH_PDFS ?= ../shared/datasets/livecareer/pdfs
BENCH_LIMIT ?= 300
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install test test-fast lint format typecheck serve train mlflow-ui bench bench-score bench-train bench-livecareer clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Labelled data for `make train`: the generated corpus, plus any JSONL given in TRAIN_DATA
# (e.g. TRAIN_DATA="../shared/datasets/livecareer/records.jsonl ../shared/datasets/written/records.jsonl").
CORPUS ?= var/corpus
CORPUS_N ?= 3000
TRAIN_DATA ?=

serve: install
	$(BIN)/python -m training.bootstrap
	$(BIN)/screening serve --host $(HOST) --port $(PORT)

$(CORPUS)/index.jsonl: | $(STAMP)
	$(BIN)/screening generate-corpus --n $(CORPUS_N) --seed 1 --out $(CORPUS) --workers 2

train: install $(CORPUS)/index.jsonl
	$(BIN)/screening train --data $(CORPUS)/index.jsonl $(foreach d,$(TRAIN_DATA),--data $(d))

mlflow-ui: install
	$(BIN)/mlflow ui --backend-store-uri sqlite:///$(CURDIR)/mlflow/mlflow.db --workers 1 --host 127.0.0.1 --port 5000

bench: install
	$(BIN)/python -m benchmarks.parse_speed $(BENCH_PDFS) --limit $(BENCH_LIMIT)

bench-score: install
	$(BIN)/python -m benchmarks.score_speed $(BENCH_PDFS) --limit 500

bench-train: install
	$(BIN)/python -m benchmarks.train_speed --n 10000

bench-livecareer: install
	$(BIN)/python -m benchmarks.parse_livecareer ../shared/datasets/livecareer/pdfs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
