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
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// RunInput is what the page of a run is made from.
type RunInput struct {
	// Result and Summary are the run's (report.NewSummary of Result).
	Result  *sim.Result
	Summary *report.Summary
	// Words are the page's language and title style, as the charts'.
	Words findings.Words
	// Charts are the run's charts (chart.ForRun in Words), drawn once
	// for the files and the page; nil draws them.
	Charts []chart.Named
	// Claims are the config's claims judged on the run (none: no
	// section).
	Claims []claims.Outcome
	// Command is the command line that wrote the folder, without the
	// flags that change no number (-out, -workers, -quiet, ...).
	Command string
	// Version is the simulator's.
	Version string
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
	l := in.Words.L()
	pw := l.Page()
	res, sum := in.Result, in.Summary
	cfg := res.Config
	run := findings.Of(res)
	charts := in.Charts
	if charts == nil {
		charts = chart.ForRun(res, chart.Options{Words: in.Words})
	}
	figs, err := figures(charts, run, in.Words, "")
	if err != nil {
		return nil, err
	}
	headline := l.Headline(run.Verdict, in.Words.Titles)
	d := &document{
		Lang:      l.Tag(),
		Generator: "giversgain sim " + in.Version,
		Title:     cfg.Name + ": " + headline,
		Kicker:    pw.RunKicker(cfg.Name),
		Headline:  headline,
		Lead:      lead(headline, l.Verdict(run.Verdict)),
		Facts:     pw.RunFacts(cfg.Population.Members, chapters(cfg), cfg.Rounds, len(res.Replicates), cfg.Seed),
		HowToRead: pw.HowToRead(),
		Groups:    []group{{Figures: figs}},
		Footer:    pw.Footer(in.Version),
	}
	d.Before = append(d.Before, keyNumbers(l, res, sum))
	if len(in.Claims) > 0 {
		d.Before = append(d.Before, claimsSection(pw, in.Claims))
	}
	d.After = append(d.After, assumptions(pw, cfg),
		reproduce(pw, in.Version, "sim run -config config.toml -out ..", in.Command), source(pw))
	return d, nil
}

// lead is the verdict under a headline, unless it only repeats it.
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
func keyNumbers(l findings.Lang, res *sim.Result, sum *report.Summary) section {
	pw, n, tw := l.Page(), l.Num(), l.Table()
	pal := chart.Colours(res.Kinds)
	t := &table{Head: []string{tw.Headers[0], tw.Headers[1], pw.NetIncome(), l.Term("interval"), tw.Headers[3], tw.Headers[5]},
		Numeric: []bool{false, true, true, true, true, true}}
	count := func(iv *report.Interval) string {
		switch {
		case iv == nil:
			return "-"
		case iv.Mean < 0.05:
			return "0"
		}
		return n.Grouped(iv.Mean, findings.PrecFor(iv.Mean))
	}
	for i, st := range sum.Strategies {
		name := l.Strategy(st.Name, st.Kind)
		if st.Kind != st.Name {
			name += " (" + l.Strategy(st.Kind, st.Kind) + ")"
		}
		cells := []string{name, "-", "-", "-", count(st.ReferralsGiven) + " / " + count(st.ReferralsReceived), pw.GivesNothing()}
		if st.Share != nil {
			cells[1] = n.Percent(st.Share.Mean)
		}
		if st.Income != nil {
			cells[2] = n.Money(st.Income.Mean)
			if st.Income.N >= 2 {
				cells[3] = n.MoneyRange(st.Income.CILow, st.Income.CIHigh)
			}
		}
		if st.ReturnOnGiving != nil {
			cells[5] = pw.PerDollar(st.ReturnOnGiving.Mean)
		}
		t.Rows = append(t.Rows, row{Swatch: cssColour(pal[i]), Cells: cells})
	}
	s := section{Heading: pw.KeyNumbers(), Paras: []string{pw.IntervalsExplained(sum.Rounds, sum.Replicates)}, Table: t}
	if p := sum.Payback; p.Defined {
		week := 0
		if p.Round != nil {
			week = *p.Round
		}
		s.After = append(s.After, pw.Payback(week, sum.Rounds))
	}
	s.After = append(s.After, pw.Welfare(sum.Welfare.Stat(), sum.Gini.Stat()))
	if e := l.Evolution(res); e != "" {
		s.After = append(s.After, strings.ReplaceAll(e, "\n", " "))
	}
	return s
}

// claimsSection lists the config's claims as sim prints them (in
// English: claims name keys and metrics).
func claimsSection(pw findings.PageWords, outs []claims.Outcome) section {
	var b bytes.Buffer
	claims.Print(&b, outs)
	pass := 0
	for _, o := range outs {
		if o.Pass {
			pass++
		}
	}
	return section{Heading: pw.ClaimsHeading(), Paras: []string{pw.ClaimsSummary(pass, len(outs))}, Code: []string{strings.TrimRight(b.String(), "\n")}}
}

// assumptions says which channels of reciprocity the config leaves open
// and what giving costs against what a referral is worth.
func assumptions(pw findings.PageWords, cfg sim.Config) section {
	head := pw.ChannelHead()
	t := &table{Head: head[:], Numeric: []bool{false, false, false, false}}
	for _, ch := range channels.Channels() {
		label, doc := pw.Channel(ch.Name)
		t.Rows = append(t.Rows, row{Cells: []string{label, pw.Open(ch.OpenIn(cfg)), channelSetting(ch.Name, cfg), doc}})
	}
	return section{
		Heading: pw.AssumptionsHeading(),
		Paras:   []string{pw.Population(cfg), pw.ChannelsIntro()},
		Table:   t,
		After:   []string{pw.Costs(findings.NewDeals(cfg)), pw.EvolutionRule(cfg.Evolution)},
	}
}

// channelSetting is the config key (or keys) that opens a channel, with
// its value here: keys are the config's words, in every language.
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

// reproduce gives the command that reruns the folder from its resolved
// config, run in the folder, and the command that wrote it.
func reproduce(pw findings.PageWords, version, rerun, command string) section {
	s := section{Heading: pw.ReproduceHeading(), Paras: []string{pw.ReproduceIntro(version, command != "")}, Code: []string{rerun}}
	if command != "" {
		s.Code = append(s.Code, command)
	}
	return s
}

// source cites the article the model tests and the model's description.
func source(pw findings.PageWords) section {
	return section{Heading: pw.SourceHeading(), Paras: pw.Source()}
}
