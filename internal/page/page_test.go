package page

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	tinyOnce sync.Once
	tinyRes  *sim.Result
	tinyErr  error
)

// tiny is a small run of two chapters, two strategies and a scorekeeper,
// made once for all tests.
func tiny(t *testing.T) *sim.Result {
	t.Helper()
	tinyOnce.Do(func() {
		cfg := sim.Default()
		cfg.Name, cfg.Seed, cfg.Rounds, cfg.Replicates = "tiny", 7, 26, 3
		cfg.Population.Members, cfg.Population.ChapterSize = 60, 30
		tinyRes, tinyErr = sim.Run(context.Background(), cfg, sim.Options{Workers: 1})
	})
	if tinyErr != nil {
		t.Fatal(tinyErr)
	}
	return tinyRes
}

// runPage renders res's page in English, or in w's words.
func runPage(t *testing.T, res *sim.Result, w ...findings.Words) []byte {
	t.Helper()
	var b bytes.Buffer
	in := RunInput{Result: res, Summary: report.NewSummary(res, "test"), Command: "sim run -config tiny.toml", Version: "test"}
	if len(w) > 0 {
		in.Words = w[0]
	}
	if err := Run(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	fontData = regexp.MustCompile(`base64,[A-Za-z0-9+/=]+`)
	svgBody  = regexp.MustCompile(`(?s)(<svg role="img"[^>]*>\n<title>[^<]*</title>).*?</svg>`)
)

// words is a page with the fonts' data and the charts' drawing left out:
// its words and structure, which a golden file can hold and a reviewer
// read.
func words(page []byte) []byte {
	page = fontData.ReplaceAll(page, []byte("base64,..."))
	return svgBody.ReplaceAll(page, []byte("$1 ...</svg>"))
}

// TestGoldenRun pins the page of a small run in English and in German,
// less the fonts and the charts' drawing (the charts have tests of their
// own). Run with -update after an intended change and read the diff.
func TestGoldenRun(t *testing.T) {
	for file, w := range map[string]findings.Words{
		"run.html.golden":    {},
		"run.de.html.golden": {Lang: findings.German},
	} {
		got := words(runPage(t, tiny(t), w))
		path := filepath.Join("testdata", file)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the page differs from %s (run with -update if intended):\n%s", path, got)
		}
	}
}

// TestSelfContained: the page makes no request (no script, no external
// source, link or style), holds every chart of the run once, and is the
// same bytes when made again.
func TestSelfContained(t *testing.T) {
	res := tiny(t)
	page := runPage(t, res)
	s := string(page)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(http", `src="http`, `href="http`, "<object"} {
		if strings.Contains(s, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	charts := chart.ForRun(res, chart.Options{})
	if n := strings.Count(s, `<svg role="img"`); n != len(charts) {
		t.Errorf("%d charts on the page, want %d", n, len(charts))
	}
	for _, c := range charts {
		if !strings.Contains(s, `<figure id="`+c.Name+`">`) {
			t.Errorf("no figure for %s", c.Name)
		}
	}
	if n := strings.Count(s, "@font-face"); n != 2 {
		t.Errorf("%d fonts embedded, want 2", n)
	}
	if !bytes.Equal(page, runPage(t, res)) {
		t.Error("two pages of one run differ")
	}
}
