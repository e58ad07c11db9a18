package sweep

import (
	"io"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/findings"
)

// Extension adds outputs of its own to a results folder, in place of the
// sweep's charts: a sensitivity study (internal/studyout) writes its
// indices, samples and charts this way while the sweep machinery runs its
// points (worker pool, checkpoint and resume, shards, merge).
//
// A plan with an Extension records Extra in its checkpoint and part
// files, so that MergeWith can rebuild the Extension from the parts alone
// (sim merge has no study file) and a merged folder is byte-identical to
// the unsharded one.
type Extension interface {
	// WriteOutputs writes its files into dir (the results folder being
	// built, before it is renamed into place) from the finished table,
	// in the given chart formats, and returns the names it wrote.
	WriteOutputs(t *Table, dir string, formats []string) ([]string, error)
}

// Extender rebuilds the Extension of a plan from its header when merging
// part files: nil, nil for a plain sweep (no Extra).
type Extender func(h Header) (Extension, error)

// Reporter is an Extension that writes the results folder's report.html
// itself (a study's page shows its indices and charts, not a sweep's
// chart); an Extension without it gets the sweep's page.
type Reporter interface {
	// WriteReport writes report.html to w after WriteOutputs, with the
	// claims judged and in the words (language, title style) of the charts.
	WriteReport(w io.Writer, t *Table, outs []claims.Outcome, words findings.Words) error
}
