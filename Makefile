# CADS — `make demo` runs the service with fictional data; `make test` runs every check.
# `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STATE := .cads
CHROMIUM ?= /usr/bin/chromium
# Web access lines: the path without its query string (a search may hold a name), the status,
# the time taken and the request id that the application's own lines carry (ADR 0024).
ACCESS_LOG_FORMAT := '%(t)s %(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms request=%({x-request-id}o)s'
# The demo's worker: `run_worker` reconnects by itself after a database restart; this loop
# restarts it if the process itself dies (a crash, an out-of-memory kill), waiting longer
# each time up to 30 s, and writes one line per restart. systemd's Restart=on-failure or a
# container restart policy does the same in production (README, "Running it for real").
WORKER_LOG := $(STATE)/worker.log
WORKER_LOOP := delay=1; while :; do \
  CADS_LOG_FILE=$(WORKER_LOG) CADS_LOG_CONSOLE=false $(MANAGE) run_worker >> $(WORKER_LOG) 2>&1; \
  status=$$?; [ $$status -eq 0 ] && break; \
  echo "$$(date "+%F %T") the worker exited with status $$status; restarting it in $$delay s" >> $(WORKER_LOG); \
  sleep $$delay; delay=$$(( delay < 30 ? delay * 2 : 30 )); done

.PHONY: help demo stop stop-app db-stop bench status logs code sweep install install-dev assets db migrate seed \
        run worker lint format typecheck test test-fast test-browser chromium lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "CADS needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.app-installed: $(VENV)/bin/activate requirements/app.in requirements/lock.txt
	$(PIP) install --quiet -c requirements/lock.txt -r requirements/app.in
	touch $@

$(VENV)/.dev-installed: $(VENV)/.app-installed requirements/dev.in requirements/lock.txt
	$(PIP) install --quiet -c requirements/lock.txt -r requirements/dev.in
	touch $@

install: $(VENV)/.app-installed ## Create the virtual environment with runtime packages

install-dev: $(VENV)/.dev-installed ## Add test and quality tools

# The DfE's CIN census validator in its own environment (ADR 0029): the parity test runs it
# as a separate process on the census files CADS writes.
DFE_VENV := .venv-dfe
$(DFE_VENV)/.installed: requirements/dfe.txt
	$(PYTHON) -m venv $(DFE_VENV)
	$(DFE_VENV)/bin/pip install --quiet --upgrade pip
	$(DFE_VENV)/bin/pip install --quiet -r requirements/dfe.txt
	touch $@

.PHONY: dfe-validator
dfe-validator: $(DFE_VENV)/.installed ## The DfE's CIN census validator for the parity test

# liiatools, the Annex A reader many councils use, in its own environment (docs/returns.md).
LIIA_VENV := .venv-liia
$(LIIA_VENV)/.installed: requirements/liiatools.txt
	$(PYTHON) -m venv $(LIIA_VENV)
	$(LIIA_VENV)/bin/pip install --quiet --upgrade pip
	$(LIIA_VENV)/bin/pip install --quiet -r requirements/liiatools.txt
	$(LIIA_VENV)/bin/pip install --quiet --no-deps liiatools==0.2.0
	touch $@

.PHONY: liiatools
liiatools: $(LIIA_VENV)/.installed ## liiatools, to read the Annex A workbook as councils do

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/application.css: node_modules/.package-lock.json $(wildcard frontend/scss/* frontend/js/* frontend/build.mjs)
	node frontend/build.mjs

assets: static/dist/application.css ## Build GOV.UK Frontend and MOJ Frontend assets

db: install ## Start the embedded PostgreSQL (not needed with DATABASE_URL)
	@$(PY) -m config.embedded_db start

db-stop: install ## Stop the embedded PostgreSQL
	@$(PY) -m config.embedded_db stop

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

seed: migrate ## Load the fictional demo data (idempotent)
	$(MANAGE) load_demo_data

demo: install assets migrate ## Install everything, load demo data, start web and worker
	@$(MAKE) --no-print-directory stop-app
	@$(MANAGE) collectstatic --no-input --verbosity 0
	@$(MANAGE) load_demo_data > $(STATE)/demo-load.log
	@CADS_LOG_FILE=$(STATE)/web.log CADS_LOG_CONSOLE=false setsid $(VENV)/bin/gunicorn config.wsgi \
	  --bind $(HOST):$(PORT) --pid $(STATE)/web.pid \
	  --access-logfile $(STATE)/web.log --error-logfile $(STATE)/web.log \
	  --access-logformat $(ACCESS_LOG_FORMAT) --daemon
	@setsid nohup bash -c '$(WORKER_LOOP)' > /dev/null 2>&1 < /dev/null & echo $$! > $(STATE)/worker.pid
	@for i in $$(seq 1 40); do \
	  curl -fs http://$(HOST):$(PORT)/health/ > /dev/null && break; sleep 0.5; \
	done; curl -fs http://$(HOST):$(PORT)/health/ > /dev/null || \
	  { echo "The web server did not start; see $(STATE)/web.log:"; tail -20 $(STATE)/web.log; exit 1; }
	@cat $(STATE)/demo-logins.txt
	@echo
	@echo "CADS is running at http://$(HOST):$(PORT)/  (web log: $(STATE)/web.log, worker log: $(STATE)/worker.log)"
	@echo "Stop it with: make stop"

stop-app:
	@-[ -f $(STATE)/web.pid ] && kill $$(cat $(STATE)/web.pid) 2>/dev/null; rm -f $(STATE)/web.pid
	@-[ -f $(STATE)/worker.pid ] && kill -- -$$(cat $(STATE)/worker.pid) 2>/dev/null; rm -f $(STATE)/worker.pid
	@sleep 0.5

stop: stop-app ## Stop web, worker and the embedded database
	@-[ -x $(PY) ] && $(PY) -m config.embedded_db stop

status: install ## Show the embedded database and whether web and worker run
	@$(PY) -m config.embedded_db status
	@[ -f $(STATE)/web.pid ] && kill -0 $$(cat $(STATE)/web.pid) 2>/dev/null && echo "web: running" || echo "web: stopped"
	@[ -f $(STATE)/worker.pid ] && kill -0 $$(cat $(STATE)/worker.pid) 2>/dev/null && echo "worker: running" || echo "worker: stopped"

logs: ## Follow the web and worker logs (time, level, request id, user id; no case details)
	tail -n 40 -F $(STATE)/web.log $(STATE)/worker.log

sweep: migrate ## Run the duplicate sweep now (the worker runs it nightly)
	$(MANAGE) find_duplicates

code: install ## Print the current two-factor code of a demo user: make code USER=manager
	@$(MANAGE) totp_code $(USER)

run: install assets migrate ## Run the development server in the foreground
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

worker: install migrate ## Run the background worker in the foreground (reconnects by itself)
	$(MANAGE) run_worker

chromium: ## Install Debian's Chromium for browser tests when missing
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: run 'sudo apt-get install chromium' (or set CHROMIUM=/path)."; exit 1; \
	  fi; \
	fi

lint: install-dev ## ruff lint and format check, missing migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run --settings=config.settings.test > /dev/null

format: install-dev ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install-dev ## mypy with django-stubs
	$(VENV)/bin/mypy cads config tests bench conftest.py

test: install-dev assets chromium dfe-validator liiatools lint typecheck ## Lint, type checks and the whole suite, browser tests included
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest

bench: install-dev assets ## Run the benchmarks in bench/ (figures for docs/benchmarks.md)
	$(PY) -m bench.bench_foundation

.PHONY: bench-matching
bench-matching: install-dev assets ## Person matching benchmark, kept register: make bench-matching SIZE=1000000
	$(PY) -m bench.bench_matching --size $(or $(SIZE),100000) --keep --write-docs

.PHONY: bench-reporting
bench-reporting: install-dev assets ## Dashboard and returns benchmark, kept year: make bench-reporting PROFILE=large|stress
	$(PY) -m bench.bench_reporting --profile $(or $(PROFILE),large) --keep --write-docs

test-fast: install-dev assets dfe-validator liiatools ## The suite without browser tests
	$(VENV)/bin/pytest -m "not browser"

lock: ## Re-pin every Python package after editing requirements/*.in
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements/dev.in
	{ echo "# Exact versions of every Python package (runtime and dev), used as pip constraints."; \
	  echo "# Regenerate with \`make lock\` after changing app.in or dev.in."; \
	  .venv-lock/bin/pip freeze; } > requirements/lock.txt
	rm -rf .venv-lock

clean: stop ## Remove the virtual environment, node modules, built assets and local data
	rm -rf $(VENV) $(DFE_VENV) $(LIIA_VENV) node_modules static/dist $(STATE)

.PHONY: bench-load
bench-load: install-dev assets ## Load benchmark (5/20/50 users, 2,000 then 10,000 open contacts): make bench-load ARGS=--small
	$(PY) -m bench.bench_load --write-docs $(ARGS)
