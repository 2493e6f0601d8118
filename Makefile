# Press-coverage analysis. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := press-analysis
CORPUS ?= seeds
MANIFEST ?=
OUT ?= reports
WORKERS ?=

.DEFAULT_GOAL := help
.PHONY: help env report test test-fast lab bench bench-site bench-more model clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  variables: CORPUS=dir MANIFEST=csv OUT=dir WORKERS=n (for report)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"
	touch $(STAMP)

env: $(STAMP) ## create the .venv environment (done automatically by the other targets)

report: $(STAMP) ## run every notebook on CORPUS (default: seeds) and render HTML into OUT (default: reports/)
	$(PY) -m analysis report --corpus $(CORPUS) --out $(OUT) $(if $(MANIFEST),--manifest $(MANIFEST),) $(if $(WORKERS),--workers $(WORKERS),)

test: $(STAMP) ## run the whole test suite, as CI does (includes end-to-end report runs)
	$(PY) -m pytest

test-fast: $(STAMP) ## the quick tier (about 2 minutes): everything but the tests marked slow
	$(PY) -m pytest -m "not slow" -q

lab: $(STAMP) ## open JupyterLab on the project's environment (as root too: containers often run so)
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(STAMP) ## measure extraction at 1,000-50,000 articles (SIZES=1000,10000 for fewer), a 1.2M-character article, report -> bench/RESULTS.md
	$(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES),)

bench-site: $(STAMP) ## the report site at 400 and 1,000 articles: report/extract, largest page, size per article -> bench/SITE.md
	$(PY) bench/site_bench.py

bench-more: $(STAMP) ## 20,000 one-liners (one event / distinct figures / unrelated), a 200,000-line article, importing 10,000 JSONL and WARC records -> bench/HOSTILE.md, bench/IMPORT.md
	$(PY) bench/hostile.py
	$(PY) bench/import_bench.py | tee bench/IMPORT.md

NER_TRAIN ?= ../shared/corpora/idner-news-2k/train.txt
model: $(STAMP) ## retrain the Indonesian named-entity tagger data/models/id_ner/ from NER_TRAIN (idner-news-2k train.txt; fixed seed, early stopping, CPU, ~15-30 min)
	$(PY) -m analysis.nlp.ner_train $(NER_TRAIN)

clean: ## remove generated reports and cached datasets (keeps .venv)
	rm -rf $(OUT) .cache
