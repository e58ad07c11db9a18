package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgHead matches what vgsvg writes before the first element: the XML
// prolog, a comment, and the <svg> tag's fixed size in points.
var svgHead = regexp.MustCompile(`(?s)\A<\?xml[^>]*\?>\s*<!--.*?-->\s*<svg width="[^"]*" height="[^"]*"`)

// InlineSVG returns c as an <svg> element to place inside an HTML page:
// no XML prolog, no fixed size (the page sizes it; its viewBox keeps the
// slide's aspect), a <title> holding the chart's title for screen readers,
// and no fonts of its own: FontCSS gives the page the faces once for all
// its charts. The bytes depend only on the chart.
func InlineSVG(c *Chart) ([]byte, error) {
	if c == nil || c.Plot == nil {
		return nil, fmt.Errorf("chart: nothing to draw")
	}
	w, h := c.Size()
	s := vgsvg.NewWith(vgsvg.UseWH(w, h))
	c.Draw(draw.New(s))
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil {
		return nil, err
	}
	loc := svgHead.FindIndex(buf.Bytes())
	if loc == nil {
		return nil, fmt.Errorf("chart: unexpected SVG from vgsvg: %.60q", buf.Bytes())
	}
	rest := buf.Bytes()[loc[1]:]
	// The title element must be the <svg>'s first child.
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return nil, fmt.Errorf("chart: unterminated <svg> tag from vgsvg")
	}
	var out bytes.Buffer
	out.WriteString(`<svg role="img"`)
	out.Write(rest[:end+1])
	fmt.Fprintf(&out, "\n<title>%s</title>", html.EscapeString(c.Title))
	out.Write(rest[end+1:])
	return out.Bytes(), nil
}

// FontCSS returns CSS @font-face rules that embed the faces every chart
// is drawn in (Liberation Sans, regular and bold), as data URLs, under
// the family name the SVGs of InlineSVG ask for: a page that holds it
// shows its charts exactly as the PNGs, offline, on any machine.
func FontCSS() (string, error) {
	var b bytes.Buffer
	for _, f := range []struct {
		font   font.Font
		weight string
	}{{sans, "normal"}, {sansBold, "bold"}} {
		face := font.DefaultCache.Lookup(f.font, TitleSize)
		var ttf bytes.Buffer
		if _, err := face.Face.WriteSourceTo(nil, &ttf); err != nil {
			return "", fmt.Errorf("chart: font %v: %w", f.font, err)
		}
		fmt.Fprintf(&b, "@font-face{font-family:\"Liberation Sans\";font-weight:%s;font-style:normal;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n",
			f.weight, base64.StdEncoding.EncodeToString(ttf.Bytes()))
	}
	return b.String(), nil
}
