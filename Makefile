# Entry points: `make demo` (install, load the demo, serve) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
export PORT

.PHONY: install demo serve test test-e2e test-fuzz test-matrix test-sqlite test-postgres lint migrations-check messages lock bench-ledger bench-scale bench-load bench-figures clean

install: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Compile the translation catalogues (.po -> .mo) with Babel, so no GNU gettext is needed.
messages: $(VENV)/.installed
	@for po in $$(find saima -path '*/locale/*/LC_MESSAGES/django.po'); do \
		$(BIN)/pybabel compile -q -i $$po -o $${po%.po}.mo || exit 1; \
	done

demo: install
	$(BIN)/saima demo

serve: install
	$(BIN)/saima demo --no-load

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install
	$(BIN)/saima makemigrations --check --dry-run

# The replica module runs again with a second database as a lagging read replica (its own
# test database beside the main one; skipped in the first run).
REPLICA_URL ?= $(if $(DATABASE_URL),$(DATABASE_URL)_replica,sqlite:///$(CURDIR)/var/replica.sqlite3)

test: install
	$(BIN)/pytest -q -m "not e2e"
	DATABASE_REPLICA_URL=$(REPLICA_URL) $(BIN)/pytest -q saima/core/tests/test_replica.py

# Browser end-to-end tests: headless Chromium (/usr/bin/chromium) against a real server with
# the demo loaded; failures leave screenshots in e2e-screenshots/.
test-e2e: install
	$(BIN)/pytest -q -m e2e saima/e2e

# The fuzz and fault suites alone; SAIMA_FUZZ_SCALE=20 make test-fuzz for a long hunt.
test-fuzz: install
	$(BIN)/pytest -q saima/ledger/tests/test_faults_fuzz.py saima/core/tests/test_schemathesis.py \
		saima/core/tests/test_faults_database.py saima/dispatch/tests/test_faults_concurrency.py \
		saima/core/tests/test_faults_sigkill.py

# The permission matrix alone (it is part of `make test` too); prints cells per role.
test-matrix: install
	$(BIN)/pytest -q saima/core/tests/test_permission_matrix.py

lock:
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

bench-ledger: install
	$(BIN)/python bench/ledger.py --rows $${N:-100000}

# Benchmarks on PostgreSQL (see bench/README.md). BENCH_DB is dropped and made again.
BENCH_DB ?= saima_load
BENCH_URL ?= postgres://postgres@127.0.0.1:5432
SCALE ?= 100000
FIGURES_SCALE ?= 1000000

bench-scale: install
	psql $(BENCH_URL)/postgres -qc "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_URL)/$(BENCH_DB) $(BIN)/python bench/scale.py --projects $(SCALE)

bench-load: bench-scale
	DATABASE_URL=$(BENCH_URL)/$(BENCH_DB) $(BIN)/python bench/load.py $(LOAD_ARGS)

bench-figures: install
	psql $(BENCH_URL)/postgres -qc "DROP DATABASE IF EXISTS $(BENCH_DB)_figures" -c "CREATE DATABASE $(BENCH_DB)_figures"
	DATABASE_URL=$(BENCH_URL)/$(BENCH_DB)_figures $(BIN)/python bench/scale.py --projects $(FIGURES_SCALE) --city 220500
	DATABASE_URL=$(BENCH_URL)/$(BENCH_DB)_figures $(BIN)/python bench/figures.py --city 220500

clean:
	rm -rf $(VENV) node_modules
