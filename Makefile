# marsad: common tasks. `make help` lists them.
# Everything runs from the project's own virtual environment (.venv), which `setup`
# creates when it is missing; nothing needs to be installed by hand besides python3.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= marsad-demo.sqlite
SAMPLES := marsad/data/samples
SCHEMA_FILE := schema/marsad.article-1.schema.json
# Re-install only when the package's requirements change.
STAMP := $(VENV)/.marsad-installed

.PHONY: help setup demo test schema

help:
	@echo "make setup   create $(VENV) (if missing) and install marsad with its test tools"
	@echo "make demo    ingest the sample reports into a fresh $(DEMO_DB) and list their events"
	@echo "make test    run the test suite"
	@echo "make schema  regenerate $(SCHEMA_FILE) from marsad.schema"

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB)
	$(BIN)/marsad ingest $(SAMPLES) --db $(DEMO_DB)
	$(BIN)/marsad events --db $(DEMO_DB) --format table

test: setup
	$(BIN)/pytest

schema: setup
	$(BIN)/marsad schema --output $(SCHEMA_FILE)
