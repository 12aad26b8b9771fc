# cables: `make run` serves the app with its task worker; `make test` runs ruff and the test suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# The first Python 3.12+ on PATH (pyenv users get 3.12 from .python-version).
PYTHON ?= $(shell for p in python3 python3.12 python3.13 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-dev migrate demo eval bench lint format clean check-python

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "cables needs Python 3.12 or newer, and none was found on PATH."; \
		echo "Install it (pyenv install 3.12, or your system's python3.12 package) and run make again,"; \
		echo "or point make at one: make PYTHON=/path/to/python3.12 run"; \
		exit 1; \
	fi

$(VENV)/.installed: pyproject.toml constraints.txt | check-python
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "$(VENV) was made with an older Python; remove it (rm -rf $(VENV)) and run make again."; exit 1; }
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,browser]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_groups -v 0

demo: migrate
	$(PY) manage.py ingest articles/demo --no-progress

run: demo
	@$(PY) manage.py collectstatic --noinput -v 0
	@$(PY) manage.py requeue_stale
	@echo ""
	@echo "  cables is running at http://$(HOST):$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@echo ""
	@export DEBUG=$${DEBUG:-true}; \
	trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --no-reload --interval 1 & \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT) & \
	wait

lint: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy articles/nlp articles/services.py

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

eval: install
	$(PY) -m pip install --quiet -c constraints.txt -e ".[eval]"
	$(PY) bench/eval.py

bench: install
	@command -v wrk >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
		apt-get install -y -qq wrk >/dev/null 2>&1; } || \
		echo "wrk is not installed (apt-get install wrk): the pages-under-load figures will be skipped"
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
