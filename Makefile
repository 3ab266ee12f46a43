# Two ways in: `make run` (the product on its embedded default) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lint lock worker check-deploy clean createeditor screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes, so running twice is fast and safe.
$(VENV)/.installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# A local secret for the embedded default, made once and never committed.
.secret_key:
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > $@

# The product as deployed, on this machine: DEBUG off (the designed error pages, never
# Django's debug 404 listing every URL), a local secret, local hosts, plain HTTP, and the
# static files collected and served by WhiteNoise. DATABASE_URL may point elsewhere.
run: export DEBUG = False
run: export SECRET_KEY = $(shell cat .secret_key 2>/dev/null)
run: export ALLOWED_HOSTS = localhost,127.0.0.1,[::1],$(HOST)
run: export SECURE_SSL_REDIRECT = False
run: export SESSION_COOKIE_SECURE = False
run: export CSRF_COOKIE_SECURE = False
run: export SECURE_HSTS_SECONDS = 0
run: install .secret_key
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) ingest sample_data/articles/
	$(MANAGE) ingest_pending  # what an earlier run stored but did not finish ingesting
	@$(MANAGE) wheretogo $(HOST):$(PORT) &  # prints where to go once the server answers
	$(MANAGE) runserver $(HOST):$(PORT)

# An editor account (a user in the Editors group): prompts for what the environment does
# not give (EDITOR_USERNAME, EDITOR_EMAIL, EDITOR_PASSWORD). Same database as `make run`.
createeditor: export SECRET_KEY = $(shell cat .secret_key 2>/dev/null)
createeditor: install .secret_key
	@$(MANAGE) migrate --noinput --verbosity 0
	@username="$${EDITOR_USERNAME:-}"; \
	if [ -z "$$username" ]; then printf 'Username: '; read -r username; fi; \
	if [ -n "$${EDITOR_PASSWORD:-}" ]; then \
		$(MANAGE) createeditor "$$username" --email "$${EDITOR_EMAIL:-}" --password-from-env EDITOR_PASSWORD; \
	else \
		$(MANAGE) createeditor "$$username" --email "$${EDITOR_EMAIL:-}"; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-dev lint
	$(BIN)/lint-imports  # the apps depend one way: pyproject.toml's [tool.importlinter]
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings_test
	$(BIN)/pytest

# The README's screenshots (docs/screenshots/), taken by the browser tests that visit
# the dashboard, the timeline, a source page and the review queue.
screenshots: install-dev
	README_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/browser/test_readme_screenshots.py -q -p no:cacheprovider

# A Celery worker, with the beat that runs the ingestion sweep, for one machine with REDIS_URL set.
worker: install
	$(BIN)/celery -A config worker --beat --schedule /tmp/tablero-celerybeat --loglevel=info

check-deploy: install
	DEBUG=False SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		ALLOWED_HOSTS=tablero.example.org $(MANAGE) check --deploy --fail-level WARNING

# Regenerate the hashed lock files after changing pyproject.toml.
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements/dev.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
