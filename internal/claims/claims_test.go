package claims

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

func raw(tables ...map[string]any) []config.RawTable {
	out := make([]config.RawTable, len(tables))
	for i, t := range tables {
		out[i] = config.RawTable{Line: 10 * (i + 1), Table: t}
	}
	return out
}

func TestParse(t *testing.T) {
	cs, err := Parse(raw(
		map[string]any{"strategy": "giver", "above": "taker"},
		map[string]any{"name": "takers lose money early", "strategy": "taker", "metric": "income", "below": int64(0), "round": int64(13), "confidence": 0.9, "where": "referrals.visibility >= 0.5 and population.mix.giver < 0.8"},
		map[string]any{"strategy": "giver", "above": 1.5, "where": []any{"trust.floor == 0.1"}},
	))
	if err != nil {
		t.Fatal(err)
	}
	if got := cs[0].Name; got != "giver income above taker income at the final week" {
		t.Errorf("statement %q", got)
	}
	c := cs[1]
	if c.Above || c.Value != 0 || c.Other != "" || c.Round != 13 || c.Confidence != 0.9 || len(c.Where) != 2 || c.Line != 20 {
		t.Errorf("claim 2: %+v", c)
	}
	if c.Where[1] != (Cond{"population.mix.giver", "<", 0.8}) {
		t.Errorf("where: %+v", c.Where)
	}
	if cs[2].Value != 1.5 || cs[2].Where[0].Op != "==" {
		t.Errorf("claim 3: %+v", cs[2])
	}
	for _, bad := range []struct {
		t    map[string]any
		want string
	}{
		{map[string]any{"above": "taker"}, "strategy: missing"},
		{map[string]any{"strategy": "giver"}, "exactly one of above"},
		{map[string]any{"strategy": "giver", "above": "taker", "below": "taker"}, "exactly one of above"},
		{map[string]any{"strategy": "giver", "above": true}, "a strategy name or a number"},
		{map[string]any{"strategy": "giver", "above": "taker", "confidence": 1.5}, "confidence"},
		{map[string]any{"strategy": "giver", "above": "taker", "round": int64(0)}, "round"},
		{map[string]any{"strategy": "giver", "above": "taker", "where": "visibility is high"}, "cannot read"},
		{map[string]any{"strategy": "giver", "above": "taker", "colour": "red"}, "unknown key \"colour\""},
	} {
		_, err := Parse(raw(bad.t))
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), bad.want) || !strings.Contains(err.Error(), "line 10") {
			t.Errorf("%v: err %v, want a claims.Error with %q and the line", bad.t, err, bad.want)
		}
	}
}

func TestTest(t *testing.T) {
	c := Claim{Above: true, Confidence: 0.95}
	e := c.Test([]float64{10, 11, 12, 13}, []float64{1, 2, 3, 4})
	if !e.Pass || e.Diff != 9 || e.Bound != 9 || e.N != 4 {
		t.Errorf("constant difference: %+v", e)
	}
	e = c.Test([]float64{1, -1, 2, -2}, []float64{0, 0, 0, 0})
	if e.Pass || !(e.Bound < 0) {
		t.Errorf("noise passed: %+v", e)
	}
	e = c.Test([]float64{math.NaN(), 3}, []float64{1, 1})
	if e.N != 1 || !e.Pass || e.Note == "" {
		t.Errorf("NaN pair not dropped: %+v", e)
	}
	c.Above = false
	if e := c.Test([]float64{1, 2, 3}, []float64{5, 6, 7.5}); !e.Pass || !(e.Bound < 0) {
		t.Errorf("below: %+v", e)
	}
}

func TestEvaluateRun(t *testing.T) {
	cfg := sim.Default()
	cfg.Rounds, cfg.Replicates, cfg.Population.Members, cfg.Population.ChapterSize = 26, 4, 60, 20
	res, err := sim.Run(context.Background(), cfg, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	outs, err := EvaluateRun(raw(
		map[string]any{"strategy": "giver", "metric": "referrals_given", "above": "taker"},
		map[string]any{"name": "takers refer more", "strategy": "taker", "metric": "referrals_given", "above": "giver", "round": int64(10)},
	), res)
	if err != nil {
		t.Fatal(err)
	}
	if !outs[0].Pass || outs[1].Pass || AllPass(outs) {
		t.Fatalf("verdicts %v %v", outs[0].Pass, outs[1].Pass)
	}
	var b bytes.Buffer
	Print(&b, outs)
	for _, want := range []string{"PASS  giver referrals_given above taker referrals_given", "FAIL  takers refer more", "95% lower bound", "n=4", "at week 10"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("print lacks %q:\n%s", want, b.String())
		}
	}
	for _, bad := range []struct {
		t    map[string]any
		want string
	}{
		{map[string]any{"strategy": "givr", "above": "taker"}, "unknown strategy \"givr\""},
		{map[string]any{"strategy": "giver", "metric": "wealth", "above": "taker"}, "unknown metric \"wealth\""},
		{map[string]any{"strategy": "giver", "above": "taker", "round": int64(99)}, "past the run's 26 weeks"},
		{map[string]any{"strategy": "giver", "above": "taker", "where": "referrals.visibility > 0"}, "sweeps only"},
	} {
		_, err := EvaluateRun(raw(bad.t), res)
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: err %v, want %q", bad.t, err, bad.want)
		}
	}
}

func TestPooledKinds(t *testing.T) {
	strategies := []string{"selfless", "otherish", "taker"}
	kinds := []string{"giver", "giver", "taker"}
	if got := Lookup("giver", strategies, kinds); len(got) != 2 {
		t.Fatalf("lookup giver: %v", got)
	}
	if got := Lookup("taker", strategies, kinds); len(got) != 1 || got[0] != 2 {
		t.Fatalf("lookup taker: %v", got)
	}
	vals := map[int][]float64{0: {10, 10}, 1: {20, math.NaN()}}
	shares := map[int][]float64{0: {0.25, 0.5}, 1: {0.75, 0}}
	got := Pooled([]int{0, 1}, func(s int) []float64 { return vals[s] }, func(s int) []float64 { return shares[s] })
	if got[0] != 17.5 || got[1] != 10 {
		t.Errorf("pooled %v, want [17.5 10]", got)
	}
	err := Claim{Strategy: "givr", Metric: "income", Above: true, Other: "taker"}.Check(strategies, kinds, nil)
	if err == nil || !strings.Contains(err.Error(), "or a kind, pooling its variants: giver") {
		t.Errorf("err %v", err)
	}
}

func TestTextClaim(t *testing.T) {
	o := Outcome{
		Claim: Claim{Name: "Cost matters", Text: "ST of referrals.refer_cost above 0.1", Confidence: 0.95},
		Pass:  false,
		Lines: []string{"ST = 0.08 (95% interval 0.05 to 0.12)"},
	}
	var b strings.Builder
	Print(&b, []Outcome{o})
	want := "FAIL  Cost matters\n      claim: ST of referrals.refer_cost above 0.1\n      ST = 0.08 (95% interval 0.05 to 0.12)\n"
	if b.String() != want {
		t.Errorf("Print:\ngot  %q\nwant %q", b.String(), want)
	}
	if got := o.Evidence(); len(got) != 1 || got[0] != o.Lines[0] {
		t.Errorf("Evidence = %q", got)
	}
	if o.Claim.Statement() != o.Claim.Text {
		t.Errorf("Statement = %q", o.Claim.Statement())
	}
}
