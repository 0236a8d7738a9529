# `make setup` installs everything and runs the main job on the bundled data;
# `make test` runs the tests.  Both are what CI runs (see .ci/run).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= data/clean/actionplans.duckdb
# the manual pages whose outputs cog pastes from real runs (README.md links them)
COG_DOCS := $(filter-out docs/sql-cookbook.md docs/DOMAIN.md docs/STYLE.md docs/DEVELOPING.md,$(wildcard docs/*.md))

.PHONY: setup install demo reports test lint docs bench clean

setup: install demo

install:
	bash tools/system-deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,ray,ocr]'
	# bytecode written now: where PYTHONDONTWRITEBYTECODE is set, every command would otherwise
	# compile the package again at start (~0.8 s an `ingest`, in the command and its worker server)
	$(BIN)/python -m compileall -q actionplans extract normalise reconcile > /dev/null

demo:
	$(BIN)/actionplans ingest data/raw --db $(DB) --quiet
	$(BIN)/actionplans reextract --db $(DB) --quiet   # rows made by an older reader or normaliser are re-read
	$(BIN)/actionplans report --db $(DB) --out data/clean/reports

# Validation reports for the bundled documents and the sample PDFs (kept in their own database).
reports: demo
	$(BIN)/actionplans ingest data/raw/samples --db data/clean/samples.duckdb --quiet
	$(BIN)/actionplans report --db data/clean/samples.duckdb --out data/clean/reports/samples

test:
	$(BIN)/python -m pytest -q

# ruff (format and lint, lines of at most 100 characters); the stage order (.importlinter);
# mypy ([tool.mypy] in pyproject.toml) on actionplans/, extract/ (OCR included), normalise/, reconcile/.
lint:
	$(BIN)/ruff format --check actionplans extract normalise reconcile tests bench tools docs/build_cookbook.py
	$(BIN)/ruff check actionplans extract normalise reconcile tests bench
	LINT_IMPORTS=$(abspath $(BIN))/lint-imports bash tools/lint_imports.sh
	MYPY=$(abspath $(BIN))/mypy bash tools/typecheck.sh

docs:
	$(BIN)/cog -r -I docs README.md $(COG_DOCS)
	$(BIN)/python docs/build_cookbook.py
	$(BIN)/python notebooks/render_notebooks.py

bench:
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -f $(DB) $(DB).wal
