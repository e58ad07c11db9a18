package sweep

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/shard"
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
	if _, err := os.Stat(checkpointPath(dir, p.Name, shard.All)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("checkpoint left behind after a finished sweep: %v", err)
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
	dir := t.TempDir()
	var parts []string
	for i := range 3 {
		res, err := Run(context.Background(), p, Options{Dir: dir, Workers: 1, Shard: shard.Shard{Index: i, Count: 3}})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, res.Stats.Out)
	}
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

func TestBadSweepFiles(t *testing.T) {
	base := "replicates = 2\n[base]\nrounds = 26\n[base.population]\nmembers = 60\n"
	axis := "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.0, 1.0]\n"
	for _, c := range []struct{ name, text, want string }{
		{"syntax", "replicates = \n", "line 1"},
		{"unknown key", base + axis + "colour = 1\n", "colour: unknown key"},
		{"no base", "replicates = 2\n" + axis, "base: missing"},
		{"preset missing", "base = \"no-such-file.toml\"\n" + axis, "base:"},
		{"no axes", base, "axes: missing"},
		{"unknown path", base + "[[axes]]\npath = \"referals.visibility\"\nvalues = [1.0]\n", "unknown parameter path \"referals.visibility\""},
		{"bad value", base + "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.5, 2.0]\n", "referrals.visibility=2"},
		{"both forms", base + "[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.5]\nsteps = 3\n", "either values or from"},
		{"log zero", base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\nsteps = 3\nscale = \"log\"\n", "log scale needs from and to > 0"},
		{"design", "design = \"sobol\"\n" + base + axis, "expected \"grid\", \"points\" or \"lhs\""},
		{"points arity", "design = \"points\"\npoints = [[0.1, 0.2]]\n" + base + "[[axes]]\npath = \"referrals.visibility\"\n", "expected 1 values"},
		{"lhs no n", "design = \"lhs\"\n" + base + "[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\n", "lhs = { n = SAMPLES"},
		{"replicates", "replicates = 0\n[base]\nrounds = 26\n" + axis, "replicates: expected 1 or more"},
		{"claim strategy", base + axis + "[[claims]]\nstrategy = \"givr\"\nabove = \"taker\"\n", "unknown strategy \"givr\""},
		{"claim metric", base + axis + "[[claims]]\nstrategy = \"giver\"\nmetric = \"wealth\"\nabove = \"taker\"\n", "unknown metric \"wealth\""},
		{"claim region axis", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nwhere = \"trust.floor > 0\"\n", "not an axis of the sweep"},
		{"claim region empty", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nwhere = \"referrals.visibility > 2\"\n", "no sweep point lies in its region"},
		{"claim both sides", base + axis + "[[claims]]\nstrategy = \"giver\"\nabove = \"taker\"\nbelow = 3\n", "exactly one of above"},
		{"chart", base + axis + "[chart]\nmetric = \"wealth\"\n", "chart.metric: unknown metric"},
	} {
		_, err := Decode("bad.toml", []byte(c.text), nil)
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%s: err %v, want a *sweep.Error", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.toml") {
			t.Errorf("%s: err %q, want it to start with the file and contain %q", c.name, err, c.want)
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
