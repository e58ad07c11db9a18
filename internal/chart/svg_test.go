package chart

import (
	"bytes"
	"encoding/xml"
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
	for _, bad := range []string{"<?xml", "@font-face", `width="960pt"`} {
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
