package report

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/giversgain/giversgain/internal/findings"
)

// Table writes the small plain-text table printed at the end of a run,
// from the run's summary s (NewSummary), in language l (nil: English):
// per strategy (variant, config order) its final share of members, mean
// final net income per member with its 95% interval, referrals given and
// received per member, deals closed per member and return on giving
// (dollars kept per dollar of time spent giving; see
// StrategySummary.ReturnOnGiving), followed by a line saying how to read
// it. Every word comes from l.Table(), every number from l.Num(). Columns
// are aligned with spaces; numbers are right-aligned. "-" marks a value
// that is undefined (a strategy without members, a return on giving for
// a member who gave nothing).
func Table(w io.Writer, s *Summary, l findings.Lang) error {
	if l == nil {
		l = findings.English
	}
	words, n := l.Table(), l.Num()
	count := func(x float64) string {
		if fixed(x, 1) == "0.0" {
			return "0"
		}
		return n.Grouped(x, findings.PrecFor(x))
	}
	rows := [][]string{words.Headers[:]}
	for _, st := range s.Strategies {
		name := l.Strategy(st.Name, st.Kind)
		if st.Kind != st.Name {
			name += " (" + l.Strategy(st.Kind, st.Kind) + ")"
		}
		rows = append(rows, []string{
			name,
			cell(st.Share, func(x float64) string { return count(100*x) + n.Pct() }),
			incomeCell(st.Income, n),
			cell(st.ReferralsGiven, count) + " / " + cell(st.ReferralsReceived, count),
			cell(st.DealsClosed, count),
			cell(st.ReturnOnGiving, func(x float64) string { return n.Grouped(x, 1) + words.Times }),
		})
	}
	var b strings.Builder
	writeAligned(&b, rows, []bool{false, true, true, true, true, true})
	b.WriteString(words.Note(s.Rounds, s.Replicates) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(iv *Interval, f func(float64) string) string {
	if iv == nil {
		return "-"
	}
	return f(iv.Mean)
}

func incomeCell(iv *Interval, n findings.Numbers) string {
	if iv == nil {
		return "-"
	}
	return n.Money(iv.Mean) + " [" + n.Money(iv.CILow) + ", " + n.Money(iv.CIHigh) + "]"
}

// writeAligned writes rows as columns separated by two spaces; right[i]
// right-aligns column i (the header too). Trailing spaces are trimmed.
func writeAligned(b *strings.Builder, rows [][]string, right []bool) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}
