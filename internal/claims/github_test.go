package claims

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	} {
		if got := escapeData(c.in); got != c.data {
			t.Errorf("escapeData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := escapeProperty(c.in); got != c.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}

func TestMDCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a | b", `a \| b`},
		{"x >= 0.5 & y < 1", "x &gt;= 0.5 &amp; y &lt; 1"},
		{"<script>", "&lt;script&gt;"},
		{"one\ntwo\r\nthree", "one<br>two<br>three"},
	} {
		if got := mdCell(c.in); got != c.want {
			t.Errorf("mdCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAnnotateGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Annotate(&b, "configs/sweeps/ci-smoke.toml", outcomes()); err != nil {
		t.Fatal(err)
	}
	golden(t, "annotations.txt", b.Bytes())
	// One line per failed claim, each a single workflow command.
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per failed claim (2):\n%s", len(lines), b.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error ") || strings.Count(l, "::") != 2 {
			t.Errorf("not one ::error command: %q", l)
		}
	}
	if !strings.HasPrefix(lines[0], "::error file=configs/sweeps/ci-smoke.toml,line=37,title=Claim failed%3A Takers") {
		t.Errorf("first annotation: %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "::error file=configs/sweeps/ci-smoke.toml,title=") {
		t.Errorf("a claim with no known line gets no line=: %q", lines[1])
	}
}

func TestSummaryGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Summary(&b, "ci-smoke", outcomes()); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", b.Bytes())
	// Every claim row has exactly the table's three cells.
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| claim") {
			if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != 4 {
				t.Errorf("row with %d unescaped pipes, want 4: %q", n, l)
			}
		}
	}
}

// GitHub reads the environment only through getenv.
func TestGitHub(t *testing.T) {
	dir := t.TempDir()
	summary := filepath.Join(dir, "step_summary.md")
	file := filepath.Join(dir, "sweeps", "mine.toml")
	for _, c := range []struct {
		name        string
		env         map[string]string
		outs        []Outcome
		annotations []string // substrings of what goes to w, in order; nil: nothing
		summary     bool     // whether a table is appended
	}{
		{name: "no CI", outs: outcomes()},
		{name: "not actions", env: map[string]string{"GITHUB_ACTIONS": "false", "CI": "true"}, outs: outcomes()},
		{name: "annotations", env: map[string]string{"GITHUB_ACTIONS": "true"}, outs: outcomes(),
			annotations: []string{"::error file=" + filepath.ToSlash(file) + ",line=37,title=Claim failed%3A Takers", "::error file="}},
		{name: "relative to the workspace", env: map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": dir}, outs: outcomes(),
			annotations: []string{"::error file=sweeps/mine.toml,line=37,", "::error file=sweeps/mine.toml,title="}},
		{name: "summary only", env: map[string]string{"GITHUB_STEP_SUMMARY": summary}, outs: outcomes(), summary: true},
		{name: "both", env: map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}, outs: outcomes(),
			annotations: []string{"::error ", "::error "}, summary: true},
		{name: "all pass", env: map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}, outs: []Outcome{outcomes()[0], outcomes()[2]}, summary: true},
		{name: "no claims", env: map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}},
	} {
		t.Run(c.name, func(t *testing.T) {
			const before = "earlier step's summary\n"
			if err := os.WriteFile(summary, []byte(before), 0o644); err != nil {
				t.Fatal(err)
			}
			var w bytes.Buffer
			if err := GitHub(func(k string) string { return c.env[k] }, &w, "mine", file, c.outs); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
			if w.Len() == 0 {
				lines = nil
			}
			if len(lines) != len(c.annotations) {
				t.Fatalf("%d annotation lines, want %d:\n%s", len(lines), len(c.annotations), w.String())
			}
			for i, want := range c.annotations {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("annotation %d: %q, want prefix %q", i, lines[i], want)
				}
			}
			got, _ := os.ReadFile(summary)
			var table bytes.Buffer
			Summary(&table, "mine", c.outs)
			want := before
			if c.summary {
				want += table.String()
			}
			if string(got) != want {
				t.Errorf("step summary:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	// A summary file that cannot be written is an error.
	err := GitHub(func(k string) string { return map[string]string{"GITHUB_STEP_SUMMARY": dir}[k] }, &bytes.Buffer{}, "mine", "", outcomes())
	if err == nil || !strings.Contains(err.Error(), "GITHUB_STEP_SUMMARY") {
		t.Errorf("err %v, want one naming GITHUB_STEP_SUMMARY", err)
	}
}
