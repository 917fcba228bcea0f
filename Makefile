# dangjian-kb: `make` sets up and builds the site; `make test` sets up and runs the tests.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.setup-done
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
SPHINXOPTS ?= -W --keep-going -n
HTML := docs/_build/html
LATEX := docs/_build/latex
PDF := $(LATEX)/dangjian-kb.pdf

NODE := tools/node
NODE_STAMP := $(NODE)/node_modules/.setup-done
SYSTEM_STAMP := $(VENV)/.system-done

.PHONY: all setup convert import check preview html pdf data test bench bench-sizes explore clean distclean

# The PDF first: the HTML site copies it and links to it.
all: pdf html

# The venv is rebuilt only when the pinned requirements or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	@# The C++ opencc wheel replaced opencc-python-reimplemented: same import name, so remove the old one.
	$(BIN)/pip uninstall --yes --quiet opencc-python-reimplemented 2>/dev/null || true
	$(PIP) -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# Pinned npm packages (mermaid's ESM build for the offline site); never downloads a browser.
$(NODE_STAMP): $(NODE)/package.json $(NODE)/package-lock.json
	cd $(NODE) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Debian packages (Chromium, Noto CJK, TeX Live, poppler, rsvg), installed only when missing.
$(SYSTEM_STAMP): tools/setup/system-packages.sh | $(STAMP)
	tools/setup/system-packages.sh
	touch $@

setup: $(STAMP) $(NODE_STAMP)

# Creates pages for new sources; regenerates only pages nobody has edited since import.
convert: setup
	$(BIN)/dangjian convert --quiet

# Import one new article and print what the converter found: make import SRC=sources/new.txt
import: setup
	@test -n "$(SRC)" || { echo "usage: make import SRC=sources/<name>.txt" >&2; exit 2; }
	$(BIN)/dangjian convert $(SRC)

# Contributor checks, no build: sidecars, front matter, sources <-> pages, toctrees, glossary.
check: setup
	$(BIN)/dangjian check

# Live preview, rebuilt and reloaded on every save: http://127.0.0.1:$(PORT)/
# Warnings are shown but do not stop it (make html and make test are strict).
# docs/regions is written by the build itself, so watching it would rebuild forever.
PORT ?= 8000
# The data package is left out of previews (dangjian_data_package): make html writes it.
PREVIEWOPTS ?= -n -D dangjian_data_package=0
preview: convert
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(PORT) $(PREVIEWOPTS) \
		--ignore docs/regions docs docs/_build/preview

html: convert
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) docs $(HTML)
	@echo "HTML site: $(HTML)/index.html"

# The data package alone (the HTML build writes the same into $(HTML)/data): CSV + datapackage.json,
# SQLite with its full-text index, JSON; prints the rows per table.
data: convert
	$(BIN)/dangjian data --out $(HTML)/data

# xelatex + ctex + Noto CJK; diagrams through mermaid-cli on Debian's Chromium.
pdf: convert $(SYSTEM_STAMP)
	$(BIN)/sphinx-build -b latex $(SPHINXOPTS) docs $(LATEX)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(MAKE) -C $(LATEX) all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error -quiet" >/dev/null
	@echo "PDF: $(PDF)"

test: setup $(SYSTEM_STAMP) check
	$(BIN)/pytest

# Not part of make test: N = 100 and 1,000 generated articles; writes benchmarks/results.{json,md}.
# Then the size benchmark (bench-sizes).
BENCH_SIZES ?= 100 1000
bench: setup $(SYSTEM_STAMP)
	$(PY) -m dangjian.bench.run --sizes $(BENCH_SIZES)
	$(BENCH_SIZES_CMD)

# One source of each shape at BENCH_MB megabytes (comma-separated), size limit lifted: fails if
# conversion time grows faster than the size; writes benchmarks/sizes.{json,md}.
BENCH_MB ?= 1,5,20
BENCH_SIZES_CMD = $(PY) -m dangjian.bench.sizes --sizes $(BENCH_MB)
bench-sizes: setup
	$(BENCH_SIZES_CMD)

# The data package's SQLite database in Datasette, with its canned queries (an optional extra:
# not needed by make or make test). Writes the package first if the site has none yet.
DATA := $(HTML)/data
DATASETTE_PORT ?= 8001
DATASETTE_VERSION := 0.65.5
explore: setup
	$(BIN)/python -c "import datasette" 2>/dev/null || $(PIP) "datasette==$(DATASETTE_VERSION)"
	test -f $(DATA)/dangjian-kb.sqlite || $(BIN)/dangjian data --out $(DATA)
	$(BIN)/datasette serve $(DATA)/dangjian-kb.sqlite --metadata $(DATA)/datasette-metadata.json \
		--host 127.0.0.1 --port $(DATASETTE_PORT) --open

clean:
	rm -rf docs/_build .pytest_cache benchmarks/_work

distclean: clean
	rm -rf $(VENV) .dangjian $(NODE)/node_modules docs/regions
