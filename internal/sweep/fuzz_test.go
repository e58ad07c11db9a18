package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/configs/sweeps"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/config"
)

// presetLoader loads bases from the built-in presets only: a fuzzed sweep
// file must not make the test read the file system.
func presetLoader(name string) (*config.File, error) {
	data, err := configs.Read(name)
	if err != nil {
		return nil, &config.Error{File: name, Msg: err.Error()}
	}
	return config.Decode(strings.TrimSuffix(filepath.Base(name), ".toml")+".toml", data)
}

// FuzzDecodeSweep: a sweep file never panics the decoder; every problem
// is a located *Error (or an inline base's *config.Error); whatever is
// accepted has a config per point, within the limits, and hashes.
func FuzzDecodeSweep(f *testing.F) {
	for _, name := range sweeps.Names() {
		data, err := sweeps.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(tiny))
	for _, s := range []string{
		"base = \"balanced\"\n[[axes]]\npath = \"trust.floor\"\nvalues = [0.1]\n",
		"design = \"points\"\npoints = [[0.1], [2.0]]\nbase = \"balanced\"\n[[axes]]\npath = \"referrals.visibility\"\n",
		"design = \"lhs\"\nlhs = { n = 3, seed = -1 }\nbase = \"balanced\"\n[[axes]]\npath = \"population.members\"\nfrom = 40\nto = 1e9\n",
		"replicates = 1\n[base]\nrounds = 2\n[base.population]\nmembers = 30\n[set]\n\"population.mix.giver\" = 0.5\n[[axes]]\npath = \"professions.florist.median\"\nfrom = 1.0\nto = 1e20\nsteps = 3\nscale = \"log\"\n[chart]\nhigher = \"giver\"\n[[claims]]\nstrategy = \"giver\"\nabove = 0\nwhere = \"professions.florist.median > 5\"\n",
		"axes = [{path = \"trust.floor\", values = []}]\nbase = {rounds = 2}\n",
		"[[axes]]\npath = \"trust.floor\"\nfrom = 0.0\nto = 1.0\nsteps = 100000\n[[axes]]\npath = \"trust.chapter\"\nfrom = 0.0\nto = 1.0\nsteps = 100000\nbase = \"balanced\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodeContext(context.Background(), "fuzz.toml", data, presetLoader)
		if err != nil {
			var se *Error
			var ce *config.Error
			if !errors.As(err, &se) && !errors.As(err, &ce) {
				t.Fatalf("error is neither a *sweep.Error nor a *config.Error: %v (%T)", err, err)
			}
			_ = err.Error()
			return
		}
		if len(p.Coords) == 0 || len(p.Coords) > MaxPoints || len(p.Configs) != len(p.Coords) || p.Tasks() > MaxTasks {
			t.Fatalf("accepted %d points, %d configs, %d tasks", len(p.Coords), len(p.Configs), p.Tasks())
		}
		for i := range p.Configs {
			if err := p.Configs[i].Validate(); err != nil {
				t.Fatalf("point %d's config is invalid: %v", i, err)
			}
		}
		p.Version = "fuzz"
		if p.Hash() == "" {
			t.Fatal("no hash")
		}
	})
}

// FuzzReadPart: a part file of any bytes never panics the reader or
// Merge, and never makes them allocate by the header's numbers; every
// problem of a part is a *MergeError naming it.
func FuzzReadPart(f *testing.F) {
	p, err := Decode("tiny.toml", []byte(tiny), nil)
	if err != nil {
		f.Fatal(err)
	}
	p.Version = "fuzz"
	parts := runShards(f, p, 2)
	// The fuzzed bytes stand for shard 1; shard 0 is the real one.
	part, err := os.ReadFile(parts[1])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(part)
	head, body, _ := strings.Cut(string(part), "\n")
	for _, edit := range []struct{ from, to string }{
		{`"shards":2`, `"shards":0`}, {`"tasks":18`, `"tasks":1000000000000`}, {`"replicates":3`, `"replicates":2`},
		{`"shard":1`, `"shard":-1`}, {`"points":[[`, `"points":[[1e308,`}, {`"metrics":["income",`, `"metrics":[`},
	} {
		f.Add([]byte(strings.Replace(head, edit.from, edit.to, 1) + "\n" + body))
	}
	f.Add([]byte(head + "\n0,1,2\n"))
	f.Add([]byte(head + "\n" + strings.Repeat("17,", 2000) + "\n"))
	f.Add([]byte("{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "part-00001-of-00002")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if tf, err := readTaskFile(path, true); err == nil && len(tf.Records) > tf.Header.Tasks {
			t.Fatalf("a checkpoint read %d records of %d tasks", len(tf.Records), tf.Header.Tasks)
		}
		_, err := Merge([]string{parts[0], path}, t.TempDir(), nil, chart.Options{})
		if err != nil {
			var me *MergeError
			if !errors.As(err, &me) {
				t.Fatalf("not a *MergeError: %v (%T)", err, err)
			}
		}
	})
}
