// Package docblock rewrites generated blocks in documents: the text
// between a line "<!-- generated: NAME -->" and the marker
// "<!-- end: NAME -->", so that tables in Markdown files (MODEL.md's
// parameters, the README's preset verdicts) are written by the code that
// knows the numbers and never edited by hand.
package docblock

import (
	"bytes"
	"fmt"
)

// Replace returns doc with the block called name holding body (which
// should end with a line break). It is an error for doc to lack either
// marker, or to hold the end before the start.
func Replace(doc []byte, name, body string) ([]byte, error) {
	begin := []byte("<!-- generated: " + name + " -->\n")
	end := []byte("<!-- end: " + name + " -->")
	i, j := bytes.Index(doc, begin), bytes.Index(doc, end)
	if i < 0 || j < i+len(begin) {
		return nil, fmt.Errorf("no block %q: expected the line %q and later %q", name, bytes.TrimSpace(begin), end)
	}
	out := make([]byte, 0, len(doc)+len(body))
	out = append(out, doc[:i+len(begin)]...)
	out = append(out, body...)
	return append(out, doc[j:]...), nil
}
