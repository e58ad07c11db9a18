// Package compare puts scenarios side by side, as sim compare does: it
// runs each scenario (a preset, a config file, or a results folder's
// resolved config.toml), draws one scenario slide of every strategy's
// final income in every scenario, and draws each run chart once per
// scenario on one scale for all, so that slides shown together do not
// mislead (giver-heavy, no-channel and costly-giving each scaled to its
// own data put $500k, $250k and $150k at the same height). It writes the
// charts, a table and a report page into one folder, atomically.
//
// A results folder is rerun from its config.toml, which reproduces it
// byte for byte (sim run's contract), and checked against the folder's
// summary.json: a folder written by another version of the model is
// compared as the model now runs it, with a warning.
package compare

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"

	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/page"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// Source is one scenario as given: a results folder, a config file or a
// preset name, with its config.
type Source struct {
	// Arg is the argument as given; Dir the results folder it names
	// ("" for a config or a preset).
	Arg, Dir string
	// File is the scenario's config.
	File *config.File
}

// Resolve reads one argument: a folder holding config.toml (a results
// folder of sim run), else a config file or a preset name, read by load
// (sim's loader, which knows the presets).
func Resolve(arg string, load func(string) (*config.File, error)) (Source, error) {
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		path := filepath.Join(arg, "config.toml")
		f, err := config.Load(path)
		if err != nil {
			return Source{}, err
		}
		return Source{Arg: arg, Dir: arg, File: f}, nil
	}
	f, err := load(arg)
	if err != nil {
		return Source{}, err
	}
	return Source{Arg: arg, File: f}, nil
}

// Options say how to run and draw a comparison.
type Options struct {
	// Replicates, when positive, overrides every scenario's replicates
	// (a quick look; a results folder is then not checked against its
	// summary).
	Replicates int
	// Workers run replicates, and chapters of one world, at once (0:
	// one per CPU); they never change a number.
	Workers int
	// Look is the charts' words and look.
	Look chart.Options
	// Version is the simulator's, written into the summaries.
	Version string
	// Progress, if set, is told the weeks simulated so far of Weeks(srcs)
	// in all.
	Progress func(done int)
	// Warn, if set, receives warnings (a results folder that its config
	// no longer reproduces).
	Warn io.Writer
}

// Scenario is one scenario run.
type Scenario struct {
	// Name is the scenario's name: its config's, made unique in the
	// comparison.
	Name   string
	Source Source
	// Config is the config as run (Options.Replicates applied).
	Config  sim.Config
	Result  *sim.Result
	Summary *report.Summary
}

// Weeks is the number of weekly rounds srcs take to simulate in all,
// with replicates overriding each one's replicates when positive.
func Weeks(srcs []Source, replicates int) int {
	n := 0
	for _, s := range srcs {
		r := s.File.Config.Replicates
		if replicates > 0 {
			r = replicates
		}
		n += s.File.Config.Rounds * r
	}
	return n
}

// Run simulates the scenarios in order.
func Run(ctx context.Context, srcs []Source, opt Options) ([]Scenario, error) {
	if len(srcs) < 2 {
		return nil, errors.New("a comparison needs two scenarios or more")
	}
	var out []Scenario
	seen := map[string]int{}
	done := 0
	for _, src := range srcs {
		cfg := src.File.Config
		if opt.Replicates > 0 {
			cfg.Replicates = opt.Replicates
			if err := cfg.Validate(); err != nil {
				return nil, fmt.Errorf("%s with -replicates %d: %w", src.Arg, opt.Replicates, err)
			}
		}
		name := cfg.Name
		if seen[name]++; seen[name] > 1 {
			name += "-" + strconv.Itoa(seen[name])
		}
		offset := done
		res, err := sim.Run(ctx, cfg, sim.Options{Workers: opt.Workers, Progress: func(d, _ int) {
			if opt.Progress != nil {
				opt.Progress(offset + d)
			}
		}})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Arg, err)
		}
		done += cfg.Rounds * cfg.Replicates
		sc := Scenario{Name: name, Source: src, Config: cfg, Result: res, Summary: report.NewSummary(res, opt.Version)}
		if src.Dir != "" && opt.Replicates <= 0 && opt.Warn != nil {
			if same, err := sameSummary(filepath.Join(src.Dir, "summary.json"), sc.Summary); err != nil || !same {
				why := "it differs from a fresh run of its config.toml (written by another version of the model?)"
				if err != nil {
					why = err.Error()
				}
				fmt.Fprintf(opt.Warn, "sim compare: %s: summary.json: %s; comparing the model as it runs now\n", src.Dir, why)
			}
		}
		out = append(out, sc)
	}
	return out, nil
}

// sameSummary reports whether the summary.json at path holds sum's
// numbers (the version that wrote it aside).
func sameSummary(path string, sum *report.Summary) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var b bytes.Buffer
	if err := report.WriteSummary(&b, sum); err != nil {
		return false, err
	}
	var old, now map[string]any
	if err := json.Unmarshal(data, &old); err != nil {
		return false, err
	}
	if err := json.Unmarshal(b.Bytes(), &now); err != nil {
		return false, err
	}
	delete(old, "version")
	delete(now, "version")
	return reflect.DeepEqual(old, now), nil
}

// sharedAxes says which axes each chart shares across scenarios: the
// value axis, and the weeks where the runs' lengths differ.
var sharedAxes = map[string][2]bool{
	"income":       {true, true},
	"distribution": {false, true},
	"deciles":      {false, false},
	"flows":        {false, true},
	"professions":  {true, false},
	"shares":       {true, false},
}

// Drawn is a comparison's charts: the scenario slide and, per scenario,
// its charts on shared scales.
type Drawn struct {
	Slide      *chart.Chart
	SlideWords findings.Slide
	// Runs are the scenarios' findings, scales shared; Charts each
	// scenario's charts; Kinds the chart names in order.
	Runs   []*findings.Run
	Charts [][]chart.Named
	Kinds  []string
}

// Draw draws the charts of a comparison in opt.Look.
func Draw(sc []Scenario, look chart.Options) Drawn {
	var d Drawn
	l := look.Words.L()
	for _, s := range sc {
		d.Runs = append(d.Runs, findings.Of(s.Result))
	}
	findings.ShareScales(d.Runs)
	byKind := map[string][]*chart.Chart{}
	for i, run := range d.Runs {
		cs := chart.ForFindings(run, look)
		d.Charts = append(d.Charts, cs)
		for _, c := range cs {
			if !slices.Contains(d.Kinds, c.Name) {
				d.Kinds = append(d.Kinds, c.Name)
			}
			// Under evolution income is what holding a strategy paid a
			// week, not a cumulative income: those share a scale only
			// with each other.
			key := c.Name
			if c.Name == "income" && d.Runs[i].Rate.Defined {
				key = "income-rate"
			}
			byKind[key] = append(byKind[key], c.Chart)
		}
	}
	for key, cs := range byKind {
		name := key
		if key == "income-rate" {
			name = "income"
		}
		ax := sharedAxes[name]
		chart.ShareAxes(cs, ax[0], ax[1])
	}

	// The scenario slide.
	f := findings.ScenarioWordsFacts{Replicates: -1}
	var bars []chart.Scenario
	for i, s := range sc {
		f.Scenarios = append(f.Scenarios, s.Name)
		f.Verdicts = append(f.Verdicts, d.Runs[i].Verdict)
		f.Rounds = max(f.Rounds, s.Result.Rounds)
		if n := len(s.Result.Replicates); f.Replicates < 0 || n < f.Replicates {
			f.Replicates = n
		}
		b := chart.Scenario{Kinds: s.Result.Kinds}
		for _, st := range s.Summary.Strategies {
			b.Labels = append(b.Labels, l.Strategy(st.Name, st.Kind))
			b.Final = append(b.Final, st.Income.Stat())
		}
		bars = append(bars, b)
	}
	d.SlideWords = l.Page().Scenarios(f)
	d.Slide = chart.Scenarios(bars, d.SlideWords, look)
	return d
}

// Write writes the comparison into dir atomically (a temporary sibling
// folder swapped into place): scenarios.<format> (the scenario slide),
// <scenario>-<chart>.<format> for each chart of each scenario on shared
// scales, scenarios.csv (each strategy's final income in each scenario),
// configs/<scenario>.toml (the resolved configs, which rerun it) and
// report.html. command is the command line that wrote it, for the page.
func Write(dir string, sc []Scenario, formats []string, look chart.Options, version, command string) error {
	d := Draw(sc, look)
	return atomicdir.Write(dir, func(tmp string) error {
		if _, err := chart.Save(d.Slide, tmp, "scenarios", formats); err != nil {
			return fmt.Errorf("scenarios: %w", err)
		}
		for i, s := range sc {
			named := make([]chart.Named, len(d.Charts[i]))
			for k, c := range d.Charts[i] {
				named[k] = chart.Named{Name: s.Name + "-" + c.Name, Chart: c.Chart}
			}
			if _, err := chart.SaveAll(named, tmp, formats); err != nil {
				return err
			}
		}
		if err := atomicdir.WriteFile(filepath.Join(tmp, "scenarios.csv"), func(w io.Writer) error { return writeCSV(w, sc) }); err != nil {
			return err
		}
		if err := os.Mkdir(filepath.Join(tmp, "configs"), 0o755); err != nil {
			return err
		}
		rerun := "sim compare"
		for _, s := range sc {
			resolved, err := config.Encode(s.Config)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			path := filepath.Join("configs", s.Name+".toml")
			if err := atomicdir.WriteFile(filepath.Join(tmp, path), func(w io.Writer) error { _, err := w.Write(resolved); return err }); err != nil {
				return err
			}
			rerun += " " + path
		}
		rerun += " -out .."
		in := page.CompareInput{Slide: d.Slide, SlideWords: d.SlideWords, Kinds: d.Kinds, Words: look.Words,
			Rerun: rerun, Command: command, Version: version}
		for i, s := range sc {
			in.Scenarios = append(in.Scenarios, page.CompareScenario{Name: s.Name, Source: s.Source.Arg, Run: d.Runs[i], Summary: s.Summary, Charts: d.Charts[i]})
		}
		return atomicdir.WriteFile(filepath.Join(tmp, "report.html"), func(w io.Writer) error { return page.Compare(w, in) })
	})
}

// writeCSV writes each strategy's final income in each scenario: tidy,
// one row per scenario and strategy; an undefined value is empty.
func writeCSV(w io.Writer, sc []Scenario) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"scenario", "strategy", "kind", "share", "income", "ci_low", "ci_high", "n"})
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, s := range sc {
		for _, st := range s.Summary.Strategies {
			rec := []string{s.Name, st.Name, st.Kind, "", "", "", "", "0"}
			if st.Share != nil {
				rec[3] = num(st.Share.Mean)
			}
			if st.Income != nil {
				rec[4], rec[5], rec[6], rec[7] = num(st.Income.Mean), num(st.Income.CILow), num(st.Income.CIHigh), strconv.Itoa(st.Income.N)
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}
