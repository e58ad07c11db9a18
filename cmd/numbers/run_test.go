package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/docblock"
)

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-only", "presets,nonsense"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), `unknown part "nonsense"`) {
		t.Errorf("exit %d, stderr %q; want 2 naming the part", code, errb.String())
	}
}

// TestDescribe: the preset table's "what it models" is the first sentence
// of the preset's comment, without its name.
func TestDescribe(t *testing.T) {
	for name, want := range map[string]string{
		"bni-chapter":     "one BNI chapter of 30, seated as BNI seats it, over ten years",
		"taker-heavy":     "takers are the majority",
		"evolution-churn": "Long-run evolution by churn: the members who gain least leave, and newcomers join with the ways of networking that visibly pay",
	} {
		if got := describe(name); got != want {
			t.Errorf("describe(%s) = %q, want %q", name, got, want)
		}
	}
}

// TestRewrite: a document's generated blocks are replaced and the rest
// kept; a missing block is an error naming it.
func TestRewrite(t *testing.T) {
	root := t.TempDir()
	doc := "# t\n<!-- generated: a -->\nold\n<!-- end: a -->\nprose\n"
	if err := os.WriteFile(filepath.Join(root, "d.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	g := &regen{root: root, log: &bytes.Buffer{}}
	if err := g.rewrite("d.md", map[string]string{"a": "new\n"}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(root, "d.md"))
	if want := "# t\n<!-- generated: a -->\nnew\n<!-- end: a -->\nprose\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := g.rewrite("d.md", map[string]string{"b": "x\n"}); err == nil || !strings.Contains(err.Error(), `no block "b"`) {
		t.Errorf("a missing block: %v", err)
	}
}

// TestDocumentsHoldTheirBlocks: every generated block a step writes has
// its markers in the document the step rewrites, so that make numbers
// never fails late on a block moved to another file.
func TestDocumentsHoldTheirBlocks(t *testing.T) {
	names := map[string][]string{
		"presets":       {"presets", "evolution"},
		"validation":    {"validation", "validation-notes"},
		"decomposition": {"decomposition"},
		"sensitivity":   {"sensitivity"},
	}
	for _, p := range channelPresets {
		names["channels"] = append(names["channels"], "channels-"+p)
	}
	for step, file := range blockFiles {
		doc, err := os.ReadFile(filepath.Join("..", "..", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range names[step] {
			if _, err := docblock.Replace(doc, b, "x\n"); err != nil {
				t.Errorf("%s (step %s): %v", file, step, err)
			}
		}
	}
	readme, _ := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if strings.Contains(string(readme), "<!-- generated: validation -->") {
		t.Error("README.md still holds a validation block that no step rewrites")
	}
}
