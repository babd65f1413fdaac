# Two commands set everything up (see README):  make brief   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= samples/nordkorea-truppen.txt

$(BIN)/summarise: pyproject.toml constraints-cpu.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints-cpu.txt -e .
	touch $@

# The test extras (Ray, Playwright, eflomal, ruff...) only for those who test: `make brief` does without.
$(VENV)/.test-extras: $(BIN)/summarise
	$(BIN)/pip install -q -c constraints-cpu.txt -e '.[test]'
	touch $@

# The suite on every core (pytest-xdist), at most 4 workers; a module stays on one worker, so its
# shared fixtures (a Ray instance, a server, a browser) start once; the longest modules go first
# (tests/conftest.py, HEAVY_FIRST). PYTEST_PARALLEL= runs it serially.
PYTEST_PARALLEL ?= -n auto --maxprocesses 4 --dist loadscope --no-loadscope-reorder

.PHONY: install install-test brief test lint bench
install: $(BIN)/summarise
install-test: $(VENV)/.test-extras

brief: install
	$(BIN)/summarise brief $(SAMPLE) --format markdown

test: install-test
	$(BIN)/ruff check summarise tests bench tools
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

bench: install-test
	for b in bench/*.py; do $(BIN)/python $$b --quick || exit 1; done
