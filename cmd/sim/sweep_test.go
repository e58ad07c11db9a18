package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs/sweeps"
)

// sweepTiny is a 2 x 2 grid of 60-member worlds over half a year.
const sweepTiny = `name = "tinysweep"
replicates = 3
seed = 11

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
values = [0.3, 0.6]

[[claims]]
name = "givers pass on referrals"
strategy = "giver"
metric = "referrals_given"
above = "taker"
`

func writeSweep(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sweep.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sweepFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		out[e.Name()] = read(t, filepath.Join(dir, e.Name()))
	}
	return out
}

func TestSweepPassingClaims(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "sweep", "-config", writeSweep(t, sweepTiny), "-out", out, "-workers", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"tinysweep: 4 points x 3 replicates; 12 tasks run, 0 resumed", "PASS  givers pass on referrals", "held at 4 of 4 sweep points"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	files := sweepFiles(t, filepath.Join(out, "tinysweep"))
	for _, name := range []string{"points.csv", "points.parquet", "manifest.json", "claims.txt", "heatmap.png"} {
		if len(files[name]) == 0 {
			t.Errorf("no %s", name)
		}
	}
	if !bytes.HasPrefix(files["points.csv"], []byte("point,referrals.visibility,population.mix.giver,strategy,metric,mean,ci_low,ci_high,n\n")) {
		t.Errorf("points.csv header: %q", strings.SplitN(string(files["points.csv"]), "\n", 2)[0])
	}
	if !bytes.HasPrefix(files["points.parquet"], []byte("PAR1")) {
		t.Error("points.parquet is not Parquet")
	}
}

func TestSweepFailingClaimExits1(t *testing.T) {
	text := sweepTiny + `
[[claims]]
name = "takers out-refer givers"
strategy = "taker"
metric = "referrals_given"
above = "giver"
where = "referrals.visibility >= 0.5"
`
	code, stdout, stderr := runCLI(t, "sweep", "-config", writeSweep(t, text), "-out", t.TempDir(), "-quiet")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	// -quiet prints the failing claims, with the points that broke them.
	for _, want := range []string{"FAIL  takers out-refer givers", "held at 0 of 2 sweep points; broke at:", "referrals.visibility=1, population.mix.giver=0.3: taker", "95% lower bound"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestSweepBadInputExits2(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		text string
		want string
	}{
		{"unknown path", nil, strings.Replace(sweepTiny, `path = "referrals.visibility"`, `path = "referrals.visibilty"`, 1), `unknown parameter path "referrals.visibilty"; valid paths near it: `},
		{"unknown key", nil, "colour = \"red\"\n" + sweepTiny, "colour: unknown key"},
		{"claim strategy", nil, sweepTiny + "[[claims]]\nstrategy = \"giverz\"\nabove = 0\n", `unknown strategy "giverz"`},
		{"claim metric", nil, sweepTiny + "[[claims]]\nstrategy = \"giver\"\nmetric = \"wealth\"\nabove = 0\n", `unknown metric "wealth"`},
		{"out of range", nil, strings.Replace(sweepTiny, "values = [0.0, 1.0]", "values = [0.0, 1.5]", 1), "referrals.visibility: expected a number in [0, 1], found 1.5"},
		{"syntax", nil, "replicates = [\n", "sweep.toml:1:15: unexpected EOF"},
		{"bad shard", []string{"-shard", "3/3"}, sweepTiny, "shard index must be in 0..2"},
		{"no config", []string{}, "", "-config FILE is required"},
	} {
		args := []string{"sweep", "-out", t.TempDir()}
		if c.text != "" {
			args = append(args, "-config", writeSweep(t, c.text))
		}
		args = append(args, c.args...)
		code, _, stderr := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.name, code, stderr, c.want)
		}
	}
	code, _, stderr := runCLI(t, "sweep", "-config", "no-such-sweep.toml")
	if code != 2 || !strings.Contains(stderr, "no-such-sweep.toml: no such file, and unknown sweep") || !strings.Contains(stderr, "ci-smoke") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}

// The shipped sweeps decode, and a built-in one is found by name.
func TestBuiltinSweepsDecode(t *testing.T) {
	for _, name := range sweeps.Names() {
		p, err := loadSweep(context.Background(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(p.Claims) == 0 {
			t.Errorf("%s: no claims", name)
		}
	}
	p, err := loadSweep(context.Background(), "ci-smoke")
	if err != nil {
		t.Fatalf("ci-smoke: %v", err)
	}
	if p.Tasks() > 64 {
		t.Errorf("ci-smoke: %v tasks, want at most 64", p.Tasks())
	}
}

func TestSweepShardsFromEnvironment(t *testing.T) {
	path := writeSweep(t, sweepTiny)
	dir := t.TempDir()
	// Slurm, 1-based array of 2: --array=1-2.
	for id := 1; id <= 2; id++ {
		env := map[string]string{"SLURM_ARRAY_TASK_ID": string(rune('0' + id)), "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"}
		var stdout, stderr bytes.Buffer
		code := sweepCmdContext(context.Background(), []string{"-config", path, "-out", dir}, &stdout, &stderr, func(k string) string { return env[k] })
		if code != 0 {
			t.Fatalf("slurm %d: exit %d\n%s", id, code, stderr.String())
		}
		if !strings.Contains(stderr.String(), "shard "+string(rune('0'+id-1))+"/2 (from Slurm") {
			t.Errorf("slurm %d: stderr %q does not name the shard", id, stderr.String())
		}
	}
	for _, part := range []string{"part-00000-of-00002", "part-00001-of-00002"} {
		if _, err := os.Stat(filepath.Join(dir, "tinysweep.parts", part)); err != nil {
			t.Error(err)
		}
	}
}
