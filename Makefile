# Commands (see README.md):
#   make book   installs what the book needs, then builds it into _build/html
#   make check  lint and the fast tier of tests (under a minute): run it before every commit
#   make test   installs, builds, and runs every test (notebooks, data, browser, grading, launch)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book check test bench clean setup lab

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The chart libraries the book serves itself (pinned in package.json / package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Notebooks run in parallel first (into the build's execution cache), then Sphinx builds.
book: setup
	$(BIN)/python -m tools.prebuild
	$(BIN)/jupyter-book build . -W -n --keep-going

check: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m fast -q tests

# Every tier: data package, chart policy, claims (fast); the book's notebooks, executed once into
# the build's cache (notebooks); the book in a browser (book); exercises and the grader (grading);
# Binder, JupyterLab and Colab (launch). Exercise notebooks run in test_exercises.py.
# `make test TIER=fast` (or notebooks, book, grading, launch) runs one tier.
# On every core: tests that share a build or a fixture form one group on one worker, longest
# groups first (tests/conftest.py). Then the timed tests alone, so that no other test slows
# what they measure (exit code 5: the tier has none).
test: setup
	$(BIN)/python -m pytest tests -m "$(if $(TIER),$(TIER) and )not timed" -n auto --dist loadgroup --no-loadscope-reorder \
		--durations=15
	$(BIN)/python -m pytest tests -m "$(if $(TIER),$(TIER) and )timed" -p no:xdist || [ $$? -eq 5 ]

# JupyterLab on the notebooks, with the module's packages (charts draw offline).
lab: setup
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup
	$(BIN)/python -m tools.bench

clean:
	rm -rf _build
