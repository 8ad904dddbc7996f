# ketentest — see README.md. Every target installs what it needs itself.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RESULTS := reports/allure-results
REPORT := reports/allure-report
RAPPORT := reports/ketentest-rapport.html
SOURCES := chain_tests mocks tests scenarios bench mutatie rapporttest docs/voorbeelden

.PHONY: install lint test test-served keten rapport rapport-test schermafdrukken chromium mocks mutatie mutatie-per-module mutatie-steekproef validatiematrix clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

lint: install
	$(PY) -m ruff check $(SOURCES)
	$(PY) -m ruff format --check $(SOURCES)
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache

## make test: the harness's own tests and all scenarios offline, then every scenario again against the
## mocks served as separate HTTPS processes (mutual TLS) on 127.0.0.1. Both on WERKERS pytest-xdist workers
## (default 2; WERKERS=0 runs serially in one process; figures in docs/architecture.md).
WERKERS ?= 2
PARALLEL = -n $(WERKERS) --dist worksteal

test: lint
	$(PY) -m pytest --strikte-stapmarkers $(PARALLEL)
	$(MAKE) --no-print-directory test-served
	$(MAKE) --no-print-directory rapport-test

test-served: install
	$(PY) -m pytest scenarios --mocks-starten --strikte-stapmarkers $(PARALLEL) --junitxml=reports/junit-served.xml

## make mutatie: mutation testing (mutmut) of the checks (chain_tests/keten/, standards/ebms.py) and the mocks'
## reliability logic; not part of CI (over two hours on 2 cores). Figures: docs/architecture.md.
## PYTHONDONTWRITEBYTECODE is cleared: every mutant's child imports the ~1 MB mutated modules, and without
## cached bytecode it compiles them anew each time (16 s of a 20 s mutant).
MUTATIE_ENV = KETENTEST_STTR_SCHEMAS=$(abspath ../shared/reference/xsd/sttr-v1.0) \
	KETENTEST_REFERENTIE=$(abspath ../shared/reference) \
	KETENTEST_LVBB_SCHEMAS=$(abspath ../shared/reference/xsd/lvbb-1.3.0-ic) \
	KETENTEST_IMOW_SCHEMAS=$(abspath ../shared/reference/xsd/imow-3.1.0) KETENTEST_GROOT_BYTES=4194304 \
	PYTHONDONTWRITEBYTECODE= PYTEST_PLUGINS=mutatie.volgorde PATH=$(abspath $(VENV))/bin:$$PATH

mutatie: install
	$(MUTATIE_ENV) $(PY) -m mutmut run --max-children 2
	$(PY) -m mutmut results > reports/mutatie.txt; $(PY) mutatie/score.py

## make mutatie-per-module: the same, module by module (smallest first), only the mutants without a result and
## the survivors (retested with the current tests); a stopped run leaves whole modules scored: run it again.
## MODULES="mocks.digikoppeling.postvak chain_tests.keten.regels" limits it to those modules (fnmatch patterns); SAMEN=1 runs
## them in one mutmut run (each run first spends about three minutes on mypy and the clean tests).
## BUDGET=10: a quick first pass, each mutant running only its first 10 s of tests (earlier killers first); its
## survivors are provisional: run again without BUDGET to retest them with every test.
MODULES ?=
SAMEN ?=
BUDGET ?=
mutatie-per-module: install
	$(MUTATIE_ENV) $(PY) mutatie/per_module.py --opnieuw $(if $(SAMEN),--samen) $(if $(BUDGET),--budget $(BUDGET)) $(MODULES)

## make mutatie-steekproef: a seeded, stratified sample of the mutants (AANTAL, default 300), scored with a
## 95 % interval; minutes instead of hours (mutatie/steekproef.py).
AANTAL ?= 300
mutatie-steekproef: install
	$(MUTATIE_ENV) $(PY) mutatie/steekproef.py --aantal $(AANTAL)

## make mocks: serve DSO-LV, the LVBB, the plansoftware and a reference VTH per organisation (profile "lokaal",
## test PKI in reports/pki, schema folders from ../shared/reference when present).
mocks: install
	$(PY) -m mocks pki --map reports/pki --als-nodig
	KETENTEST_LVBB_SCHEMAS=$(abspath ../shared/reference/xsd/lvbb-1.3.0-ic) \
		KETENTEST_IMOW_SCHEMAS=$(abspath ../shared/reference/xsd/imow-3.1.0) $(PY) -m mocks serve alles --omgeving lokaal

## make keten: all iterations against the embedded offline mocks; Allure report + findings workbook.
keten: install
	rm -rf $(RESULTS) $(REPORT) $(RAPPORT) reports/bevindingen reports/bevindingen.xlsx reports/bevindingen.jsonl
	mkdir -p reports
	$(PY) -m pytest scenarios --alluredir=$(RESULTS) --bevindingen=reports/bevindingen.xlsx \
		--junitxml=reports/junit.xml; echo $$? > reports/.pytest-exit
	$(MAKE) --no-print-directory rapport
	@echo ""
	@echo "Allure-resultaten:   $(RESULTS)/"
	@echo "Rapport (één bestand, opent overal): $(RAPPORT)"
	@echo "Allure-rapport (map): $(REPORT)/index.html  (open met: npx allure open $(REPORT))"
	@echo "Bevindingenregister: reports/bevindingen.xlsx"
	@exit $$(cat reports/.pytest-exit)

rapport: node_modules/.installed
	npx --no-install allure generate $(RESULTS) --config allurerc.mjs -o $(REPORT)
	npx --no-install allure generate $(RESULTS) --config allurerc-bestand.mjs -o reports/.rapport-bestand
	$(PY) -m chain_tests.reporting.opschonen $(REPORT)/index.html
	$(PY) -m chain_tests.reporting.opschonen reports/.rapport-bestand/index.html $(RAPPORT)
	rm -rf reports/.rapport-bestand

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## make rapport-test: make keten, then the generated Allure report opened offline in headless Chromium (Debian's
## package, installed when missing; or KETENTEST_CHROMIUM=pad): grouping per iteratie, stap numbers, the
## sequence diagram rendered. A screenshot goes to reports/rapport-schermafdruk.png.
rapport-test: install chromium
	$(MAKE) --no-print-directory keten
	$(PY) -m pytest rapporttest --rapport=$(REPORT) --rapportbestand=$(RAPPORT) --resultaten=$(RESULTS) \
		--schermafdruk=reports/rapport-schermafdruk.png

## make schermafdrukken: the screenshots in docs/afbeeldingen/ (the beheerdersgids shows them) made anew by the
## browser test of the report, from a fresh make keten
schermafdrukken: install chromium
	$(MAKE) --no-print-directory keten
	$(PY) -m pytest rapporttest --rapport=$(REPORT) --rapportbestand=$(RAPPORT) --resultaten=$(RESULTS) \
		--schermafdruk=reports/rapport-schermafdruk.png --schermafdrukken=docs/afbeeldingen

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@[ -n "$$KETENTEST_CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || { \
		echo "Chromium installeren (Debian-pakket chromium) voor de browsertest van het rapport"; \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || { \
			$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }; }

validatiematrix: install  ## docs/validatiematrix.md from the code (a test holds the two equal)
	$(PY) -m chain_tests.standards.matrixdekking

clean:
	rm -rf $(VENV) node_modules reports/allure-results reports/allure-report reports/*.xlsx reports/*.xml
