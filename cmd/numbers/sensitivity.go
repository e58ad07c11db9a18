package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	studies "github.com/giversgain/giversgain/configs/sensitivity"
	"github.com/giversgain/giversgain/internal/study"
	"github.com/giversgain/giversgain/internal/studyout"
	"github.com/giversgain/giversgain/internal/sweep"
)

// showcaseStudy is the sensitivity study whose result the README quotes
// and whose charts results/showcase holds.
const showcaseStudy = "where-giving-pays"

// sensitivity runs the showcase study (or, with -study-results, reads a
// finished run of it), copies its charts to results/showcase and writes
// the README's "sensitivity" block: the summary sentence and the
// indices of the summary's output.
func (g *regen) sensitivity(ctx context.Context) error {
	data, err := studies.Read(showcaseStudy)
	if err != nil {
		return err
	}
	st, err := study.Decode(showcaseStudy+".toml", data, load)
	if err != nil {
		return err
	}
	dir := g.studyResults
	if dir == "" {
		st.Plan.Extension = studyout.New(st.Spec)
		tmp, err := os.MkdirTemp("", "numbers-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		fmt.Fprintf(g.log, "running the %s study (%d tasks, the longest step)\n", showcaseStudy, st.Plan.Tasks())
		out, err := sweep.Run(ctx, st.Plan, sweep.Options{Dir: tmp, Workers: g.workers})
		if err != nil {
			return err
		}
		dir = out.Stats.Out
	}
	data, err = os.ReadFile(filepath.Join(dir, studyout.SummaryJSON))
	if err != nil {
		return err
	}
	var sum studyout.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		return fmt.Errorf("%s: %w", studyout.SummaryJSON, err)
	}
	if sum.Name != showcaseStudy {
		return fmt.Errorf("%s holds the results of %q, not %q", dir, sum.Name, showcaseStudy)
	}
	show := filepath.Join(g.root, "results", "showcase")
	for _, c := range []string{"indices", "ahead"} {
		png, err := os.ReadFile(filepath.Join(dir, c+".png"))
		if err != nil {
			return err
		}
		dst := filepath.Join(show, showcaseStudy+"-"+c+".png")
		if err := os.WriteFile(dst, png, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(g.log, "drew %s\n", dst)
	}
	what := st.Spec.Summary
	if o := st.Spec.Output(st.Spec.Summary); o != nil {
		what = studyout.OutputPhrase(*o)
	}
	return g.rewrite(blockFiles["sensitivity"], map[string]string{"sensitivity": sensitivityBlock(sum, what)})
}

// sensitivityBlock is the README's table of the showcase's indices, of
// what (the summary output's OutputPhrase).
func sensitivityBlock(sum studyout.Summary, what string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", sum.Sentence)
	head, rows, note := sum.Table(what)
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintf(&b, "\n%s\n", note)
	return b.String()
}
