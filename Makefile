# dangjian-kb: `make` sets up and builds the site; `make test` sets up and runs the tests.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.setup-done
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
SPHINXOPTS ?= -W --keep-going -n
HTML := docs/_build/html

.PHONY: all setup convert html test clean distclean

all: html

# The venv is rebuilt only when the pinned requirements or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

setup: $(STAMP)

# Creates pages for new sources; regenerates only pages nobody has edited since import.
convert: setup
	$(BIN)/dangjian convert --quiet

html: convert
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) docs $(HTML)
	@echo "HTML site: $(HTML)/index.html"

test: setup
	$(BIN)/pytest

clean:
	rm -rf docs/_build .pytest_cache

distclean: clean
	rm -rf $(VENV) .dangjian
