package findings

import (
	"math"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

func TestNumbers(t *testing.T) {
	en, de := English.Num(), German.Num()
	for _, tc := range []struct{ got, want string }{
		{en.Money(1234567.4), "$1,234,567"},
		{en.Money(-1200), "-$1,200"},
		{en.Money(-0.4), "$0"},
		{en.Money(999.5), "$1,000"},
		{en.MoneyRange(-1200, 3400), "-$1,200 to $3,400"},
		{en.MoneyRange(9800, 14800), "$9,800-$14,800"},
		{en.Range(31.2, 45.1, 0, "%"), "31-45%"},
		{en.Range(-0.2, 4, 0, "%"), "0-4%"},
		{en.Range(-5, 12, 0, "%"), "-5 to 12%"},
		{en.Signed(-0.04, 1), "0.0"},
		{en.Signed(1234.5, 1), "1,234.5"},
		{en.Percent(0.384), "38%"},
		{en.Percent(-1e-17), "0%"},
		{en.Count(336000), "336,000"},
		{en.Compact(12345), "$12.3k"},
		{en.Compact(999.6), "$1k"},
		{en.Compact(1.25e6), "$1.25M"},
		{en.Compact(-5000), "-$5k"},
		{en.Round(150219), "$150k"},
		{en.Round(-420292), "-$420k"},
		{en.Talk().Money(420292), "$420k"},
		{en.Decimal(0.005, 6), "0.005"},
		{de.Money(1234567.4), "1.234.567\u00a0$"},
		{de.Money(-1200), "-1.200\u00a0$"},
		{de.MoneyRange(9800, 14800), "9.800\u00a0$–14.800\u00a0$"},
		{de.MoneyRange(-1200, 3400), "-1.200\u00a0$ bis 3.400\u00a0$"},
		{de.PercentRange(31.2, 45.1), "31–45\u00a0%"},
		{de.Signed(1234.5, 1), "1.234,5"},
		{de.Percent(0.384), "38\u00a0%"},
		{de.Count(336000), "336.000"},
		{de.Compact(12345), "12.300\u00a0$"},
		{de.Compact(750), "750\u00a0$"},
		{de.Compact(7.456), "7,46\u00a0$"},
		{de.Compact(1.25e6), "1,25\u00a0Mio.\u00a0$"},
		{de.Compact(3e9), "3\u00a0Mrd.\u00a0$"},
		{de.Round(150219), "150.000\u00a0$"},
		{de.Decimal(1.5, 1), "1,5"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := en.Compact(math.NaN()); got != "n/a" {
		t.Errorf("NaN: %q", got)
	}
}

// TestHorizonOneRule: every language says a run's length by the one rule
// (whole years, half years from 78 weeks, else weeks); the charts and the
// verdict used to disagree on 78 weeks.
func TestHorizonOneRule(t *testing.T) {
	for _, tc := range []struct {
		rounds   int
		en, de   string
		enO, deO string
	}{
		{520, "after 10 years", "nach 10 Jahren", "over 10 years", "über 10 Jahre"},
		{52, "after 1 year", "nach 1 Jahr", "over 1 year", "über 1 Jahr"},
		{78, "after 1.5 years", "nach 1,5 Jahren", "over 1.5 years", "über 1,5 Jahre"},
		{120, "after 120 weeks", "nach 120 Wochen", "over 120 weeks", "über 120 Wochen"},
		{1, "after 1 week", "nach 1 Woche", "over 1 week", "über 1 Woche"},
	} {
		for _, c := range []struct{ got, want string }{
			{English.After(tc.rounds), tc.en}, {German.After(tc.rounds), tc.de},
			{English.Over(tc.rounds), tc.enO}, {German.Over(tc.rounds), tc.deO},
		} {
			if c.got != c.want {
				t.Errorf("%d weeks: got %q, want %q", tc.rounds, c.got, c.want)
			}
		}
	}
}

func TestLookupAndTitles(t *testing.T) {
	for tag, want := range map[string]Lang{"": English, "en": English, "de": German, "DE": German} {
		if l, err := Lookup(tag); err != nil || l != want {
			t.Errorf("Lookup(%q) = %v, %v", tag, l, err)
		}
	}
	if _, err := Lookup("fr"); err == nil {
		t.Error("Lookup accepted an unknown language")
	}
	for s, want := range map[string]Titles{"": Plain, "plain": Plain, "research": Research} {
		if got, err := ParseTitles(s); err != nil || got != want {
			t.Errorf("ParseTitles(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseTitles("fancy"); err == nil {
		t.Error("ParseTitles accepted an unknown style")
	}
}

// TestTalkLead: a lead is said in words a room takes in at once.
func TestTalkLead(t *testing.T) {
	pct := func(p float64) Verdict {
		return Verdict{Case: Clear, Lead: "giver", Trail: "taker", Measure: Percent, Est: sim.Stat{Mean: p, Low: p - 5, High: p + 5, N: 8}}
	}
	for _, tc := range []struct {
		v      Verdict
		en, de string
	}{
		{pct(52), "Givers out-earned takers by half", "Geber verdienten die Hälfte mehr als Nehmer"},
		{pct(34), "Givers out-earned takers by a third", "Geber verdienten ein Drittel mehr als Nehmer"},
		{pct(25.4), "Givers out-earned takers by a quarter", "Geber verdienten ein Viertel mehr als Nehmer"},
		{pct(39.4), "Givers out-earned takers by 39%", "Geber verdienten 39\u00a0% mehr als Nehmer"},
		{pct(93), "Givers earned twice as much as takers", "Geber verdienten doppelt so viel wie Nehmer"},
		{Verdict{Case: Clear, Lead: "giver", Trail: "taker", Measure: Times, Est: sim.Stat{Mean: 2.6, N: 8}},
			"Givers earned 2.5 times as much as takers", "Geber verdienten 2,5-mal so viel wie Nehmer"},
		{Verdict{Case: Clear, Lead: "taker", Trail: "giver", Measure: Dollars, Est: sim.Stat{Mean: 420292, N: 8},
			LeadIncome: sim.Stat{Mean: 80123}, TrailIncome: sim.Stat{Mean: -340169}},
			"Givers lost $340k each, takers made $80k", "Geber verloren je 340.000\u00a0$, Nehmer gewannen 80.000\u00a0$"},
		{Verdict{Case: Unclear, A: "giver", B: "taker", Lead: "giver", Trail: "taker", Measure: Percent, Est: sim.Stat{Mean: 7, Low: -1, High: 14, N: 8}},
			"No clear winner between givers and takers", "Kein klarer Sieger zwischen Gebern und Nehmern"},
	} {
		if got := English.Headline(tc.v, Plain); got != tc.en {
			t.Errorf("English: got %q, want %q", got, tc.en)
		}
		if got := German.Headline(tc.v, Plain); got != tc.de {
			t.Errorf("German: got %q, want %q", got, tc.de)
		}
		for _, l := range []Lang{English, German} {
			if h := l.Headline(tc.v, Plain); containsAny(h, "CI", "KI", "95") {
				t.Errorf("%s plain title %q has interval jargon", l.Tag(), h)
			}
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
