# Continuum of Need — build, serve and test. `make serve` and `make test` do all the set-up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

# Python >= 3.12 (pyodide-build needs it). The default python3 here may be 3.11, so look for a
# newer one: on PATH first, then in pyenv's versions. Checked by running it, since pyenv shims
# exist for versions that are not active.
FIND_PYTHON = for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done

PYODIDE_ASSETS := build/pyodide/.stamp
SITE_DIR ?= site

.PHONY: help serve build test bench validate clean
help:
	@echo "make serve     preview the site at http://127.0.0.1:8000 (rebuilds as you edit)"
	@echo "make build     build the site into ./site (SITE_DIR=... for another folder); a failed build leaves it as it was"
	@echo "make validate  check every framework in ./frameworks"
	@echo "make test      run every test"
	@echo "make bench     run the benchmarks and print figures"

# The venv is (re)installed only when pyproject.toml's content changed: the stamp holds its hash, so a
# checkout or merge that only touches the file's date costs nothing, and a fresh stamp never runs pip
# (which would print warnings offline). The project is installed editable: code changes need no reinstall.
PYPROJECT_HASH = $(PY) -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())'

$(VENV)/.stamp: pyproject.toml
	@if [ -x $(PY) ] && [ -f $@ ] && [ "$$(cat $@)" = "$$($(PYPROJECT_HASH) 2>/dev/null)" ]; then touch $@; exit 0; fi; \
	  py="$$($(FIND_PYTHON))"; \
	  if [ -z "$$py" ]; then echo "error: Python 3.12 or newer is needed (none found on PATH or in pyenv)" >&2; exit 1; fi; \
	  echo "Installing into $(VENV) with $$py ($$($$py --version))"; \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; } || { rm -rf $(VENV); $$py -m venv $(VENV); }; \
	  $(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' && $(PYPROJECT_HASH) > $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(PYODIDE_ASSETS): $(VENV)/.stamp node_modules/.stamp pyproject.toml $(wildcard explorer/thresholds/*.py) $(wildcard frameworks/*.yaml) explorer/tools/pyodide_assets.py
	$(PY) explorer/tools/pyodide_assets.py --out build/pyodide
	@touch $@

# `thresholds build` builds beside ./site and swaps the result in only on success: a failed build
# leaves the last good site as it was. The same commands work without make (docs/publishing.md).
build: $(VENV)/.stamp $(PYODIDE_ASSETS)
	$(VENV)/bin/thresholds build --site-dir $(SITE_DIR)

serve: $(VENV)/.stamp $(PYODIDE_ASSETS)
	$(VENV)/bin/thresholds serve --address 127.0.0.1:8000

validate: $(VENV)/.stamp
	$(VENV)/bin/thresholds validate

test: build
	CHROMIUM=$${CHROMIUM:-/usr/bin/chromium} $(PY) -m pytest -q

bench: build
	$(PY) tests/bench/run.py

clean:
	rm -rf site build
