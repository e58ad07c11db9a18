package main

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/sweep"
)

// TestExitCode: bad input of every kind (config, sweep file, claim, sweep
// part), wrapped or joined, exits 2; a permission error or any other
// failure exits 1.
func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"config", &config.Error{File: "a.toml", Msg: "bad"}, exitUsage},
		{"joined configs", errors.Join(&config.Error{Msg: "a"}, &config.Error{Msg: "b"}), exitUsage},
		{"sweep file", fmt.Errorf("loading: %w", &sweep.Error{File: "s.toml", Msg: "bad"}), exitUsage},
		{"claim", &claims.Error{Claim: 1, Msg: "bad"}, exitUsage},
		{"merge", &sweep.MergeError{Msg: "part missing"}, exitUsage},
		{"config unreadable", &config.Error{File: "a.toml", Msg: "cannot read", Err: fs.ErrPermission}, exitFailure},
		{"other", errors.New("disk full"), exitFailure},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}
