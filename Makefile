# The two set-up commands are `make briefing` and `make test`; each makes .venv the first time.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Tests run in parallel, one worker per core; tests/conftest.py sends each test file to one
# worker, so the briefings its tests share are built once.
PYTEST := $(PY) -m pytest -n auto

.DEFAULT_GOAL := help
.PHONY: help venv briefing html check lint quick test bench clean

help:  ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)  ## create .venv with the pinned dependencies and the dev tools (once)

briefing: $(STAMP)  ## build out/briefing.pdf from content/
	$(PY) build_report.py

html: $(STAMP)  ## build out/briefing.html
	$(PY) build_report.py --format html

check: $(STAMP)  ## validate content only
	$(PY) build_report.py --check --strict

lint: $(STAMP)  ## ruff: lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Our modules compiled once: the builds the tests start in new processes would each compile
# them again where bytecode is not written (PYTHONDONTWRITEBYTECODE, set in many CI images).
COMPILE := $(PY) -m compileall -q briefing build_report.py

quick: lint  ## lint, then the tests not marked slow (no whole builds): the loop before a commit
	@$(COMPILE)
	$(PYTEST) -m "not slow"

test: lint  ## lint, then every test, in parallel
	@$(COMPILE)
	$(PYTEST)

bench: $(STAMP)  ## time and memory at several sizes; writes bench/results.md (see bench/)
	$(PY) -m pip install --quiet -e '.[dev,bench]' || echo "bench: a peer did not install; it is reported as not available"
	$(PY) bench/run.py

clean:  ## remove out/ and the test cache
	rm -rf out .pytest_cache
