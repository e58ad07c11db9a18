package channels

import (
	"fmt"
	"io"
	"strings"

	"github.com/giversgain/giversgain/internal/findings"
)

// WriteMarkdown writes rows as a Markdown table in language l (nil:
// English): each world, what is open, givers' and takers' mean final net
// income per member, and how far givers are ahead (dollars and percent,
// with 95% intervals paired by replicate). The verdict reads the dollars:
// an interval that excludes zero says who is ahead, one that holds it
// says "no clear winner". (The percentage is the ratio of the mean
// incomes with a delta-method interval; the paired difference is the
// test.) Every word comes from l.Channels(), every number from l.Num().
func WriteMarkdown(w io.Writer, rows []Row, l findings.Lang) error {
	if l == nil {
		l = findings.English
	}
	words, n := l.Channels(), l.Num()
	var b strings.Builder
	b.WriteString("| " + strings.Join(words.Headers[:], " | ") + " |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range rows {
		label, note := words.World(r.World)
		if note != "" {
			label += " (" + note + ")"
		}
		pct := "-"
		if r.PercentValid {
			pct = words.Percent(r.Percent)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s (%s) | %s | %s |\n", label,
			n.Money(r.Givers.Mean), n.Money(r.Takers.Mean),
			n.Money(r.Gap.Mean), n.MoneyRange(r.Gap.Low, r.Gap.High), pct, words.Verdict(r.Gap))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
