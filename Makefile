# The README's two commands are `make demo` and `make test`; both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The case service's tests (and the archive past 65,535 cases) run a second time on PostgreSQL (pytest-django
# makes its own test database).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# 1 in CI (.ci/run): a missing PostgreSQL fails the build; 0 on a developer's machine: the step is skipped.
REQUIRE_POSTGRES ?= 0
DEMO_DB := $(CURDIR)/demo.sqlite3

.PHONY: install test lint typecheck unit unit-postgres bench bench-api openapi demo clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy --strict src/beibit

unit: install
	$(BIN)/pytest

unit-postgres: install
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		BEIBIT_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest tests/cases tests/api tests/opendata/test_archive_size.py; \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "PostgreSQL is not reachable at $(POSTGRES_URL)"; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(POSTGRES_URL): case/API tests ran on SQLite only =="; \
	fi

test: lint typecheck unit unit-postgres

bench: install
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/places.py
	$(BIN)/python benchmarks/signatures.py

# The API benchmark's load comes from wrk (Debian's package), installed here when missing.
bench-api: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python benchmarks/api.py

# Regenerate the committed OpenAPI document from the code (a test fails when they differ).
openapi: install
	$(BIN)/python -m beibit.api.openapi > docs/api/openapi.json

# The command line's examples (check, compare, deadlines, calendar) go to $(DEMO_EXAMPLES), not the screen:
# the last lines printed are the demo logins and the address to open.
DEMO_EXAMPLES := $(CURDIR)/demo-examples.txt

demo: install
	@{ echo "== beibit check (a rally filed two days late, Astana, March 2026) =="; \
	  $(BIN)/beibit check examples/rally-late.json --regime kz-333-vi --pretty --as-of 2026-03-01; echo; \
	  echo "== beibit compare (the same facts under each regime) =="; \
	  $(BIN)/beibit compare examples/rally-late.json --as-of 2026-03-01; echo; \
	  echo "== beibit deadlines --form rally --date 2026-12-21 --submitted 2026-12-11T10:00+05:00 =="; \
	  $(BIN)/beibit deadlines --form rally --date 2026-12-21 --submitted 2026-12-11T10:00+05:00; echo; \
	  echo "== beibit calendar 2026-12 =="; \
	  $(BIN)/beibit calendar 2026-12; } > $(DEMO_EXAMPLES) 2>&1 || { cat $(DEMO_EXAMPLES); exit 1; }
	@echo "The command line's examples (check, compare, deadlines, calendar): $(DEMO_EXAMPLES)"
	@echo "== the case service: migrate, load the registry and the demo data, serve on http://127.0.0.1:8000 =="
	BEIBIT_DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/beibit demo --reset

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
