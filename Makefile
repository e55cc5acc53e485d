# The README's two commands are `make demo` and `make test`; both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint typecheck unit bench demo clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy --strict src/beibit/law src/beibit/documents

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/places.py

demo: install
	@echo "== beibit check (a rally filed two days late, Astana, March 2026) =="
	$(BIN)/beibit check examples/rally-late.json --regime kz-333-vi --pretty --as-of 2026-03-01
	@echo
	@echo "== beibit compare (the same facts under each regime) =="
	$(BIN)/beibit compare examples/rally-late.json --as-of 2026-03-01
	@echo
	@echo "== beibit deadlines --form rally --date 2026-12-21 --submitted 2026-12-11T10:00+05:00 =="
	$(BIN)/beibit deadlines --form rally --date 2026-12-21 --submitted 2026-12-11T10:00+05:00
	@echo
	@echo "== beibit calendar 2026-12 =="
	$(BIN)/beibit calendar 2026-12

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
