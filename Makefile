# Everyday targets. `make test` is exactly what CI runs (.ci/run).
GO      ?= go
FUZZTIME ?= 30s
PY313   ?= PYENV_VERSION=3.13.0 python3
# Scratch folder for the reference implementations (node-semver,
# ae-cvss-calculator); never inside the repository.
NPMREF  ?= /tmp/patchline-npmref

.PHONY: example all build test ci bench bench-ref fuzz goldens corpora npmref vet fmt

all: build test

# The README's quick start: the Invenio example, offline on the snapshot.
example:
	cd testdata/invenio && $(GO) run ../../cmd/patchline --as-of 2024-06-30 analyze reports/unsafe-html.yaml

build:
	$(GO) build -o bin/patchline ./cmd/patchline

test:
	$(GO) test -race ./...

ci:
	bash .ci/run

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Run every fuzz target for FUZZTIME each (go test allows one target per run).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Rewrite golden files and expected CLI output after an intended change.
# Only the packages that define -update get it: go test rejects an unknown flag.
GOLDEN_PKGS = ./cmd/patchline ./osv ./advisory/lint ./analyzer/policy ./analyzer/report
goldens:
	$(GO) test $(GOLDEN_PKGS) -update

# Install the reference implementations used to generate the corpora.
npmref:
	mkdir -p $(NPMREF) && cd $(NPMREF) && npm init -y >/dev/null && npm install --no-save semver@7 ae-cvss-calculator@1.0.13

# Regenerate the conformance corpora from the reference implementations:
# Python packaging >= 24 (pip's vendored copy in Python 3.13), node-semver 7
# and ae-cvss-calculator.
corpora: npmref
	cd ecosystem/pep440/testdata && $(PY313) gen_corpus.py
	cd ecosystem/npmsemver/testdata && NODE_PATH=$(NPMREF)/node_modules node gen_corpus.js
	NODE_PATH=$(NPMREF)/node_modules node severity/testdata/gen_cvss_corpus.js severity/testdata

# The reference implementations' speed on the same cells as our benchmarks.
bench-ref: npmref
	cd ecosystem/pep440/testdata && $(PY313) bench_packaging.py
	cd ecosystem/npmsemver/testdata && NODE_PATH=$(NPMREF)/node_modules node bench_semver.js
