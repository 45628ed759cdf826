# storyline — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DEMO_OUT ?= build/demo
SHARED ?= ../shared

.PHONY: install system-deps demo test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[web,distributed,eval,test]'
	touch $@

# Debian packages the tests need: headless Chromium (web app tests) and the
# Perl XML parser that ROUGE-1.5.5 uses (Timeline17 scoring).
system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(BIN)/storyline build examples/msft-openai --manifest examples/msft-openai/manifest.csv --out $(DEMO_OUT)
	$(BIN)/storyline export $(DEMO_OUT) --format md
	$(BIN)/storyline export $(DEMO_OUT) --format html
	$(BIN)/storyline timeline $(DEMO_OUT)
	$(BIN)/storyline timeline $(DEMO_OUT) --summary --dates 5 --per-date 2

test: install system-deps
	STORYLINE_SHARED=$(SHARED) $(BIN)/pytest -q

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf build .pytest_cache
