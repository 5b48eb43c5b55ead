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

.PHONY: install test test-fast lint format typecheck serve train mlflow-ui bench bench-score bench-splits bench-train bench-load bench-hostile bench-livecareer audit-deps clean

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
# Label files adding labels to those records by id (training.label_files), e.g.
# TRAIN_LABELS=data/labels/livecareer-aha.jsonl: they train, and are never held out.
TRAIN_LABELS ?=

serve: install
	$(BIN)/python -m training.bootstrap
	$(BIN)/screening serve --host $(HOST) --port $(PORT)

$(CORPUS)/index.jsonl: | $(STAMP)
	$(BIN)/screening generate-corpus --n $(CORPUS_N) --seed 1 --out $(CORPUS) --workers 2

train: install $(CORPUS)/index.jsonl
	$(BIN)/screening train --data $(CORPUS)/index.jsonl $(foreach d,$(TRAIN_DATA),--data $(d)) $(foreach d,$(TRAIN_LABELS),--labels $(d))

mlflow-ui: install
	$(BIN)/mlflow ui --backend-store-uri sqlite:///$(CURDIR)/mlflow/mlflow.db --workers 1 --host 127.0.0.1 --port 5000

bench: install
	$(BIN)/python -m benchmarks.parse_speed $(BENCH_PDFS) --limit $(BENCH_LIMIT)

bench-score: install
	$(BIN)/python -m benchmarks.score_speed $(BENCH_PDFS) --limit 500

# Real held-out F1 and ROC-AUC per label over five train/test splits (same data as `make train`).
bench-splits: install $(CORPUS)/index.jsonl
	$(BIN)/python -m benchmarks.model_splits --data $(CORPUS)/index.jsonl $(foreach d,$(TRAIN_DATA),--data $(d)) $(foreach d,$(TRAIN_LABELS),--labels $(d))

bench-train: install
	$(BIN)/python -m benchmarks.train_speed --n 10000

# 20 clients uploading distinct two-page PDFs for 60 s to `screening serve` (after make train);
# LOAD_DB=postgresql runs it on a new database of the PostgreSQL server on 127.0.0.1:5432.
LOAD_DB ?= sqlite
bench-load: install
	$(BIN)/python -m benchmarks.load_test --clients 20 --duration 60 --database $(LOAD_DB)

bench-livecareer: install
	$(BIN)/python -m benchmarks.parse_livecareer ../shared/datasets/livecareer/pdfs

# The hostile-PDF corpus (mutated résumés, real ones too when HOSTILE_FROM exists, and crafted
# attacks) through the batch CLI and the real service: outcomes, crashes, hangs, worker memory.
HOSTILE ?= var/hostile
HOSTILE_N ?= 1000
HOSTILE_FROM ?= $(wildcard ../shared/datasets/livecareer/pdfs)
bench-hostile: install
	$(BIN)/screening generate-hostile --n $(HOSTILE_N) --seed 1 --out $(HOSTILE) $(if $(HOSTILE_FROM),--from $(HOSTILE_FROM))
	$(BIN)/python -m benchmarks.hostile_run $(HOSTILE) --json $(HOSTILE)/report.json

# Known vulnerabilities in the installed dependencies (pip-audit against PyPI's advisory data);
# fails on a finding not accepted in .ci/audit-ignore.txt, and when nothing could be audited.
audit-deps: install
	$(BIN)/python .ci/audit_deps.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
