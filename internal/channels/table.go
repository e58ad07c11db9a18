package channels

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/giversgain/giversgain/internal/report"
)

// WriteMarkdown writes rows as a Markdown table: each world, what is open,
// givers' and takers' mean final net income per member, and how far
// givers are ahead (dollars and percent, with 95% intervals paired by
// replicate). The verdict reads the dollars: an interval that excludes
// zero says who is ahead, one that holds it says "no clear winner". (The
// percentage is the ratio of the two means with Fieller's interval, which
// excludes 0% exactly when the dollars' interval excludes $0, so the two
// columns never disagree about who is clearly ahead; run verdicts read it
// the same way.)
func WriteMarkdown(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| channels open | givers | takers | givers minus takers (95% CI) | givers vs takers (95% CI) | verdict |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range rows {
		label := r.Label
		if r.Note != "" {
			label += " (" + r.Note + ")"
		}
		pct := "-"
		if r.PercentValid {
			pct = fmt.Sprintf("%+.0f%% (%s)", r.Percent.Mean, report.PercentRange(r.Percent.Low, r.Percent.High))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s (%s) | %s | %s |\n", label,
			report.Money(r.Givers.Mean), report.Money(r.Takers.Mean),
			report.Money(r.Gap.Mean), report.MoneyRange(r.Gap.Low, r.Gap.High), pct, verdict(r))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// verdict reads the paired gap: who is ahead, if anyone clearly is.
func verdict(r Row) string {
	gap := r.Gap
	switch {
	case gap.N == 0 || math.IsNaN(gap.Mean):
		return "undefined"
	case gap.Low > 0:
		return "givers ahead"
	case gap.High < 0:
		return "takers ahead"
	}
	return "no clear winner"
}
