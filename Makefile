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

.PHONY: install test test-fast lint format typecheck serve train bench bench-livecareer clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

serve: install
	$(BIN)/screening serve --host $(HOST) --port $(PORT)

train: install
	@echo "training arrives with the training package (issue 4)"; exit 1

bench: install
	$(BIN)/python -m benchmarks.parse_speed $(BENCH_PDFS) --limit $(BENCH_LIMIT)

bench-livecareer: install
	$(BIN)/python -m benchmarks.parse_livecareer ../shared/datasets/livecareer/pdfs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
