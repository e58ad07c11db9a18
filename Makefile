# The two set-up commands: `make run` (the default preset, charts into
# results/) and `make test` (the whole suite with the race detector).
GO ?= go

.PHONY: run test bench vet fmt build reproduce numbers

# Rebuilt only when a source, preset or module file changed, so that a
# repeated make run does not pay for linking.
SOURCES := $(shell find . -path ./results -prune -o \( -name '*.go' -o -name '*.toml' -o -name '*.s' \) -print) go.mod go.sum

build: bin/sim

bin/sim: $(SOURCES)
	$(GO) build -o bin/sim ./cmd/sim

run: bin/sim
	./bin/sim run -config configs/giver-heavy.toml

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# The validation experiments against the reciprocity literature: prints
# experiment | expected | measured | status; exits 1 on a FAIL.
reproduce:
	$(GO) run ./cmd/sim reproduce

# Every published number, regenerated from the engine as it is: the
# README's preset and evolution tables, docs/channels.md, the calibration of
# the BNI presets (exit 1 when a preset's stated values are stale) and the
# showcase charts. Run after every change of the model; commit the result.
numbers:
	$(GO) run ./cmd/numbers

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim/

vet:
	$(GO) vet ./...

fmt:
	gofmt -l -w .
