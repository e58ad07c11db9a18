package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// smallConfig is a small fixed-seed world: two chapters, one year, three
// replicates, two giver variants and a strategy with no members (which must
// come out as null, never NaN).
func smallConfig() sim.Config {
	cfg := sim.Default()
	cfg.Name = "small"
	cfg.Seed = 7
	cfg.Rounds = 52
	cfg.Replicates = 3
	cfg.Population.Members = 60
	cfg.Population.ChapterSize = 30
	cfg.Strategies = []sim.StrategySpec{
		{Name: "selfless", Kind: "giver", Share: 0.3},
		{Name: "otherish", Kind: "giver", Share: 0.2, Params: map[string]any{"discernment": 0.8}},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.3},
		{Name: "taker", Kind: "taker", Share: 0.2},
		{Name: "hunter", Kind: "hunter", Share: 0},
	}
	return cfg
}

func runConfig(t testing.TB, cfg sim.Config, workers int) *sim.Result {
	t.Helper()
	res, err := sim.Run(context.Background(), cfg, sim.Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var small = sync.OnceValues(func() (*sim.Result, error) {
	return sim.Run(context.Background(), smallConfig(), sim.Options{})
})

func smallResult(t testing.TB) *sim.Result {
	t.Helper()
	res, err := small()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// outputs renders every output of res by file name.
func outputs(t testing.TB, res *sim.Result) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var b bytes.Buffer
	sum := NewSummary(res, "test")
	if err := WriteSummary(&b, sum); err != nil {
		t.Fatal(err)
	}
	out["summary.json"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteTimeseries(&b, res); err != nil {
		t.Fatal(err)
	}
	out["timeseries.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := WriteAgents(&b, res); err != nil {
		t.Fatal(err)
	}
	out["agents.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := Table(&b, sum, nil); err != nil {
		t.Fatal(err)
	}
	b.WriteString(Verdict(res) + "\n")
	out["table.txt"] = bytes.Clone(b.Bytes())
	return out
}

// TestGolden pins the four formats. The files change whenever the engine's
// numbers do; after checking the difference is intended, regenerate them
// with `go test ./internal/report -run TestGolden -update`.
func TestGolden(t *testing.T) {
	for name, got := range outputs(t, smallResult(t)) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", name, path, firstDiff(got, want))
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

// TestWorkersIdentical checks that the files do not depend on the number of
// workers (nor on map order or the clock: two renders of one result agree).
func TestWorkersIdentical(t *testing.T) {
	one := outputs(t, runConfig(t, smallConfig(), 1))
	three := outputs(t, runConfig(t, smallConfig(), 3))
	again := outputs(t, runConfig(t, smallConfig(), 3))
	for name := range one {
		if !bytes.Equal(one[name], three[name]) || !bytes.Equal(three[name], again[name]) {
			t.Errorf("%s differs between runs with 1 and 3 workers", name)
		}
	}
}

// TestSummaryContent checks the structure and meaning of summary.json.
func TestSummaryContent(t *testing.T) {
	res := smallResult(t)
	var b bytes.Buffer
	if err := WriteSummary(&b, NewSummary(res, "v1.2.3")); err != nil {
		t.Fatal(err)
	}
	var s Summary
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.Version != "v1.2.3" || s.Name != "small" || s.Seed != 7 || s.Rounds != 52 || s.Replicates != 3 || s.Members != 60 {
		t.Errorf("header: %+v", s)
	}
	if len(s.Strategies) != 5 || s.Strategies[1].Name != "otherish" || s.Strategies[1].Kind != "giver" {
		t.Fatalf("strategies: %+v", s.Strategies)
	}
	hunter := s.Strategies[4]
	if hunter.Income != nil || hunter.Share == nil || hunter.Share.Mean != 0 {
		// The series record a share of 0 for an empty strategy and NaN
		// for everything else.
		t.Errorf("hunter (no members): income %v share %v, want null income and share 0", hunter.Income, hunter.Share)
	}
	if hunter.ReturnOnGiving != nil {
		t.Errorf("hunter return on giving %v, want null", hunter.ReturnOnGiving)
	}
	for _, st := range s.Strategies[:4] {
		if st.Income == nil || st.Income.N != 3 || !(st.Income.CILow <= st.Income.Mean && st.Income.Mean <= st.Income.CIHigh) {
			t.Errorf("%s income %+v", st.Name, st.Income)
		}
	}
	if taker := s.Strategies[3]; taker.ReturnOnGiving != nil && taker.Costs.Mean == 0 {
		t.Errorf("taker spent nothing but has a return on giving %+v", taker.ReturnOnGiving)
	}
	sel := s.Strategies[0]
	if want := sel.Earned.Mean / sel.Costs.Mean; math.Abs(sel.ReturnOnGiving.Mean-want)/want > 0.05 {
		t.Errorf("selfless return on giving %g, far from earned/costs %g", sel.ReturnOnGiving.Mean, want)
	}
	if len(s.Kinds) != 4 || s.Kinds[0].Kind != "giver" {
		t.Errorf("kinds %+v", s.Kinds)
	}
	if s.Comparison == nil || s.Comparison.A != "giver" || s.Comparison.B != "taker" {
		t.Errorf("comparison %+v", s.Comparison)
	}
	if !s.Payback.Defined || (s.Payback.Round == nil) != (res.Payback.Round == 0) {
		t.Errorf("payback %+v, engine %+v", s.Payback, res.Payback)
	}
	var opp int64
	var earned float64
	for _, rep := range res.Replicates {
		opp += rep.Totals.Opportunities
		earned += rep.Totals.EarnedValue
	}
	if s.Totals.Opportunities != opp || s.Totals.EarnedValue != earned || opp == 0 {
		t.Errorf("totals %+v, want opportunities %d earned %g", s.Totals, opp, earned)
	}
	if s.Welfare == nil || s.Gini == nil {
		t.Errorf("welfare %v gini %v", s.Welfare, s.Gini)
	}
	// The verdict's text is pinned by summary.json.golden (and, from
	// Verdict, by table.txt.golden).
}

// TestTimeseriesRows checks the tidy layout: one row per round, strategy
// with members and metric, none for the empty strategy.
func TestTimeseriesRows(t *testing.T) {
	res := smallResult(t)
	var b bytes.Buffer
	if err := WriteTimeseries(&b, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "round,strategy,metric,mean,ci_low,ci_high" {
		t.Errorf("header %v", rows[0])
	}
	// The hunter has no members: only its share (0) is defined.
	want := 52*4*len(sim.Metrics()) + 52
	if len(rows)-1 != want {
		t.Errorf("%d rows, want %d", len(rows)-1, want)
	}
	for _, r := range rows[1:] {
		if r[1] == "hunter" && r[2] != "share" {
			t.Fatalf("row for an empty strategy: %v", r)
		}
	}
}

// TestAgentsRows checks one row per member per replicate, with names.
func TestAgentsRows(t *testing.T) {
	res := smallResult(t)
	var b bytes.Buffer
	if err := WriteAgents(&b, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+3*60 || len(rows[0]) != len(AgentsHeader) {
		t.Fatalf("%d rows of %d columns", len(rows), len(rows[0]))
	}
	if rows[1][0] != "0" || rows[1][1] != "0" || rows[len(rows)-1][0] != "2" {
		t.Errorf("first %v last %v", rows[1], rows[len(rows)-1])
	}
	names := map[string]bool{"selfless": true, "otherish": true, "scorekeeper": true, "taker": true}
	for _, r := range rows[1:] {
		if !names[r[3]] {
			t.Fatalf("strategy %q", r[3])
		}
		if !slices.Contains(res.Professions, r[4]) {
			t.Fatalf("profession %q not a name of the catalogue", r[4])
		}
	}
}

// TestNoNaNOrInf runs worlds designed to produce undefined values (a
// strategy without members, evolution that wipes strategies out, a single
// replicate) plus a hand-built result full of NaN and Inf, and checks that
// no output contains NaN or Inf and that undefined statistics are null.
func TestNoNaNOrInf(t *testing.T) {
	evo := smallConfig()
	evo.Name = "evolution"
	evo.Rounds = 40
	evo.Evolution.Period = 4
	evo.Evolution.Rule = "churn"
	evo.Evolution.ChurnFraction = 0.5
	evo.Evolution.Mutation = 0
	one := smallConfig()
	one.Replicates = 1
	one.Rounds = 5
	results := map[string]*sim.Result{
		"small":     smallResult(t),
		"evolution": runConfig(t, evo, 0),
		"single":    runConfig(t, one, 0),
		"hand-nan":  nanResult(),
	}
	for name, res := range results {
		for file, b := range outputs(t, res) {
			lower := strings.ToLower(string(b))
			for _, bad := range []string{"nan", "inf"} {
				for _, field := range strings.FieldsFunc(lower, func(r rune) bool {
					return !(r >= 'a' && r <= 'z' || r == '+' || r == '-')
				}) {
					if strings.TrimLeft(field, "+-") == bad || field == bad+"inity" {
						t.Errorf("%s/%s contains %q", name, file, field)
					}
				}
			}
			switch {
			case strings.HasSuffix(file, ".json"):
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					t.Errorf("%s/%s: %v", name, file, err)
				}
			case strings.HasSuffix(file, ".csv"):
				checkCSVFinite(t, name+"/"+file, b)
			}
		}
	}
	var s Summary
	var b bytes.Buffer
	if err := WriteSummary(&b, NewSummary(nanResult(), "x")); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	st := s.Strategies[0]
	if st.Income != nil || st.Earned != nil || st.Costs != nil || s.Welfare != nil || s.Gini != nil {
		t.Errorf("N == 0 or non-finite statistics were not written as null: %s", b.String())
	}
	if !strings.Contains(b.String(), `"income": null`) || !strings.Contains(b.String(), `"welfare": null`) {
		t.Errorf("expected explicit nulls in %s", b.String())
	}
}

func checkCSVFinite(t *testing.T, name string, b []byte) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, r := range rows[1:] {
		for _, f := range r {
			if x, err := strconv.ParseFloat(f, 64); err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
				t.Fatalf("%s: non-finite field %q in %v", name, f, r)
			}
		}
	}
}

// nanResult is a hand-built result whose statistics are undefined (N = 0)
// or non-finite, as a buggy engine might produce.
func nanResult() *sim.Result {
	nan, inf := math.NaN(), math.Inf(1)
	res := &sim.Result{
		Config:      sim.Config{Name: "hand-built"},
		Strategies:  []string{"giver", "taker"},
		Kinds:       []string{"giver", "taker"},
		Professions: []string{"florist"},
		Rounds:      2,
		Welfare:     sim.Stat{},
		Gini:        sim.Stat{Mean: nan, Low: nan, High: nan, N: 3},
		Replicates: []*sim.Replicate{{Agents: []sim.AgentRecord{
			{Strategy: 0, Income: nan, Earned: inf, Costs: 0, Quality: nan, Image: math.Inf(-1)},
			{Strategy: 1, Income: 5},
		}}},
	}
	res.Series = make([][][]sim.Stat, len(sim.Metrics()))
	for m := range res.Series {
		res.Series[m] = [][]sim.Stat{
			{{}, {Mean: inf, Low: 0, High: inf, N: 2}},
			{{Mean: 1, Low: nan, High: 1, N: 2}, {Mean: 1, Low: 1, High: 1, N: 1}},
		}
	}
	return res
}

// rep builds a replicate from member incomes per strategy.
func rep(incomes ...[]float64) *sim.Replicate {
	r := &sim.Replicate{}
	for s, xs := range incomes {
		for _, x := range xs {
			r.Agents = append(r.Agents, sim.AgentRecord{Agent: len(r.Agents), Strategy: s, Income: x})
		}
	}
	return r
}

// pair is a replicate with one giver and one taker earning g and t.
func pair(g, t float64) *sim.Replicate { return rep([]float64{g}, []float64{t}) }

func result(rounds int, payback sim.Payback, strategies, kinds []string, reps ...*sim.Replicate) *sim.Result {
	for i, r := range reps {
		r.Index = i
	}
	return &sim.Result{Strategies: strategies, Kinds: kinds, Rounds: rounds, Payback: payback, Replicates: reps}
}

func TestVerdict(t *testing.T) {
	gt := []string{"giver", "taker"}
	pb := func(r int) sim.Payback { return sim.Payback{Defined: true, Round: r} }
	tests := []struct {
		name string
		res  *sim.Result
		want string
	}{
		{"givers ahead", result(520, pb(61), gt, gt, pair(1300, 1000), pair(1380, 1000), pair(1460, 1000)),
			// Paired percentages 30, 38, 46: mean 38, sd 8, t(2) = 4.303, half-width 19.9.
			"Givers out-earned takers by 38% (95% CI 18-58%) after 10 years; they pulled ahead for good in week 61."},
		{"givers ahead from week 1", result(52, pb(1), gt, gt, pair(1100, 1000), pair(1100, 1000)),
			"Givers out-earned takers by 10% (95% CI 10-10%) after 1 year; they were ahead from the first week."},
		{"small percentages get a decimal", result(26, pb(3), gt, gt, pair(1030, 1000), pair(1040, 1000), pair(1050, 1000)),
			"Givers out-earned takers by 4.0% (95% CI 1.5-6.5%) after 26 weeks; they pulled ahead for good in week 3."},
		{"times as much", result(104, pb(20), gt, gt, pair(3000, 1000), pair(3400, 1000), pair(3800, 1000)),
			"Givers earned 3.4 times as much as takers (95% CI 2.4-4.4 times) after 2 years; they pulled ahead for good in week 20."},
		{"takers ahead", result(520, pb(0), gt, gt, pair(1000, 1150), pair(1000, 1200), pair(1000, 1250)),
			// Percentages of the givers' income, the trailing kind.
			"Takers out-earned givers by 20% (95% CI 8-32%) after 10 years; givers never pulled ahead for good."},
		{"overlap, givers' mean ahead", result(520, pb(400), gt, gt, pair(900, 1000), pair(1050, 1000), pair(1200, 1000)),
			"No clear winner: givers ended 5% ahead of takers (95% CI -32 to 42%) after 10 years; givers' mean has stayed ahead since week 400."},
		{"overlap, never pulled ahead", result(78, pb(0), gt, gt, pair(1000, 900), pair(1000, 1050), pair(1000, 1200)),
			"No clear winner: takers ended 5% ahead of givers (95% CI -32 to 42%) after 1.5 years; givers never pulled ahead for good."},
		{"level", result(52, pb(0), gt, gt, pair(1000, 900), pair(1000, 1100)),
			"No clear winner: givers and takers ended level after 1 year; givers never pulled ahead for good."},
		{"negative incomes fall back to dollars", result(52, pb(5), gt, gt, pair(500, -200), pair(600, -150), pair(700, -100)),
			// Differences 700, 750, 800: mean 750, sd 50, half-width 124.2.
			"Givers out-earned takers by $750 per member (95% CI $626-$874) after 1 year; they pulled ahead for good in week 5."},
		{"negative leader's base", result(30, pb(0), gt, gt, pair(-500, 100), pair(-600, 100), pair(-700, 100)),
			"Takers out-earned givers by $700 per member (95% CI $452-$948) after 30 weeks; givers never pulled ahead for good."},
		{"overlap in dollars", result(52, pb(0), gt, gt, pair(-100, -50), pair(-100, -150), pair(-100, -70)),
			"No clear winner: takers ended $10 per member ahead of givers (95% CI -$121 to $141) after 1 year; givers never pulled ahead for good."},
		{"no takers: best other kind", result(520, sim.Payback{}, []string{"giver", "scorekeeper", "hunter"}, []string{"giver", "scorekeeper", "hunter"},
			rep([]float64{1200}, []float64{1000}, []float64{900}), rep([]float64{1200}, []float64{1000}, []float64{1100})),
			"Givers out-earned scorekeepers by 20% (95% CI 20-20%) after 10 years, in a mix without takers."},
		{"no takers left", result(520, sim.Payback{Defined: true}, []string{"giver", "hunter", "taker"}, []string{"giver", "hunter", "taker"},
			rep([]float64{1000}, []float64{1100}, nil), rep([]float64{1000}, []float64{1100}, nil)),
			"Hunters out-earned givers by 10% (95% CI 10-10%) after 10 years, with no takers left."},
		{"no givers", result(520, sim.Payback{}, []string{"scorekeeper", "taker"}, []string{"scorekeeper", "taker"},
			rep([]float64{1000}, []float64{1500}), rep([]float64{1000}, []float64{1500})),
			"Takers out-earned scorekeepers by 50% (95% CI 50-50%) after 10 years, in a mix without givers."},
		{"variants pooled", result(520, pb(10), []string{"selfless", "otherish", "taker"}, []string{"giver", "giver", "taker"},
			rep([]float64{1000, 1000}, []float64{2000}, []float64{1000}), rep([]float64{1000}, []float64{1000, 2000, 2000}, []float64{1000})),
			// Replicate means: givers 4000/3 and 6000/4 against 1000.
			"No clear winner: givers ended 42% ahead of takers (95% CI -64 to 148%) after 10 years; givers' mean has stayed ahead since week 10."},
		{"single replicate", result(520, pb(61), gt, gt, pair(1380, 1000)),
			"Givers out-earned takers by 38% after 10 years in the only replicate (too few for a confidence interval); they pulled ahead for good in week 61."},
		{"only givers", result(52, sim.Payback{}, []string{"giver"}, []string{"giver"}, rep([]float64{100, 300}), rep([]float64{200})),
			"Only givers in this mix: they made $200 per member on average (95% CI $200-$200) after 1 year."},
		{"only givers left", result(52, sim.Payback{Defined: true}, gt, gt, rep([]float64{100}, nil), rep([]float64{300}, nil)),
			"Only givers were left after 1 year, with $200 per member on average (95% CI -$1,071 to $1,471)."},
		{"never together", result(52, sim.Payback{Defined: true}, gt, gt, rep([]float64{100}, nil), rep(nil, []float64{300})),
			"Givers and takers never both had members at the end of a replicate, so they cannot be compared after 1 year."},
		{"no members", result(52, sim.Payback{}, gt, gt, rep(nil, nil)), "No members were left to compare after 1 year."},
		{"no replicates", result(52, sim.Payback{}, gt, gt), "No results to compare."},
		{"nil", nil, "No results to compare."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Verdict(tc.res)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			checkOneSentence(t, got)
			// The headline is the sentence up to the payback clause.
			first, _, _ := strings.Cut(tc.want, ";")
			if h, want := Headline(tc.res), strings.TrimSuffix(first, "."); h != want {
				t.Errorf("headline %q, want %q", h, want)
			}
		})
	}
}

func checkOneSentence(t *testing.T, s string) {
	t.Helper()
	if !strings.HasSuffix(s, ".") || strings.Count(s, ". ") > 0 || strings.Contains(s, "\n") ||
		strings.Contains(s, "NaN") || strings.Contains(s, "Inf") || s != findings.Capitalize(s) {
		t.Errorf("not one clean sentence: %q", s)
	}
}

// TestVerdictRealRun checks the verdict of a real run reads as one sentence
// about givers and takers.
func TestVerdictRealRun(t *testing.T) {
	v := Verdict(smallResult(t))
	checkOneSentence(t, v)
	if !strings.Contains(v, "givers") && !strings.Contains(v, "Givers") || !strings.Contains(v, "after 1 year") {
		t.Errorf("verdict %q", v)
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{num(0.1), "0.1"},
		{num(math.Copysign(0, -1)), "0"},
		{num(1e21), "1e+21"},
		{num(math.NaN()), ""},
		{num(math.Inf(-1)), ""},
		{num32(float64(float32(0.45678902))), "0.45678902"},
		{num32(0.1), "0.1"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestWriteAgentsIsEncodingCSV: WriteAgents formats rows by hand for
// speed; its bytes must be exactly what encoding/csv writes for the same
// cells, names that need quoting and numbers at their edges (zero, minus
// zero, non-finite, float32 values, huge and tiny magnitudes) included.
func TestWriteAgentsIsEncodingCSV(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -2.5, 0.1, 1e21, 1e-7, 123456789.125,
		float64(float32(0.45678901)), math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64}
	res := &sim.Result{
		Strategies:  []string{"giver", "has,comma", `has "quote"`, " leading space", ""},
		Professions: []string{"florist", "line\nbreak", `\.`},
	}
	for k := range 3 {
		rep := &sim.Replicate{Index: k * 7}
		for i := range 40 {
			v := func(d int) float64 { return values[(i*d+k)%len(values)] }
			rep.Agents = append(rep.Agents, sim.AgentRecord{
				Agent: i, Chapter: i / 4, Strategy: (i + k) % 6, Profession: i % 4,
				Quality: v(1), Income: v(2), Earned: v(3), Revenue: v(5), Costs: v(7),
				ReferralsGiven: i * 3, ReferralsReceived: -i, ValueGiven: v(11), ValueReceived: v(13),
				DealsClosed: i, HelpsGiven: 1 << 40, Contacts: i % 50, Image: v(17),
			})
		}
		res.Replicates = append(res.Replicates, rep)
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	cw.Write(AgentsHeader)
	name := func(names []string, i int) string {
		if i < len(names) {
			return names[i]
		}
		return strconv.Itoa(i)
	}
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			cw.Write([]string{strconv.Itoa(rep.Index), strconv.Itoa(a.Agent), strconv.Itoa(a.Chapter),
				name(res.Strategies, a.Strategy), name(res.Professions, a.Profession), num32(a.Quality),
				num(a.Income), num(a.Earned), num(a.Revenue), num(a.Costs),
				strconv.Itoa(a.ReferralsGiven), strconv.Itoa(a.ReferralsReceived),
				num(a.ValueGiven), num(a.ValueReceived), strconv.Itoa(a.DealsClosed),
				strconv.Itoa(a.HelpsGiven), strconv.Itoa(a.Contacts), num(a.Image)})
		}
	}
	cw.Flush()
	var got bytes.Buffer
	if err := WriteAgents(&got, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d:\n got %q\nwant %q", i+1, g[i], w[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(g), len(w))
	}
}
