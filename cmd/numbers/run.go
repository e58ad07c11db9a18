package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/configs/sweeps"
	"github.com/giversgain/giversgain/internal/calibrate"
	"github.com/giversgain/giversgain/internal/channels"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/docblock"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/internal/reproduce"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

// steps are the parts of the regeneration, in order.
var steps = []string{"presets", "decomposition", "channels", "calibration", "validation", "showcase", "sensitivity"}

// calibrated are the presets that claim BNI's activity (sim calibrate).
var calibrated = []string{"bni-chapter", "bni-region"}

// borrowed are presets too large to calibrate that state a calibrated
// preset's fitted values (the same chapters, more of them): calibration
// runs each once and checks it against BNI's figures with the tolerances
// of internal/calibrate's TestCalibratedPresets.
var borrowed = []struct{ preset, from string }{{"bni-world", "bni-region"}}

// channelPresets are the presets docs/channels.md measures.
var channelPresets = []string{"giver-heavy", "bni-chapter", "bni-region"}

// showcase are the runs whose charts the README shows: preset, chart,
// and the file name in results/showcase.
var showcase = []struct{ preset, chart, file string }{
	{"bni-region", "income", "bni-region-income"},
	{"giver-heavy", "income", "income"},
	{"giver-heavy", "deciles", "deciles"},
	{"no-channel", "income", "no-channel-income"},
}

// blockFiles is the document each step that writes generated blocks
// rewrites, relative to the root: moving a block to another file means
// changing it here (TestDocumentsHoldTheirBlocks checks the markers).
var blockFiles = map[string]string{
	"presets":       "README.md",         // presets, evolution
	"channels":      "docs/channels.md",  // channels-<preset> of channelPresets
	"validation":    "docs/reproduce.md", // validation, validation-notes
	"decomposition": "docs/design.md",    // decomposition
	"sensitivity":   "README.md",         // sensitivity
}

// heatmap is the sweep whose chart the README shows.
const heatmap = "visibility-vs-giver-share"

type regen struct {
	root    string
	workers int
	log     io.Writer
	// results caches each preset's run, shared by the steps.
	results map[string]*sim.Result
	stale   []string // calibrated presets whose stated values are stale
	// studyResults, if set, is a finished run of the showcase study to
	// take its numbers from instead of running it (its 14,272 runs).
	studyResults string
}

// run is main without the process: it parses args, regenerates the parts
// asked for and returns the exit code: 0 done, 1 a failure or a stale
// calibration, 2 usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("numbers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the repository `DIR`")
	only := fs.String("only", strings.Join(steps, ","), "comma-separated `parts` to regenerate: "+strings.Join(steps, ", "))
	workers := fs.Int("workers", 0, "replicates run at once (0 = one per CPU); never changes a number")
	studyResults := fs.String("study-results", "", "take the "+showcaseStudy+" study's numbers from this finished `DIR` (sim sensitivity's results folder) instead of running it")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var todo []string
	for _, s := range strings.Split(*only, ",") {
		s = strings.TrimSpace(s)
		if !slices.Contains(steps, s) {
			fmt.Fprintf(stderr, "numbers: -only: unknown part %q; the parts are %s\n", s, strings.Join(steps, ", "))
			return 2
		}
		todo = append(todo, s)
	}
	g := &regen{root: *root, workers: *workers, log: stderr, results: map[string]*sim.Result{}, studyResults: *studyResults}
	for _, s := range todo {
		var err error
		switch s {
		case "presets":
			err = g.presets(ctx)
		case "decomposition":
			err = g.decomposition(ctx)
		case "channels":
			err = g.channels(ctx)
		case "calibration":
			err = g.calibration(ctx, stdout)
		case "validation":
			err = g.validation(ctx)
		case "showcase":
			err = g.showcase(ctx, stdout)
		case "sensitivity":
			err = g.sensitivity(ctx)
		}
		if err != nil {
			fmt.Fprintf(stderr, "numbers: %s: %v\n", s, err)
			return 1
		}
	}
	if len(g.stale) > 0 {
		fmt.Fprintf(stderr, "numbers: the calibration of %s is stale: set the fitted values in the presets (see above) and run again\n", strings.Join(g.stale, ", "))
		return 1
	}
	return 0
}

// load decodes a preset.
func load(name string) (*config.File, error) {
	data, err := configs.Read(name)
	if err != nil {
		return nil, err
	}
	return config.Decode(name+".toml", data)
}

// result runs a preset once for all the steps that need it.
func (g *regen) result(ctx context.Context, name string) (*sim.Result, error) {
	if res, ok := g.results[name]; ok {
		return res, nil
	}
	f, err := load(name)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(g.log, "running %s\n", name)
	res, err := sim.Run(ctx, f.Config, sim.Options{Workers: g.workers})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	g.results[name] = res
	return res, nil
}

// rewrite replaces the named blocks of the file at path (relative to the
// root).
func (g *regen) rewrite(path string, blocks map[string]string) error {
	full := filepath.Join(g.root, path)
	doc, err := os.ReadFile(full)
	if err != nil {
		return err
	}
	out := doc
	for _, name := range slices.Sorted(maps.Keys(blocks)) {
		if out, err = docblock.Replace(out, name, blocks[name]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if bytes.Equal(out, doc) {
		return nil
	}
	fmt.Fprintf(g.log, "rewrote %s\n", path)
	return os.WriteFile(full, out, 0o644)
}

// presets writes the README's table of every preset's verdict and the
// evolution presets' long-run shares.
func (g *regen) presets(ctx context.Context) error {
	var table, evo strings.Builder
	table.WriteString("| preset | what it models | seats | what happens (default seed) |\n|---|---|---|---|\n")
	evo.WriteString("| preset | rule | long-run shares (95% CI) | outcome |\n|---|---|---|---|\n")
	for _, name := range configs.Names() {
		f, err := load(name)
		if err != nil {
			return err
		}
		res, err := g.result(ctx, name)
		if err != nil {
			return err
		}
		cfg := f.Config
		verdict := report.Verdict(res)
		if cfg.Evolution.Period > 0 {
			// Cumulative incomes mix members' histories under evolution:
			// the shares are the outcome.
			shares, _ := findings.Words{Titles: findings.Research}.Slide(findings.Of(res), "shares")
			verdict = shares.Title + "."
		}
		fmt.Fprintf(&table, "| `%s` | %s | %s | %s |\n", name, describe(name), cfg.Population.Seats, verdict)
		if cfg.Evolution.Period == 0 {
			continue
		}
		var shares []string
		for i, st := range res.LongRunShares() {
			shares = append(shares, fmt.Sprintf("%s %s (%s-%s)", res.Strategies[i], share(st.Mean), share(st.Low), share(st.High)))
		}
		fmt.Fprintf(&evo, "| `%s` | %s every %d weeks | %s | %s |\n", name, cfg.Evolution.Rule, cfg.Evolution.Period, strings.Join(shares, "; "), res.Takeover())
	}
	return g.rewrite(blockFiles["presets"], map[string]string{"presets": table.String(), "evolution": evo.String()})
}

// describe is what a preset models: the first sentence of its comment,
// without the "name: " it starts with.
func describe(name string) string {
	data, err := configs.Read(name)
	if err != nil {
		return ""
	}
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok || strings.TrimSpace(text) == "" {
			break
		}
		words = append(words, strings.Fields(text)...)
	}
	first := strings.Join(words, " ")
	first = strings.TrimPrefix(first, name+": ")
	if i := strings.Index(first, ". "); i >= 0 {
		first = first[:i]
	}
	return strings.TrimSuffix(first, ".")
}

func share(x float64) string { return fmt.Sprintf("%.2f", x) }

// channels writes docs/channels.md's tables.
func (g *regen) channels(ctx context.Context) error {
	blocks := map[string]string{}
	for _, name := range channelPresets {
		f, err := load(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.log, "channels of %s\n", name)
		rows, err := channels.Run(ctx, f.Config, channels.Options{Workers: g.workers})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "`sim channels -config %s`: %d members, %d weeks, %d replicates per world.\n\n", name, f.Config.Population.Members, f.Config.Rounds, f.Config.Replicates)
		if err := channels.WriteMarkdown(&b, rows, nil); err != nil {
			return err
		}
		blocks["channels-"+name] = b.String()
	}
	return g.rewrite(blockFiles["channels"], blocks)
}

// decomposed is the preset whose result the README traces back to the
// first release, one change of the world at a time.
const decomposed = "giver-heavy"

// decomposition writes the table (docs/design.md) of what moved the default
// preset's result since the first release: the preset in the first
// release's world (eight professions, shared seats, income = revenue) and
// with each change of the world made in turn, on this engine.
func (g *regen) decomposition(ctx context.Context) error {
	f, err := load(decomposed)
	if err != nil {
		return err
	}
	revenue := func(ps []sim.Profession) []sim.Profession { // income = revenue: margin 1
		out := slices.Clone(ps)
		for i := range out {
			out[i].Margin = 1
		}
		return out
	}
	type world struct {
		label string
		seats sim.Seats
		profs []sim.Profession
	}
	n := len(f.Config.Professions)
	worlds := []world{
		{"first release's world: 8 professions, several of each per chapter, income = revenue", sim.Shared, sim.FirstReleaseProfessions()},
		{fmt.Sprintf("%d professions, shared seats, income = revenue", n), sim.Shared, revenue(f.Config.Professions)},
		{fmt.Sprintf("%d professions, one seat per profession, income = revenue", n), sim.Exclusive, revenue(f.Config.Professions)},
		{fmt.Sprintf("%d professions, shared seats, income = margin x revenue", n), sim.Shared, f.Config.Professions},
		{fmt.Sprintf("today: %d professions, one seat per profession, margins", n), sim.Exclusive, f.Config.Professions},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "`%s`, %d members, %d weeks, %d replicates, default seed, on this engine:\n\n", decomposed, f.Config.Population.Members, f.Config.Rounds, f.Config.Replicates)
	b.WriteString("| world | givers against takers after 10 years (95% CI) | givers ahead for good from week |\n|---|---|---|\n")
	for _, wd := range worlds {
		cfg := f.Config
		cfg.Population.Seats, cfg.Professions = wd.seats, wd.profs
		fmt.Fprintf(g.log, "decomposition: %s\n", wd.label)
		res, err := sim.Run(ctx, cfg, sim.Options{Workers: g.workers})
		if err != nil {
			return fmt.Errorf("%s: %w", wd.label, err)
		}
		sum := report.NewSummary(res, "numbers")
		lead, week := "n/a", "never"
		if c := sum.Comparison; c != nil && c.Percent != nil {
			p := c.Percent
			if p.Mean >= 100 {
				lead = fmt.Sprintf("%.1f times as much (%.1f-%.1f)", 1+p.Mean/100, 1+p.CILow/100, 1+p.CIHigh/100)
			} else {
				lead = fmt.Sprintf("%+.0f%% (%s)", p.Mean, report.PercentRange(p.CILow, p.CIHigh))
			}
			if p.CILow <= 0 && p.CIHigh >= 0 {
				lead += ", no clear winner"
			}
		}
		if r := sum.Payback.Round; r != nil {
			week = strconv.Itoa(*r)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", wd.label, lead, week)
	}
	return g.rewrite(blockFiles["decomposition"], map[string]string{"decomposition": b.String()})
}

// calibration fits each calibrated preset afresh, prints the fit, writes
// it to results/showcase/<name>-calibration.txt and records the preset as
// stale when its stated opportunity rate or deal-value scale lies outside
// the fit's interval.
func (g *regen) calibration(ctx context.Context, stdout io.Writer) error {
	for _, name := range calibrated {
		f, err := load(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.log, "calibrating %s\n", name)
		res, err := calibrate.Fit(ctx, f.Config, calibrate.Options{Workers: g.workers})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var b bytes.Buffer
		if err := res.WriteText(&b, name); err != nil {
			return err
		}
		stdout.Write(b.Bytes())
		fmt.Fprintln(stdout)
		path := filepath.Join(g.root, "results", "showcase", name+"-calibration.txt")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return err
		}
		r := f.Config.Referrals
		if !within(r.Opportunities, res.Low, res.High) || res.ScaleFitted && !within(r.ValueScale, res.ScaleLow, res.ScaleHigh) ||
			!res.ScaleFitted && r.ValueScale != 1 {
			fmt.Fprintf(g.log, "%s states opportunities = %g, value_scale = %g; the fit gives %.4g and %.4g\n", name, r.Opportunities, r.ValueScale, res.Fit.Opportunities, res.Fit.ValueScale)
			g.stale = append(g.stale, name)
		}
	}
	return g.checkBorrowed(ctx, stdout)
}

// checkBorrowed runs each borrowed preset, prints its referrals per
// member-week and closed business per referral against BNI's, and records
// it as stale when it states other values than its source or misses
// BNI's figures by more than 8% and 15%.
func (g *regen) checkBorrowed(ctx context.Context, stdout io.Writer) error {
	for _, b := range borrowed {
		f, err := load(b.preset)
		if err != nil {
			return err
		}
		src, err := load(b.from)
		if err != nil {
			return err
		}
		res, err := g.result(ctx, b.preset)
		if err != nil {
			return err
		}
		cfg := f.Config
		var referrals, closed float64
		for _, rep := range res.Replicates {
			referrals += float64(rep.Totals.Referrals)
			closed += rep.Totals.ClosedValue
		}
		rate := referrals / (float64(cfg.Population.Members) * float64(cfg.Rounds) * float64(len(res.Replicates)))
		perRef := closed / referrals
		target, biz := calibrate.BNI2016.ReferralsPerMemberWeek(), calibrate.BNI2016.BusinessPerReferral()
		fmt.Fprintf(stdout, "%s (%s's fitted values): %.4f referrals per member-week (BNI %.3f, %+.1f%%), $%.0f closed per referral (BNI $%.0f, %+.1f%%)\n\n",
			b.preset, b.from, rate, target, 100*(rate/target-1), perRef, biz, 100*(perRef/biz-1))
		r, s := cfg.Referrals, src.Config.Referrals
		if r.Opportunities != s.Opportunities || r.ValueScale != s.ValueScale ||
			math.Abs(rate/target-1) > 0.08 || math.Abs(perRef/biz-1) > 0.15 {
			fmt.Fprintf(g.log, "%s states opportunities = %g, value_scale = %g; %s states %g and %g\n", b.preset, r.Opportunities, r.ValueScale, b.from, s.Opportunities, s.ValueScale)
			g.stale = append(g.stale, b.preset)
		}
	}
	return nil
}

func within(x, lo, hi float64) bool { return x >= lo && x <= hi || math.Abs(x-(lo+hi)/2) < 1e-12 }

// validation runs the validation experiments (sim reproduce) and writes
// their table (experiment, expected, measured, status) and notes to
// docs/reproduce.md; the README links it.
func (g *regen) validation(ctx context.Context) error {
	fmt.Fprintln(g.log, "running the validation experiments")
	rows, err := reproduce.Run(ctx, reproduce.Options{Configs: configs.Reproduce(), Workers: g.workers, Log: g.log})
	if err != nil {
		return err
	}
	var md strings.Builder
	md.WriteString("| experiment | expected | measured | status |\n|---|---|---|---|\n")
	for _, r := range rows {
		status := string(r.Status)
		if r.Status == reproduce.Fail {
			status = "**FAIL**"
		}
		fmt.Fprintf(&md, "| %s | %s | %s | %s |\n", cellText(r.Experiment), cellText(r.Expected), cellText(r.Measured), status)
	}
	var notes strings.Builder
	for _, r := range rows {
		for _, n := range r.Notes {
			fmt.Fprintf(&notes, "- %s: %s\n", r.Experiment, n)
		}
	}
	return g.rewrite(blockFiles["validation"], map[string]string{"validation": md.String(), "validation-notes": notes.String()})
}

// cellText makes text safe in a Markdown table cell.
func cellText(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// showcase draws the README's charts into results/showcase and runs the
// heat-map sweep, printing its claims.
func (g *regen) showcase(ctx context.Context, stdout io.Writer) error {
	dir := filepath.Join(g.root, "results", "showcase")
	for _, s := range showcase {
		res, err := g.result(ctx, s.preset)
		if err != nil {
			return err
		}
		// The README's charts are the talk's: English, plain titles.
		charts := chart.ForRun(res, chart.Options{})
		i := slices.IndexFunc(charts, func(n chart.Named) bool { return n.Name == s.chart })
		if i < 0 {
			return fmt.Errorf("%s has no chart %q", s.preset, s.chart)
		}
		if _, err := chart.Save(charts[i].Chart, dir, s.file, []string{"png"}); err != nil {
			return err
		}
		fmt.Fprintf(g.log, "drew %s\n", filepath.Join(dir, s.file+".png"))
	}
	data, err := sweeps.Read(heatmap)
	if err != nil {
		return err
	}
	plan, err := sweep.Decode(heatmap+".toml", data, load)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "numbers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintf(g.log, "sweeping %s (%d tasks)\n", heatmap, plan.Tasks())
	out, err := sweep.Run(ctx, plan, sweep.Options{Dir: tmp, Workers: g.workers})
	if err != nil {
		return err
	}
	claims.Print(stdout, out.Claims)
	png, err := os.ReadFile(filepath.Join(out.Stats.Out, "heatmap.png"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, heatmap+".png"), png, 0o644)
}
