package claims

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Suite is what a JUnit report holds: the outcomes of one run's or
// sweep's claims, and the claims left to be judged elsewhere.
type Suite struct {
	// Name names the test suite: the run's or sweep's name.
	Name string
	// Outcomes become test cases: a FAIL fails its case, with the
	// evidence.
	Outcomes []Outcome
	// Pending are claims not judged here (a shard's, judged by sim merge
	// once every part is there); they become skipped cases.
	Pending []Claim
	// PendingReason says why they are skipped.
	PendingReason string
}

// The JUnit XML schema as GitHub's report actions, Jenkins and GitLab read
// it: <testsuites> holding one <testsuite>.
type junitSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Skipped  int        `xml:"skipped,attr"`
	Suite    junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure"`
	Skipped   *junitMessage `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

// WriteJUnit writes s as JUnit XML: one test suite, one test case per
// claim, a <failure> with the evidence for each FAIL, the evidence as
// <system-out> for each PASS, and a <skipped> for each pending claim. It
// holds no timestamps or durations: the same outcomes give the same bytes.
func WriteJUnit(w io.Writer, s Suite) error {
	suite := junitSuite{Name: xmlText(s.Name)}
	class := xmlText("claims." + s.Name)
	for _, o := range s.Outcomes {
		c := junitCase{Name: xmlText(o.Claim.Name), Classname: class}
		text := xmlText(strings.Join(o.Detail(), "\n"))
		if o.Pass {
			c.SystemOut = &junitText{Text: text}
		} else {
			msg := "FAIL: " + o.Claim.Statement()
			if ev := o.Evidence(); len(ev) > 0 {
				msg += ": " + strings.TrimSuffix(ev[0], ":")
			}
			c.Failure = &junitMessage{Message: xmlText(msg), Type: "ClaimFailed", Text: text}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, cl := range s.Pending {
		suite.Cases = append(suite.Cases, junitCase{Name: xmlText(cl.Name), Classname: class,
			Skipped: &junitMessage{Message: xmlText(s.PendingReason), Text: xmlText("claim: " + cl.Statement())}})
		suite.Skipped++
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Skipped: suite.Skipped, Suite: suite}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteJUnitFile writes s as JUnit XML to path atomically: into a
// temporary file beside it, renamed over path only once complete, so a
// reader never sees half a report and a failure leaves the previous one.
func WriteJUnitFile(path string, s Suite) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("JUnit report: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("JUnit report %s: %w", path, err)
		}
	}()
	if err = WriteJUnit(f, s); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// xmlText replaces what XML 1.0 cannot carry (control characters other
// than tab and newline, invalid UTF-8) with U+FFFD, and carriage returns
// with newlines.
func xmlText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case r < 0x20, r == utf8.RuneError, r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}
