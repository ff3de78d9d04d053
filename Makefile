# article3: the two commands of the Quick start are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
export ARTICLE3_DATABASE_URL ?= sqlite:///./var/article3.db

.PHONY: run test install lint typecheck architecture migrations-check test-sqlite test-postgres docs-cli bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# PyICU builds against Debian's libicu-dev: install it (and pkg-config) when absent.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	scripts/system-deps.sh libicu-dev pkg-config
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	scripts/system-deps.sh libicu-dev pkg-config
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

## make run: install into .venv, migrate the SQLite database under ./var, load the member
## countries and demo accounts, then serve on http://127.0.0.1:8000.
run: $(RUN_STAMP)
	mkdir -p var
	$(BIN)/article3 db upgrade
	$(BIN)/article3 countries load
	$(BIN)/article3 users demo
	$(BIN)/article3 sim demo --seed 1
	@echo "Open http://127.0.0.1:8000 and log in with one of the accounts above."
	$(BIN)/article3 serve

## make test: install the test dependencies, PostgreSQL and Chromium (Debian packages) when
## absent, start PostgreSQL on loopback, then lint, type-check, check the layer contract and the
## migrations, and run the whole suite on SQLite and on PostgreSQL.
test: $(TEST_STAMP)
	scripts/test-services.sh > var-test-url.txt
	$(MAKE) lint typecheck architecture
	$(MAKE) test-sqlite
	ARTICLE3_TEST_DATABASE_URL=$$(tail -1 var-test-url.txt) $(MAKE) test-postgres
	rm -f var-test-url.txt

lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck:
	$(BIN)/mypy src

architecture:
	$(BIN)/lint-imports

test-sqlite:
	$(BIN)/pytest -n 2 --dist loadgroup

test-postgres:
	$(BIN)/pytest -n 2 --dist loadgroup

docs-cli: $(RUN_STAMP)
	$(BIN)/python scripts/cli_docs.py > docs/cli.md

bench: $(TEST_STAMP)
	$(BIN)/python -m bench.search.run

clean:
	rm -rf $(VENV) var build *.egg-info
