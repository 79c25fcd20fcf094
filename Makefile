# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers for `make test`: one per core (2 on the office and CI machines: about half the
# time of one process). `make test PYTEST_WORKERS=0` runs in one process (for -x, --pdb, -s).
PYTEST_WORKERS ?= auto

.PHONY: run test venv migrate seed worker serve lint format sysdeps check-deploy clean

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo

## make run — set up, load demo data, start the task worker and serve http://$(HOST):$(PORT)
run: seed
	@mkdir -p .run
	@echo "Starting the background worker (log: .run/worker.log)"
	@$(PY) manage.py run_worker > .run/worker.log 2>&1 & echo $$! > .run/worker.pid
	@trap 'kill $$(cat .run/worker.pid) 2>/dev/null; rm -f .run/worker.pid' EXIT INT TERM; \
	  echo "Serving the portal at http://$(HOST):$(PORT)  (Ctrl+C to stop)"; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## make worker — the task worker alone: settles jobs a killed worker left "running", then runs django-tasks' db_worker
worker: migrate
	$(PY) manage.py run_worker

## System packages the suite needs (fonts for PDFs, Chromium for browser tests). Installs them
## when missing and we are root; otherwise says what to install.
sysdeps:
	@missing=""; \
	  [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	  fc-list 2>/dev/null | grep -q "LiberationSerif" || missing="$$missing fonts-liberation2"; \
	  ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so.0" || missing="$$missing libharfbuzz-subset0"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = "0" ]; then \
	      echo "Installing system packages:$$missing"; \
	      apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; \
	    else \
	      echo "Missing system packages:$$missing — run: sudo apt-get install$$missing"; exit 1; \
	    fi; \
	  fi

## make test — set up and run the whole suite (lint, migrations in step, tests) on DATABASE_URL or SQLite
test: venv sysdeps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=gdtx_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist load --durations=10 $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: venv
	DJANGO_SETTINGS_MODULE=gdtx_portal.settings.production SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(60))") \
	  ALLOWED_HOSTS=gdtx.example.vn $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .run

.PHONY: backup restore

## make backup — the database (pg_dump or SQLite online backup) and uploaded files into backups/<timestamp>/
backup: venv
	$(PY) manage.py backup_portal

## make restore [BACKUP=backups/<timestamp>] — stop `make run` and the worker first; default: the newest backup
restore: venv
	$(PY) manage.py restore_portal $(BACKUP)
