# Telecoms Site Portal. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run serve test lint format bench demo chromium clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

# The runtime (requirements.txt) and the test and development tools (requirements-dev.txt, which includes it).
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/portal/portal.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

.env:
	sed "s|^SECRET_KEY=.*|SECRET_KEY=$$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 50)|" .env.example > .env

setup: $(VENV)/.installed node_modules/.installed static/portal/portal.css .env ## Install Python and npm packages, build and collect the front-end assets
	$(MANAGE) collectstatic --noinput --verbosity 0

demo: setup ## Migrate and load the Glasgow demo data (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) load_demo_applications

run: demo ## Set everything up and serve the portal with the demo data on 127.0.0.1:8000
	$(MANAGE) demo_logins
	$(MANAGE) runserver $(HOST):$(PORT)

serve: setup ## Production server: gunicorn, portal.settings.main, PostgreSQL (DATABASE_URL), DEBUG off; see deploy/
	bash scripts/serve.sh

chromium: ## Install Debian's Chromium for the browser tests (when missing)
	bash scripts/install-chromium.sh

lint: $(VENV)/.installed ## ruff: lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed ## ruff: fix what it can and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup chromium lint ## Set up, then ruff and the whole test suite
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: demo ## Benchmarks (prints the figures; see bench/README.md)
	$(PY) -m bench $(BENCH_ARGS)

clean: ## Remove the virtualenv, node_modules, built assets and the SQLite database
	rm -rf $(VENV) node_modules staticfiles static/portal/portal.css db.sqlite3
