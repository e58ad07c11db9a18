package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/giversgain/giversgain/internal/tomlpos"
	"github.com/giversgain/giversgain/sim"
)

// badTests are configs that must fail, each with fragments its message
// must contain and the line it must point at (0: not checked).
var badTests = []struct {
	name  string
	input string
	line  int
	want  []string
}{{
	name:  "UnknownKey",
	input: "[referrals]\nvisiblity = 0.5\n",
	line:  2,
	want:  []string{"referrals.visiblity", `unknown key "visiblity"`, `did you mean "visibility"`},
}, {
	name:  "UnknownTopLevelKey",
	input: "rounds = 10\nwhatever = 1\n",
	line:  2,
	want:  []string{"whatever", "unknown key", "valid keys here: name, seed, rounds"},
}, {
	name:  "UnknownSection",
	input: "[referral]\nvisibility = 0.5\n",
	line:  1,
	want:  []string{`unknown key "referral"`, `did you mean "referrals"`},
}, {
	name:  "WrongCaseKey",
	input: "[population]\nMembers = 30\n",
	line:  2,
	want:  []string{"population.Members", `did you mean "members"`, "case-sensitive"},
}, {
	name:  "WrongCaseSection",
	input: "[Trust]\nfloor = 0.1\n",
	line:  1,
	want:  []string{`unknown key "Trust"`, `"trust"`, "case-sensitive"},
}, {
	name:  "SyntaxError",
	input: "rounds = 10\n[population]\nmembers = = 3\n",
	line:  3,
	want:  []string{"3:11:", "members = = 3", "^"},
}, {
	name:  "UnterminatedString",
	input: "name = \"open\nrounds = 3\n",
	line:  1,
	want:  []string{":1:"},
}, {
	name:  "DuplicateKey",
	input: "rounds = 10\nrounds = 11\n",
	line:  2,
	want:  []string{"rounds", "already"},
}, {
	name:  "TypeMismatchString",
	input: "[population]\nmembers = \"300\"\n",
	line:  2,
	want:  []string{"population.members", "expected an integer", `found string "300"`},
}, {
	name:  "TypeMismatchFloatForInt",
	input: "rounds = 10.5\n",
	line:  1,
	want:  []string{"rounds", "expected an integer", "found float 10.5"},
}, {
	name:  "TypeMismatchTable",
	input: "referrals = 3\n",
	line:  1,
	want:  []string{"referrals", "expected a table", "found integer 3"},
}, {
	name:  "TypeMismatchBoolForFloat",
	input: "[trust]\nfloor = true\n",
	line:  2,
	want:  []string{"trust.floor", "expected a number", "found boolean true"},
}, {
	name:  "NegativeMembers",
	input: "[population]\nmembers = -5\n",
	line:  2,
	want:  []string{"population.members", "expected an integer >= 2", "found -5"},
}, {
	name:  "NegativeSeed",
	input: "seed = -1\n",
	line:  1,
	want:  []string{"seed", "expected an integer >= 0", "found -1"},
}, {
	name:  "SharesNotSummingToOne",
	input: "[population.mix]\ngiver = 0.5\ntaker = 0.4\n",
	line:  1,
	want:  []string{"population.mix", "summing to 1", "found 0.9"},
}, {
	name:  "ShareNotANumber",
	input: "[population.mix]\ngiver = \"half\"\ntaker = 0.5\n",
	line:  2,
	want:  []string{"population.mix.giver", "expected a share", `found string "half"`},
}, {
	name:  "UnknownKind",
	input: "[population.mix]\nwizard = 1.0\n[strategies.wizard]\nkind = \"magician\"\n",
	line:  4,
	want:  []string{"strategies.wizard.kind", `unknown strategy kind "magician"`, "known kinds: giver, scorekeeper, taker, hunter"},
}, {
	name:  "MixNameNotAKind",
	input: "[population.mix]\nselfless = 1.0\n",
	line:  2,
	want:  []string{"population.mix.selfless", "not a strategy kind", "known kinds: giver, scorekeeper, taker, hunter", "[strategies.selfless]"},
}, {
	name:  "StrategyTableWithoutKind",
	input: "[population.mix]\nselfless = 1.0\n[strategies.selfless]\ndiscernment = 0.5\n",
	line:  3,
	want:  []string{"strategies.selfless", "needs kind = one of giver"},
}, {
	name:  "UnknownStrategyParameter",
	input: "[strategies.giver]\ndiscernment = 0.5\ngenerosity = 1\n",
	line:  3,
	want:  []string{"strategies.giver.generosity", `unknown parameter "generosity" of kind giver`, "discernment, help_rate"},
}, {
	name:  "DiscernmentOutOfRange",
	input: "[population.mix]\notherish = 1.0\n[strategies.otherish]\nkind = \"giver\"\ndiscernment = 1.5\n",
	line:  5,
	want:  []string{"strategies.otherish.discernment", "expected a number in [0, 1]", "found 1.5"},
}, {
	name:  "BadChoice",
	input: "[strategies.scorekeeper]\nledger = \"dollars\"\n",
	line:  2,
	want:  []string{"strategies.scorekeeper.ledger", `"count", "value"`, `"dollars"`},
}, {
	name:  "ChapterLargerThanMembers",
	input: "[population]\nmembers = 20\nchapter_size = 30\n",
	line:  3,
	want:  []string{"population.chapter_size", "a chapter of 30 cannot be formed from 20 members"},
}, {
	name:  "MaxContactsTooSmall",
	input: "[population]\nmax_contacts = 10\n",
	line:  2,
	want:  []string{"population.max_contacts", "expected at least 29", "found 10"},
}, {
	name:  "StrategyTableNotInMix",
	input: "[population.mix]\ngiver = 1.0\n[strategies.taker]\nrefer_prob = 0.1\n",
	line:  3,
	want:  []string{"strategies.taker", `strategy "taker" is not in [population.mix] (giver)`},
}, {
	name:  "StrategyTableNotInDefaultMix",
	input: "[strategies.hunter]\nmin_value = 100\n",
	line:  1,
	want:  []string{"strategies.hunter", "not in the default mix (giver, scorekeeper, taker)"},
}, {
	name:  "VisibilityOutOfRange",
	input: "[referrals]\nvisibility = 1.5\n",
	line:  2,
	want:  []string{"referrals.visibility", "expected a number in [0, 1]", "found 1.5"},
}, {
	name:  "BadAssessment",
	input: "[referrals]\nassessment = \"gossip\"\n",
	line:  2,
	want:  []string{"referrals.assessment", `"image", "standing"`, `found "gossip"`},
}, {
	name:  "ProfessionMissingKey",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\n",
	line:  10,
	want:  []string{"professions[1]", "missing demand, median, sigma"},
}, {
	name:  "ProfessionUnknownKey",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\nprice = 3\n",
	line:  10,
	want:  []string{"professions[0].price", "unknown key"},
}, {
	name:  "ProfessionBadMedian",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\ndemand = 1\nmedian = -10\nsigma = 0.1\nmargin = 1.0\n",
	line:  14,
	want:  []string{"professions[1].median", "expected a positive number", "found -10"},
}, {
	// Validated, then panicked in sim run with "index out of range [-1]".
	name:  "ProfessionWithoutClients",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 0\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n",
	line:  10,
	want:  []string{"professions[1]", `members of "b" would have no clients`},
}, {
	// Validated, then wrote +Inf into summary.json after the whole run.
	name:  "DealsThatOverflow",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 1e300\nsigma = 5\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n",
	line:  7,
	want:  []string{"professions[0].median", "expected a positive number up to 1e+15, found 1e+300"},
}, {
	name:  "DealsThatOverflowBySigma",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 1e9\nsigma = 5\nmargin = 1.0\n[[professions]]\nname = \"b\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n",
	line:  8,
	want:  []string{"professions[0].sigma", "allows single jobs of"},
}, {
	name:  "OneProfession",
	input: "[population]\nseats = \"shared\"\n[[professions]]\nname = \"a\"\nshare = 1\ndemand = 1\nmedian = 10\nsigma = 0.1\nmargin = 1.0\n",
	line:  3,
	want:  []string{"professions", "at least 2 professions"},
}, {
	name:  "ProfessionsNotTables",
	input: "professions = 3\n",
	line:  1,
	want:  []string{"professions", "expected an array of tables"},
}, {
	name:  "InlineMixLine",
	input: "[population]\nmembers = 300\nmix = { giver = 0.5,\n  taker = \"x\" }\n",
	line:  4,
	want:  []string{"population.mix.taker", "expected a share"},
}, {
	name:  "EvolutionBadRule",
	input: "[evolution]\nperiod = 10\nrule = \"darwin\"\n",
	line:  3,
	want:  []string{"evolution.rule", `"imitation", "churn"`},
}, {
	name:  "HugeIntegerForInt",
	input: "rounds = 99999999999999999999\n",
	line:  1,
	want:  []string{":1:"},
}}

func TestDecodeErrors(t *testing.T) {
	for _, tt := range badTests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode("bad.toml", []byte(tt.input))
			if err == nil {
				t.Fatalf("Decode succeeded (%+v), want an error", f.Config)
			}
			if f != nil {
				t.Errorf("Decode returned a File with its error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a *config.Error", err, err)
			}
			if ce.File != "bad.toml" {
				t.Errorf("File = %q, want bad.toml", ce.File)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("Line = %d, want %d\n%v", ce.Line, tt.line, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "bad.toml:") {
				t.Errorf("message does not start with the file name:\n%s", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestErrorRendering(t *testing.T) {
	_, err := Decode("c.toml", []byte("rounds = 10\n[referrals]\n  visibility = 2\n"))
	want := "c.toml:3:3: referrals.visibility: expected a number in [0, 1], found 2\n" +
		"     3 |   visibility = 2\n" +
		"       |   ^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	_, err := Decode("m.toml", []byte("rounds = \"x\"\n[population]\nMembers = 1\n[trust]\nfloor = \"low\"\n"))
	if err == nil {
		t.Fatal("no error")
	}
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		lines = append(lines, e.(*Error).Line)
	}
	if !reflect.DeepEqual(lines, []int{1, 3, 5}) {
		t.Errorf("error lines %v, want [1 3 5] in order:\n%v", lines, err)
	}
}

func TestDecodeEmptyIsDefault(t *testing.T) {
	f, err := Decode("", nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Resolve(sim.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Config, want) {
		t.Errorf("empty config:\n got %+v\nwant %+v", f.Config, want)
	}
	if f.NameGiven || f.Config.Name != "default" {
		t.Errorf("name %q given %v, want the default name", f.Config.Name, f.NameGiven)
	}
}

func TestDecode(t *testing.T) {
	f, err := Decode("dir/my-run.toml", []byte(`
seed = 42
rounds = 52

[population]
members = 60
chapter_size = 20
max_contacts = 40
seats = "shared"

[population.mix]
selfless = 0.4
otherish = 0.2
taker = 0.3
scorekeeper = 0.1

[referrals]
visibility = 0.25
assessment = "standing"
refer_cost = 30

[strategies.selfless]
kind = "giver"

[strategies.otherish]
kind = "giver"
discernment = 1

[strategies.taker]
refer_prob = 0.05

[[professions]]
name = "baker"
share = 2
demand = 3
median = 20
sigma = 0.3
margin = 1.0

[[professions]]
name = "architect"
share = 1
demand = 0.1
median = 30000
sigma = 0.5
margin = 1.0
source = "a guess"

[[claims]]
what = "giver > taker"
level = 0.95

[[claims]]
what = "x"
`))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Config
	if c.Name != "my-run" || f.NameGiven {
		t.Errorf("name %q (given %v), want my-run from the file name", c.Name, f.NameGiven)
	}
	if c.Seed != 42 || c.Rounds != 52 || c.Replicates != sim.Default().Replicates {
		t.Errorf("seed %d rounds %d replicates %d", c.Seed, c.Rounds, c.Replicates)
	}
	if c.Referrals.Visibility != 0.25 || c.Referrals.Assessment != sim.Standing || c.Referrals.ReferCost != 30 ||
		c.Referrals.HelpCost != sim.Default().Referrals.HelpCost {
		t.Errorf("referrals %+v", c.Referrals)
	}
	var names, kinds []string
	for _, s := range c.Strategies {
		names = append(names, s.Name)
		kinds = append(kinds, s.Kind)
	}
	if !reflect.DeepEqual(names, []string{"selfless", "otherish", "taker", "scorekeeper"}) {
		t.Errorf("mix order %v, want the file's", names)
	}
	if !reflect.DeepEqual(kinds, []string{"giver", "giver", "taker", "scorekeeper"}) {
		t.Errorf("kinds %v", kinds)
	}
	if d := c.Strategies[0].Params["discernment"]; d != 0.0 {
		t.Errorf("selfless discernment %v, want the default 0", d)
	}
	if d := c.Strategies[1].Params["discernment"]; d != 1.0 {
		t.Errorf("otherish discernment %v (%T), want 1.0", d, d)
	}
	if p := c.Strategies[2].Params["refer_prob"]; p != 0.05 {
		t.Errorf("taker refer_prob %v", p)
	}
	if l := c.Strategies[3].Params["ledger"]; l != "count" {
		t.Errorf("scorekeeper ledger %v, want the default", l)
	}
	if len(c.Professions) != 2 || c.Professions[1] != (sim.Profession{Name: "architect", Share: 1, Demand: 0.1, Median: 30000, Sigma: 0.5, Margin: 1, Source: "a guess"}) {
		t.Errorf("professions %+v", c.Professions)
	}
	if len(f.Claims) != 2 || f.Claims[0].Line != 49 || f.Claims[1].Line != 53 ||
		f.Claims[0].Table["what"] != "giver > taker" || f.Claims[0].Table["level"] != 0.95 {
		t.Errorf("claims %+v", f.Claims)
	}
}

func TestDecodeInlineTables(t *testing.T) {
	f, err := Decode("i.toml", []byte(`population = { members = 40, chapter_size = 20, seats = "shared", mix = { taker = 0.5, giver = 0.5 } }
strategies = { giver = { discernment = 0.5 } }
professions = [
  { name = "a", share = 1, demand = 1, median = 100, sigma = 0.5, margin = 0.5 },
  { name = "b", share = 1, demand = 1, median = 200, sigma = 0.5, margin = 1 },
]
`))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Config
	if c.Population.Members != 40 || len(c.Strategies) != 2 || c.Strategies[0].Name != "taker" ||
		c.Strategies[1].Params["discernment"] != 0.5 || len(c.Professions) != 2 {
		t.Errorf("decoded %+v", c)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "talk.toml")
	if err := os.WriteFile(path, []byte("rounds = 104\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != path || f.Config.Name != "talk" || f.Config.Rounds != 104 {
		t.Errorf("Load: path %q name %q rounds %d", f.Path, f.Config.Name, f.Config.Rounds)
	}
	_, err = Load(filepath.Join(dir, "missing.toml"))
	var ce *Error
	if !errors.As(err, &ce) || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

// TestManyProblemsLinearAndCapped: a file with tens of thousands of
// problems is reported in time linear in its size, and only the first
// tomlpos.MaxErrors are shown, with a count of the rest. 40,000 unknown
// keys used to take 8 s and print 120,000 lines; many mix entries or
// strategy tables were quadratic too. Measured as a ratio of the
// process's CPU time (eight times the input must take well under the 64
// times a quadratic cost would), so that a slow or busy machine does not
// fail it.
func TestManyProblemsLinearAndCapped(t *testing.T) {
	for _, c := range []struct {
		what string
		gen  func(i int) string
		head string
	}{
		{"unknown keys", func(i int) string { return fmt.Sprintf("colour%d = %d\n", i, i) }, ""},
		{"mix entries", func(i int) string { return fmt.Sprintf("saint%d = 0.0\n", i) }, "[population.mix]\n"},
		{"strategy tables", func(i int) string { return fmt.Sprintf("[strategies.s%d]\nkind = \"giver\"\n", i) }, ""},
		{"bad professions", func(i int) string {
			return fmt.Sprintf("[[professions]]\nname = \"p%d\"\nshare = -1\n", i)
		}, ""},
	} {
		t.Run(c.what, func(t *testing.T) {
			input := func(n int) []byte {
				var b strings.Builder
				b.WriteString(c.head)
				for i := range n {
					b.WriteString(c.gen(i))
				}
				return []byte(b.String())
			}
			cost := func(n int) (time.Duration, error) {
				data := input(n)
				best, last := time.Duration(1<<62), error(nil)
				for range 2 {
					start := cpuTime()
					_, err := Decode("many.toml", data)
					best, last = min(best, cpuTime()-start), err
				}
				return best, last
			}
			n := 3_000
			if raceEnabled {
				n = 800
			}
			small, _ := cost(n)
			large, err := cost(8 * n)
			// Linear is 8; the collector and caches make it 10 to 25 on a
			// busy machine; quadratic is 64.
			if ratio := float64(large) / float64(small); ratio > 40 {
				t.Errorf("8 times the problems took %.0f times as long (%v against %v), want about 8", ratio, large, small)
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if n := strings.Count(msg, "many.toml:"); n > tomlpos.MaxErrors+1 {
				t.Errorf("%d problems printed, want at most %d and a count of the rest", n, tomlpos.MaxErrors+1)
			}
			if !strings.Contains(msg, "more problems (the first 20 are shown)") {
				t.Errorf("no count of the problems left out:\n%.2000s", msg)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	src := []byte("name = \"s\"\n\n[[parameters]]\npath = \"referrals.visibility\"\nfrom = 0.5\n\n[[parameters]]\npath = \"x\"\nfrom = 2\n")
	l := Locate("study.toml", src)
	for _, c := range []struct {
		key  string
		want string
	}{
		{"parameters[1].from", "study.toml:9:1: parameters[1].from: bad\n     9 | from = 2\n       | ^"},
		{"parameters[0].path", "study.toml:4:1: parameters[0].path: bad\n     4 | path = \"referrals.visibility\"\n       | ^"},
		{"nowhere", "study.toml: nowhere: bad"},
	} {
		if got := l.Errorf(c.key, "bad").Error(); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.key, got, c.want)
		}
	}
	if got := l.Line("parameters[1]"); got != 7 {
		t.Errorf("Line(parameters[1]) = %d, want 7", got)
	}
}
