package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs the CLI in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// tiny is a config small enough for many runs per test.
const tiny = `name = "tiny"
seed = 7
rounds = 26
replicates = 3

[population]
members = 60
chapter_size = 30

[population.mix]
selfless = 0.3
otherish = 0.3
scorekeeper = 0.2
taker = 0.2

[strategies.selfless]
kind = "giver"
discernment = 0.0

[strategies.otherish]
kind = "giver"
discernment = 0.9
`

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cfg.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// deterministic are the outputs that must not depend on workers or time.
var deterministic = []string{"config.toml", "summary.json", "timeseries.csv", "agents.csv"}

func TestRunWritesEverything(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "run", "-config", writeConfig(t, tiny), "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range append(deterministic, "run.log", "report.html", "income.png", "distribution.png", "deciles.png", "flows.png", "professions.png") {
		if fi, err := os.Stat(filepath.Join(out, "tiny", f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	for _, want := range []string{"selfless (giver)", "otherish (giver)", "taker", "after 26 weeks"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("results parent holds %d entries, want only tiny/ (no temporary folders left)", len(entries))
	}
}

// TestRunLook: -lang de -titles research -aspect 4:3 -theme dark print
// the summary in German and draw 4:3 charts, every file (charts in every
// format included) the same bytes for any number of workers; summary.json
// stays English, the same for every -lang.
func TestRunLook(t *testing.T) {
	cfg := writeConfig(t, tiny)
	look := []string{"-lang", "de", "-titles", "research", "-aspect", "4:3", "-theme", "dark", "-formats", "png,svg,pdf"}
	a, b, en := t.TempDir(), t.TempDir(), t.TempDir()
	code, stdout, stderr := runCLI(t, append([]string{"run", "-config", cfg, "-out", a, "-workers", "1"}, look...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Strategie", "selbstlos (Geber)", "Pro Mitglied nach 26 Wochen", "95-%-KI"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, append([]string{"run", "-quiet", "-config", cfg, "-out", b, "-workers", "2"}, look...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, err := os.ReadDir(filepath.Join(a, "tiny"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "run.log" {
			continue
		}
		if !bytes.Equal(read(t, filepath.Join(a, "tiny", e.Name())), read(t, filepath.Join(b, "tiny", e.Name()))) {
			t.Errorf("%s differs between 1 and 2 workers", e.Name())
		}
	}
	img, err := png.DecodeConfig(bytes.NewReader(read(t, filepath.Join(a, "tiny", "income.png"))))
	if err != nil || img.Width != 1440 || img.Height != 1080 {
		t.Errorf("income.png is %dx%d (%v), want 1440x1080", img.Width, img.Height, err)
	}
	if code, _, stderr := runCLI(t, "run", "-quiet", "-config", cfg, "-out", en); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !bytes.Equal(read(t, filepath.Join(a, "tiny", "summary.json")), read(t, filepath.Join(en, "tiny", "summary.json"))) {
		t.Error("summary.json differs between -lang de and the default")
	}
	for _, bad := range [][]string{{"-lang", "fr"}, {"-titles", "fancy"}, {"-aspect", "3:2"}, {"-theme", "sepia"}} {
		if code, _, stderr := runCLI(t, append([]string{"run", "-config", cfg, "-out", t.TempDir()}, bad...)...); code != 2 || !strings.Contains(stderr, bad[0]) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming the flag", bad, code, stderr)
		}
	}
}

// TestAgentsOptional: -agents=false leaves agents.csv out and changes no
// other file.
func TestAgentsOptional(t *testing.T) {
	cfg := writeConfig(t, tiny)
	with, without := t.TempDir(), t.TempDir()
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", with, "-config", cfg); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", without, "-config", cfg, "-agents=false"); code != 0 {
		t.Fatalf("-agents=false: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(without, "tiny", "agents.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-agents=false wrote agents.csv (stat: %v)", err)
	}
	for _, f := range []string{"config.toml", "summary.json", "timeseries.csv", "income.png"} {
		if !bytes.Equal(read(t, filepath.Join(with, "tiny", f)), read(t, filepath.Join(without, "tiny", f))) {
			t.Errorf("%s differs with -agents=false", f)
		}
	}
}

// TestWorkersAndResolvedConfigReproduce: -workers 1 and 2 give the same
// bytes, and the written config.toml reproduces them exactly.
func TestWorkersAndResolvedConfigReproduce(t *testing.T) {
	cfg := writeConfig(t, tiny)
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, r := range []struct {
		dir  string
		args []string
	}{
		{a, []string{"-config", cfg, "-workers", "1", "-formats", "png,pdf"}},
		{b, []string{"-config", cfg, "-workers", "2", "-formats", "png,pdf"}},
	} {
		if code, _, stderr := runCLI(t, append([]string{"run", "-quiet", "-out", r.dir}, r.args...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", c, "-workers", "2", "-config", filepath.Join(a, "tiny", "config.toml")); code != 0 {
		t.Fatalf("rerun from resolved config: exit %d: %s", code, stderr)
	}
	// Charts and the report page too: a PDF carries no timestamp, the
	// page none either.
	for _, f := range []string{"income.png", "income.pdf", "deciles.pdf", "report.html"} {
		if !bytes.Equal(read(t, filepath.Join(a, "tiny", f)), read(t, filepath.Join(b, "tiny", f))) {
			t.Errorf("%s differs between -workers 1 and 2", f)
		}
	}
	for _, f := range deterministic {
		want := read(t, filepath.Join(a, "tiny", f))
		if !bytes.Equal(want, read(t, filepath.Join(b, "tiny", f))) {
			t.Errorf("%s differs between -workers 1 and 2", f)
		}
		if !bytes.Equal(want, read(t, filepath.Join(c, "tiny", f))) {
			t.Errorf("%s differs when rerun from the resolved config.toml", f)
		}
	}
}

// TestFlagsOverride: -seed, -rounds and -replicates change the run and
// land in the resolved config.
func TestFlagsOverride(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", out, "-config", writeConfig(t, tiny), "-seed", "99", "-rounds", "13", "-replicates", "2"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cfg := string(read(t, filepath.Join(out, "tiny", "config.toml")))
	for _, want := range []string{"seed = 99", "rounds = 13", "replicates = 2"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("resolved config lacks %q", want)
		}
	}
}

// TestInterruptedRunKeepsPreviousResults: a cancelled run writes nothing
// and leaves the previous folder as it was.
func TestInterruptedRunKeepsPreviousResults(t *testing.T) {
	out := t.TempDir()
	cfg := writeConfig(t, tiny)
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", out, "-config", cfg); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before := read(t, filepath.Join(out, "tiny", "summary.json"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"run", "-quiet", "-out", out, "-config", cfg, "-seed", "5"}, &stdout, &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q: want 1 and 'interrupted'", code, stderr.String())
	}
	if !bytes.Equal(before, read(t, filepath.Join(out, "tiny", "summary.json"))) {
		t.Error("an interrupted run changed the previous results")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("%d entries in the results folder, want 1 (no half-written folder)", len(entries))
	}
}

// TestBadInput: every kind of bad input exits 2 with a message that says
// what is wrong, and never a stack trace.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		frag string
	}{
		{"no command", nil, "usage: sim <command>"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"missing -config", []string{"run"}, "-config is required"},
		{"unknown preset", []string{"run", "-config", "nope"}, "presets: balanced"},
		{"bad format", []string{"run", "-config", "balanced", "-formats", "bmp"}, `unknown format "bmp"`},
		{"gif for a sweep", []string{"sweep", "-config", "ci-smoke", "-formats", "png,gif"}, "gif animates a run: sim run only"},
		{"bad seed", []string{"run", "-config", "balanced", "-seed", "-1"}, "non-negative integer"},
		// Used to be found only after the whole simulation, writing config.toml.
		{"seed past 2^63-1", []string{"run", "-config", "balanced", "-seed", "9223372036854775808"}, "seed: expected an integer in [0, 9223372036854775807]"},
		{"bad rounds", []string{"run", "-config", "balanced", "-rounds", "0"}, "positive integer"},
		{"unknown flag", []string{"run", "-confg", "x"}, "flag provided but not defined: -confg"},
		{"unknown key", []string{"run", "-config", "@[referrals]\nvisibilty = 0.5\n"}, `referrals.visibilty`},
		{"out of range", []string{"run", "-config", "@[referrals]\nvisibility = 1.5\n"}, "expected a number in [0, 1], found 1.5"},
		{"syntax", []string{"validate", "@name = \"x\"\nseed = = 3\n"}, "cfg.toml:2:"},
		{"validate unknown kind", []string{"validate", "@[population.mix]\nsaint = 1.0\n"}, "known kinds"},
		{"init unknown preset", []string{"init", "nope", "-"}, "presets:"},
		{"help unknown", []string{"help", "nope"}, `unknown command "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			for i, a := range args {
				if strings.HasPrefix(a, "@") {
					args[i] = writeConfig(t, a[1:])
				}
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr+stdout, tc.frag) {
				t.Errorf("output lacks %q:\n%s%s", tc.frag, stdout, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace in output:\n%s", stderr)
			}
		})
	}
}

// TestValidatePresets: every embedded preset validates through the CLI.
func TestValidatePresets(t *testing.T) {
	names := configs.Names()
	if len(names) < 6 {
		t.Fatalf("presets %v", names)
	}
	code, stdout, stderr := runCLI(t, append([]string{"validate"}, names...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := strings.Count(stdout, ": ok"); got != len(names) {
		t.Errorf("%d ok lines for %d presets", got, len(names))
	}
}

// TestInit: init writes the preset as it is, but named after the file,
// so that running the edited copy never replaces the preset's results.
func TestInit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "mytalk.toml")
	if code, _, stderr := runCLI(t, "init", "bni-chapter", dest); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	preset, _ := configs.Read("bni-chapter")
	got := read(t, dest)
	if want := strings.Replace(string(preset), `name = "bni-chapter"`, `name = "mytalk"  # from the preset bni-chapter; results go to <out>/mytalk/`, 1); string(got) != want {
		t.Errorf("init wrote something other than the preset renamed:\n%s", got)
	}
	if code, _, stderr := runCLI(t, "init", "bni-chapter", dest); code != exitUsage || !strings.Contains(stderr, "not overwriting") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "validate", dest); code != 0 {
		t.Errorf("init's output does not validate: %s", stderr)
	}
	f, err := loadConfig(dest)
	if err != nil || f.Config.Name != "mytalk" {
		t.Errorf("the copy is named %q (%v), want mytalk", f.Config.Name, err)
	}
	// To standard output the preset comes as it is: there is no file name.
	if code, stdout, _ := runCLI(t, "init", "bni-chapter", "-"); code != 0 || stdout != string(preset) {
		t.Errorf("init to stdout: exit %d, changed text", code)
	}
}

// TestRenamedWithoutNameKey: a preset without a name key gets one before
// its first table.
func TestRenamedWithoutNameKey(t *testing.T) {
	got := string(renamed([]byte("# c\nseed = 1\n[population]\nmembers = 60\n"), "mine", "p"))
	want := "# c\nseed = 1\nname = \"mine\"  # from the preset p; results go to <out>/mine/\n[population]\nmembers = 60\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestUsageErrors: a flag error or a misplaced argument prints one line
// saying what is wrong and a hint to 'sim help CMD', never the usage page,
// and exits 2; a config given without -config gets the command meant.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		line string
	}{
		{[]string{"run", "-confg", "x"}, "sim run: flag provided but not defined: -confg"},
		{[]string{"run", "giver-heavy"}, `sim run: unexpected argument "giver-heavy"; did you mean 'sim run -config giver-heavy'?`},
		{[]string{"run", "giver-hevy"}, `sim run: unexpected argument "giver-hevy"; did you mean 'sim run -config giver-heavy'?`},
		{[]string{"run", "-config", "balanced", "extra"}, `sim run: unexpected argument "extra"; sim run takes only flags`},
		{[]string{"run", "-seed", "x", "-config", "balanced"}, `sim run: invalid value "x" for flag -seed: expected a non-negative integer, found "x"`},
		{[]string{"sweep", "-shard"}, "sim sweep: flag needs an argument: -shard"},
		{[]string{"merge", "-nope"}, "sim merge: flag provided but not defined: -nope"},
		{[]string{"calibrate", "bni-chapter"}, `sim calibrate: unexpected argument "bni-chapter"; did you mean 'sim calibrate -config bni-chapter'?`},
		{[]string{"channels", "-workers", "x"}, `sim channels: invalid value "x" for flag -workers: parse error`},
		{[]string{"reproduce", "-only", "99"}, "sim reproduce: -only: expected experiment numbers"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		cmd := tc.args[0]
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitUsage || stdout != "" || len(lines) != 2 || !strings.HasPrefix(lines[0], tc.line) ||
			lines[1] != "Run 'sim help "+cmd+"' for its usage and flags." {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and two lines, the first starting %q", tc.args, code, stdout, stderr, tc.line)
		}
	}
	code, _, stderr := runCLI(t, "rnu")
	if code != exitUsage || stderr != "sim: unknown command \"rnu\"; did you mean \"run\"?\nRun 'sim help' for the commands.\n" {
		t.Errorf("sim rnu: exit %d, %q", code, stderr)
	}
}

// TestHelpOnStdout: help asked for, with 'sim help CMD' or -h, goes to
// standard output, exits 0, and lists every flag of the command.
func TestHelpOnStdout(t *testing.T) {
	for name, cmd := range commands() {
		code, stdout, stderr := runCLI(t, "help", name)
		if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "usage: sim "+name) {
			t.Errorf("sim help %s: exit %d, stderr %q, stdout %.60q", name, code, stderr, stdout)
		}
		for _, h := range []string{"-h", "-help", "--help"} {
			code, out, errs := runCLI(t, name, h)
			if name == "help" {
				continue
			}
			if code != 0 || errs != "" || out != stdout {
				t.Errorf("sim %s %s: exit %d, stderr %q; want sim help %s's text on stdout", name, h, code, errs, name)
			}
		}
		if cmd.usage != "" {
			continue
		}
		// Commands with flags list each of them.
		if !strings.Contains(stdout, "flags:\n  -") {
			t.Errorf("sim help %s lists no flags:\n%s", name, stdout)
		}
	}
	_, stdout, _ := runCLI(t, "help", "run")
	for _, f := range []string{"-config", "-out", "-seed", "-replicates", "-rounds", "-workers", "-formats", "-agents", "-junit", "-quiet"} {
		if !strings.Contains(stdout, "\n  "+f) {
			t.Errorf("sim help run lacks %s", f)
		}
	}
}

// TestProgressSaysWhatItWrites: after the simulation the progress line
// says that the results are being written, rather than sitting at 100%.
func TestProgressSaysWhatItWrites(t *testing.T) {
	code, _, stderr := runCLI(t, "run", "-out", t.TempDir(), "-config", writeConfig(t, tiny))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasSuffix(stderr, "tiny: 100% (78/78), ETA 0s\ntiny: writing charts and files...\n") {
		t.Errorf("stderr does not end with the writing phase:\n%s", stderr)
	}
}

// TestGoldenStdout pins the text of the commands whose output does not
// depend on a run.
func TestGoldenStdout(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"list.golden", []string{"list"}},
		{"help.golden", []string{"help"}},
		{"help-run.golden", []string{"help", "run"}},
		{"help-sensitivity.golden", []string{"help", "sensitivity"}},
		{"help-compare.golden", []string{"help", "compare"}},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		path := filepath.Join("testdata", tc.golden)
		if *update {
			if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := string(read(t, path)); stdout != want {
			t.Errorf("%v output differs from %s (run with -update if intended):\ngot:\n%s", tc.args, path, stdout)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "giversgain sim "+Version) {
		t.Errorf("exit %d, %q", code, stdout)
	}
}

// TestReadmeCommandBlock: the README's block of sim commands names every
// command and, for each, exactly the flags 'sim help CMD' lists ([LOOK]
// standing for -lang, -titles, -aspect and -theme), so that the two
// cannot drift apart.
func TestReadmeCommandBlock(t *testing.T) {
	readme := string(read(t, filepath.Join("..", "..", "README.md")))
	start := strings.Index(readme, "## `sim`\n\n```\n")
	if start < 0 {
		t.Fatal("README has no ## `sim` section with a command block")
	}
	block := readme[start+len("## `sim`\n\n```\n"):]
	block = block[:strings.Index(block, "```")]
	flagRe := regexp.MustCompile(`-[a-z][a-z-]*`)
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "sim" {
			t.Errorf("README command line %q", line)
			continue
		}
		name := fields[1]
		listed[name] = true
		got := map[string]bool{}
		for _, f := range flagRe.FindAllString(strings.Join(fields[2:], " "), -1) {
			got[f] = true
		}
		if strings.Contains(line, "[LOOK]") {
			for _, f := range []string{"-lang", "-titles", "-aspect", "-theme"} {
				got[f] = true
			}
		}
		_, help, _ := runCLI(t, "help", name)
		want := map[string]bool{}
		for _, l := range strings.Split(help, "\n") {
			if strings.HasPrefix(l, "  -") {
				want[strings.Fields(l)[0]] = true
			}
		}
		for f := range want {
			if !got[f] {
				t.Errorf("README's sim %s lacks %s", name, f)
			}
		}
		for f := range got {
			if !want[f] {
				t.Errorf("README's sim %s lists %s, which sim help %s does not", name, f, name)
			}
		}
	}
	for name := range commands() {
		if !listed[name] {
			t.Errorf("README's command block lacks sim %s", name)
		}
	}
}
