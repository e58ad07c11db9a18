package studyout

import (
	"bytes"
	"context"
	"errors"
	"github.com/giversgain/giversgain/internal/chart"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/internal/study"
	"github.com/giversgain/giversgain/internal/sweep"
)

// tiny is internal/study's small study (a 40-member world over at most
// half a year, 4 Sobol' base samples and 2 Morris trajectories, 2
// replicates: 28 points, 56 tasks) with fewer bootstrap resamples, a
// summary group and a claim.
var tiny = readTiny() + `
[bootstrap]
resamples = 50

[summary]
group = ["referrals.refer_cost"]
label = "the cost of a referral"

[[claims]]
name = "in half a year givers are ahead in under half the settings"
output = "ahead"
index = "ahead"
below = 0.5

[[claims]]
index = "ST"
parameter = "rounds"
top = 3
`

func readTiny() string {
	b, err := os.ReadFile(filepath.Join("..", "study", "testdata", "tiny.toml"))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func load(t *testing.T) (*study.Study, *Writer) {
	t.Helper()
	st, err := study.Decode("tiny.toml", []byte(tiny), nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Plan.Version = "test"
	w := New(st.Spec)
	st.Plan.Extension = w
	return st, w
}

// whole is the unsharded run of tiny, made once for every test that
// compares with it or reads its analysis.
var whole struct {
	once sync.Once
	dir  string // its results folder
	w    *Writer
	err  error
}

func wholeRun(t *testing.T) (string, *Writer) {
	t.Helper()
	whole.once.Do(func() {
		st, w := load(t)
		dir, err := os.MkdirTemp("", "studyout-test-")
		if err != nil {
			whole.err = err
			return
		}
		out, err := sweep.Run(context.Background(), st.Plan, sweep.Options{Dir: dir, Workers: 2})
		if err != nil {
			whole.err = err
			return
		}
		whole.dir, whole.w = out.Stats.Out, w
	})
	if whole.err != nil {
		t.Fatal(whole.err)
	}
	return whole.dir, whole.w
}

func TestMain(m *testing.M) {
	code := m.Run()
	if whole.dir != "" {
		os.RemoveAll(filepath.Dir(whole.dir))
	}
	os.Exit(code)
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func same(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files against %d", what, len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func TestRunWritesTheStudy(t *testing.T) {
	dir, w := wholeRun(t)
	got := files(t, dir)
	for _, name := range []string{IndicesCSV, IndicesParquet, SamplesCSV, SamplesParquet, SummaryJSON, ClaimsTxt, "indices.png", "points.csv", "manifest.json"} {
		if len(got[name]) == 0 {
			t.Errorf("no %s", name)
		}
	}
	if !bytes.Contains(got["manifest.json"], []byte(`"indices.csv"`)) || !bytes.Contains(got["manifest.json"], []byte(`"design": "sobol+morris"`)) {
		t.Errorf("manifest lacks the study's files or design:\n%s", got["manifest.json"])
	}
	// samples.csv: every point in design order, the Sobol' part first.
	lines := strings.Split(strings.TrimSpace(string(got[SamplesCSV])), "\n")
	if lines[0] != "point,design,row,referrals.refer_cost,population.mix.taker,rounds,gap,log_ratio,ahead" {
		t.Errorf("samples.csv header %q", lines[0])
	}
	if len(lines) != 1+28 || !strings.HasPrefix(lines[1], "0,sobol,0,") || !strings.HasPrefix(lines[21], "20,morris,0,") {
		t.Errorf("samples.csv: %d lines; %q, %q", len(lines), lines[1], lines[21])
	}
	r := w.Result
	for _, o := range r.Outputs[:2] {
		if o.Undefined > 0 || o.Sobol == nil || o.Morris == nil || o.PRCC == nil {
			t.Errorf("output %s: undefined %d, notes %v", o.Output.Name, o.Undefined, o.Notes)
		}
	}
	// In half a year givers are ahead nowhere: no variance to apportion,
	// said in a note, and a share of 0.
	if a := r.Output("ahead"); a.Sobol != nil || len(a.Notes) == 0 || a.Ahead == nil || a.Ahead.Value != 0 {
		t.Errorf("ahead: %+v", a)
	}
	// The gap and ahead agree point by point.
	gap, ahead := r.Output("gap"), r.Output("ahead")
	for k := range gap.Y {
		if (gap.Y[k] > 0) != (ahead.Y[k] == 1) {
			t.Errorf("point %d: gap %g, ahead %g", k, gap.Y[k], ahead.Y[k])
		}
	}
	if w.Summary.Ahead == nil || !strings.Contains(w.Summary.Sentence, "the cost of a referral explains") {
		t.Errorf("summary %+v", w.Summary)
	}
	if len(w.Claims) != 2 || w.Claims[0].Claim.Line != 43 || !w.Claims[0].Pass || !w.Claims[1].Pass {
		t.Errorf("claims %+v", w.Claims)
	}
}

// A study sharded three ways and merged gives the unsharded folder, byte
// for byte.
func TestShardedMergeIsByteIdentical(t *testing.T) {
	wholeDir, _ := wholeRun(t)
	parts := t.TempDir()
	var paths []string
	for i := range 3 {
		st, _ := load(t) // each shard from its own decode, as separate processes would
		s := shard.Shard{Index: i, Count: 3}
		out, err := sweep.Run(context.Background(), st.Plan, sweep.Options{Dir: parts, Workers: 1, Shard: s})
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, out.Stats.Out)
	}
	merged := t.TempDir()
	var w *Writer
	// Given out of order, as a shell glob might not.
	if _, err := sweep.MergeWith(context.Background(), []string{paths[2], paths[0], paths[1]}, merged, nil, chart.Options{}, Extender(&w)); err != nil {
		t.Fatal(err)
	}
	if w == nil || w.Result == nil {
		t.Fatal("the merge did not rebuild the study's writer")
	}
	same(t, "merged against unsharded", files(t, wholeDir), files(t, filepath.Join(merged, "tiny")))
	// A plain merge refuses the parts rather than dropping the study's
	// outputs.
	if _, err := sweep.Merge(paths, t.TempDir(), nil, chart.Options{}); err == nil || !strings.Contains(err.Error(), "outputs of their own") {
		t.Errorf("plain merge: %v", err)
	}
}

// An interrupted study resumes without redoing a finished task, and ends
// with the uninterrupted run's bytes.
func TestResumeRedoesNoFinishedTask(t *testing.T) {
	wholeDir, _ := wholeRun(t)
	st, _ := load(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	_, err := sweep.Run(ctx, st.Plan, sweep.Options{Dir: dir, Workers: 1, AfterTask: func(int) {
		done++
		if done == 20 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	st2, _ := load(t)
	ran := map[int]bool{}
	out, err := sweep.Run(context.Background(), st2.Plan, sweep.Options{Dir: dir, Workers: 2, AfterTask: func(task int) { ran[task] = true }})
	if err != nil {
		t.Fatal(err)
	}
	if out.Stats.Resumed != 20 || out.Stats.Ran != 36 || len(ran) != 36 {
		t.Errorf("resumed %d, ran %d (%d distinct), want 20 and 36", out.Stats.Resumed, out.Stats.Ran, len(ran))
	}
	same(t, "resumed against uninterrupted", files(t, wholeDir), files(t, filepath.Join(dir, "tiny")))
}

// Claims pass and fail on the bounds of the intervals.
func TestClaims(t *testing.T) {
	_, w := wholeRun(t)
	r := *w.Result // a copy: the claims below replace its spec's
	spec := *r.Spec
	r.Spec = &spec
	ahead := r.Output("ahead").Ahead
	for _, c := range []struct {
		claim study.Claim
		pass  bool
	}{
		{study.Claim{Output: "ahead", Index: study.IndexAhead, Above: true, Value: ahead.Lo - 0.01}, true},
		{study.Claim{Output: "ahead", Index: study.IndexAhead, Above: true, Value: ahead.Lo}, false},
		{study.Claim{Output: "ahead", Index: study.IndexAhead, Value: ahead.Hi + 0.001}, true},
		{study.Claim{Output: "ahead", Index: study.IndexAhead, Value: ahead.Hi}, false},
		{study.Claim{Output: "log_ratio", Index: study.IndexS1, Param: "rounds", Above: true, Value: 5}, false},
		{study.Claim{Output: "gap", Index: study.IndexST, Param: "rounds", Top: 3}, true},
		{study.Claim{Output: "gap", Index: study.IndexPRCC, Param: "rounds", Above: true, Value: 1}, false},
	} {
		r.Spec.Claims = []study.Claim{c.claim}
		oc := r.Claims()
		if len(oc) != 1 || oc[0].Pass != c.pass || len(oc[0].Lines) == 0 {
			t.Errorf("%s: %+v, want pass %v", c.claim.Statement(), oc, c.pass)
		}
	}
}

func TestWilson(t *testing.T) {
	lo, hi := wilson(0.5, 100)
	if math.Abs(lo-0.4038) > 1e-3 || math.Abs(hi-0.5962) > 1e-3 {
		t.Errorf("wilson(0.5, 100) = %g, %g", lo, hi)
	}
	if lo, hi := wilson(1, 10); hi != 1 || lo < 0.69 || lo > 0.73 {
		t.Errorf("wilson(1, 10) = %g, %g", lo, hi)
	}
}
