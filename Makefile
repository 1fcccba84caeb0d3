# Passerelles — the two commands: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install assets messages run test property browser-deps bench-deps services lint format lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

install: $(INSTALLED) ## Create .venv and install the locked dependencies

messages: $(INSTALLED) ## Compile the translation catalogues in locale/
	@$(PY) tools/compile_messages.py

run: install assets messages ## Migrate, load the demo, set up roles, create accounts and serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py update_index --verbosity 0
	$(PY) manage.py setup_roles
	$(PY) manage.py ensure_demo_users
	$(PY) manage.py ensure_admin
	@echo "Passerelles: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

assets: node_modules/.installed ## Copy the typeface from node_modules into site/static/fonts/
	@$(PYTHON) tools/copy_fonts.py

browser-deps: node_modules/.installed ## Chromium (Debian) and axe-core (npm) for the browser tests
	@bash tools/ensure_chromium.sh

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --silent
	@touch $@

bench-deps: bench/node_modules/.installed ## Lighthouse (npm, bench/package.json) and Chromium for bench/lighthouse_bench.py
	@bash tools/ensure_chromium.sh

services: ## Start PostgreSQL if it is not running
	@bash tools/ensure_postgres.sh

test: install assets messages browser-deps services ## Install everything and run the whole test suite on PostgreSQL
	@bash tools/run_tests.sh

property: install services ## Long property run of the CRM mirror (PROPERTY_SCHEDULES=1000 from PROPERTY_SEED=0)
	PROPERTY_SCHEDULES=$${PROPERTY_SCHEDULES:-1000} PROPERTY_SEED=$${PROPERTY_SEED:-0} \
		$(PY) -m pytest tests/crm_sync/test_property_tryton.py -q -s -p no:logging

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: ## Re-resolve requirements.in into requirements.lock (needs uv)
	uv pip compile requirements.in --python-version 3.11 -o requirements.lock --no-header

clean: ## Remove the virtual environment, node_modules and local data
	rm -rf $(VENV) node_modules bench/node_modules var db.sqlite3 site/static/fonts
