# The two set-up commands: `make run` (the default preset, charts into
# results/) and `make test` (the whole suite with the race detector).
GO ?= go

.PHONY: run test bench vet fmt build reproduce

build:
	$(GO) build -o bin/sim ./cmd/sim

run: build
	./bin/sim run -config configs/giver-heavy.toml

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# The validation experiments against the reciprocity literature: prints
# experiment | expected | measured | status; exits 1 on a FAIL.
reproduce:
	$(GO) run ./cmd/sim reproduce

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim/

fmt:
	gofmt -l -w .
