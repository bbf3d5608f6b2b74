# dateline — two commands on a fresh machine:
#   make demo   install into .venv and read the bundled examples
#   make test   install with dev dependencies and run the test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: demo test install install-dev bench clean schema

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(STAMP_DEV): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP_DEV)

install: $(STAMP)
install-dev: $(STAMP_DEV)

DEMO_DB ?= demo.db

demo: $(STAMP)
	$(BIN)/dateline read examples/
	@echo
	@echo "== Ingesting examples/ into $(DEMO_DB) (a SQLite knowledge base)"
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/dateline ingest examples/ --db $(DEMO_DB)
	$(BIN)/dateline stats --db $(DEMO_DB)
	$(BIN)/dateline people --db $(DEMO_DB)
	$(BIN)/dateline quotes --speaker Okonkwo --limit 4 --db $(DEMO_DB)
	$(BIN)/dateline timeline Okonkwo --db $(DEMO_DB)
	@echo
	@echo "Browse it: $(BIN)/dateline serve --db $(DEMO_DB)   (then open http://127.0.0.1:8000)"

test: $(STAMP_DEV)
	$(BIN)/python -m pytest -q

schema: $(STAMP)
	$(BIN)/python -m dateline.model > dateline/data/schema/article.schema.json

clean:
	rm -rf $(VENV) build *.egg-info

bench: $(STAMP_DEV)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/speed_bench.py --n 500 --repeats 3 --with-workers
	$(BIN)/python benchmarks/quotes_bench.py
	$(BIN)/python benchmarks/timex_bench.py
	$(BIN)/python benchmarks/accuracy_check.py
	$(BIN)/python benchmarks/render_results.py
