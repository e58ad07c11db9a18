//go:build unix

package sweep

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/giversgain/giversgain/internal/shard"
)

// TestNoWritesThroughPlantedLinks: the files a sweep creates inside -out
// (its checkpoint, the checkpoint's lock, the parts folder) are never
// written through a symbolic link the tool did not create. Before the
// fix, a checkpoint link truncated and overwrote its target.
func TestNoWritesThroughPlantedLinks(t *testing.T) {
	p := plan(t, tiny)
	for _, c := range []struct {
		what  string
		shard shard.Shard
		link  func(dir string) string // where the link is planted
	}{
		{"checkpoint", shard.All, func(dir string) string { return checkpointPath(dir, p.Name, shard.All) }},
		{"lock", shard.All, func(dir string) string { return checkpointPath(dir, p.Name, shard.All) + ".lock" }},
		{"parts folder", shard.Shard{Index: 0, Count: 2}, func(dir string) string { return partsDir(dir, p.Name) }},
		{"shard checkpoint", shard.Shard{Index: 1, Count: 2}, func(dir string) string {
			os.MkdirAll(partsDir(dir, p.Name), 0o755)
			return checkpointPath(dir, p.Name, shard.Shard{Index: 1, Count: 2})
		}},
	} {
		t.Run(c.what, func(t *testing.T) {
			dir := t.TempDir()
			elsewhere := t.TempDir()
			target := filepath.Join(elsewhere, "precious")
			if err := os.WriteFile(target, []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.what == "parts folder" {
				target = elsewhere
			}
			if err := os.Symlink(target, c.link(dir)); err != nil {
				t.Fatal(err)
			}
			_, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1, Shard: c.shard})
			if err == nil || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("Run = %v, want a refusal naming the symbolic link", err)
			}
			if b, _ := os.ReadFile(filepath.Join(elsewhere, "precious")); string(b) != "precious" {
				t.Errorf("the link's target was overwritten: %q", b)
			}
			if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
				t.Errorf("files written through the link: %d entries in its target folder", len(entries))
			}
		})
	}
}

// TestOutLinkFollowed: a -out folder that is itself a link, made by the
// user, is followed.
func TestOutLinkFollowed(t *testing.T) {
	p := plan(t, tiny)
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "out")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), p, Options{Dir: link, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(real, p.Name, "points.csv")); err != nil {
		t.Errorf("results not written into the linked folder: %v", err)
	}
}

// TestNoBlockingOnPlantedFIFOs: a FIFO planted at a sweep's checkpoint or
// lock is refused at once, neither opened for a blocking read nor written.
func TestNoBlockingOnPlantedFIFOs(t *testing.T) {
	p := plan(t, tiny)
	for _, at := range []string{"checkpoint", "lock"} {
		dir := t.TempDir()
		path := checkpointPath(dir, p.Name, shard.All)
		if at == "lock" {
			path += ".lock"
		}
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "named pipe") {
				t.Errorf("%s: Run = %v, want a refusal naming the FIFO", at, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Run blocked on a FIFO", at)
		}
	}
}

// TestTaskFileLinesBounded: a part's lines are read only up to their
// limit: a record longer than its values can be is refused without
// reading it whole, and readLine never holds more than its limit.
func TestTaskFileLinesBounded(t *testing.T) {
	p := plan(t, tiny)
	dir := t.TempDir()
	res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 2, Shard: shard.Shard{Index: 0, Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(res.Stats.Out)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(b), "\n")
	bad := filepath.Join(t.TempDir(), "part-00000-of-00002")
	if err := os.WriteFile(bad, []byte(header+"\n0,"+strings.Repeat("1", 1<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readTaskFile(bad, false); err == nil || !strings.Contains(err.Error(), ":2: longer than a record of") {
		t.Errorf("a 1 MiB record: %v", err)
	}
	for _, c := range []struct {
		in    string
		limit int
		want  string
		err   error
	}{
		{"ab\ncd", 10, "ab\n", nil}, {"abcdef\n", 4, "", errLineTooLong}, {"abc", 10, "abc", io.EOF},
		{strings.Repeat("x", 200_000) + "\n", 200_001, strings.Repeat("x", 200_000) + "\n", nil},
		{strings.Repeat("x", 200_000) + "\n", 100_000, "", errLineTooLong},
	} {
		got, err := readLine(bufio.NewReaderSize(strings.NewReader(c.in), 16), c.limit)
		if string(got) != c.want || !errors.Is(err, c.err) {
			t.Errorf("readLine(%.10q, %d) = %.10q, %v; want %.10q, %v", c.in, c.limit, got, err, c.want, c.err)
		}
	}
}
