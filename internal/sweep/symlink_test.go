//go:build unix

package sweep

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
