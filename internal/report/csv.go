package report

import (
	"bytes"
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
//
// The bytes are those encoding/csv writes, but each row is appended to
// one reused buffer, numbers formatted in place: a world of a million
// members is a file of 140 MB, and a string per cell would be 18 million
// allocations for the collector to chase.
func WriteAgents(w io.Writer, res *sim.Result) error {
	fail := func(err error) error { return fmt.Errorf("agents.csv: %w", err) }
	header, err := csvRow(AgentsHeader)
	if err != nil {
		return fail(err)
	}
	strategies, err := csvNames(res.Strategies)
	if err != nil {
		return fail(err)
	}
	professions, err := csvNames(res.Professions)
	if err != nil {
		return fail(err)
	}
	name := func(b []byte, names [][]byte, i int) []byte {
		if i >= 0 && i < len(names) {
			return append(b, names[i]...)
		}
		return strconv.AppendInt(b, int64(i), 10)
	}
	const flushAt = 64 << 10
	buf := make([]byte, 0, flushAt+1024)
	buf = append(buf, header...)
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			buf = strconv.AppendInt(buf, int64(rep.Index), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(a.Agent), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(a.Chapter), 10)
			buf = append(buf, ',')
			buf = name(buf, strategies, a.Strategy)
			buf = append(buf, ',')
			buf = name(buf, professions, a.Profession)
			buf = append(buf, ',')
			buf = appendNum32(buf, a.Quality)
			for _, x := range [...]float64{a.Income, a.Earned, a.Revenue, a.Costs} {
				buf = appendNum(append(buf, ','), x)
			}
			for _, n := range [...]int{a.ReferralsGiven, a.ReferralsReceived} {
				buf = strconv.AppendInt(append(buf, ','), int64(n), 10)
			}
			buf = appendNum(append(buf, ','), a.ValueGiven)
			buf = appendNum(append(buf, ','), a.ValueReceived)
			for _, n := range [...]int{a.DealsClosed, a.HelpsGiven, a.Contacts} {
				buf = strconv.AppendInt(append(buf, ','), int64(n), 10)
			}
			buf = appendNum(append(buf, ','), a.Image)
			buf = append(buf, '\n')
			if len(buf) >= flushAt {
				if _, err := w.Write(buf); err != nil {
					return fail(err)
				}
				buf = buf[:0]
			}
		}
	}
	if _, err := w.Write(buf); err != nil {
		return fail(err)
	}
	return nil
}

// csvRow is one CSV record as encoding/csv writes it, newline included.
func csvRow(fields []string) ([]byte, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	if err := cw.Write(fields); err != nil {
		return nil, err
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

// csvNames is each name as one CSV field, quoted where encoding/csv would
// quote it.
func csvNames(names []string) ([][]byte, error) {
	out := make([][]byte, len(names))
	for i, n := range names {
		row, err := csvRow([]string{n})
		if err != nil {
			return nil, err
		}
		out[i] = bytes.TrimSuffix(row, []byte("\n"))
	}
	return out, nil
}

// SharesHeader is the header row of shares.csv.
var SharesHeader = []string{"round", "strategy", "share", "ci_low", "ci_high"}

// WriteShares writes shares.csv for evolving runs: each strategy's share of
// members after every round, mean across replicates with its 95% interval,
// in the layout of timeseries.csv without the metric column.
func WriteShares(w io.Writer, res *sim.Result) error {
	return writeSeries(w, "shares.csv", SharesHeader, res, []sim.Metric{sim.Share}, false)
}
