# Two commands a new user needs (see README.md):
#   make book   installs what the book needs, then builds it into _build/html
#   make test   installs, builds, and runs every test (notebooks, data, browser, grading)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book test bench clean setup

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

# Notebooks (nbval executes every cell), data package, charts, browser checks, exercises, grading.
test: setup
	set -o pipefail; $(BIN)/python -m pytest --nbval-lax -p no:cacheprovider chapters appendix exercises tests

bench: setup
	$(BIN)/python -m tools.bench

clean:
	rm -rf _build
