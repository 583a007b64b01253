# thidua: the two commands are `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/thidua
PYTEST_WORKERS ?= 2
# Pure-Python suites (no database) run once, on the SQLite pass.
NO_DATABASE_TESTS := --ignore-glob='*/test_vietnamese_*' --ignore-glob='*/test_reader*' \
	--ignore-glob='*/test_engine*' --ignore-glob='*/test_render*'

.PHONY: run test lint format bench install messages pg-answers

$(BIN)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv sync --frozen
	@touch $@

install: $(BIN)/.synced

run: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(BIN)/thidua demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers 2 --access-logfile -

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run >/dev/null

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null || [ -n "$$DATABASE_URL" ]; then \
		echo "== again on PostgreSQL =="; \
		DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser" $(NO_DATABASE_TESTS); \
	else echo "== PostgreSQL not answering on 127.0.0.1:5432: SQLite run only =="; fi

bench: install
	$(BIN)/pytest bench -p no:xdist --benchmark-only -o testpaths=bench

messages: install
	$(MANAGE) makemessages -l vi --ignore=.venv --ignore=var --ignore='thidua/*/tests/*' --ignore=bench --ignore=tests
	$(MANAGE) compilemessages -l vi --ignore=.venv
