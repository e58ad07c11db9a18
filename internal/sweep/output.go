package sweep

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/page"
	"github.com/giversgain/giversgain/sim"

	// parquet-go writes points.parquet: the only maintained pure-Go Parquet
	// writer with zstd and dynamic schemas (Apache Arrow's Go module is far
	// heavier and cgo-free only in part); pandas, polars and R read its
	// files directly, which is what researchers asked for.
	"github.com/parquet-go/parquet-go"
)

// Table holds every task's summary, sorted by task, and the sweep's
// description: what the outputs are made from.
type Table struct {
	Header Header
	vals   [][]float64 // [task][slot]
	ext    Extension   // writes in place of the charts; nil for a sweep
}

func newTable(h Header, recs []record) *Table {
	t := &Table{Header: h, vals: make([][]float64, h.Tasks)}
	for _, r := range recs {
		t.vals[r.task] = r.values
	}
	return t
}

// Points is the number of sweep points.
func (t *Table) Points() int { return len(t.Header.Coords) }

// Replicates returns a metric of a strategy at a point, one value per
// replicate (NaN where undefined); roundSlot 0 is the final week, k > 0
// the week Header.Rounds[k-1].
func (t *Table) Replicates(point, roundSlot, strategy int, m sim.Metric) []float64 {
	h := &t.Header
	nM := len(h.Metrics)
	slot := (roundSlot*len(h.Strategies)+strategy)*nM + int(m)
	out := make([]float64, h.Replicates)
	for k := range out {
		out[k] = t.vals[point*h.Replicates+k][slot]
	}
	return out
}

// Pooled returns a strategy's (or a kind's, its variants pooled by
// members) per-replicate values of a metric at a point's week round (0:
// the final week; otherwise one of Header.Rounds), NaN where it has no
// members.
func (t *Table) Pooled(point, round int, name string, m sim.Metric) []float64 {
	return t.pooled(point, round, name, m)
}

// pooled returns a strategy's (or a kind's, variants pooled by members)
// per-replicate values at a week (0: the final one) of a point.
func (t *Table) pooled(point, round int, name string, m sim.Metric) []float64 {
	h := &t.Header
	slot := 0
	if round > 0 {
		slot = slices.Index(h.Rounds, round) + 1
	}
	get := func(m sim.Metric) func(s int) []float64 {
		return func(s int) []float64 { return t.Replicates(point, slot, s, m) }
	}
	return claims.Pooled(claims.Lookup(name, h.Strategies, h.Kinds), get(m), get(sim.Share))
}

// Final summarises a metric of a strategy at a point's final week.
func (t *Table) Final(point, strategy int, m sim.Metric) sim.Stat {
	return sim.Summarize(t.Replicates(point, 0, strategy, m))
}

// Claims judges the sweep's claims at its points.
func (t *Table) Claims() ([]claims.Outcome, error) {
	h := &t.Header
	pts := make([]claims.Point, t.Points())
	for p := range pts {
		pts[p] = claims.Point{Coords: h.Coords[p], Source: func(strategy string, m sim.Metric, round int) []float64 {
			return t.pooled(p, round, strategy, m)
		}}
	}
	var out []claims.Outcome
	for _, c := range h.Claims {
		o, err := claims.EvaluateSweep(c, h.Strategies, h.Kinds, h.Axes, pts)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// Manifest describes a results folder. It holds no timestamps or shard
// details, so a merged sweep's is byte-identical to the unsharded one's.
type Manifest struct {
	Format     string      `json:"format"`
	Name       string      `json:"name"`
	Version    string      `json:"version"`
	Hash       string      `json:"config_hash"`
	Design     string      `json:"design"`
	Seed       uint64      `json:"seed"`
	Axes       []string    `json:"axes"`
	Points     int         `json:"points"`
	Replicates int         `json:"replicates"`
	Tasks      int         `json:"tasks"`
	Shard      string      `json:"shard"`
	Strategies []string    `json:"strategies"`
	Metrics    []string    `json:"metrics"`
	Chart      ChartSpec   `json:"chart"`
	Claims     []claimLine `json:"claims"`
	Files      []string    `json:"files"`
}

type claimLine struct {
	Name string `json:"name"`
	Pass bool   `json:"pass"`
}

// Write judges the claims and writes the outputs into dir atomically (see
// atomicdir.Write): an interrupted write never leaves half a folder nor
// destroys the previous one. The outputs are points.csv, points.parquet,
// claims.txt, the chart, report.html (page.Sweep) and manifest.json, all
// from the table alone, so that a merged sweep writes the same bytes. It
// returns the claims' outcomes, as written to claims.txt.
func (t *Table) Write(dir string, formats []string, opt chart.Options) ([]claims.Outcome, error) {
	outs, err := t.Claims()
	if err != nil {
		return nil, err
	}
	err = atomicdir.Write(dir, func(tmp string) error {
		rows := t.rows()
		files := []string{"points.csv", "points.parquet"}
		if err := atomicdir.WriteFile(filepath.Join(tmp, "points.csv"), func(w io.Writer) error {
			return t.writeCSV(w, rows)
		}); err != nil {
			return err
		}
		if err := atomicdir.WriteFile(filepath.Join(tmp, "points.parquet"), func(w io.Writer) error {
			return t.writeParquet(w, rows)
		}); err != nil {
			return err
		}
		if len(outs) > 0 {
			files = append(files, "claims.txt")
			if err := atomicdir.WriteFile(filepath.Join(tmp, "claims.txt"), func(w io.Writer) error {
				claims.Print(w, outs)
				return nil
			}); err != nil {
				return err
			}
		}
		var (
			charts []string
			c      *chart.Chart
			base   string
			slide  findings.Slide
		)
		if t.ext != nil {
			charts, err = t.ext.WriteOutputs(t, tmp, formats)
		} else if c, base, slide, err = t.chart(opt); err == nil {
			charts, err = saveChart(c, tmp, base, formats)
		}
		if err != nil {
			return fmt.Errorf("charts: %w", err)
		}
		files = append(files, charts...)
		h := &t.Header
		in := page.SweepInput{Name: h.Name, Hash: h.Hash, Version: h.Version, Points: t.Points(), Replicates: h.Replicates, Axes: h.Axes,
			Chart: c, ChartName: base, Slide: slide, Claims: outs, Words: opt.Words}
		report := func(w io.Writer) error { return page.Sweep(w, in) }
		if r, ok := t.ext.(Reporter); ok {
			report = func(w io.Writer) error { return r.WriteReport(w, t, outs, opt.Words) }
		}
		if err := atomicdir.WriteFile(filepath.Join(tmp, "report.html"), report); err != nil {
			return fmt.Errorf("report.html: %w", err)
		}
		files = append(files, "report.html", "manifest.json")
		slices.Sort(files)
		return atomicdir.WriteFile(filepath.Join(tmp, "manifest.json"), func(w io.Writer) error {
			return t.writeManifest(w, outs, files)
		})
	})
	if err != nil {
		return nil, err
	}
	return outs, nil
}

func (t *Table) writeManifest(w io.Writer, outs []claims.Outcome, files []string) error {
	h := &t.Header
	m := Manifest{
		Format: formatVersion, Name: h.Name, Version: h.Version, Hash: h.Hash, Design: h.Design,
		Seed: h.Seed, Axes: h.Axes, Points: t.Points(), Replicates: h.Replicates, Tasks: h.Tasks,
		Shard: "all", Strategies: h.Strategies, Metrics: h.Metrics, Chart: h.Chart,
		Claims: []claimLine{}, Files: files,
	}
	for _, o := range outs {
		m.Claims = append(m.Claims, claimLine{o.Claim.Name, o.Pass})
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// row is one line of points.csv / points.parquet.
type row struct {
	point      int
	coords     []float64
	strategy   string
	metric     string
	mean, l, h float64
	n          int
}

// rows lists every (point, strategy, metric) with a defined final value,
// in that order: the lines of points.csv and points.parquet.
func (t *Table) rows() []row {
	h := &t.Header
	var out []row
	for p := range t.Points() {
		for s, name := range h.Strategies {
			for mi, metric := range h.Metrics {
				st := t.Final(p, s, sim.Metric(mi))
				if st.N == 0 {
					continue // the strategy has no members at this point
				}
				out = append(out, row{p, h.Coords[p], name, metric, st.Mean, st.Low, st.High, st.N})
			}
		}
	}
	return out
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// writeCSV writes rows as the tidy table: point, the axis values,
// strategy, metric, mean, ci_low, ci_high, n; floats in shortest
// round-trip form.
func (t *Table) writeCSV(w io.Writer, rows []row) error {
	bw := bufio.NewWriter(w)
	head := append(append([]string{"point"}, t.Header.Axes...), "strategy", "metric", "mean", "ci_low", "ci_high", "n")
	for i, c := range head {
		head[i] = csvField(c)
	}
	bw.WriteString(strings.Join(head, ",") + "\n")
	var line []byte
	for _, r := range rows {
		line = strconv.AppendInt(line[:0], int64(r.point), 10)
		for _, c := range r.coords {
			line = append(line, ',')
			line = strconv.AppendFloat(line, c, 'g', -1, 64)
		}
		line = append(line, ',')
		line = append(line, csvField(r.strategy)...)
		line = append(line, ',')
		line = append(line, r.metric...)
		for _, v := range []float64{r.mean, r.l, r.h} {
			line = append(line, ',')
			line = strconv.AppendFloat(line, v, 'g', -1, 64)
		}
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(r.n), 10)
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// csvField quotes a field that needs it (RFC 4180).
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// rowGroupRows bounds a Parquet row group: about 1 MiB of doubles per
// column chunk, large enough for fast scans, small enough to stream.
const rowGroupRows = 128 * 1024

// writeParquet writes rows, the same table as points.csv, zstd-compressed.
// The schema is built at run time (one column per axis, named by its path)
// as a struct type, so the columns keep the CSV's order.
func (t *Table) writeParquet(w io.Writer, rows []row) error {
	h := &t.Header
	fields := []reflect.StructField{{Name: "Point", Type: reflect.TypeFor[int64](), Tag: `parquet:"point"`}}
	for i, a := range h.Axes {
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("Axis%d", i), Type: reflect.TypeFor[float64](),
			Tag: reflect.StructTag(fmt.Sprintf(`parquet:%q`, parquetName(a))),
		})
	}
	fields = append(fields,
		reflect.StructField{Name: "Strategy", Type: reflect.TypeFor[string](), Tag: `parquet:"strategy,dict"`},
		reflect.StructField{Name: "Metric", Type: reflect.TypeFor[string](), Tag: `parquet:"metric,dict"`},
		reflect.StructField{Name: "Mean", Type: reflect.TypeFor[float64](), Tag: `parquet:"mean"`},
		reflect.StructField{Name: "CILow", Type: reflect.TypeFor[float64](), Tag: `parquet:"ci_low"`},
		reflect.StructField{Name: "CIHigh", Type: reflect.TypeFor[float64](), Tag: `parquet:"ci_high"`},
		reflect.StructField{Name: "N", Type: reflect.TypeFor[int64](), Tag: `parquet:"n"`},
	)
	typ := reflect.StructOf(fields)
	schema := parquet.SchemaOf(reflect.New(typ).Interface())
	pw := parquet.NewWriter(w, schema,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("giversgain", h.Version, ""),
		parquet.KeyValueMetadata("giversgain.config_hash", h.Hash),
	)
	v := reflect.New(typ).Elem()
	nAx := len(h.Axes)
	for _, r := range rows {
		v.Field(0).SetInt(int64(r.point))
		for i, c := range r.coords {
			v.Field(1 + i).SetFloat(c)
		}
		v.Field(1 + nAx).SetString(r.strategy)
		v.Field(2 + nAx).SetString(r.metric)
		v.Field(3 + nAx).SetFloat(r.mean)
		v.Field(4 + nAx).SetFloat(r.l)
		v.Field(5 + nAx).SetFloat(r.h)
		v.Field(6 + nAx).SetInt(int64(r.n))
		if err := pw.Write(v.Addr().Interface()); err != nil {
			return err
		}
	}
	return pw.Close()
}

// parquetName keeps an axis path as the column name, minus the quotes
// (professions."web designer".median) that a tag cannot hold.
func parquetName(path string) string {
	return strings.NewReplacer(`"`, "", ",", "_").Replace(path)
}
