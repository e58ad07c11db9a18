package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/giversgain/giversgain/sim"
)

// TimeseriesHeader is the header row of timeseries.csv.
var TimeseriesHeader = []string{"round", "strategy", "metric", "mean", "ci_low", "ci_high"}

// AgentsHeader is the header row of agents.csv.
var AgentsHeader = []string{
	"replicate", "agent", "chapter", "strategy", "profession", "quality",
	"income", "earned", "revenue", "costs", "referrals_given", "referrals_received",
	"value_given", "value_received", "deals_closed", "helps_given", "contacts", "image",
}

// WriteTimeseries writes timeseries.csv in tidy (long) form: one row per
// round (1-based week), strategy (variant name, config order) and metric
// (sim.Metrics order and names), with the mean across replicates and its
// 95% interval. Rows where the strategy had no members in any replicate
// (Stat.N == 0) are left out. Floats are in shortest round-trip form.
func WriteTimeseries(w io.Writer, res *sim.Result) error {
	return writeSeries(w, "timeseries.csv", TimeseriesHeader, res, sim.Metrics(), true)
}

// writeSeries writes the CSV file named file (the name prefixes its
// errors): header, then per round (1-based week), strategy (config order)
// and metric of metrics, in that nesting, a row of the round, the strategy's
// name, the metric's name when withMetric, and the mean and 95% interval
// across replicates. Rows without a statistic or with an undefined one
// (Stat.N == 0, or not finite) are left out.
func writeSeries(w io.Writer, file string, header []string, res *sim.Result, metrics []sim.Metric, withMetric bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	row := make([]string, 0, len(header))
	for r := 1; r <= res.Rounds; r++ {
		round := strconv.Itoa(r)
		for s, name := range res.Strategies {
			for _, m := range metrics {
				if int(m) >= len(res.Series) || s >= len(res.Series[m]) || r > len(res.Series[m][s]) {
					continue
				}
				st := res.Series[m][s][r-1]
				if !statFinite(st) {
					continue
				}
				row = append(row[:0], round, name)
				if withMetric {
					row = append(row, m.String())
				}
				row = append(row, num(st.Mean), num(st.Low), num(st.High))
				if err := cw.Write(row); err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
			}
		}
	}
	return flush(cw, file)
}

// flush flushes cw, the writer of the CSV file named file.
func flush(cw *csv.Writer, file string) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// WriteAgents writes agents.csv: every member's final state in every
// replicate (replicate and agent are 0-based indices), with its strategy
// (variant name) and profession by name. quality is the member's service
// quality (0..1); money columns are cumulative dollars; image is the mean
// image score (-5..5) its chapter colleagues hold of it. earned is what the
// member kept of its revenue (margin times revenue). A non-finite value
// would be written as an empty cell; the engine produces none.
func WriteAgents(w io.Writer, res *sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(AgentsHeader); err != nil {
		return fmt.Errorf("agents.csv: %w", err)
	}
	name := func(names []string, i int) string {
		if i >= 0 && i < len(names) {
			return names[i]
		}
		return strconv.Itoa(i)
	}
	row := make([]string, len(AgentsHeader))
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			row[0] = strconv.Itoa(rep.Index)
			row[1] = strconv.Itoa(a.Agent)
			row[2] = strconv.Itoa(a.Chapter)
			row[3] = name(res.Strategies, a.Strategy)
			row[4] = name(res.Professions, a.Profession)
			row[5] = num32(a.Quality)
			row[6] = num(a.Income)
			row[7] = num(a.Earned)
			row[8] = num(a.Revenue)
			row[9] = num(a.Costs)
			row[10] = strconv.Itoa(a.ReferralsGiven)
			row[11] = strconv.Itoa(a.ReferralsReceived)
			row[12] = num(a.ValueGiven)
			row[13] = num(a.ValueReceived)
			row[14] = strconv.Itoa(a.DealsClosed)
			row[15] = strconv.Itoa(a.HelpsGiven)
			row[16] = strconv.Itoa(a.Contacts)
			row[17] = num(a.Image)
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("agents.csv: %w", err)
			}
		}
	}
	return flush(cw, "agents.csv")
}

// SharesHeader is the header row of shares.csv.
var SharesHeader = []string{"round", "strategy", "share", "ci_low", "ci_high"}

// WriteShares writes shares.csv for evolving runs: each strategy's share of
// members after every round, mean across replicates with its 95% interval,
// in the layout of timeseries.csv without the metric column.
func WriteShares(w io.Writer, res *sim.Result) error {
	return writeSeries(w, "shares.csv", SharesHeader, res, []sim.Metric{sim.Share}, false)
}
