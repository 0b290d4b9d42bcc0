# Kachinko: `make run` to try it, `make test` to test it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-fast check bench install install-dev python-version port-free messages fonts

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
	  echo "Kachinko needs Python 3.12 or newer, but '$(PYTHON)' is: $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12 (with pyenv: 'pyenv install 3.12'; .python-version then picks it),"; \
	  echo "or name one you have: make PYTHON=python3.12 run"; \
	  exit 1; }

$(BIN)/python: | python-version
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## run: install, migrate SQLite, load the demo week, serve http://127.0.0.1:$(PORT) with a Celery worker and beat
run: port-free install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/honcho -f Procfile.dev start --port $(PORT)

# Before `run` migrates and re-seeds: a second `make run` must not rewrite the database
# under the first one, only to fail when it cannot have the port.
port-free:
	@case '$(PORT)' in ''|*[!0-9]*) echo "PORT must be a port number, such as 8001, not '$(PORT)'."; exit 1;; esac
	@$(PYTHON) -c 'import socket, sys; sys.exit(socket.socket().connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0)' $(PORT) || { \
	  echo "Something already answers on http://127.0.0.1:$(PORT)/: is 'make run' running in another terminal?"; \
	  echo "Nothing was changed. Use that one, stop it with Ctrl-C, or choose another port: make run PORT=$$(($(PORT) + 1))"; \
	  exit 1; }

## test: the whole suite (unit, browser, worker); DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis
test: install-dev
	$(BIN)/python -m pytest -m "" $(PYTEST_ARGS)

## test-fast: the unit suite only
test-fast: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## check: lint, formatting, migrations and the production deploy check
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-but-long-enough-xyz \
	  DJANGO_ALLOWED_HOSTS=kachinko.example $(BIN)/python manage.py check --deploy --fail-level WARNING

## bench: each page against a signed-in trivial view, under gunicorn with production settings,
## on the demo week and a large edition, then 10,000 reminders through Celery against as many
## trivial tasks (docs/benchmarks.md); BENCH_DATABASE_URL for PostgreSQL
bench: install-dev
	$(BIN)/python -m tests.bench $(BENCH_ARGS)
	$(BIN)/python -m tests.bench_deliveries $(BENCH_DELIVERIES_ARGS)

## fonts: check what the call sheets' PDFs need (WeasyPrint's Pango and a Japanese font), and say what to install
fonts:
	@ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
	  && echo "Pango and Noto Sans CJK are installed: call sheets render as PDF, Japanese included." \
	  || { echo "Call sheets as PDF need Pango and a Japanese font. On Debian or Ubuntu:"; \
	       echo "  sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"; \
	       echo "On macOS: brew install pango, and a Noto Sans CJK JP font."; exit 1; }

## messages: extract and compile the ja and fr translations
messages: install-dev
	$(BIN)/python manage.py makemessages --locale ja --locale fr --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'
