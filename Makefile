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
DATASETS ?= ../shared/datasets

DEMO_PORT ?= 8000

.PHONY: help setup demo serve test schema bench bench-ner bench-geo train-ner

help:
	@echo "make setup   create $(VENV) (if missing) and install marsad with its test tools"
	@echo "make demo    ingest the sample reports into a fresh $(DEMO_DB) and list their events"
	@echo "make serve   the demo store on the web desk: map, timeline, API (http://127.0.0.1:$(DEMO_PORT)/)"
	@echo "make test    run the test suite (SQLite and PostgreSQL stores, browser tests in Chromium)"
	@echo "make schema  regenerate $(SCHEMA_FILE) from marsad.schema"
	@echo "make train-ner  retrain the shipped entity model from $(DATASETS) (about 10 min, 2 cores)"
	@echo "make bench   articles/s per core, memory per worker, 1 vs 2 workers, vs BERT-base (installs 'bench')"
	@echo "make bench-geo  ms per place mention and gazetteer memory, bundled vs a country-sized import"
	@echo "make bench-ner  tokens/s of marsad's NER vs a BERT-base tagger (installs the 'bench' extra)"

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

serve: demo
	$(BIN)/marsad serve --db $(DEMO_DB) --port $(DEMO_PORT)

test: setup
	$(BIN)/pytest

schema: setup
	$(BIN)/marsad schema --output $(SCHEMA_FILE)

train-ner: setup
	$(BIN)/marsad train ner --datasets $(DATASETS) --output build/ner --install

BENCH_ARTICLES ?= 2000
BENCH_BERT_SAMPLE ?= 100

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/bench.py --articles $(BENCH_ARTICLES) --bert-sample $(BENCH_BERT_SAMPLE)

bench-geo: setup
	$(BIN)/python scripts/bench_geo.py --villages 25000

bench-ner: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/bench_ner.py --conll $(DATASETS)/anercorp/ANERcorp_camel_recipe_test.txt --threads 1
