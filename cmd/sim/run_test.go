package main

import (
	"errors"
	"fmt"
	"image/gif"
	"io/fs"
	"os"
	"path/filepath"
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

// TestGIF: -formats gif writes the income race beside the other files,
// at slide size, and no static chart when no static format is asked for.
func TestGIF(t *testing.T) {
	if raceEnabled {
		t.Skip("rasterising 8 slides is minutes under the race detector; internal/anim tests the GIF under it at thumbnail size")
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", out, "-config", writeConfig(t, tiny), "-rounds", "8", "-formats", "gif"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(out, "tiny", "income.gif"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 8 || g.Config.Width != 1920 || g.Config.Height != 1080 {
		t.Errorf("%d frames of %dx%d, want one per week (8) at 1920x1080", len(g.Image), g.Config.Width, g.Config.Height)
	}
	if _, err := os.Stat(filepath.Join(out, "tiny", "income.png")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("-formats gif wrote income.png too (%v)", err)
	}
}
