# The two commands: `make demo` runs the portal, `make test` runs the tests.
# Both set up everything on a fresh machine with Python and make: uv, the
# virtualenv, and embedded PostgreSQL and Valkey servers (see portal/devstack.py).

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen
PYTEST_ARGS ?=

.PHONY: demo test lint format check-deploy migrations-check browser-deps sync clean

$(UV):
	python3 -m pip install --user --quiet uv

.venv/.synced: uv.lock pyproject.toml hatch_build.py $(shell find speclib -name '*.c') | $(UV)
	@# Bytecode is written at install, as pip does (uv compiles site-packages, then the
	@# checkout's own modules): where PYTHONDONTWRITEBYTECODE is set nothing else writes it,
	@# and every `portal lint` would spend 0.08 s compiling its imports. Installing the
	@# project also compiles the lint engine's C modules (hatch_build.py).
	$(UV) sync --frozen --compile-bytecode
	$(RUN) python -m compileall -q -j 0 -x '(^|/)(\.venv|var|node_modules)/' .
	touch $@

sync: .venv/.synced

demo: sync
	$(RUN) python -m portal.devstack demo

# Browser tests drive Debian's Chromium; install it when missing (needs root or sudo).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: sync browser-deps
	$(RUN) python -m portal.devstack test $(PYTEST_ARGS)

lint: sync
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: sync
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

migrations-check: sync
	$(RUN) python -m portal.devstack manage makemigrations --check --dry-run

# Production settings (HTTPS, secure cookies, a real secret) against the embedded database.
check-deploy: sync
	DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	PORTAL_HTTPS=true WHITENOISE_USE_FINDERS=false DJANGO_ALLOWED_HOSTS=portal.example.com \
	CACHE_URL=redis://cache.invalid:6379/1 EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend \
	$(RUN) python -m portal.devstack manage check --deploy --fail-level WARNING

clean:
	rm -rf var .venv
