package tomlpos

import (
	"strconv"
	"strings"
)

// Pos is a 1-based line and column in a TOML document.
type Pos struct{ Line, Col int }

// Index records where each key, table header and inline-table element of
// a TOML document starts. BurntSushi/toml keeps key positions private, so
// a problem found after parsing (a wrong type, an unknown key, a value out
// of range) is located with this index instead.
//
// Paths are the key's pieces joined by "." without quoting, with the index
// of an array-of-tables or array element in brackets: "population.mix.giver",
// "professions[2].median", "claims[0]", "points[3][1]".
//
// Every lookup costs the same whatever the size of the document (a map
// access per piece of the path), so locating every problem of a file is
// linear in its size: 40,000 unknown keys used to take 8 s, each lookup
// walking the document's keys and each line found by walking its lines.
type Index struct {
	pos map[string]Pos
	// below[p] is the first recorded key under p (p + "." or p + "["):
	// an implicit table like [population] is known only through
	// [population.mix].
	below      map[string]Pos
	src        string
	lineStarts []int
}

// Lookup returns the position of path, else of the first recorded key
// below it, else of its nearest ancestor that is recorded. ok is false
// when none is found. A nil Index finds nothing.
func (x *Index) Lookup(path string) (Pos, bool) {
	if x == nil {
		return Pos{}, false
	}
	if p, ok := x.pos[path]; ok {
		return p, true
	}
	if p, ok := x.below[path]; ok {
		return p, true
	}
	for p := path; ; {
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			break
		}
		p = p[:i]
		if q, ok := x.pos[p]; ok {
			return q, true
		}
	}
	return Pos{}, false
}

// Has reports whether path itself is recorded.
func (x *Index) Has(path string) bool {
	if x == nil {
		return false
	}
	_, ok := x.pos[path]
	return ok
}

// Line returns the text of line n (1-based) without its line break, or
// "" when there is no such line.
func (x *Index) Line(n int) string {
	if x == nil || n <= 0 || n > len(x.lineStarts) {
		return ""
	}
	start := x.lineStarts[n-1]
	end := len(x.src)
	if n < len(x.lineStarts) {
		end = x.lineStarts[n] - 1
	}
	return strings.TrimSuffix(x.src[start:end], "\r")
}

// Scan indexes the keys of src. It expects a document the TOML parser
// has accepted but never panics or loops on any input: on anything it does
// not understand it stops and returns what it has (every line is indexed
// still, for Line).
func Scan(src string) *Index {
	idx := &Index{pos: map[string]Pos{}, below: map[string]Pos{}, src: src, lineStarts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			idx.lineStarts = append(idx.lineStarts, i+1)
		}
	}
	s := &scanner{src: src, idx: idx, count: map[string]int{}}
	s.document()
	return idx
}

type scanner struct {
	src   string
	i     int
	idx   *Index
	count map[string]int // elements seen per array-of-tables path
}

func (s *scanner) at(off int) byte {
	if j := s.i + off; j >= 0 && j < len(s.src) {
		return s.src[j]
	}
	return 0
}

func (s *scanner) posOf(off int) Pos {
	starts := s.idx.lineStarts
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Pos{Line: lo + 1, Col: off - starts[lo] + 1}
}

// record notes where path starts, unless it is known already, and makes
// it the first key below each of its ancestors that has none yet.
func (s *scanner) record(path string, off int) {
	if _, ok := s.idx.pos[path]; ok {
		return
	}
	p := s.posOf(off)
	s.idx.pos[path] = p
	for i := len(path) - 1; i > 0; i-- {
		if c := path[i]; c == '.' || c == '[' {
			if _, ok := s.idx.below[path[:i]]; !ok {
				s.idx.below[path[:i]] = p
			}
		}
	}
}

// skipSpace skips blanks, and with newlines also line breaks and comments.
func (s *scanner) skipSpace(newlines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case newlines && (c == '\n' || c == '\r'):
			s.i++
		case newlines && c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *scanner) document() {
	prefix := ""
	for s.i < len(s.src) {
		start := s.i
		s.skipSpace(true)
		if s.i >= len(s.src) {
			return
		}
		switch {
		case s.at(0) == '[' && s.at(1) == '[':
			off := s.i
			s.i += 2
			s.skipSpace(false)
			key, ok := s.key()
			if !ok {
				return
			}
			n := s.count[key]
			s.count[key] = n + 1
			prefix = key + "[" + strconv.Itoa(n) + "]"
			s.record(prefix, off)
			s.record(key, off)
			s.skipLine()
		case s.at(0) == '[':
			off := s.i
			s.i++
			s.skipSpace(false)
			key, ok := s.key()
			if !ok {
				return
			}
			prefix = key
			s.record(prefix, off)
			s.skipLine()
		default:
			if !s.keyValue(prefix) {
				return
			}
			s.skipLine()
		}
		if s.i <= start { // no progress: give up rather than loop
			return
		}
	}
}

// skipLine moves past the rest of the line (a trailing comment).
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// keyValue reads `key = value` and records the key under prefix.
func (s *scanner) keyValue(prefix string) bool {
	off := s.i
	key, ok := s.key()
	if !ok {
		return false
	}
	path := join(prefix, key)
	s.record(path, off)
	s.skipSpace(false)
	if s.at(0) != '=' {
		return false
	}
	s.i++
	s.skipSpace(false)
	return s.value(path)
}

// key reads a possibly dotted, possibly quoted key.
func (s *scanner) key() (string, bool) {
	var parts []string
	for {
		s.skipSpace(false)
		switch c := s.at(0); {
		case c == '"':
			s.i++
			var b strings.Builder
			for s.i < len(s.src) && s.src[s.i] != '"' && s.src[s.i] != '\n' {
				if s.src[s.i] == '\\' && s.i+1 < len(s.src) {
					s.i++
				}
				b.WriteByte(s.src[s.i])
				s.i++
			}
			if s.at(0) != '"' {
				return "", false
			}
			s.i++
			parts = append(parts, b.String())
		case c == '\'':
			s.i++
			j := strings.IndexAny(s.src[s.i:], "'\n")
			if j < 0 || s.src[s.i+j] != '\'' {
				return "", false
			}
			parts = append(parts, s.src[s.i:s.i+j])
			s.i += j + 1
		case IsBare(c):
			j := s.i
			for j < len(s.src) && IsBare(s.src[j]) {
				j++
			}
			parts = append(parts, s.src[s.i:j])
			s.i = j
		default:
			return "", false
		}
		s.skipSpace(false)
		if s.at(0) != '.' {
			return strings.Join(parts, "."), true
		}
		s.i++
	}
}

// IsBare reports whether c may appear in a bare (unquoted) key.
func IsBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value, recording the keys of inline tables in it.
func (s *scanner) value(path string) bool {
	if s.i >= len(s.src) {
		return false
	}
	switch {
	case strings.HasPrefix(s.src[s.i:], `"""`), strings.HasPrefix(s.src[s.i:], `'''`):
		q := s.src[s.i : s.i+3]
		s.i += 3
		for s.i < len(s.src) {
			if q[0] == '"' && s.src[s.i] == '\\' {
				s.i += 2
				continue
			}
			if strings.HasPrefix(s.src[s.i:], q) {
				s.i += 3
				for k := 0; k < 2 && s.at(0) == q[0]; k++ { // """a"""" ends in a quote
					s.i++
				}
				return true
			}
			s.i++
		}
		return false
	case s.at(0) == '"' || s.at(0) == '\'':
		q := s.at(0)
		s.i++
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			if q == '"' && s.src[s.i] == '\\' {
				s.i += 2
				continue
			}
			if s.src[s.i] == q {
				s.i++
				return true
			}
			s.i++
		}
		return false
	case s.at(0) == '[':
		s.i++
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.at(0) == ']' {
				s.i++
				return true
			}
			if s.i >= len(s.src) {
				return false
			}
			elem := path + "[" + strconv.Itoa(n) + "]"
			s.record(elem, s.i)
			start := s.i
			if !s.value(elem) || s.i <= start {
				return false
			}
			s.skipSpace(true)
			if s.at(0) == ',' {
				s.i++
			}
		}
	case s.at(0) == '{':
		s.i++
		for {
			s.skipSpace(true)
			if s.at(0) == '}' {
				s.i++
				return true
			}
			if s.i >= len(s.src) {
				return false
			}
			start := s.i
			if !s.keyValue(path) || s.i <= start {
				return false
			}
			s.skipSpace(true)
			if s.at(0) == ',' {
				s.i++
			}
		}
	default:
		j := strings.IndexAny(s.src[s.i:], ",]}#\r\n")
		if j < 0 {
			j = len(s.src) - s.i
		}
		if j == 0 {
			return false
		}
		s.i += j
		return true
	}
}
