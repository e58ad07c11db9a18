package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/sim"
)

// tiny is a small two-axis grid: 6 points x 3 replicates of a 60-member
// world over half a year.
const tiny = `
name = "tiny"
replicates = 3
seed = 7

[base]
rounds = 26
[base.population]
members = 60
chapter_size = 20

[[axes]]
path = "referrals.visibility"
values = [0.0, 1.0]

[[axes]]
path = "population.mix.giver"
from = 0.2
to = 0.6
steps = 3

[[claims]]
strategy = "giver"
metric = "contacts"
above = 0
where = "referrals.visibility >= 0.5"

[[claims]]
strategy = "giver"
metric = "income"
above = "taker"
round = 13
`

func plan(t *testing.T, text string) *Plan {
	t.Helper()
	p, err := Decode("tiny.toml", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Version = "test"
	return p
}

// readDir returns every file of dir by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sameDirs(t *testing.T, want, got map[string][]byte, what string) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: files %v, want %v", what, keys(got), keys(want))
	}
	for name, b := range want {
		if !bytes.Equal(b, got[name]) {
			t.Errorf("%s: %s differs from the unsharded sweep's", what, name)
		}
	}
}

func keys(m map[string][]byte) []string { return slices.Sorted(maps.Keys(m)) }

func runAll(t *testing.T, p *Plan, dir string, workers int) map[string][]byte {
	t.Helper()
	res, err := Run(context.Background(), p, Options{Dir: dir, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Ran != p.Tasks() {
		t.Fatalf("ran %d tasks, want %d", res.Stats.Ran, p.Tasks())
	}
	if _, err := os.Stat(checkpointPath(dir, p.Name, shard.All)); err != nil {
		t.Errorf("a finished sweep's checkpoint is gone: %v", err)
	}
	return readDir(t, filepath.Join(dir, p.Name))
}

func TestShardedMergeEqualsUnsharded(t *testing.T) {
	p := plan(t, tiny)
	want := runAll(t, p, t.TempDir(), 2)
	for _, name := range []string{"points.csv", "points.parquet", "manifest.json", "claims.txt", "report.html"} {
		if len(want[name]) == 0 {
			t.Fatalf("unsharded sweep wrote no %s", name)
		}
	}
	sameDirs(t, want, runAll(t, p, t.TempDir(), 1), "1 worker vs 2")
	for _, n := range []int{2, 3} {
		dir := t.TempDir()
		var parts []string
		// Run the shards in reverse order, with different worker counts.
		for i := n - 1; i >= 0; i-- {
			s := shard.Shard{Index: i, Count: n}
			res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1 + i%2, Shard: s})
			if err != nil {
				t.Fatal(err)
			}
			if res.Table != nil || res.Claims != nil || res.Stats.Out != PartPath(dir, p.Name, s) {
				t.Fatalf("shard %v: out %q, table %v, claims %v", s, res.Stats.Out, res.Table != nil, res.Claims)
			}
			if res.Stats.Ran != s.Tasks(p.Tasks()) {
				t.Fatalf("shard %v ran %d tasks, want %d", s, res.Stats.Ran, s.Tasks(p.Tasks()))
			}
			parts = append(parts, res.Stats.Out)
		}
		// A rerun of a finished shard redoes nothing and changes nothing.
		before, _ := os.ReadFile(parts[0])
		res, err := Run(context.Background(), p, Options{Dir: dir, Shard: shard.Shard{Index: n - 1, Count: n}})
		if err != nil || res.Stats.Ran != 0 {
			t.Fatalf("rerun of a finished shard: ran %d, err %v", res.Stats.Ran, err)
		}
		after, _ := os.ReadFile(parts[0])
		if !bytes.Equal(before, after) {
			t.Fatal("rerun of a finished shard changed its part")
		}
		out := t.TempDir()
		mres, err := Merge(parts, out, nil, chart.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameDirs(t, want, readDir(t, filepath.Join(out, p.Name)), "merged")
		// The outcomes returned are the ones written to claims.txt.
		var printed bytes.Buffer
		claims.Print(&printed, mres.Claims)
		if !bytes.Equal(printed.Bytes(), want["claims.txt"]) {
			t.Errorf("merge returned claim outcomes\n%s\nbut wrote claims.txt\n%s", printed.Bytes(), want["claims.txt"])
		}
		// The folder form of the arguments works too.
		expanded, err := ExpandParts([]string{partsDir(dir, p.Name)})
		if err != nil || len(expanded) != n {
			t.Fatalf("ExpandParts: %v, %v", expanded, err)
		}
	}
}

func TestResumeAfterKill(t *testing.T) {
	p := plan(t, tiny)
	want := runAll(t, p, t.TempDir(), 2)

	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Run(ctx, p, Options{Dir: dir, Workers: 2, AfterTask: func(int) {
		if n++; n == 7 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted sweep: err %v, want context.Canceled", err)
	}
	ckpt := checkpointPath(dir, p.Name, shard.All)
	tf, err := readTaskFile(ckpt, true)
	if err != nil || len(tf.Records) != 7 {
		t.Fatalf("checkpoint after the kill: %v records, err %v", len(tf.Records), err)
	}
	// A kill in the middle of a write leaves a cut line: it is dropped.
	f, _ := os.OpenFile(ckpt, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("12,1.5,2")
	f.Close()

	var log bytes.Buffer
	var ran []int
	res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 3, Log: &log, AfterTask: func(task int) { ran = append(ran, task) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Resumed != 7 || res.Stats.Ran != p.Tasks()-7 {
		t.Fatalf("resumed %d, ran %d; want 7 and %d", res.Stats.Resumed, res.Stats.Ran, p.Tasks()-7)
	}
	for _, r := range tf.Records {
		if slices.Contains(ran, r.task) {
			t.Errorf("task %d was finished before the kill and ran again", r.task)
		}
	}
	if !strings.Contains(log.String(), "resuming tiny: 7 of 18 tasks already done") {
		t.Errorf("log %q does not say it resumed", log.String())
	}
	sameDirs(t, want, readDir(t, filepath.Join(dir, p.Name)), "resumed")
}

func TestChangedConfigStartsFresh(t *testing.T) {
	p := plan(t, tiny)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	Run(ctx, p, Options{Dir: dir, Workers: 1, AfterTask: func(int) { cancel() }})
	q := plan(t, strings.Replace(tiny, "seed = 7", "seed = 8", 1))
	var log bytes.Buffer
	res, err := Run(context.Background(), q, Options{Dir: dir, Workers: 2, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Resumed != 0 || res.Stats.Ran != q.Tasks() {
		t.Fatalf("resumed %d, ran %d after a config change", res.Stats.Resumed, res.Stats.Ran)
	}
	if !strings.Contains(log.String(), "config changed") || !strings.Contains(log.String(), "starting fresh") {
		t.Errorf("log %q does not say the config changed", log.String())
	}
}

func TestMergeChecks(t *testing.T) {
	p := plan(t, tiny)
	parts := runShards(t, p, 3)
	other := plan(t, strings.Replace(tiny, "seed = 7", "seed = 9", 1))
	odir := t.TempDir()
	ores, err := Run(context.Background(), other, Options{Dir: odir, Workers: 1, Shard: shard.Shard{Index: 2, Count: 3}})
	if err != nil {
		t.Fatal(err)
	}
	// A part whose task lines were copied from another part.
	dup := filepath.Join(t.TempDir(), "part-00002-of-00003")
	b2, _ := os.ReadFile(parts[2])
	b1, _ := os.ReadFile(parts[1])
	lines1 := strings.SplitAfter(string(b1), "\n")
	os.WriteFile(dup, []byte(string(b2)+lines1[1]), 0o644)

	for _, c := range []struct {
		name  string
		parts []string
		want  string
	}{
		{"missing", parts[:2], "1 of 3 parts missing: part-00002-of-00003"},
		{"twice", []string{parts[0], parts[1], parts[1], parts[2]}, "shard 1/3 given twice"},
		{"hash", []string{parts[0], parts[1], ores.Stats.Out}, "parts of different sweeps"},
		{"foreign task", []string{parts[0], parts[1], dup}, "belongs to shard 1"},
		{"none", nil, "no part files"},
	} {
		_, err := Merge(c.parts, t.TempDir(), nil, chart.Options{})
		var me *MergeError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want a MergeError with %q", c.name, err, c.want)
		}
	}
}

// TestBadSweepFiles: every problem of a sweep file is bad input located
// like a config's: the file, line, column and key, then the line with a
// caret. Sweep-file errors used to carry no position, and an inline
// [base] was re-encoded and decoded again, so its problems cited the
// synthetic text ("s.toml: base: s.toml [base]:5:3").
func TestBadSweepFiles(t *testing.T) {
	base := "replicates = 2\n[base]\nrounds = 26\n[base.population]\nmembers = 60\n" // lines 1-5
	axis := "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.0, 1.0]\n"       // lines 6-8
	for _, c := range []struct{ name, text, at, want string }{
		{"syntax", "replicates = \n", "bad.toml:1:14: ", "expected value"},
		{"unknown key", "colour = 1\n" + base + axis, "bad.toml:1:1: colour: ", "unknown key"},
		{"unknown axis key", base + axis + "colour = 1\n", "bad.toml:9:1: axes[0].colour: ", "unknown key; an axis has path"},
		{"no base", "replicates = 2\n" + axis, "bad.toml: base: ", "missing"},
		{"base of the wrong type", "base = 3\n" + axis, "bad.toml:1:1: base: ", "expected a preset name"},
		{"preset missing", "base = \"no-such-file.toml\"\n" + axis, "bad.toml:1:1: base: ", "no-such-file.toml"},
		{"inline base", base + "[base.referrals]\n  visibility = 2.0\n" + axis, "bad.toml:7:3: base.referrals.visibility: ", "expected a number in [0, 1], found 2"},
		{"inline base unknown key", base + "  chapter_sise = 20\n" + axis, "bad.toml:6:3: base.population.chapter_sise: ", `did you mean "chapter_size"`},
		{"set", base + "[set]\n\"trust.floor\" = 2.0\n" + axis, "bad.toml:7:1: set.trust.floor: ", "expected a number in [0, 1]"},
		{"no axes", base, "bad.toml: axes: ", "missing"},
		{"unknown path", base + "[[axes]]\npath = \"referals.visibility\"\nvalues = [1.0]\n", "bad.toml:7:1: axes[0].path: ", "unknown parameter path \"referals.visibility\""},
		{"bad value", base + "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.5, 2.0]\n", "bad.toml:8:16: axes[0].values[1]: point 1 (referrals.visibility=2): ", "expected a number in [0, 1], found 2"},
		{"not a number", base + "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.5, \"x\"]\n", "bad.toml:8:16: axes[0].values[1]: ", "expected a number"},
		{"steps of the wrong type", base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\nsteps = \"3\"\n", "bad.toml:10:1: axes[0].steps: ", "expected an integer"},
		{"both forms", base + "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.5]\nsteps = 3\n", "bad.toml:6:1: axes[0]: ", "either values or from"},
		{"log zero", base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\nsteps = 3\nscale = \"log\"\n", "bad.toml:11:1: axes[0].scale: ", "log scale needs from and to > 0"},
		{"design", "design = \"sobol\"\n" + base + axis, "bad.toml:1:1: design: ", "expected \"grid\", \"points\" or \"lhs\""},
		{"points arity", "design = \"points\"\npoints = [[0.1, 0.2]]\n" + base + "[[axes]]\npath = \"referrals.visibility\"\n", "bad.toml:2:11: points[0]: ", "expected 1 values"},
		{"point out of range", "design = \"points\"\npoints = [[0.1], [3.0]]\n" + base + "[[axes]]\npath = \"referrals.visibility\"\n", "bad.toml:2:19: points[1][0]: point 1", "found 3"},
		{"lhs no n", "design = \"lhs\"\n" + base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\n", "bad.toml:1:1: lhs: ", "lhs = { n = SAMPLES"},
		{"lhs key", "design = \"lhs\"\nlhs = { n = 3, sed = 1 }\n" + base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\n", "bad.toml:2:16: lhs.sed: ", "unknown key"},
		{"replicates", "replicates = 0\n[base]\nrounds = 26\n" + axis, "bad.toml:1:1: replicates: ", "expected 1 or more"},
		{"claim strategy", base + axis + "[[claims]]\nstrategy = \"givr\"\nabove = \"taker\"\n", "bad.toml:9:1: claims[1]: ", "unknown strategy \"givr\""},
		{"claim metric", base + axis + "[[claims]]\nstrategy = \"giver\"\nmetric = \"wealth\"\nabove = \"taker\"\n", "bad.toml:9:1: claims[1]: ", "unknown metric \"wealth\""},
		{"claim region axis", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nwhere = \"trust.floor > 0\"\n", "bad.toml:9:1: claims[1]: ", "not an axis of the sweep"},
		{"claim region empty", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nwhere = \"referrals.visibility > 2\"\n", "bad.toml:12:1: claims[1].where: ", "no sweep point lies in its region"},
		{"claim both sides", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nbelow = 3\n", "bad.toml:9:1: claims[1]: ", "exactly one of above"},
		{"chart", base + axis + "[chart]\nmetric = \"wealth\"\n", "bad.toml:10:1: chart.metric: ", "unknown metric"},
		{"chart strategy", base + axis + "[chart]\nhigher = \"saint\"\n", "bad.toml:10:1: chart.higher: ", "unknown strategy"},
	} {
		_, err := Decode("bad.toml", []byte(c.text), nil)
		var se *Error
		var ce *config.Error
		if !errors.As(err, &se) && !errors.As(err, &ce) {
			t.Errorf("%s: err %v, want a *sweep.Error or (inline base) *config.Error", c.name, err)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, c.at) || !strings.Contains(msg, c.want) {
			t.Errorf("%s: err\n%s\nwant it to start with %q and contain %q", c.name, msg, c.at, c.want)
		}
		// A located problem shows its line and a caret.
		if strings.Count(c.at, ":") > 2 && (!strings.Contains(msg, "\n       | ") || !strings.Contains(msg, "^")) {
			t.Errorf("%s: no line and caret:\n%s", c.name, msg)
		}
	}
}

func TestDesigns(t *testing.T) {
	base := "replicates = 1\n[base]\nrounds = 26\n[base.population]\nmembers = 60\n"
	p := plan(t, base+"[[axes]]\npath = \"referrals.opportunities\"\nfrom = 0.1\nto = 10.0\nsteps = 3\nscale = \"log\"\n")
	// 0.1, 1, 10, up to rounding: every point, ends included.
	if want := []float64{0.1, 1, 10}; len(p.Coords) != len(want) {
		t.Errorf("log range: %v, want %v", p.Coords, want)
	} else {
		for i, w := range want {
			if c := p.Coords[i][0]; math.Abs(c-w) > 1e-9*w {
				t.Errorf("log range: point %d is %v, want %v (all: %v)", i, c, w, p.Coords)
			}
		}
	}
	p = plan(t, "design = \"points\"\npoints = [[0.1, 0.3], [0.9, 0.7]]\n"+base+"[[axes]]\npath = \"referrals.visibility\"\n[[axes]]\npath = \"population.mix.giver\"\n")
	if len(p.Coords) != 2 || p.Coords[1][0] != 0.9 || p.Configs[1].Referrals.Visibility != 0.9 {
		t.Errorf("points: %v", p.Coords)
	}
	p = plan(t, "design = \"lhs\"\nlhs = { n = 10, seed = 3 }\n"+base+"[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\n[[axes]]\npath = \"population.members\"\nfrom = 40\nto = 140\n")
	if len(p.Coords) != 10 {
		t.Fatalf("lhs: %d points", len(p.Coords))
	}
	strata := map[int]bool{}
	for i, c := range p.Coords {
		strata[int(c[0]*10)] = true
		if c[0] < 0 || c[0] > 1 || p.Configs[i].Referrals.Visibility != c[0] {
			t.Errorf("lhs point %d: visibility %v (config %v) not in [0, 1]", i, c[0], p.Configs[i].Referrals.Visibility)
		}
		if c[1] != float64(int(c[1])) || c[1] < 40 || c[1] > 140 || p.Configs[i].Population.Members != int(c[1]) {
			t.Errorf("lhs point %d: members %v (config %d) not an integer in [40, 140]", i, c[1], p.Configs[i].Population.Members)
		}
	}
	if len(strata) != 10 {
		t.Errorf("lhs: visibility strata used %v, want each of 10 once", strata)
	}
	// [set] accepts nested tables and dotted keys, and the mix axis rescales.
	p = plan(t, base+"[set]\n\"trust.floor\" = 0.1\n[set.referrals]\nhelp_cost = 10\n[[axes]]\npath = \"population.mix.giver\"\nvalues = [0.5]\n")
	c := p.Configs[0]
	if c.Trust.Floor != 0.1 || c.Referrals.HelpCost != 10 {
		t.Errorf("set: floor %v, help cost %v", c.Trust.Floor, c.Referrals.HelpCost)
	}
	sum := 0.0
	for _, s := range c.Strategies {
		sum += s.Share
	}
	if sum < 0.999999 || sum > 1.000001 {
		t.Errorf("mix after the axis sums to %v", sum)
	}
}

func TestPresetBase(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.toml"), []byte("rounds = 26\nreplicates = 2\n[population]\nmembers = 60\n"), 0o644)
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte("base = \"b.toml\"\n[[axes]]\npath = \"trust.floor\"\nvalues = [0.1]\n"), 0o644)
	p, err := Load(path, config.Load)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "s" || p.Replicates != 2 || p.Configs[0].Rounds != 26 {
		t.Errorf("plan %q, %d replicates, %d rounds", p.Name, p.Replicates, p.Configs[0].Rounds)
	}
}

func TestConcurrentRunRefused(t *testing.T) {
	p := plan(t, tiny)
	dir := t.TempDir()
	started := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1, AfterTask: func(task int) {
			if task == 0 {
				close(started)
				<-release
			}
		}})
		done <- err
	}()
	<-started
	_, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "another sim sweep is working on this sweep") {
		t.Errorf("second run: err %v, want it refused", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(checkpointPath(dir, p.Name, shard.All) + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left behind: %v", err)
	}
}

func TestSetInFileOrder(t *testing.T) {
	base := "replicates = 1\n[base]\nrounds = 26\n[base.population]\nmembers = 60\n[base.population.mix]\ngiver = 0.5\nscorekeeper = 0.3\ntaker = 0.2\n"
	axis := "[[axes]]\npath = \"trust.floor\"\nvalues = [0.1]\n"
	// taker = 0.1 first (giver and scorekeeper rescaled to 0.9 in 5:3),
	// then giver = 0.6 (the others rescaled to 0.4 in proportion).
	p := plan(t, base+"[set]\n\"population.mix.taker\" = 0.1\n\"population.mix.giver\" = 0.6\n"+axis)
	got := p.Configs[0].Strategies
	if d := got[0].Share - 0.6; d > 1e-9 || d < -1e-9 {
		t.Errorf("giver share %v, want 0.6", got[0].Share)
	}
	if d := got[2].Share/got[1].Share - 0.1/(0.9*0.3/0.8); d > 1e-9 || d < -1e-9 {
		t.Errorf("shares %v %v %v: the taker setting was not applied first", got[0].Share, got[1].Share, got[2].Share)
	}
}

// A plain sweep's task files and hash do not change with the extension
// fields; common streams are in the hash and change the numbers.
func TestCommonStreamsAndExtra(t *testing.T) {
	p := plan(t, tiny)
	h := p.Hash()
	if bytes.Contains(encodeHeader(p.header(shard.All)), []byte(`"extra"`)) {
		t.Error("a plain sweep's header carries extra")
	}
	p.Extra = []byte(`{"format":"x"}`)
	if p.Hash() != h {
		t.Error("Extra changed the hash")
	}
	p.CommonStreams = true
	if p.Hash() == h {
		t.Error("CommonStreams left the hash as it was")
	}
	hdr := p.header(shard.All)
	slots := hdr.slots()
	b, err := p.runTask(context.Background(), p.Replicates, slots) // point 1, replicate 0
	if err != nil {
		t.Fatal(err)
	}
	p.CommonStreams = false
	c, err := p.runTask(context.Background(), p.Replicates, slots)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(b.values, c.values) {
		t.Error("common and own streams gave point 1 the same numbers")
	}
}

// TestHash: the hash changes with everything that decides a task's
// numbers (here the seed, a point, a profession's value, the version) and
// with nothing else (claims, the chart), and costs little for many
// points: encoding the plan whole took a gigabyte and two seconds for
// 10,000 points.
func TestHash(t *testing.T) {
	p := plan(t, tiny)
	h := p.Hash()
	if again := plan(t, tiny).Hash(); again != h {
		t.Errorf("the same sweep hashes to %s and %s", h, again)
	}
	same := plan(t, strings.Replace(tiny, "metric = \"contacts\"", "metric = \"deals_closed\"", 1))
	if same.Hash() != h {
		t.Error("a claim's change changed the hash")
	}
	for what, q := range map[string]*Plan{
		"seed":    plan(t, strings.Replace(tiny, "seed = 7", "seed = 8", 1)),
		"point":   plan(t, strings.Replace(tiny, "values = [0.0, 1.0]", "values = [0.0, 0.9]", 1)),
		"version": func() *Plan { q := plan(t, tiny); q.Version = "other"; return q }(),
		"catalogue": func() *Plan {
			q := plan(t, tiny)
			q.Configs[5].Professions = slices.Clone(q.Configs[5].Professions)
			q.Configs[5].Professions[3].Median++
			return q
		}(),
	} {
		if q.Hash() == h {
			t.Errorf("a change of the %s left the hash as it was", what)
		}
	}
	// 20,000 points sharing a catalogue hash in well under a second.
	big := &Plan{Version: "x", Configs: make([]sim.Config, 20_000)}
	for i := range big.Configs {
		big.Configs[i] = p.Configs[0]
	}
	start := time.Now()
	big.Hash()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("hashing 20,000 points took %v", d)
	}
}

// TestSweepSizesRefusedBeforeBuilding: a sweep of more points or tasks
// than a sweep may have is refused at the key that makes it large, before
// its points are built. A 1,000 x 1,000 grid used to take 24 GB before
// the old limit (10 million points) was checked.
func TestSweepSizesRefusedBeforeBuilding(t *testing.T) {
	base := "replicates = 1\n[base]\nrounds = 26\n[base.population]\nmembers = 60\n"
	grid := "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\nsteps = 1000\n[[axes]]\npath = \"trust.floor\"\nfrom = 0.0\nto = 0.5\nsteps = 1000\n"
	var axes4 string // four axes of 100,000 steps
	for _, path := range []string{"trust.floor", "trust.chapter", "trust.outside", "referrals.visibility"} {
		axes4 += fmt.Sprintf("[[axes]]\npath = %q\nfrom = 0.0\nto = 0.5\nsteps = 100000\n", path)
	}
	for _, c := range []struct{ what, text, want string }{
		{"a 1,000 x 1,000 grid", base + grid, "bad.toml:6:1: axes: 1000000 points are more than a sweep may have (100000)"},
		{"a grid of 10^5 steps per axis", base + strings.ReplaceAll(grid, "steps = 1000", "steps = 100000"), "bad.toml:6:1: axes: 10000000000 points"},
		{"a grid of 10^20 points", base + axes4, "more than 2^63 points"},
		{"a Latin hypercube of 10^9 points", "design = \"lhs\"\nlhs = { n = 1_000_000_000 }\n" + base + "[[axes]]\npath = \"trust.floor\"\nfrom = 0.0\nto = 0.5\n", "bad.toml:2:9: lhs.n: 1000000000 points"},
		{"10^6 replicates of 101 points", strings.Replace(base, "replicates = 1", "replicates = 1_000_000", 1) + "[[axes]]\npath = \"trust.floor\"\nfrom = 0.0\nto = 0.5\nsteps = 101\n", "101 points x 1000000 replicates are 101000000 tasks"},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := Decode("bad.toml", []byte(c.text), nil)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.what, err, c.want)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 || elapsed > 5*time.Second {
			t.Errorf("%s: refused after allocating %d MiB in %v", c.what, got>>20, elapsed)
		}
	}
}

// TestEditedPartsRefused: a part whose header was edited, or holds
// values no sweep writes, is bad input naming the part, never a panic,
// an out-of-memory crash or silently wrong output. shards = 0 divided by
// zero, tasks = 10^12 exhausted memory, an edited replicates misplaced
// every value: the stored hash was not checked against the header.
func TestEditedPartsRefused(t *testing.T) {
	p := plan(t, tiny)
	parts := runShards(t, p, 2)
	original, err := os.ReadFile(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(original), "\n")
	var h Header
	if err := json.Unmarshal([]byte(head), &h); err != nil {
		t.Fatal(err)
	}
	// edit rewrites part 1's header; resealed ones also fix its hash, as
	// a forger who read the code would.
	edit := func(f func(h *Header), reseal bool) []byte {
		e := h
		e.Coords, e.Axes, e.Metrics, e.Claims = slices.Clone(h.Coords), slices.Clone(h.Axes), slices.Clone(h.Metrics), slices.Clone(h.Claims)
		e.Strategies, e.Kinds = slices.Clone(h.Strategies), slices.Clone(h.Kinds)
		f(&e)
		if reseal {
			e = e.sealed()
		}
		b, _ := json.Marshal(e)
		return append(append(b, '\n'), body...)
	}
	for _, c := range []struct {
		what string
		data []byte
		want string
	}{
		{"shards = 0", edit(func(h *Header) { h.Shards = 0 }, false), "the header gives 0 shards"},
		{"shard past the shards", edit(func(h *Header) { h.Shard = 7 }, false), "the header gives shard 7 of 2"},
		{"tasks = 10^12", edit(func(h *Header) { h.Tasks = 1e12 }, false), "the header gives 1000000000000 tasks, but 6 points x 3 replicates are 18"},
		{"replicates edited", edit(func(h *Header) { h.Replicates = 2 }, false), "the header gives 18 tasks, but 6 points x 2 replicates are 12"},
		{"replicates and tasks edited", edit(func(h *Header) { h.Replicates, h.Tasks = 2, 12 }, false), "the header was edited: its header_hash"},
		{"a strategy renamed", edit(func(h *Header) { h.Strategies[0] = "saint" }, false), "header_hash"},
		{"no header_hash", edit(func(h *Header) { h.HeaderHash = "" }, false), "has no header_hash"},
		{"metrics edited", edit(func(h *Header) { h.Metrics = h.Metrics[:3] }, true), "are not this simulator's"},
		{"a point without its axes", edit(func(h *Header) { h.Coords[2] = h.Coords[2][:1] }, true), "point 2 has 1 values for 2 axes"},
		{"a claim of nobody", edit(func(h *Header) { h.Claims[0].Strategy = "saint" }, true), "the header's claims"},
		{"a name that escapes", edit(func(h *Header) { h.Name = "../x" }, true), "the header's name"},
		{"resealed with other replicates", edit(func(h *Header) { h.Replicates, h.Tasks = 1, 6 }, true), "task 7 out of range (the sweep has 6)"},
		{"resealed with 10^5 replicates", edit(func(h *Header) { h.Replicates, h.Tasks = 100_000, 600_000 }, true), "share a config hash but not their tasks"},
	} {
		if err := os.WriteFile(parts[1], c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Merge(parts, t.TempDir(), nil, chart.Options{})
		var me *MergeError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want a MergeError with %q", c.what, err, c.want)
		} else if !strings.Contains(err.Error(), parts[1]) && !strings.Contains(c.want, "share a config hash") {
			t.Errorf("%s: err %v does not name the part", c.what, err)
		}
	}
	if err := os.WriteFile(parts[1], original, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(parts, t.TempDir(), nil, chart.Options{}); err != nil {
		t.Fatalf("the restored parts: %v", err)
	}
}

// TestFinishedSweepRerunRedoesNothing: rerunning a finished unsharded
// sweep runs no task: its checkpoint stays complete beside the results,
// so the rerun only re-judges the claims (which may have changed; they
// are not in the hash) and rewrites the outputs, byte for byte the same.
// It used to remove the checkpoint and redo every task, though the docs
// said finished tasks never run again.
func TestFinishedSweepRerunRedoesNothing(t *testing.T) {
	p := plan(t, tiny)
	dir := t.TempDir()
	want := runAll(t, p, dir, 2)
	var log bytes.Buffer
	res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 2, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Ran != 0 || res.Stats.Resumed != p.Tasks() {
		t.Errorf("the rerun ran %d tasks and resumed %d, want 0 and %d", res.Stats.Ran, res.Stats.Resumed, p.Tasks())
	}
	if !strings.Contains(log.String(), "holds every task") {
		t.Errorf("the rerun does not say why it runs nothing: %q", log.String())
	}
	sameDirs(t, want, readDir(t, filepath.Join(dir, p.Name)), "rerun")
	// A changed claim is judged anew without running a task.
	q := plan(t, strings.Replace(tiny, "above = 0\n", "above = 1e9\n", 1))
	res, err = Run(context.Background(), q, Options{Dir: dir, Workers: 2})
	if err != nil || res.Stats.Ran != 0 {
		t.Fatalf("rerun with another claim: ran %d, err %v", res.Stats.Ran, err)
	}
	if got := readDir(t, filepath.Join(dir, p.Name))["claims.txt"]; bytes.Equal(got, want["claims.txt"]) {
		t.Error("claims.txt did not change with the claim")
	}
}

// TestMergeStopsOnCancel: a merge whose context ends (SIGINT, SIGTERM)
// while it reads the parts writes nothing and returns the context's
// error (sim merge then exits 1). It could not be interrupted before.
func TestMergeStopsOnCancel(t *testing.T) {
	p := plan(t, tiny)
	parts := runShards(t, p, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	if _, err := MergeWith(ctx, parts, out, nil, chart.Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("MergeWith = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a cancelled merge wrote %d entries", len(entries))
	}
}

// runShards runs p in n shards into a fresh folder and returns the parts'
// paths, shard by shard.
func runShards(t testing.TB, p *Plan, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var parts []string
	for i := range n {
		res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1, Shard: shard.Shard{Index: i, Count: n}})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, res.Stats.Out)
	}
	return parts
}
