package config_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// FuzzDecodeRun: whatever config validates (and whose claims check) also
// runs and writes its outputs: no panic, no error, no NaN or infinity in
// the summary. It keeps validation and the engine from drifting apart. A
// config is cut to a few weeks and one replicate, and one too large to
// run in a fuzz iteration is skipped.
func FuzzDecodeRun(f *testing.F) {
	for _, name := range configs.Names() {
		data, err := configs.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"rounds = 3\n[population]\nmembers = 2\nchapter_size = 2\nmax_contacts = 1\n",
		"[trust]\nhalf_life = 1e300\n",
		"[[professions]]\nname = \"a\"\nshare = 1\ndemand = 0\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n",
		"[referrals]\nvisibility = 1.0\nassessment = \"standing\"\n",
		"model = \"donation\"\n[donation]\ncontinue = 0.99\n[population.mix]\ndiscriminator = 1.0\n",
		"[evolution]\nperiod = 1\nrule = \"churn\"\nchurn_fraction = 1.0\n",
		"[evolution]\nperiod = 1\nrule = \"generation\"\nmutation = 1.0\n",
		"professions = [{name = \"a\", share = 1, demand = 0, median = 1e-300, sigma = 0, margin = 1}, {name = \"b\", share = 0, demand = 1e-300, median = 1e9, sigma = 0.4, margin = 1}]\n",
		"[population.mix]\ntaker = 1.0\n[strategies.taker]\nrefer_prob = 1.0\n[[claims]]\nstrategy = \"taker\"\nabove = 0\nround = 2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := config.Decode("fuzz.toml", data)
		if err != nil {
			return
		}
		cfg := file.Config
		p := cfg.Population
		if p.Members > 3000 || p.Members*p.MaxContacts > 1_000_000 || cfg.Evolution.Period > 30 {
			t.Skip("too large for a fuzz iteration")
		}
		cfg.Replicates = 1
		cfg.Rounds = min(cfg.Rounds, max(3, cfg.Evolution.Period))
		if err := cfg.Validate(); err != nil {
			t.Fatalf("cutting the run short made a valid config invalid: %v", err)
		}
		if _, err := claims.CheckRun(file.Claims, file.Config); err != nil {
			return
		}
		for i := range file.Claims { // claims about later weeks than the cut run
			delete(file.Claims[i].Table, "round")
		}
		res, err := sim.Run(context.Background(), cfg, sim.Options{})
		if err != nil {
			t.Fatalf("a valid config failed to run: %v", err)
		}
		if _, err := claims.EvaluateRun(file.Claims, res); err != nil {
			var ce *claims.Error
			if !errors.As(err, &ce) {
				t.Fatalf("evaluating checked claims: %v", err)
			}
		}
		if err := report.WriteSummary(io.Discard, report.NewSummary(res, "fuzz")); err != nil {
			t.Fatalf("summary of a valid run: %v", err)
		}
		for _, write := range []func(io.Writer, *sim.Result) error{report.WriteTimeseries, report.WriteAgents} {
			if err := write(io.Discard, res); err != nil {
				t.Fatalf("writing a valid run: %v", err)
			}
		}
		if _, err := config.Encode(res.Config); err != nil {
			t.Fatalf("encoding a valid run's config: %v", err)
		}
	})
}
