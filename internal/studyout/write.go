package studyout

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
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
	"github.com/giversgain/giversgain/internal/sensitivity"
	"github.com/giversgain/giversgain/internal/study"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/parquet-go/parquet-go"
)

// Writer is the sweep.Extension of a study: it analyses the finished
// table and writes the study's files. After the sweep has written the
// folder, Result, Summary and Claims hold what was written.
type Writer struct {
	Spec    *study.Spec
	Result  *Result
	Summary Summary
	Claims  []claims.Outcome
	// charts are the charts WriteOutputs drew, for the report page.
	charts []namedChart
}

// New returns the Extension that writes spec's outputs.
func New(spec *study.Spec) *Writer { return &Writer{Spec: spec} }

// Extender rebuilds a study's Writer from the header of its part files,
// for sweep.MergeWith: nil for a plain sweep. last receives the Writer, so
// that the caller can print its summary after the merge.
func Extender(last **Writer) sweep.Extender {
	return func(h sweep.Header) (sweep.Extension, error) {
		if len(h.Extra) == 0 {
			return nil, nil
		}
		spec, err := study.FromExtra(h.Extra)
		if err != nil {
			return nil, err
		}
		w := New(spec)
		if last != nil {
			*last = w
		}
		return w, nil
	}
}

// Files a study writes besides the sweep's points.csv, points.parquet and
// manifest.json.
const (
	IndicesCSV     = "indices.csv"
	IndicesParquet = "indices.parquet"
	SamplesCSV     = "samples.csv"
	SamplesParquet = "samples.parquet"
	SummaryJSON    = "summary.json"
	ClaimsTxt      = "claims.txt"
)

// WriteOutputs implements sweep.Extension.
func (w *Writer) WriteOutputs(t *sweep.Table, dir string, formats []string) ([]string, error) {
	r, err := Analyze(w.Spec, t)
	if err != nil {
		return nil, err
	}
	w.Result, w.Summary, w.Claims = r, r.Summarize(), r.Claims()
	files := []string{IndicesCSV, IndicesParquet, SamplesCSV, SamplesParquet, SummaryJSON}
	rows := r.indexRows()
	write := func(name string, fn func(io.Writer) error) error {
		if err := atomicdir.WriteFile(filepath.Join(dir, name), fn); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	steps := []struct {
		name string
		fn   func(io.Writer) error
	}{
		{IndicesCSV, func(f io.Writer) error { return writeIndicesCSV(f, rows) }},
		{IndicesParquet, func(f io.Writer) error { return writeIndicesParquet(f, rows, t.Header) }},
		{SamplesCSV, r.writeSamplesCSV},
		{SamplesParquet, func(f io.Writer) error { return r.writeSamplesParquet(f, t.Header) }},
		{SummaryJSON, func(f io.Writer) error {
			b, err := json.MarshalIndent(w.Summary, "", "  ")
			if err != nil {
				return err
			}
			_, err = f.Write(append(b, '\n'))
			return err
		}},
	}
	if len(w.Claims) > 0 {
		files = append(files, ClaimsTxt)
		steps = append(steps, struct {
			name string
			fn   func(io.Writer) error
		}{ClaimsTxt, func(f io.Writer) error { claims.Print(f, w.Claims); return nil }})
	}
	for _, s := range steps {
		if err := write(s.name, s.fn); err != nil {
			return nil, err
		}
	}
	charts, err := r.charts(w.Summary)
	if err != nil {
		return nil, err
	}
	w.charts = charts
	for _, c := range charts {
		paths, err := chart.Save(c.chart, dir, c.name, formats)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			files = append(files, filepath.Base(p))
		}
	}
	return files, nil
}

// WriteReport implements sweep.Reporter: the study's report.html, with
// its summary sentence, claims, charts, table of indices and how to
// rerun it, in English. It follows WriteOutputs, whose results it shows.
func (w *Writer) WriteReport(out io.Writer, t *sweep.Table, outs []claims.Outcome, words findings.Words) error {
	if w.Result == nil {
		return fmt.Errorf("study %s: report before its outputs", w.Spec.Name)
	}
	// A study's own words (its summary sentence, chart titles and the
	// labels its file gives the parameters) are English, so its page is
	// English throughout, whatever language a merge asks for: a page half
	// in German would read worse than one in English.
	words = findings.Words{Titles: words.Titles}
	pw := words.L().Page()
	what := w.Spec.Summary
	if o := w.Spec.Output(w.Spec.Summary); o != nil {
		what = OutputPhrase(*o)
	}
	head, rows, note := w.Summary.Table(what)
	in := page.StudyInput{
		Name: t.Header.Name, Hash: t.Header.Hash, Version: t.Header.Version,
		Points: w.Summary.Points, Replicates: w.Summary.Replicates, Params: len(w.Spec.Params),
		Headline: w.Summary.Sentence, Head: head, Rows: rows, Note: note, Notes: w.Summary.Notes,
		Claims: append(slices.Clone(outs), w.Claims...), Words: words,
	}
	for _, c := range w.charts {
		in.Charts = append(in.Charts, page.StudyChart{Name: c.name, Chart: c.chart, HowToRead: pw.StudyHowToRead(c.name)})
	}
	return page.Study(out, in)
}

// indexRow is one line of indices.csv.
type indexRow struct {
	output, method, index, param string
	value, lo, hi, se            float64 // NaN: none
}

// indexRows lists every index of every output: per output, Sobol' S1 and
// ST, Morris mu*, mu and sigma, PRCC and its p-value, parameter by
// parameter in the file's order, then the share ahead and the group sum.
func (r *Result) indexRows() []indexRow {
	nan := math.NaN()
	var out []indexRow
	est := func(o, m, idx, p string, e sensitivity.Estimate) indexRow {
		return indexRow{o, m, idx, p, e.Value, e.Lo, e.Hi, e.StdErr}
	}
	for _, o := range r.Outputs {
		name := o.Output.Name
		for i, p := range r.Spec.Params {
			if o.Sobol != nil {
				out = append(out, est(name, "sobol", study.IndexS1, p.Path, o.Sobol.S1[i]), est(name, "sobol", study.IndexST, p.Path, o.Sobol.ST[i]))
			}
		}
		for i, p := range r.Spec.Params {
			if o.Morris != nil {
				out = append(out, est(name, "morris", study.IndexMuStar, p.Path, o.Morris.MuStar[i]),
					indexRow{name, "morris", "mu", p.Path, o.Morris.Mu[i], nan, nan, nan},
					indexRow{name, "morris", "sigma", p.Path, o.Morris.Sigma[i], nan, nan, nan})
			}
		}
		for i, p := range r.Spec.Params {
			if o.PRCC != nil {
				out = append(out, est(name, "prcc", study.IndexPRCC, p.Path, o.PRCC.Coef[i]),
					indexRow{name, "prcc", "p_value", p.Path, o.PRCC.PValue[i], nan, nan, nan})
			}
		}
		if o.Ahead != nil {
			out = append(out, est(name, "share", study.IndexAhead, "", *o.Ahead))
		}
		if o.Group != nil {
			out = append(out, est(name, "sobol", "S1_group", strings.Join(r.Spec.Group.Params, "+"), *o.Group))
		}
	}
	return out
}

func appendFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) {
		return b
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func writeIndicesCSV(w io.Writer, rows []indexRow) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("output,method,index,parameter,value,ci_low,ci_high,std_err\n")
	var b []byte
	for _, r := range rows {
		b = append(b[:0], csvField(r.output)+","+r.method+","+r.index+","+csvField(r.param)...)
		for _, v := range []float64{r.value, r.lo, r.hi, r.se} {
			b = appendFloat(append(b, ','), v)
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// parquetIndex is one row of indices.parquet; a missing interval is null.
type parquetIndex struct {
	Output    string   `parquet:"output,dict"`
	Method    string   `parquet:"method,dict"`
	Index     string   `parquet:"index,dict"`
	Parameter string   `parquet:"parameter,dict"`
	Value     float64  `parquet:"value"`
	CILow     *float64 `parquet:"ci_low,optional"`
	CIHigh    *float64 `parquet:"ci_high,optional"`
	StdErr    *float64 `parquet:"std_err,optional"`
}

func opt(x float64) *float64 {
	if math.IsNaN(x) {
		return nil
	}
	return &x
}

func parquetOptions(h sweep.Header) []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("giversgain", h.Version, ""),
		parquet.KeyValueMetadata("giversgain.config_hash", h.Hash),
	}
}

func writeIndicesParquet(w io.Writer, rows []indexRow, h sweep.Header) error {
	pw := parquet.NewGenericWriter[parquetIndex](w, parquetOptions(h)...)
	buf := make([]parquetIndex, 0, len(rows))
	for _, r := range rows {
		buf = append(buf, parquetIndex{r.output, r.method, r.index, r.param, r.value, opt(r.lo), opt(r.hi), opt(r.se)})
	}
	if _, err := pw.Write(buf); err != nil {
		return err
	}
	return pw.Close()
}

// writeSamplesCSV writes every design point in design order: point, the
// design part and the row within it, each parameter's value (named by its
// path) and each output (named by its name; empty where undefined).
func (r *Result) writeSamplesCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	head := []string{"point", "design", "row"}
	for _, p := range r.Spec.Params {
		head = append(head, csvField(p.Path))
	}
	for _, o := range r.Outputs {
		head = append(head, csvField(o.Output.Name))
	}
	bw.WriteString(strings.Join(head, ",") + "\n")
	var b []byte
	for k, vals := range r.Values {
		part, row := r.Design.Part(k)
		b = strconv.AppendInt(b[:0], int64(k), 10)
		b = append(b, ","+part+","...)
		b = strconv.AppendInt(b, int64(row), 10)
		for _, v := range vals {
			b = appendFloat(append(b, ','), v)
		}
		for _, o := range r.Outputs {
			b = appendFloat(append(b, ','), o.Y[k])
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeSamplesParquet writes samples.csv's table; a schema built at run
// time keeps the CSV's columns and their order.
func (r *Result) writeSamplesParquet(w io.Writer, h sweep.Header) error {
	fields := []reflect.StructField{
		{Name: "Point", Type: reflect.TypeFor[int64](), Tag: `parquet:"point"`},
		{Name: "Design", Type: reflect.TypeFor[string](), Tag: `parquet:"design,dict"`},
		{Name: "Row", Type: reflect.TypeFor[int64](), Tag: `parquet:"row"`},
	}
	for i, p := range r.Spec.Params {
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("P%d", i), Type: reflect.TypeFor[float64](),
			Tag: reflect.StructTag(fmt.Sprintf(`parquet:%q`, parquetName(p.Path)))})
	}
	for i, o := range r.Outputs {
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("O%d", i), Type: reflect.TypeFor[*float64](),
			Tag: reflect.StructTag(fmt.Sprintf(`parquet:"%s,optional"`, o.Output.Name))})
	}
	typ := reflect.StructOf(fields)
	opts := append([]parquet.WriterOption{parquet.SchemaOf(reflect.New(typ).Interface())}, parquetOptions(h)...)
	pw := parquet.NewWriter(w, opts...)
	v := reflect.New(typ).Elem()
	d := len(r.Spec.Params)
	for k, vals := range r.Values {
		part, row := r.Design.Part(k)
		v.Field(0).SetInt(int64(k))
		v.Field(1).SetString(part)
		v.Field(2).SetInt(int64(row))
		for i, x := range vals {
			v.Field(3 + i).SetFloat(x)
		}
		for i, o := range r.Outputs {
			v.Field(3 + d + i).Set(reflect.ValueOf(opt(o.Y[k])))
		}
		if err := pw.Write(v.Addr().Interface()); err != nil {
			return err
		}
	}
	return pw.Close()
}

// parquetName keeps a path as a column name, minus what a tag cannot hold.
func parquetName(path string) string {
	return strings.NewReplacer(`"`, "", ",", "_").Replace(path)
}

type namedChart struct {
	name  string
	chart *chart.Chart
}

// charts draws the indices of the summary's output (Sobol' S1 and ST, or
// Morris mu*) and, for an ahead output, the share of settings where the
// higher strategy is ahead across the most influential parameter.
func (r *Result) charts(sum Summary) ([]namedChart, error) {
	o := r.Output(r.Spec.Summary)
	if o == nil {
		return nil, nil
	}
	var out []namedChart
	rank := o.Ranked()
	if len(rank) == 0 {
		return nil, nil
	}
	labels := make([]string, len(rank))
	for j, i := range rank {
		labels[j] = r.Spec.Params[i].Label
	}
	pick := func(es []sensitivity.Estimate) ([]float64, []float64, []float64) {
		v, lo, hi := make([]float64, len(rank)), make([]float64, len(rank)), make([]float64, len(rank))
		for j, i := range rank {
			v[j], lo[j], hi[j] = es[i].Value, es[i].Lo, es[i].Hi
		}
		return v, lo, hi
	}
	var series []chart.IndexSeries
	xlabel := ""
	what := OutputPhrase(o.Output)
	sub := ""
	switch {
	case o.Sobol != nil:
		v, lo, hi := pick(o.Sobol.S1)
		series = append(series, chart.IndexSeries{Name: "first-order S1", Value: v, Low: lo, High: hi})
		v, lo, hi = pick(o.Sobol.ST)
		series = append(series, chart.IndexSeries{Name: "total ST", Value: v, Low: lo, High: hi})
		xlabel = "share of the variance of " + what
		sub = fmt.Sprintf("Sobol' indices from %d points (%d base samples), %d replicates each; whiskers: %g%% bootstrap intervals. S1: alone; ST: with its interactions",
			len(r.Design.Sobol), o.Sobol.N, r.Replicates, 100*r.Spec.Bootstrap.Level)
	case o.Morris != nil:
		v, lo, hi := pick(o.Morris.MuStar)
		series = append(series, chart.IndexSeries{Name: "mu*", Value: v, Low: lo, High: hi})
		xlabel = "mean absolute elementary effect on " + o.Output.Name + " (whole range)"
		sub = fmt.Sprintf("Morris screening, %d trajectories, %d replicates per point; whiskers: %g%% bootstrap intervals",
			o.Morris.Trajectories, r.Replicates, 100*r.Spec.Bootstrap.Level)
	default:
		return nil, nil
	}
	// The group leads the title when its parameters are the most
	// influential ones; otherwise the top parameter does.
	lead := labels[0]
	if g := r.Spec.Group; g != nil && len(g.Params) < len(rank) {
		top := true
		for _, i := range rank[:len(g.Params)] {
			top = top && slices.Contains(g.Params, r.Spec.Params[i].Path)
		}
		if top {
			lead = g.Label
		}
	}
	title := sum.Title
	if title == "" {
		title = fmt.Sprintf("%s matters most for %s", capital(lead), o.Output.Name)
	} else {
		title = fmt.Sprintf("%s; %s matters most", title, lead)
	}
	c, err := chart.Indices(labels, series, xlabel, title, sub, chart.Options{})
	if err != nil {
		return nil, err
	}
	out = append(out, namedChart{"indices", c})

	if a := r.aheadOutput(); a != nil {
		c, err := r.aheadChart(a, rank[0])
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, namedChart{"ahead", c})
		}
	}
	return out, nil
}

// aheadOutput is the first output of measure ahead with values.
func (r *Result) aheadOutput() *OutputResult {
	for i := range r.Outputs {
		if r.Outputs[i].Output.Measure == study.Ahead && r.Outputs[i].Undefined == 0 {
			return &r.Outputs[i]
		}
	}
	return nil
}

// aheadBins is the number of bins of the ahead chart: enough to show a
// trend, few enough that each holds a fair number of points.
const aheadBins = 8

// aheadChart draws the share of points where the output is 1 in bins of
// the parameter's range (equal bins of the unit coordinate, so equal
// shares of the design on a log range too), with Wilson 95% intervals.
func (r *Result) aheadChart(o *OutputResult, param int) (*chart.Chart, error) {
	rows := r.Design.Rows()
	p := r.Spec.Params[param]
	nb := aheadBins
	count, ahead := make([]float64, nb), make([]float64, nb)
	for k, u := range rows {
		b := min(int(u[param]*float64(nb)), nb-1)
		count[b]++
		ahead[b] += o.Y[k]
	}
	var xs, mean, lo, hi []float64
	for b := range nb {
		if count[b] == 0 {
			continue
		}
		mid, err := p.Range().Map((float64(b) + 0.5) / float64(nb))
		if err != nil {
			return nil, err
		}
		// Three significant digits label the bins well enough.
		mid, _ = strconv.ParseFloat(strconv.FormatFloat(mid, 'g', 3, 64), 64)
		ph := ahead[b] / count[b]
		l, h := wilson(ph, count[b])
		xs, mean, lo, hi = append(xs, mid), append(mean, ph), append(lo, l), append(hi, h)
	}
	if len(xs) < 2 {
		return nil, nil
	}
	who := plural(o.Output.Higher)
	title := fmt.Sprintf("%s ahead in %s of settings at the low end of %s, %s at the high end",
		capital(who), pct(mean[0]), p.Label, pct(mean[len(mean)-1]))
	line := chart.Line{Name: who + " ahead", Mean: mean, Low: lo, High: hi, Colour: chart.Colour(0)}
	xname := p.Label
	if p.Label != p.Path {
		xname = fmt.Sprintf("%s (%s)", p.Label, p.Path)
	}
	slide := findings.Slide{
		Title: title,
		Subtitle: fmt.Sprintf("All %d design points in %d equal bins of %s's range, the other parameters over theirs; shaded: Wilson 95%% interval",
			len(rows), nb, p.Label),
		X: xname, Y: "settings with " + who + " ahead", Interval: "95% interval",
	}
	c, err := chart.SweepLines(slide, xs, []chart.Line{line}, chart.Share, chart.Options{})
	if err != nil {
		return nil, err
	}
	if p.Log {
		c.LogX(xs)
	}
	return c, nil
}

// wilson is the Wilson score interval at 95% of a share p of n.
func wilson(p, n float64) (float64, float64) {
	const z = 1.959963984540054
	den := 1 + z*z/n
	mid := (p + z*z/(2*n)) / den
	half := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / den
	return math.Max(0, mid-half), math.Min(1, mid+half)
}
