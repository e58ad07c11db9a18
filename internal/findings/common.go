package findings

import (
	"unicode"
	"unicode/utf8"

	"github.com/giversgain/giversgain/sim"
)

// Capitalize upper-cases the first letter of a sentence.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// yearsOrWeeks splits a run's length into whole years, half years or
// weeks, the one rule every language follows: whole years (52 weeks) are
// said in years, multiples of 26 weeks from 78 up in half years, others in
// weeks. unit is "year" or "week"; half adds a half year to n.
func yearsOrWeeks(rounds int) (n int, unit string, half bool) {
	switch {
	case rounds > 0 && rounds%52 == 0:
		return rounds / 52, "year", false
	case rounds >= 78 && rounds%26 == 0:
		return rounds / 52, "year", true
	}
	return rounds, "week", false
}

// byYears reports whether a week axis ending at rounds is labelled in
// years.
func byYears(rounds int) bool { return rounds >= 104 }

// ByYears reports whether a chart's week axis over rounds weeks is
// labelled in years (from two years up).
func ByYears(rounds int) bool { return byYears(rounds) }

// replicatesN counts the replicates of res.
func replicatesN(res *sim.Result) int { return len(res.Replicates) }

// intervalStat reports whether st has an interval worth stating (two
// replicates or more).
func intervalStat(st sim.Stat) bool { return st.N >= 2 }
