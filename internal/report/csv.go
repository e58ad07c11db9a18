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
	"income", "earned", "costs", "referrals_given", "referrals_received",
	"value_given", "value_received", "deals_closed", "helps_given", "contacts", "image",
}

// WriteTimeseries writes timeseries.csv in tidy (long) form: one row per
// round (1-based week), strategy (variant name, config order) and metric
// (sim.Metrics order and names), with the mean across replicates and its
// 95% interval. Rows where the strategy had no members in any replicate
// (Stat.N == 0) are left out. Floats are in shortest round-trip form.
func WriteTimeseries(w io.Writer, res *sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TimeseriesHeader); err != nil {
		return fmt.Errorf("timeseries.csv: %w", err)
	}
	metrics := sim.Metrics()
	row := make([]string, len(TimeseriesHeader))
	for r := 1; r <= res.Rounds; r++ {
		row[0] = strconv.Itoa(r)
		for s, name := range res.Strategies {
			row[1] = name
			for _, m := range metrics {
				if int(m) >= len(res.Series) || s >= len(res.Series[m]) || r > len(res.Series[m][s]) {
					continue
				}
				st := res.Series[m][s][r-1]
				if !statFinite(st) {
					continue
				}
				row[2], row[3], row[4], row[5] = m.String(), num(st.Mean), num(st.Low), num(st.High)
				if err := cw.Write(row); err != nil {
					return fmt.Errorf("timeseries.csv: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("timeseries.csv: %w", err)
	}
	return nil
}

// WriteAgents writes agents.csv: every member's final state in every
// replicate (replicate and agent are 0-based indices), with its strategy
// (variant name) and profession by name. quality is the member's service
// quality (0..1); money columns are cumulative dollars; image is the mean
// image score (-5..5) its chapter colleagues hold of it. A non-finite value
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
			row[8] = num(a.Costs)
			row[9] = strconv.Itoa(a.ReferralsGiven)
			row[10] = strconv.Itoa(a.ReferralsReceived)
			row[11] = num(a.ValueGiven)
			row[12] = num(a.ValueReceived)
			row[13] = strconv.Itoa(a.DealsClosed)
			row[14] = strconv.Itoa(a.HelpsGiven)
			row[15] = strconv.Itoa(a.Contacts)
			row[16] = num(a.Image)
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("agents.csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("agents.csv: %w", err)
	}
	return nil
}

// SharesHeader is the header row of shares.csv.
var SharesHeader = []string{"round", "strategy", "share", "ci_low", "ci_high"}

// WriteShares writes shares.csv for evolving runs: each strategy's share of
// members after every round, mean across replicates with its 95% interval.
func WriteShares(w io.Writer, res *sim.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SharesHeader); err != nil {
		return fmt.Errorf("shares.csv: %w", err)
	}
	row := make([]string, len(SharesHeader))
	for r := 1; r <= res.Rounds; r++ {
		row[0] = strconv.Itoa(r)
		for s, name := range res.Strategies {
			st := res.Series[sim.Share][s][r-1]
			if !statFinite(st) {
				continue
			}
			row[1], row[2], row[3], row[4] = name, num(st.Mean), num(st.Low), num(st.High)
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("shares.csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("shares.csv: %w", err)
	}
	return nil
}
