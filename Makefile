# People need two commands: `make serve` and `make test`. The rest are the
# steps those are made of, and the same steps CI calls (.gitlab-ci.yml, .ci/run).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
READY  := $(VENV)/.ready
RUN    := $(PY) -m samverkan

NODE_READY := node_modules/.ready

# The site generator for one run: `make build ENGINE=properdocs` (a
# maintained MkDocs 1.x fork). Empty means the default, which is set in one
# place, DEFAULT_ENGINE in scripts/samverkan/publish/engine.py (README: Motorer och stöd).
ENGINE ?=
export SAMVERKAN_MOTOR = $(ENGINE)

.PHONY: serve build check render schemas cms ny-utredning test test-fast lint intranet smoke bench lighthouse search-report lock clean

# The virtual environment is made from the lock file alone, hashes checked,
# so a fresh machine with only python3 and make gets exactly what CI gets.
# The .pth file puts scripts/ on the path, so our package needs no build step.
$(READY): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'samverkan.pth').write_text(str(pathlib.Path('scripts').resolve()) + '\n')"
	touch $@

# Browser-side test tools (axe-core, vnu-jar, lighthouse) from package-lock.json,
# integrity-checked. Scripts are not run: vnu-jar's would download a Java.
# Without npm the browser tests are skipped, and this says how to get it.
$(NODE_READY): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else \
	    echo "npm saknas, så webbläsartesterna hoppas över. Installera: sudo apt-get install npm"; \
	fi

serve: $(READY)  ## live preview at http://127.0.0.1:8000 (UTKAST=1: drafts too, marked "[Utkast]")
	$(RUN) serve $(if $(filter 1 ja true,$(UTKAST)),--utkast)

# PUBLICERING=ja: for the live site. Content that may not be published yet
# (no accessibility contact) is then an error, not an editors' banner.
PUBLISHING = $(if $(filter 1 ja true,$(PUBLICERING)),--publicering)

build: $(READY)  ## validate, render, mkdocs build --strict into site/ and index it for search (ENGINE=properdocs: ProperDocs; PUBLICERING=ja: the live site's build)
	$(RUN) build $(PUBLISHING)

check: $(READY)  ## validate content/ only; REPORT=file also writes a GitLab code quality report; PUBLICERING=ja: may it be published?
	$(RUN) check $(if $(REPORT),--rapport $(REPORT)) $(PUBLISHING)

render: $(READY)  ## validate and render content/ into docs/
	$(RUN) render

schemas: $(READY)  ## regenerate schemas/ from the content model
	$(RUN) schemas

ny-utredning: $(READY)  ## ID=… TITEL="…": a new investigation's files, as a draft
	$(RUN) ny-utredning --id "$(ID)" --titel "$(TITEL)"

# JUNIT=file also writes a JUnit report, which GitLab shows in its test view.
cms: $(READY)  ## regenerate the browser editor's configuration (redaktor/) from the content model
	$(RUN) cms

test: lint $(NODE_READY)  ## lint, then the whole test suite
	$(PY) -m pytest $(if $(JUNIT),--junitxml=$(JUNIT))

intranet: build  ## site/ served by the intranet's nginx configuration on http://127.0.0.1:8080 (Ctrl-C stops)
	$(PY) -m harness.nginx --port 8080

# No build here: CI's smoke job checks the build job's site/, as it will be published.
smoke: $(READY)  ## the built site/ behind the shipped nginx config: every page and the editor's login in Chromium
	$(PY) -m harness.smoke site

test-fast: lint  ## everything but the browser and the slow tests, for quick feedback
	$(PY) -m pytest -m "not browser and not slow" -q

lint: $(READY)  ## ruff, with the rules in pyproject.toml
	$(VENV)/bin/ruff check scripts tests

bench: $(READY) $(NODE_READY)  ## build cost and the reader's bytes at N = 1, 10, 100, 500 (table + bench-results.json)
	$(PY) scripts/bench.py

lighthouse: $(READY) $(NODE_READY)  ## Lighthouse scores of two pages (a benchmark, not a test)
	$(RUN) build
	$(PY) scripts/lighthouse.py

search-report: $(READY) $(NODE_READY)  ## recall and bytes of the first query, the old search (recorded) against Pagefind
	$(PY) scripts/search_report.py

# Regenerates requirements.lock from pyproject.toml, and the separate lock of
# the Zensical comparison (tests/test_zensical.py installs it into its own
# venv). uv is a maintainer's tool only, kept in its own environment so it
# never enters the lock.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet "uv==0.13.9"
	.venv-lock/bin/uv pip compile pyproject.toml --extra test --generate-hashes \
	    --python-version 3.11 --universal --quiet -o requirements.lock
	.venv-lock/bin/uv pip compile tests/zensical/requirements.in --generate-hashes \
	    --python-version 3.11 --universal --quiet -o tests/zensical/requirements.lock

# Removes everything the Makefile, the build and the tests make, and nothing
# that is tracked: `git status` is clean afterwards. Generated pages in docs/
# are found through docs/.generated.json; plain python3 can read it.
clean:
	PYTHONPATH=scripts $(PYTHON) -m samverkan clean
	rm -rf $(VENV) .venv-lock .venv-zensical .venv-properdocs node_modules site redaktor/.generated .pytest_cache .hypothesis .ruff_cache .build.lock .build-* bench-results.json
	find scripts tests -name __pycache__ -type d -prune -exec rm -rf {} +
