package study

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/config"
)

// tiny is a small study (testdata/tiny.toml): three parameters of a
// 40-member world over half a year, a Sobol' design of 4 base samples and
// 2 Morris trajectories. internal/studyout's tests build on it too.
var tiny = readTiny()

func readTiny() string {
	b, err := os.ReadFile(filepath.Join("testdata", "tiny.toml"))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func decode(t *testing.T, text string) *Study {
	t.Helper()
	s, err := Decode("study.toml", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDecode(t *testing.T) {
	s := decode(t, tiny)
	sp := s.Spec
	if sp.Name != "tiny" || sp.Seed != 5 || sp.Replicates != 2 || len(sp.Params) != 3 {
		t.Fatalf("spec %+v", sp)
	}
	if !sp.Params[0].Log || sp.Params[1].Log || !sp.Params[2].Integer {
		t.Errorf("scales and integers: %+v", sp.Params)
	}
	if got := len(sp.Outputs); got != 3 || sp.Outputs[0].Measure != Difference || sp.Outputs[1].Measure != LogRatio || sp.Outputs[2].Measure != Ahead {
		t.Errorf("default outputs %+v", sp.Outputs)
	}
	if sp.Summary != "log_ratio" {
		t.Errorf("summary output %q", sp.Summary)
	}
	p := s.Plan
	if want := 4*(3+2) + 2*(3+1); len(p.Coords) != want || len(p.Configs) != want {
		t.Errorf("%d points, want %d", len(p.Coords), want)
	}
	if p.Design != "sobol+morris" || !p.CommonStreams || len(p.Extra) == 0 {
		t.Errorf("plan design %q, common %v", p.Design, p.CommonStreams)
	}
	for k, c := range p.Coords {
		cfg := p.Configs[k]
		if cfg.Referrals.ReferCost != c[0] || float64(cfg.Rounds) != c[2] || c[2] != float64(int(c[2])) {
			t.Errorf("point %d: config %v/%d, coords %v", k, cfg.Referrals.ReferCost, cfg.Rounds, c)
		}
		// The mix varies through the takers' share; the others keep
		// their ratio.
		var taker, others float64
		for _, st := range cfg.Strategies {
			if st.Name == "taker" {
				taker = st.Share
			} else {
				others += st.Share
			}
		}
		if taker != c[1] || abs(taker+others-1) > 1e-12 {
			t.Errorf("point %d: taker share %g (coord %g), others %g", k, taker, c[1], others)
		}
	}
	spec, err := FromExtra(p.Extra)
	if err != nil || spec.Name != "tiny" || len(spec.Params) != 3 {
		t.Errorf("FromExtra: %v %+v", err, spec)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The Sobol' rows follow SALib's layout without second-order rows: per
// base sample A, A with column i from B for each i, then B.
func TestSobolLayout(t *testing.T) {
	s := decode(t, tiny)
	d := len(s.Spec.Params)
	rows := s.Design.Sobol
	for j := range s.Spec.Sobol.N {
		a, b := rows[j*(d+2)], rows[j*(d+2)+d+1]
		for i := range d {
			ab := rows[j*(d+2)+1+i]
			for c := range d {
				want := a[c]
				if c == i {
					want = b[c]
				}
				if ab[c] != want {
					t.Fatalf("base sample %d, AB row %d, column %d: %g, want %g", j, i, c, ab[c], want)
				}
			}
		}
	}
	// Deterministic from the seed, and another seed gives another design.
	again := decode(t, tiny)
	other := decode(t, strings.Replace(tiny, "seed = 5", "seed = 6", 1))
	if again.Plan.Hash() != s.Plan.Hash() {
		t.Error("the same study gave another plan")
	}
	if other.Design.Sobol[0][0] == s.Design.Sobol[0][0] {
		t.Error("another seed gave the same design")
	}
}

// Bad input names the file, line, column and key, and shows the line.
func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"unknown top key", `name = "tiny"`, "name = \"tiny\"\ncolour = 1", "study.toml:2:1: colour: unknown key"},
		{"unknown path", `path = "referrals.refer_cost"`, `path = "referrals.refer_cots"`,
			"study.toml:12:1: parameters[0].path: unknown parameter path \"referrals.refer_cots\"; valid paths near it: "},
		{"rendered line", `path = "referrals.refer_cost"`, `path = "referrals.refer_cots"`, "\n    12 | path = \"referrals.refer_cots\"\n       | ^"},
		{"unknown parameter key", `scale = "log"`, `scale = "log"` + "\nsorce = \"x\"", "study.toml:16:1: parameters[0].sorce: unknown key; valid keys here: path, from, to, scale, source, label"},
		{"out of range", "from = 0.1\nto = 0.5", "from = 0.1\nto = 1.5", "study.toml:21:1: parameters[1].to: expected a share in [0, 1], found 1.5"},
		{"model range", "from = 5.0\n", "from = -5.0\n", "parameters[0]: from -5 to 100: log range [-5, 100]: need Lo > 0"},
		{"reversed", "from = 13\nto = 26", "from = 26\nto = 13", "parameters[2]: from 26 to 13: range [26, 13]: need Lo < Hi"},
		{"no source", `source = "assumption: a test range"`, "", "study.toml:11:1: parameters[0]: source: missing"},
		{"bad scale", `scale = "log"`, `scale = "ln"`, `study.toml:15:1: parameters[0].scale: expected "lin" or "log", found "ln"`},
		{"not numeric", `path = "rounds"`, `path = "referrals.assessment"`, "is not a number"},
		{"seed varied", `path = "rounds"`, `path = "seed"`, "seed is not a model parameter"},
		{"mix twice", `path = "rounds"`, `path = "population.mix.giver"`, "the mix is already varied through parameters[1]"},
		{"twice", `path = "rounds"`, `path = "referrals.refer_cost"`, `"referrals.refer_cost" is varied twice`},
		{"no method", "[sobol]\nn = 4\n\n[morris]\ntrajectories = 2\n", "", "sobol: no method; add [sobol]"},
		{"odd levels", "trajectories = 2\n", "trajectories = 2\nlevels = 3\n", "morris.levels: expected an even number of levels"},
		{"small n", "n = 4", "n = 1", "sobol.n: expected an integer in [2, 10000000], found integer 1"},
		{"no base", "[base]\nrounds = 26", "[x]\nrounds = 26", "x: unknown key"},
		{"bad output", "[sobol]", "[[outputs]]\nmeasure = \"ratio\"\n\n[sobol]", `outputs[0].measure: expected "difference", "log_ratio" or "ahead", found "ratio"`},
		{"output strategy", "[sobol]", "[[outputs]]\nmeasure = \"ahead\"\nhigher = \"givr\"\n\n[sobol]", `outputs[0].higher: unknown strategy "givr"`},
		{"claim index", "[sobol]", "[[claims]]\nindex = \"S2\"\nparameter = \"rounds\"\nabove = 0\n\n[sobol]", `claims[0].index: expected S1, ST, mu_star, prcc or ahead, found "S2"`},
		{"claim param", "[sobol]", "[[claims]]\nindex = \"ST\"\nparameter = \"referrals.visibility\"\nabove = 0\n\n[sobol]", `claims[0].parameter: expected one of the study's parameter paths, found "referrals.visibility"`},
		{"claim side", "[sobol]", "[[claims]]\nindex = \"ST\"\nparameter = \"rounds\"\n\n[sobol]", "claims[0]: give above = X, below = X"},
		{"group", "[sobol]", "[summary]\ngroup = [\"rounds\", \"referrals.visibility\"]\n\n[sobol]", "summary.group: referrals.visibility is not one of the study's parameters"},
		{"syntax", "n = 4", "n = = 4", "study.toml:31:5: expected value but found '=' instead"},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(tiny, c.old, c.new, 1)
			if text == tiny && c.old != "" {
				t.Fatalf("%q not found in the study", c.old)
			}
			_, err := Decode("study.toml", []byte(text), nil)
			if err == nil {
				t.Fatal("no error")
			}
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *config.Error: %v", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, c.want)
			}
		})
	}
}

func TestClaimStatement(t *testing.T) {
	for _, c := range []struct {
		c    Claim
		want string
	}{
		{Claim{Output: "log_ratio", Index: IndexST, Param: "referrals.refer_cost", Above: true, Value: 0.1}, "ST of referrals.refer_cost for log_ratio above 0.1"},
		{Claim{Output: "ahead", Index: IndexAhead, Value: 0.9}, "share of settings with ahead = 1 below 0.9"},
		{Claim{Output: "gap", Index: IndexPRCC, Param: "rounds", Top: 3}, "rounds ranks among the 3 largest by prcc for gap"},
	} {
		if got := c.c.Statement(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
