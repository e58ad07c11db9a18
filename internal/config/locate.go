package config

import (
	"fmt"

	"github.com/giversgain/giversgain/internal/tomlpos"
)

// Locator builds positioned errors for a TOML file other than a config,
// such as a sensitivity study file: the same *Error, with the file, line,
// column, key and the offending line rendered under it, that Decode
// returns for a config. Keys are paths as the key index records them:
// "name", "sobol.n", "parameters[2].from" (array-of-tables elements
// 0-based in brackets).
type Locator struct {
	d *decoder
}

// Locate indexes the keys of src, a document that file names. It never
// fails: a key it cannot find gives an error without a line.
func Locate(file string, src []byte) *Locator {
	return &Locator{d: &decoder{file: file, keys: tomlpos.Scan(string(src))}}
}

// Errorf returns the problem at key path (or at its nearest recorded
// ancestor), with what was expected and found in the message.
func (l *Locator) Errorf(path, format string, args ...any) *Error {
	e := &Error{File: l.d.file, Key: path, Msg: fmt.Sprintf(format, args...)}
	if p, ok := l.d.keys.Lookup(path); ok {
		e.Line, e.Column, e.Source = p.Line, p.Col, l.d.keys.Line(p.Line)
	}
	return e
}

// Line returns the 1-based line of key path, or 0 when it is not found.
func (l *Locator) Line(path string) int {
	if p, ok := l.d.keys.Lookup(path); ok {
		return p.Line
	}
	return 0
}

// ParseError turns an error of the TOML parser on this document into a
// positioned *Error showing the line; other errors are wrapped as they
// are.
func (l *Locator) ParseError(err error) error {
	return l.d.parseError(err)
}
