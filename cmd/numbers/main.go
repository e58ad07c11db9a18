// Command numbers regenerates every published number of giversgain from
// the engine as it is: the preset verdicts and evolution shares in the
// README, the channel tables of docs/channels.md, the calibration of the
// BNI presets (checked against the values the presets state), the
// validation table (docs/reproduce.md), the showcase charts
// in results/showcase/ and the where-giving-pays sensitivity study (its
// charts and the README's table of its indices: the longest step (the
// whole took 13 minutes on 2 idle cores), or taken from a
// finished run with -study-results DIR). Run it
// (make numbers) after every change of the model, and commit what it
// rewrites.
//
//	go run ./cmd/numbers [-root DIR] [-only presets,channels,calibration,validation,showcase,sensitivity] [-workers N] [-study-results DIR]
//
// It rewrites only the generated blocks of the documents (between
// "<!-- generated: NAME -->" and "<!-- end: NAME -->"); prose that quotes a
// number must be checked by hand against what it prints.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
