package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Table writes the small plain-text table printed at the end of a run,
// from the run's summary s (NewSummary): per strategy (variant, config
// order) its final share of members, mean final net income per member with
// its 95% interval, referrals given and received per member, deals closed
// per member and return on giving (dollars kept per dollar of time spent
// giving; see StrategySummary.ReturnOnGiving), followed by a line saying
// how to read it. Columns are aligned with spaces; numbers are
// right-aligned. "-" marks a value that is undefined (a strategy without
// members, a return on giving for a member who gave nothing).
func Table(w io.Writer, s *Summary) error {
	rows := [][]string{{"strategy", "share", "income [95% CI]", "referrals given / received", "deals closed", "return on giving"}}
	for _, st := range s.Strategies {
		name := st.Name
		if st.Kind != st.Name {
			name += " (" + st.Kind + ")"
		}
		rows = append(rows, []string{
			name,
			cell(st.Share, func(x float64) string { return count(100*x) + "%" }),
			incomeCell(st.Income),
			cell(st.ReferralsGiven, count) + " / " + cell(st.ReferralsReceived, count),
			cell(st.DealsClosed, count),
			cell(st.ReturnOnGiving, func(x float64) string { return grouped(x, 1) + "x" }),
		})
	}
	var b strings.Builder
	writeAligned(&b, rows, []bool{false, true, true, true, true, true})
	fmt.Fprintf(&b, "Per member %s, mean over %s; return on giving = dollars kept of the business received per dollar of time spent referring and helping.\n",
		horizon(s.Rounds), plural(s.Replicates, "replicate"))
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(iv *Interval, f func(float64) string) string {
	if iv == nil {
		return "-"
	}
	return f(iv.Mean)
}

// count formats a per-member count: one decimal below 10, except zero.
func count(x float64) string {
	if fixed(x, 1) == "0.0" {
		return "0"
	}
	return grouped(x, precFor(x))
}

func incomeCell(iv *Interval) string {
	if iv == nil {
		return "-"
	}
	return money(iv.Mean) + " [" + money(iv.CILow) + ", " + money(iv.CIHigh) + "]"
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
