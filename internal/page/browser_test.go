package page

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// browserTool finds a program the browser test needs. Absent, the test
// is skipped with a message, except under CI=true, where it fails: CI
// installs them (.ci/run).
func browserTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("none of %s on PATH: the browser test needs headless Chromium and poppler (Debian: apt-get install chromium poppler-utils)", strings.Join(names, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// shotsDir is where the browser test leaves its screenshots and PDFs:
// $PAGE_SHOTS when set (to look at them), else a temporary folder.
func shotsDir(t *testing.T) string {
	if d := os.Getenv("PAGE_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// chromium runs headless Chromium on a page with args and returns its
// standard output.
func chromium(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--no-first-run", "--disable-extensions"}, args...)
	cmd := exec.CommandContext(ctx, bin, append(all, "file://"+page)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, errb.String())
	}
	return out.Bytes()
}

// preset runs a preset with fewer replicates, which changes no word or
// chart of the page, only its numbers.
func preset(t *testing.T, name string, replicates int) *sim.Result {
	t.Helper()
	data, err := configs.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := config.Decode(name+".toml", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Replicates = replicates
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestBrowserRendersReport renders the report of giver-heavy, in English
// and in German, in headless Chromium to a screenshot, a DOM dump and a PDF (print to PDF), and
// checks that the page rendered: a screenshot of the window's size that
// is not blank, every chart in the DOM, and a landscape PDF with each
// chart alone on a page of its own.
func TestBrowserRendersReport(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser is slow: not in -short")
	}
	bin := browserTool(t, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
	pdfinfo := browserTool(t, "pdfinfo")
	pdftotext := browserTool(t, "pdftotext")
	for _, tc := range []struct {
		name, preset string
		words        findings.Words
	}{
		{"giver-heavy", "giver-heavy", findings.Words{}},
		{"giver-heavy-de", "giver-heavy", findings.Words{Lang: findings.German}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := preset(t, tc.preset, 4)
			charts := chart.ForRun(res, chart.Options{Words: tc.words})
			dir := shotsDir(t)
			page := filepath.Join(dir, tc.name+".html")
			var b bytes.Buffer
			in := RunInput{Result: res, Summary: report.NewSummary(res, "test"), Charts: charts, Command: "sim run -config " + tc.preset, Version: "test", Words: tc.words}
			if err := Run(&b, in); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}

			// The screenshot: the window's size, and something drawn.
			shot := filepath.Join(dir, tc.name+".png")
			chromium(t, bin, page, "--window-size=1280,2400", "--screenshot="+shot)
			f, err := os.Open(shot)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2400 {
				t.Errorf("screenshot %v, want 1280x2400", b)
			}
			inked, colours := 0, map[[3]uint32]bool{}
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
					r, g, b, _ := img.At(x, y).RGBA()
					if r < 0xF000 || g < 0xF000 || b < 0xF000 {
						inked++
					}
					colours[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
				}
			}
			if frac := float64(inked) / float64(1280*2400/4); frac < 0.05 || len(colours) < 50 {
				t.Errorf("screenshot looks blank: %.1f%% inked, %d colours", 100*frac, len(colours))
			}

			// The DOM as the browser built it: every chart, drawn.
			dom := string(chromium(t, bin, page, "--dump-dom"))
			if n := strings.Count(dom, "<svg role=\"img\""); n != len(charts) {
				t.Errorf("%d charts in the DOM, want %d", n, len(charts))
			}
			if n := strings.Count(dom, "<text"); n < 15*len(charts) {
				t.Errorf("only %d texts in the DOM's %d charts", n, len(charts))
			}

			// Print to PDF: landscape, one chart per page.
			pdf := filepath.Join(dir, tc.name+".pdf")
			chromium(t, bin, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
			info, err := exec.Command(pdfinfo, pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			pages, w, h := pdfPages(t, string(info))
			if pages < len(charts)+2 || w <= h {
				t.Errorf("PDF of %d pages of %gx%g pt, want at least %d landscape pages", pages, w, h, len(charts)+2)
			}
			for _, c := range charts {
				heading := tc.words.L().Page().ChartHeading(c.Name)
				var on []int
				for p := 1; p <= pages; p++ {
					text, err := exec.Command(pdftotext, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
					if err != nil {
						t.Fatal(err)
					}
					if strings.Contains(string(text), heading) {
						on = append(on, p)
					}
				}
				if len(on) != 1 {
					t.Errorf("chart %s (%s) on pages %v, want one page", c.Name, heading, on)
				}
			}
			t.Logf("%s: %d bytes, screenshot %s, PDF of %d pages", page, b.Len(), shot, pages)
		})
	}
}

var (
	pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	sizeLine  = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
)

// pdfPages reads the page count and the page size from pdfinfo's output.
func pdfPages(t *testing.T, info string) (pages int, w, h float64) {
	t.Helper()
	m, s := pagesLine.FindStringSubmatch(info), sizeLine.FindStringSubmatch(info)
	if m == nil || s == nil {
		t.Fatal(errors.New("pdfinfo: no page count or size in:\n" + info))
	}
	pages, _ = strconv.Atoi(m[1])
	w, _ = strconv.ParseFloat(s[1], 64)
	h, _ = strconv.ParseFloat(s[2], 64)
	return pages, w, h
}
