// Package tomlpos locates keys in TOML documents and renders problems
// with them as the tool shows every bad input: "file:line:col: key: msg",
// then the offending line with a caret under the column. Config files
// (internal/config) and sweep files (internal/sweep) share it, so that
// both point at the same place the same way.
package tomlpos

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// MaxErrors is how many problems of one file are shown; the rest are
// counted ("and 39,980 more problems"). A file of 40,000 unknown keys
// used to print 120,000 lines.
const MaxErrors = 20

// Summary is the first line of a problem: "file:line:col: key: msg",
// leaving out what is unknown (a line or column of 0, an empty key).
func Summary(file string, line, col int, key, msg string) string {
	var b strings.Builder
	if file != "" {
		b.WriteString(file)
		b.WriteString(":")
	}
	if line > 0 {
		fmt.Fprintf(&b, "%d:", line)
		if col > 0 {
			fmt.Fprintf(&b, "%d:", col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if key != "" {
		b.WriteString(key)
		b.WriteString(": ")
	}
	b.WriteString(msg)
	return b.String()
}

// Render is Summary followed, when the line is known, by the line itself
// (tabs shown as spaces) with a caret under the column.
func Render(file string, line, col int, key, msg, source string) string {
	var b strings.Builder
	b.WriteString(Summary(file, line, col, key, msg))
	if line > 0 && source != "" {
		fmt.Fprintf(&b, "\n%6d | %s", line, strings.ReplaceAll(source, "\t", " "))
		if col > 0 {
			fmt.Fprintf(&b, "\n       | %s^", strings.Repeat(" ", min(col-1, len(source))))
		}
	}
	return b.String()
}

// ParseError takes a TOML syntax error apart: where it is and what it
// says (with the parser's hint on usage, if any). ok is false for an error
// that is not a toml.ParseError.
func ParseError(err error) (pos Pos, msg string, ok bool) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Pos{}, "", false
	}
	msg = pe.Message
	if pe.Usage != "" {
		msg += " (" + strings.Join(strings.Fields(pe.Usage), " ") + ")"
	}
	return Pos{Line: pe.Position.Line, Col: pe.Position.Col}, msg, true
}

// Cap keeps the first MaxErrors of errs and, when there are more, adds
// more(n) for the n left out.
func Cap[E any](errs []E, more func(n int) E) []E {
	if len(errs) <= MaxErrors {
		return errs
	}
	n := len(errs) - MaxErrors
	return append(errs[:MaxErrors:MaxErrors], more(n))
}
