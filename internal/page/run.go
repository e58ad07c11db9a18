package page

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/internal/channels"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// RunInput is what the page of a run is made from.
type RunInput struct {
	// Result and Summary are the run's (report.NewSummary of Result).
	Result  *sim.Result
	Summary *report.Summary
	// Charts are the run's charts (chart.ForRun), drawn once for the
	// files and the page; nil draws them.
	Charts []chart.Named
	// Claims are the config's claims judged on the run (none: no
	// section).
	Claims []claims.Outcome
	// Command is the command line that wrote the folder, without the
	// flags that change no number (-out, -workers, -quiet, ...).
	Command string
	// Version is the simulator's.
	Version string
	// Words are the page's words; nil is English.
	Words Words
}

// Run writes the report.html of a run to w.
func Run(w io.Writer, in RunInput) error {
	d, err := runDocument(in)
	if err != nil {
		return err
	}
	return render(w, d)
}

func runDocument(in RunInput) (*document, error) {
	wd := in.Words
	if wd == nil {
		wd = English
	}
	res, sum := in.Result, in.Summary
	cfg := res.Config
	charts := in.Charts
	if charts == nil {
		charts = chart.ForRun(res)
	}
	figs, err := figures(charts, wd.ChartHeading, func(name string) string { return wd.HowToRead(name, res) }, func(name string) string { return name })
	if err != nil {
		return nil, err
	}
	headline := chart.IncomeTitle(res)
	d := &document{
		Lang:      wd.Lang(),
		Generator: "giversgain sim " + in.Version,
		Title:     cfg.Name + ": " + headline,
		Kicker:    wd.RunKicker(cfg.Name),
		Headline:  headline,
		Lead:      lead(headline, sum.Verdict),
		Facts:     wd.RunFacts(cfg.Population.Members, chapters(cfg), cfg.Rounds, len(res.Replicates), cfg.Seed),
		HowToRead: wd.HowToReadLabel(),
		Groups:    []group{{Figures: figs}},
		Footer:    wd.Footer(in.Version),
	}
	d.Before = append(d.Before, keyNumbers(wd, res, sum))
	if len(in.Claims) > 0 {
		d.Before = append(d.Before, claimsSection(wd, in.Claims))
	}
	d.After = append(d.After, assumptions(wd, cfg),
		reproduce(wd, in.Version, in.Command), source(wd))
	return d, nil
}

// lead is the verdict under a headline, unless it only repeats it (the
// payback week it adds is in the key numbers).
func lead(headline, verdict string) string {
	if strings.HasPrefix(verdict, headline) {
		return ""
	}
	return verdict
}

// chapters is the number of chapters members are split into.
func chapters(cfg sim.Config) int {
	if cfg.Population.ChapterSize <= 0 {
		return 1
	}
	return max(1, int(math.Round(float64(cfg.Population.Members)/float64(cfg.Population.ChapterSize))))
}

// keyNumbers is the table of each strategy's final figures with their
// intervals, and the run's other numbers in sentences.
func keyNumbers(wd Words, res *sim.Result, sum *report.Summary) section {
	pal := chart.Colours(res.Kinds)
	t := &table{Head: wd.StrategyHead(), Numeric: []bool{false, true, true, true, true, true}}
	for i, st := range sum.Strategies {
		t.Rows = append(t.Rows, row{Swatch: cssColour(pal[i]), Cells: []string{
			wd.StrategyName(st.Name, st.Kind),
			wd.Share(st.Share),
			wd.Money(st.Income),
			wd.MoneyInterval(st.Income),
			wd.PerMember(st.ReferralsGiven) + " / " + wd.PerMember(st.ReferralsReceived),
			wd.Return(st.ReturnOnGiving),
		}})
	}
	s := section{Heading: wd.KeyNumbers(), Paras: []string{wd.IntervalsExplained(sum.Rounds, sum.Replicates)}, Table: t}
	if p := wd.Payback(sum.Payback, sum.Rounds); p != "" {
		s.After = append(s.After, p)
	}
	s.After = append(s.After, wd.Welfare(sum.Welfare, sum.Gini))
	if sum.Evolution != nil {
		s.After = append(s.After, wd.Evolution(res, sum.Evolution))
	}
	return s
}

// claimsSection lists the config's claims as sim prints them.
func claimsSection(wd Words, outs []claims.Outcome) section {
	var b bytes.Buffer
	claims.Print(&b, outs)
	pass := 0
	for _, o := range outs {
		if o.Pass {
			pass++
		}
	}
	return section{Heading: wd.ClaimsHeading(), Paras: []string{wd.ClaimsSummary(pass, len(outs))}, Code: []string{strings.TrimRight(b.String(), "\n")}}
}

// assumptions says which channels of reciprocity the config leaves open
// and what giving costs against what a referral is worth.
func assumptions(wd Words, cfg sim.Config) section {
	t := &table{Head: wd.ChannelHead(), Numeric: []bool{false, false, false, false}}
	for _, ch := range channels.Channels() {
		label, doc := wd.Channel(ch.Name)
		t.Rows = append(t.Rows, row{Cells: []string{label, wd.Open(ch.OpenIn(cfg)), channelSetting(ch.Name, cfg), doc}})
	}
	return section{
		Heading: wd.AssumptionsHeading(),
		Paras:   []string{wd.Population(cfg), wd.ChannelsIntro()},
		Table:   t,
		After:   []string{wd.Costs(dealValues(cfg)), wd.EvolutionRule(cfg.Evolution)},
	}
}

// channelSetting is the config key (or keys) that opens a channel, with
// its value here.
func channelSetting(name string, cfg sim.Config) string {
	switch name {
	case "visibility":
		return setting("referrals.visibility", cfg.Referrals.Visibility)
	case "gratitude":
		return setting("trust.gratitude", cfg.Trust.Gratitude)
	case "close-rate link":
		return setting("close.trust_weight", cfg.Close.TrustWeight)
	case "ledgers":
		var ls []string
		for _, s := range cfg.Strategies {
			if s.Kind != "scorekeeper" {
				continue
			}
			l, _ := s.Params["ledger"].(string)
			if l == "" {
				l = "count"
			}
			ls = append(ls, s.Name+".ledger = "+l)
		}
		if len(ls) == 0 {
			return "-"
		}
		return strings.Join(ls, "; ")
	case "help's trust":
		return setting("trust.help_boost", cfg.Trust.HelpBoost)
	case "help's value":
		return setting("referrals.help_value", cfg.Referrals.HelpValue)
	}
	return ""
}

func setting(key string, v float64) string {
	return key + " = " + strconv.FormatFloat(v, 'g', -1, 64)
}

// Deals is what giving costs against what a referral is worth in a
// config: the time a referral and a help act cost, and a referred job's
// revenue and what its recipient keeps of it, on average over the
// clients (professions weighted by demand, deal values scaled by
// referrals.value_scale), with the cheapest and the dearest profession.
type Deals struct {
	ReferCost, HelpCost float64
	// Mean is a referred job's mean revenue; Kept the recipient's margin
	// of it.
	Mean, Kept float64
	// Cheapest and Dearest are the professions with the lowest and the
	// highest median job, and those medians.
	Cheapest, Dearest         string
	CheapestValue, DearestVal float64
}

// dealValues computes Deals for cfg.
func dealValues(cfg sim.Config) Deals {
	d := Deals{ReferCost: cfg.Referrals.ReferCost, HelpCost: cfg.Referrals.HelpCost}
	scale := cfg.Referrals.ValueScale
	if scale == 0 {
		scale = 1
	}
	var demand float64
	for i, p := range cfg.Professions {
		demand += p.Demand
		d.Mean += p.Demand * p.MeanValue() * scale
		d.Kept += p.Demand * p.MeanValue() * scale * p.Margin
		v := p.Median * scale
		if i == 0 || v < d.CheapestValue {
			d.Cheapest, d.CheapestValue = p.Name, v
		}
		if i == 0 || v > d.DearestVal {
			d.Dearest, d.DearestVal = p.Name, v
		}
	}
	if demand > 0 {
		d.Mean /= demand
		d.Kept /= demand
	}
	return d
}

// reproduce gives the command that reruns the folder from its resolved
// config, run in the folder (it writes ../<name>/: the folder itself),
// and the command that wrote it.
func reproduce(wd Words, version, command string) section {
	s := section{Heading: wd.ReproduceHeading(), Paras: []string{wd.ReproduceIntro(version, command != "")}, Code: []string{"sim run -config config.toml -out .."}}
	if command != "" {
		s.Code = append(s.Code, command)
	}
	return s
}

// source cites the article the model tests and the model's description.
func source(wd Words) section {
	return section{Heading: wd.SourceHeading(), Paras: wd.Source()}
}
