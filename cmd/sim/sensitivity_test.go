package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	studies "github.com/giversgain/giversgain/configs/sensitivity"
)

// studyTiny is a small study: three parameters of a 40-member world over
// a year at most, 4 Sobol' base samples and 2 Morris trajectories, 2
// replicates: 28 points, 56 tasks.
const studyTiny = `name = "tinystudy"
seed = 5
replicates = 2

[base]
rounds = 52
[base.population]
members = 40
chapter_size = 20

[[parameters]]
path = "referrals.refer_cost"
from = 5.0
to = 100.0
scale = "log"
source = "assumption: a test range"

[[parameters]]
path = "population.mix.taker"
label = "takers' share"
from = 0.1
to = 0.5
source = "assumption"

[[parameters]]
path = "rounds"
from = 26
to = 52
source = "assumption"

[sobol]
n = 4

[morris]
trajectories = 2

[bootstrap]
resamples = 50

[[claims]]
name = "the horizon matters"
index = "ST"
output = "gap"
parameter = "rounds"
top = 3
`

// wallTime masks what changes between identical runs: the wall time, the
// rate and the temporary folder.
var wallTime = regexp.MustCompile(`in [0-9.]+(ms|s|m[0-9.]+s), [0-9.]+ tasks/s`)

func TestSensitivityGoldenStdout(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "sensitivity", "-config", writeSweep(t, studyTiny), "-out", out, "-workers", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	got := wallTime.ReplaceAllString(strings.ReplaceAll(stdout, out, "OUT"), "in TIME")
	path := filepath.Join("testdata", "sensitivity.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := string(read(t, path)); got != want {
		t.Errorf("sim sensitivity output differs from %s (run with -update if intended):\ngot:\n%s", path, got)
	}
}

// sim sensitivity -shard, then sim merge -config, gives the unsharded
// folder byte for byte, and the same report.
func TestSensitivityShardsMergeByteIdentical(t *testing.T) {
	file := writeSweep(t, studyTiny)
	whole := t.TempDir()
	code, stdoutWhole, stderr := runCLI(t, "sensitivity", "-config", file, "-out", whole, "-workers", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	out := t.TempDir()
	for _, s := range []string{"0/2", "1/2"} {
		if code, stdout, stderr := runCLI(t, "sensitivity", "-config", file, "-out", out, "-shard", s, "-quiet"); code != 0 {
			t.Fatalf("shard %s: exit %d\n%s\n%s", s, code, stdout, stderr)
		}
	}
	junit := filepath.Join(t.TempDir(), "claims.xml")
	code, stdout, stderr := runCLI(t, "merge", "-config", file, "-out", out, "-junit", junit)
	if code != 0 {
		t.Fatalf("merge: exit %d\n%s\n%s", code, stdout, stderr)
	}
	a, b := sweepFiles(t, filepath.Join(whole, "tinystudy")), sweepFiles(t, filepath.Join(out, "tinystudy"))
	if len(a) != len(b) || len(a) < 10 {
		t.Errorf("%d files unsharded, %d merged", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between the unsharded and the merged study", name)
		}
	}
	// The study's page shows its summary sentence, its claim and both
	// charts inline, and is merged byte for byte with the rest.
	var sum struct{ Sentence string }
	if err := json.Unmarshal(a["summary.json"], &sum); err != nil || sum.Sentence == "" {
		t.Fatalf("summary.json: %v %q", err, sum.Sentence)
	}
	page := string(a["report.html"])
	for _, want := range []string{html.EscapeString(sum.Sentence), `id="indices"`, `id="ahead"`, "the horizon matters", "sim sensitivity -config"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// A study's words are English, so its page stays English under a
	// German merge rather than mixing the two.
	de := t.TempDir()
	if code, _, stderr := runCLI(t, "merge", "-out", de, "-lang", "de", "-quiet", filepath.Join(out, "tinystudy.parts")); code != 0 {
		t.Fatalf("merge -lang de: exit %d\n%s", code, stderr)
	}
	if p := string(read(t, filepath.Join(de, "tinystudy", "report.html"))); !strings.Contains(p, `<html lang="en"`) || strings.Contains(p, "So liest man es") {
		t.Error("a study's page merged with -lang de is not English throughout")
	}
	// The report after the merge is the unsharded one's, but for the
	// first line.
	tail := func(s string) string { return s[strings.Index(s, "\n"):] }
	if tail(stdout) != tail(stdoutWhole) {
		t.Errorf("merge report:\n%s\nunsharded:\n%s", stdout, stdoutWhole)
	}
	if x := string(read(t, junit)); !strings.Contains(x, `name="the horizon matters"`) || strings.Contains(x, "<failure") {
		t.Errorf("JUnit report:\n%s", x)
	}
}

func TestSensitivityBadInputExits2(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown path", []string{"-config", writeSweep(t, strings.Replace(studyTiny, `"referrals.refer_cost"`, `"referrals.refer_cots"`, 1))},
			"sweep.toml:12:1: parameters[0].path: unknown parameter path \"referrals.refer_cots\""},
		{"out of range", []string{"-config", writeSweep(t, strings.Replace(studyTiny, "to = 0.5", "to = 1.5", 1))},
			"sweep.toml:22:1: parameters[1].to: expected a share in [0, 1], found 1.5\n    22 | to = 1.5\n       | ^"},
		{"no such study", []string{"-config", "nowhere"}, `unknown study "nowhere"; built-in studies: `},
		{"no config", nil, "-config FILE is required"},
		{"bad shard", []string{"-config", "sensitivity-smoke", "-shard", "2/2"}, "shard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"sensitivity", "-out", t.TempDir()}, c.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2\n%s\n%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, stderr)
			}
		})
	}
}

// Every built-in study decodes, with a source for every range.
func TestBuiltInStudies(t *testing.T) {
	names := studies.Names()
	if len(names) < 2 {
		t.Fatalf("built-in studies: %v", names)
	}
	for _, n := range names {
		st, err := loadStudy(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		for _, p := range st.Spec.Params {
			if p.Source == "" {
				t.Errorf("%s: %s has no source", n, p.Path)
			}
		}
	}
	st, err := loadStudy("where-giving-pays")
	if err != nil {
		t.Fatal(err)
	}
	// The showcase varies what the issue asks for, the two costs apart.
	for _, p := range []string{"referrals.refer_cost", "referrals.help_cost", "referrals.value_scale", "referrals.opportunities",
		"referrals.visibility", "trust.gratitude", "close.trust_weight", "trust.half_life", "population.mix.taker",
		"strategies.giver.discernment", "rounds"} {
		if st.Spec.ParamIndex(p) < 0 {
			t.Errorf("where-giving-pays does not vary %s", p)
		}
	}
	if st.Spec.Sobol == nil || st.Spec.Morris == nil || len(st.Spec.Params) < 10 {
		t.Errorf("where-giving-pays: %+v", st.Spec)
	}
}
