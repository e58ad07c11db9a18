package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShardedThenMergedEqualsUnsharded(t *testing.T) {
	path := writeSweep(t, sweepTiny)
	whole := t.TempDir()
	if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", whole, "-quiet"); code != 0 {
		t.Fatalf("unsharded: exit %d: %s", code, stderr)
	}
	want := sweepFiles(t, filepath.Join(whole, "tinysweep"))
	for _, n := range []int{2, 3} {
		parts := t.TempDir()
		for i := range n {
			if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", parts, "-quiet", "-workers", fmt.Sprint(1+i%2), "-shard", fmt.Sprintf("%d/%d", i, n)); code != 0 {
				t.Fatalf("shard %d/%d: exit %d: %s", i, n, code, stderr)
			}
		}
		merged := t.TempDir()
		code, stdout, stderr := runCLI(t, "merge", "-out", merged, filepath.Join(parts, "tinysweep.parts"))
		if code != 0 {
			t.Fatalf("merge of %d: exit %d: %s", n, code, stderr)
		}
		if !strings.Contains(stdout, fmt.Sprintf("merged %d parts, 12 tasks", n)) || !strings.Contains(stdout, "PASS  givers pass on referrals") {
			t.Errorf("merge stdout:\n%s", stdout)
		}
		got := sweepFiles(t, filepath.Join(merged, "tinysweep"))
		if len(got) != len(want) {
			t.Fatalf("%d shards: files %d, want %d", n, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(b, got[name]) {
				t.Errorf("%d shards: %s differs from the unsharded sweep's", n, name)
			}
		}
	}
}

func TestMergeBadInputExits2(t *testing.T) {
	path := writeSweep(t, sweepTiny)
	parts := t.TempDir()
	for i := range 3 {
		if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", parts, "-quiet", "-shard", fmt.Sprintf("%d/3", i)); code != 0 {
			t.Fatalf("shard %d: %s", i, stderr)
		}
	}
	p := func(i int) string {
		return filepath.Join(parts, "tinysweep.parts", fmt.Sprintf("part-%05d-of-00003", i))
	}
	junk := filepath.Join(t.TempDir(), "junk")
	os.WriteFile(junk, []byte("hello\n"), 0o644)
	// Part 2 with shards = 0: it used to panic (a division by zero).
	edited := filepath.Join(t.TempDir(), "part-00002-of-00003")
	os.WriteFile(edited, []byte(strings.Replace(string(read(t, p(2))), `"shards":3`, `"shards":0`, 1)), 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"missing", []string{p(0), p(2)}, "1 of 3 parts missing: part-00001-of-00003"},
		{"duplicate", []string{p(0), p(1), p(2), p(1)}, "shard 1/3 given twice"},
		{"junk", []string{p(0), junk}, "not a giversgain sweep task file"},
		{"no parts", nil, "give the part files"},
		{"absent", []string{filepath.Join(parts, "nothing")}, "no such file"},
		{"edited", []string{p(0), p(1), edited}, edited + ": the header gives 0 shards"},
	} {
		code, _, stderr := runCLI(t, append([]string{"merge", "-out", t.TempDir()}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.name, code, stderr, c.want)
		}
	}
}

// TestMergeByConfig: -config finds DIR/<name>.parts, so a script that
// knows only the sweep (a file or a built-in name) can merge it.
func TestMergeByConfig(t *testing.T) {
	path := writeSweep(t, sweepTiny)
	dir := t.TempDir()
	for i := range 2 {
		if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", dir, "-quiet", "-shard", fmt.Sprintf("%d/2", i)); code != 0 {
			t.Fatalf("shard %d: %s", i, stderr)
		}
	}
	code, stdout, stderr := runCLI(t, "merge", "-out", dir, "-config", path)
	if code != 0 || !strings.Contains(stdout, "merged 2 parts, 12 tasks") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "tinysweep", "points.csv")); err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-config", path, filepath.Join(dir, "tinysweep.parts")}, "either -config FILE or the part files"},
		{[]string{"-config", "no-such-sweep"}, "no-such-sweep: no such file, and unknown sweep"},
		{[]string{"-config", "ci-smoke"}, "ci-smoke.parts: no such file"},
		// The parts of seed 11 are not this sweep file's (seed 12): their
		// config hash was compared only among themselves.
		{[]string{"-config", writeSweep(t, strings.Replace(sweepTiny, "seed = 11", "seed = 12", 1))}, "the parts were written for another config (or version) of tinysweep"},
		{[]string{"-max-memory", "1KiB", "-config", path}, "needs about"},
	} {
		code, _, stderr := runCLI(t, append([]string{"merge", "-out", dir}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
