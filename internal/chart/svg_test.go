package chart

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"
)

// TestInlineSVG: an element to place in a page, without prolog, size or
// fonts of its own, titled for screen readers, and well-formed XML.
func TestInlineSVG(t *testing.T) {
	ch := income(small(t), en)
	b, err := InlineSVG(ch)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, `<svg role="img" viewBox="0 0 960 540"`) {
		t.Errorf("starts %.80q", s)
	}
	// The title alone is bold: every other text (subtitle, axes, ticks,
	// legend) is regular, or a browser draws it wider than it was laid
	// out and it runs off the chart.
	if bold, normal := strings.Count(s, "font-weight:bold"), strings.Count(s, "font-weight:normal"); bold == 0 || normal <= 3*bold {
		t.Errorf("%d bold and %d regular texts: want the title bold and the rest regular", bold, normal)
	}
	for _, bad := range []string{"<?xml", "@font-face", `width="960pt"`, "sansbold"} {
		if strings.Contains(s, bad) {
			t.Errorf("holds %q", bad)
		}
	}
	if !strings.Contains(s, "<title>"+ch.Title+"</title>") {
		t.Errorf("no <title> with the chart's title")
	}
	if err := xml.Unmarshal(b, new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
	again, _ := InlineSVG(ch)
	if !bytes.Equal(b, again) {
		t.Error("two drawings of one chart differ")
	}
	css, err := FontCSS()
	if err != nil || strings.Count(css, "@font-face{font-family:\"Liberation Sans\"") != 2 || !strings.Contains(css, "font-weight:bold") {
		t.Errorf("FontCSS: %v, %.100q", err, css)
	}
}

// TestSVGFileBold: an SVG file declares its bold face as the family's
// bold weight, so browsers draw the titles bold.
func TestSVGFileBold(t *testing.T) {
	paths, err := Save(income(small(t), en), t.TempDir(), "income", []string{"svg"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "sansbold") || strings.Count(string(b), "font-weight:bold") < 2 {
		t.Error("the SVG's title face is not declared bold")
	}
	if bold, normal := strings.Count(string(b), "font-weight:bold"), strings.Count(string(b), "font-weight:normal"); normal <= 3*bold {
		t.Errorf("%d bold and %d regular texts: want the title bold and the rest regular", bold, normal)
	}
}
