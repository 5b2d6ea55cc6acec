# Heard: `make demo` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
MODEL := nlp/model/meta.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint install chromium model clean

demo: install model
	$(BIN)/heard demo

test: install chromium model lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/bandit -q -r platform nlp surveys dashboards -ll --skip B608,B704
	$(BIN)/lint-imports

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used), with a Noto font for every
# script a child can choose: Latin (English), Arabic script (Arabic, Dari/Farsi, Pashto) and Ethiopic (Tigrinya) in
# fonts-noto-core and -ui-core, and colour emoji for the face scale. Without them a page shows empty boxes, and the
# layout the browser tests measure is not the one a child sees.
FONTS := fonts-noto-core fonts-noto-ui-core fonts-noto-color-emoji fonts-dejavu-core
# WeasyPrint (the tagged PDFs) lays text out with Pango and HarfBuzz.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
chromium:
	@{ command -v chromium && dpkg -s $(FONTS) $(PDF_LIBS); } >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium $(FONTS) $(PDF_LIBS); }

model: install $(MODEL)

$(MODEL): nlp/data/corpus.jsonl $(wildcard nlp/data/outsiders/*/*.jsonl) $(wildcard nlp/*.py) $(shell find nlp/resources -type f)
	$(BIN)/heard nlp train

clean:
	rm -rf $(VENV) .heard nlp/model .pytest_cache .mypy_cache .ruff_cache
