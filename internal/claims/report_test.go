package claims

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\ngot:\n%s\nwant:\n%s", path, t.Name(), got, want)
	}
}

// outcomes are one of each kind: a run that passed, a run that failed
// (with a name full of characters that need escaping), a sweep claim that
// held, and one that broke at twelve points (ten are listed).
func outcomes() []Outcome {
	runPass := Claim{Strategy: "giver", Metric: "income", Above: true, Other: "taker", Confidence: 0.95, Line: 30}
	runPass.Name = runPass.Statement()
	runFail := Claim{Name: "Takers \"win\" | 100% <sure> & early, really: yes\r\nsecond line",
		Strategy: "taker", Metric: "income", Above: true, Value: 0, Round: 13, Confidence: 0.9, Index: 1, Line: 37}
	sweepPass := Claim{Name: "Givers pass on more referrals than takers", Strategy: "giver", Metric: "referrals_given",
		Above: true, Other: "taker", Confidence: 0.99, Index: 2, Line: 44}
	sweepFail := Claim{Name: "Colleagues think worse of takers", Strategy: "taker", Metric: "image", Other: "giver",
		Confidence: 0.95, Where: []Cond{{"referrals.visibility", ">=", 0.5}}, Index: 3}
	axes := []string{"referrals.visibility", "population.mix.giver"}
	var held, broke []Evidence
	for i := range 3 {
		held = append(held, Evidence{Coords: []float64{float64(i) / 2, 0.5}, Left: 415, Right: 0, Diff: 415, Bound: 413 - float64(i), N: 8, Pass: true})
	}
	for i := range 13 {
		e := Evidence{Coords: []float64{0.5 + float64(i)/100, 0.3}, Left: -5, Right: 5, Diff: -10, Bound: 1.5, N: 8}
		if i == 0 {
			e = Evidence{Coords: []float64{0.5, 0.7}, Left: -6, Right: 6, Diff: -12, Bound: -11, N: 8, Pass: true}
		}
		broke = append(broke, e)
	}
	return []Outcome{
		{Claim: runPass, Pass: true, Points: []Evidence{{Left: 484770, Right: 132328, Diff: 352442, Bound: 344940, N: 32, Pass: true}}},
		{Claim: runFail, Pass: false, Points: []Evidence{{Left: 12.5, Right: 0, Diff: 12.5, Bound: 12.5, N: 1, Note: "one replicate: no interval"}}},
		{Claim: sweepPass, Pass: true, Points: held, Axes: axes},
		{Claim: sweepFail, Pass: false, Points: broke, Axes: axes},
	}
}

// Detail is what Print writes under each verdict line, so every report
// tells the same evidence.
func TestDetailIsWhatPrintWrites(t *testing.T) {
	var printed, built bytes.Buffer
	Print(&printed, outcomes())
	for _, o := range outcomes() {
		built.WriteString(o.Verdict() + "  " + o.Claim.Name + "\n")
		for _, l := range o.Detail() {
			built.WriteString("      " + l + "\n")
		}
	}
	if printed.String() != built.String() {
		t.Errorf("Print:\n%s\nverdict and Detail:\n%s", printed.String(), built.String())
	}
	if !strings.Contains(printed.String(), "... and 2 more") {
		t.Errorf("the fixture should list ten broken points and say there are more:\n%s", printed.String())
	}
}

func TestJUnitGolden(t *testing.T) {
	for _, c := range []struct {
		name  string
		suite Suite
	}{
		{"junit.xml", Suite{Name: "ci-smoke", Outcomes: outcomes()}},
		{"junit-pending.xml", Suite{Name: "ci-smoke", PendingReason: "shard 1/4: the claims are judged by sim merge",
			Pending: []Claim{outcomes()[0].Claim, outcomes()[3].Claim}}},
		{"junit-empty.xml", Suite{Name: "no claims"}},
	} {
		var b bytes.Buffer
		if err := WriteJUnit(&b, c.suite); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name, b.Bytes())
	}
}

// The report parses back as JUnit: one suite, a case per claim, the
// counts right, a failure with its evidence per FAIL.
func TestJUnitParses(t *testing.T) {
	type tcase struct {
		Name    string `xml:"name,attr"`
		Failure *struct {
			Message string `xml:"message,attr"`
			Text    string `xml:",chardata"`
		} `xml:"failure"`
		Skipped *struct{} `xml:"skipped"`
		Out     string    `xml:"system-out"`
	}
	var doc struct {
		XMLName xml.Name `xml:"testsuites"`
		Tests   int      `xml:"tests,attr"`
		Fails   int      `xml:"failures,attr"`
		Suites  []struct {
			Name  string  `xml:"name,attr"`
			Tests int     `xml:"tests,attr"`
			Fails int     `xml:"failures,attr"`
			Skip  int     `xml:"skipped,attr"`
			Cases []tcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	outs := outcomes()
	var b bytes.Buffer
	if err := WriteJUnit(&b, Suite{Name: "s & <t>", Outcomes: outs, Pending: []Claim{outs[0].Claim}, PendingReason: "later"}); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d suites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "s & <t>" || s.Tests != 5 || s.Fails != 2 || s.Skip != 1 || doc.Tests != 5 || doc.Fails != 2 || len(s.Cases) != 5 {
		t.Errorf("suite %q: tests %d, failures %d, skipped %d, cases %d; want 5, 2, 1, 5", s.Name, s.Tests, s.Fails, s.Skip, len(s.Cases))
	}
	for i, o := range outs {
		got := s.Cases[i]
		if (got.Failure != nil) == o.Pass {
			t.Errorf("case %d %q: failure %v for a %s", i, got.Name, got.Failure, o.Verdict())
		}
		if got.Failure != nil && !strings.Contains(got.Failure.Text, strings.TrimLeft(o.Evidence()[len(o.Evidence())-1], " ")) {
			t.Errorf("case %d: the failure lacks the evidence:\n%s", i, got.Failure.Text)
		}
		if o.Pass && !strings.Contains(got.Out, o.Evidence()[0]) {
			t.Errorf("case %d: system-out lacks the evidence:\n%s", i, got.Out)
		}
	}
	if !strings.HasPrefix(s.Cases[1].Name, `Takers "win" | 100% <sure> & early, really: yes`) || strings.Contains(s.Cases[1].Name, "\r") {
		t.Errorf("name not carried through: %q", s.Cases[1].Name)
	}
	if s.Cases[4].Skipped == nil {
		t.Error("the pending claim is not skipped")
	}
}

func TestXMLText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb\rc\td", "a\nb\nc\td"},
		{"bell\x07 nul\x00", "bell\uFFFD nul\uFFFD"},
		{"bad utf8 \xff", "bad utf8 \uFFFD"},
		{"]]> stays", "]]> stays"},
		{"ü €", "ü €"},
	} {
		if got := xmlText(c.in); got != c.want {
			t.Errorf("xmlText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriteJUnitFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "claims.xml")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnitFile(path, Suite{Name: "s", Outcomes: outcomes()}); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	WriteJUnit(&want, Suite{Name: "s", Outcomes: outcomes()})
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the file holds something other than WriteJUnit's bytes")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	// A path that cannot be replaced (a folder): an error, and no
	// temporary file left behind.
	sub := filepath.Join(dir, "taken")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(sub, "keep"), nil, 0o644)
	if err := WriteJUnitFile(sub, Suite{Name: "s"}); err == nil || !strings.Contains(err.Error(), "JUnit report") {
		t.Errorf("err %v, want a JUnit report error", err)
	}
	if err := WriteJUnitFile(filepath.Join(dir, "no", "such", "dir.xml"), Suite{Name: "s"}); err == nil {
		t.Error("no error for a missing folder")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "claims.xml taken" {
		t.Errorf("folder holds %v, want only claims.xml and taken", names)
	}
}
