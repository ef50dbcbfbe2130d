# The two commands of the README:
#   make site   set up everything and build the site into site/ (strict: any warning fails)
#   make test   set up everything and run the tests
# Both create the virtual environment .venv/ and install the pinned requirements first, and
# install pango (for the PDFs) with apt-get if the machine lacks it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.requirements-installed

# Material 9.8 prints an end-of-life banner on every build (it is maintained until May 2027);
# keep the build output to what contributors must act on.
export NO_MKDOCS_2_WARNING := 1

# The browser tests drive Debian's Chromium; install it when it is missing (sudo unless root).
CHROMIUM := /usr/bin/chromium
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test bench stamp status page clean chromium system-libs

site: system-libs $(READY)
	$(BIN)/mkdocs build --strict
	@echo
	@echo "The site is in site/. Preview it with live reload: make serve  (then open the address it prints)"

# Skips the PDFs and the offline copy; WBL_EXPORTS=1 make serve makes them too (cached).
serve: system-libs $(READY)
	$(BIN)/mkdocs serve

test: system-libs $(READY) chromium
	$(BIN)/python -m pytest

# What the build, the checks, the PDFs and the pages cost on this machine, against their targets
# (about 20 minutes); writes bench/RESULTS.md and bench/results.json. See bench/run.py --help.
bench: system-libs $(READY) chromium
	$(BIN)/python bench/run.py

chromium:
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# make stamp FILE=docs/fi/index.md  (several files: FILE="docs/fi/a.md docs/fi/b.md")
stamp: $(READY)
	@test -n "$(FILE)" || { echo "Say which translation to stamp: make stamp FILE=docs/fi/index.md"; exit 2; }
	PYTHONPATH=hooks $(BIN)/python -m wblbank stamp $(FILE)

# make status            every translation: what is missing or out of date (exit code 1 if anything is)
# make status LANG=et    one language only
status: $(READY)
	@PYTHONPATH=hooks $(BIN)/python -m wblbank status $(if $(filter command line,$(origin LANG)),--lang $(LANG))

# make page FILE=roadmap/new-step.md TITLE="A new step" DESCRIPTION="One sentence: what it is for."
page: $(READY)
	@test -n "$(FILE)" -a -n "$(TITLE)" -a -n "$(DESCRIPTION)" || { echo 'Say where, and give a title and a description: make page FILE=roadmap/new-step.md TITLE="A new step" DESCRIPTION="One sentence."'; exit 2; }
	@PYTHONPATH=hooks $(BIN)/python -m wblbank new-page "$(FILE)" --title "$(TITLE)" --description "$(DESCRIPTION)"

# WeasyPrint (the PDFs) draws text with Debian's pango; install it when this machine lacks it.
system-libs:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpango-1.0.so.0' \
	   || ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0'; then \
		echo "Installing pango for WeasyPrint with apt-get"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0; \
	fi

clean:
	rm -rf site test-artifacts $(VENV)

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)
