# The two set-up commands are `make briefing` and `make test`; each makes .venv the first time.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: briefing test lint check html bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

briefing: $(STAMP)  ## build out/briefing.pdf from content/
	$(PY) build_report.py

html: $(STAMP)  ## build out/briefing.html
	$(PY) build_report.py --format html

check: $(STAMP)  ## validate content only
	$(PY) build_report.py --check --strict

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint  ## lint, then the test suite
	$(PY) -m pytest

bench: $(STAMP)  ## time and memory at several sizes; writes bench/results.md (see bench/)
	$(PY) -m pip install --quiet -e '.[dev,bench]' || echo "bench: a peer did not install; it is reported as not available"
	$(PY) bench/run.py

clean:
	rm -rf out .pytest_cache
