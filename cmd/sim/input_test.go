//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUnboundedInputRefused: config, sweep and part files are read only
// from regular files and only up to a limit. sim validate /dev/zero and
// sim merge -out o /dev/zero read until memory ran out; a FIFO as the
// config blocked forever, deaf to SIGINT and SIGTERM.
func TestUnboundedInputRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.toml")
	if err := os.WriteFile(huge, []byte("# "+strings.Repeat("x", 2<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, c := range []struct {
		what string
		args []string
		want string
	}{
		{"validate /dev/zero", []string{"validate", "/dev/zero"}, "a character device"},
		{"validate a FIFO", []string{"validate", fifo}, "a named pipe (FIFO)"},
		{"run a FIFO", []string{"run", "-config", fifo, "-out", out}, "a named pipe (FIFO)"},
		{"validate 2 MiB", []string{"validate", huge}, "more than 1 MiB"},
		{"sweep a FIFO", []string{"sweep", "-config", fifo, "-out", out}, "a named pipe (FIFO)"},
		{"sweep /dev/zero", []string{"sweep", "-config", "/dev/zero", "-out", out}, "a character device"},
		{"merge /dev/zero", []string{"merge", "-out", out, "/dev/zero"}, "a character device"},
		{"merge a FIFO", []string{"merge", "-out", out, fifo}, "a named pipe (FIFO)"},
		{"reproduce from a folder of FIFOs", []string{"reproduce", "-dir", dir, "-only", "1"}, "not a regular file"},
	} {
		if c.what == "reproduce from a folder of FIFOs" {
			if err := syscall.Mkfifo(filepath.Join(dir, "1-indirect-reciprocity.toml"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		start := time.Now()
		code, _, stderr := runCLI(t, c.args...)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", c.what, d)
		}
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.what, code, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("refused input left %d entries in -out", len(entries))
	}
}
