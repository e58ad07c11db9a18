package checks

import (
	"bytes"
	"context"
	"debug/elf"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	digest "github.com/opencontainers/go-digest"
)

// offlineImages answers BuildKit's questions about base images without a
// registry: every image is a linux image of the host's architecture.
type offlineImages struct{}

func (offlineImages) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := `{"architecture":"` + runtime.GOARCH + `","os":"linux","config":{}}`
	return ref, digest.FromString(ref), []byte(cfg), nil
}

// lint runs the checks of `docker build --check` (BuildKit's own linter,
// every rule) on a Dockerfile, offline, and returns the warnings and the
// build error, one per line.
func lint(t *testing.T, dt []byte) []string {
	t.Helper()
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", dt)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
		MetaResolver: offlineImages{},
		SourceMap:    sm,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range res.Warnings {
		line := 0
		if len(w.Location.Ranges) > 0 {
			line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, "Dockerfile:"+strconv.Itoa(line)+": "+w.RuleName+": "+w.Detail)
	}
	if res.Error != nil {
		out = append(out, "build error: "+res.Error.Message)
	}
	return out
}

// The linter itself: it finds what it should, so a clean result means
// something.
func TestLinterFindsProblems(t *testing.T) {
	bad := "FROM golang:1.26 as build\nENV a b\nCMD echo hi\nFROM scratch\nCOPY --from=build /x /x\n"
	got := strings.Join(lint(t, []byte(bad)), "\n")
	for _, rule := range []string{"FromAsCasing", "LegacyKeyValueFormat", "JSONArgsRecommended"} {
		if !strings.Contains(got, rule) {
			t.Errorf("the linter missed %s:\n%s", rule, got)
		}
	}
}

func TestDockerfileLint(t *testing.T) {
	for _, w := range lint(t, readFile(t, "Dockerfile")) {
		t.Error(w)
	}
}

// stages parses the Dockerfile into BuildKit's instructions.
func stages(t *testing.T) []instructions.Stage {
	t.Helper()
	res, err := parser.Parse(bytes.NewReader(readFile(t, "Dockerfile")))
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) < 2 {
		t.Fatalf("%d stages, want a build stage and a final one", len(st))
	}
	return st
}

// goBuild finds the build stage's `go build` and returns its environment
// assignments and arguments as the shell would split them (TARGETOS and
// TARGETARCH set to this machine's).
func goBuild(t *testing.T, st instructions.Stage) (env map[string]string, args []string) {
	t.Helper()
	lex := shell.NewLex('\\')
	vars := shell.EnvsFromSlice([]string{"TARGETOS=" + runtime.GOOS, "TARGETARCH=" + runtime.GOARCH})
	for _, c := range st.Commands {
		run, ok := c.(*instructions.RunCommand)
		if !ok || !strings.Contains(strings.Join(run.CmdLine, " "), "go build") {
			continue
		}
		words, err := lex.ProcessWords(strings.Join(run.CmdLine, " "), vars)
		if err != nil {
			t.Fatal(err)
		}
		env = map[string]string{}
		for i, w := range words {
			if k, v, ok := strings.Cut(w, "="); ok && !strings.HasPrefix(w, "-") {
				env[k] = v
				continue
			}
			if w == "go" && i+1 < len(words) && words[i+1] == "build" {
				return env, words[i+2:]
			}
			t.Fatalf("the go build RUN has %q before go build; want only VAR=value assignments", w)
		}
	}
	t.Fatal("no RUN ... go build in the build stage")
	return nil, nil
}

func TestDockerfileShape(t *testing.T) {
	st := stages(t)
	build, final := st[0], st[len(st)-1]
	if build.BaseName != "golang:1.26" || build.Name != "build" {
		t.Errorf("build stage FROM %s AS %s, want golang:1.26 AS build", build.BaseName, build.Name)
	}
	env, args := goBuild(t, build)
	if env["CGO_ENABLED"] != "0" {
		t.Errorf("go build with CGO_ENABLED=%q, want 0 (a static binary)", env["CGO_ENABLED"])
	}
	if !slices.Contains(args, "-trimpath") || !slices.Contains(args, "./cmd/sim") {
		t.Errorf("go build %v: want -trimpath and ./cmd/sim", args)
	}
	if !strings.HasPrefix(final.BaseName, "gcr.io/distroless/static") && final.BaseName != "scratch" {
		t.Errorf("final stage FROM %s, want distroless static or scratch", final.BaseName)
	}
	var user string
	var entrypoint *instructions.EntrypointCommand
	copied := false
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.EntrypointCommand:
			entrypoint = c
		case *instructions.CopyCommand:
			copied = copied || c.From == "build"
		case *instructions.RunCommand:
			t.Errorf("the final stage runs %v: it has no shell", c.CmdLine)
		}
	}
	uid, _, _ := strings.Cut(user, ":")
	if n, err := strconv.Atoi(uid); err != nil || n == 0 {
		t.Errorf("final USER %q: want a numeric non-root uid (Kubernetes' runAsNonRoot checks it)", user)
	}
	if user != imageUser {
		t.Errorf("final USER %q, want %q as the Kubernetes manifests run it", user, imageUser)
	}
	if entrypoint == nil || entrypoint.PrependShell {
		t.Error("want ENTRYPOINT in JSON (exec) form: distroless has no shell")
	} else if path.Base(entrypoint.CmdLine[0]) != "sim" {
		t.Errorf("ENTRYPOINT %v, want the sim binary", entrypoint.CmdLine)
	}
	if !copied {
		t.Error("the final stage copies nothing from the build stage")
	}
}

// imageUser is the image's user, which the Kubernetes manifests run as.
const imageUser = "65532:65532"

// The build context keeps every file the build needs: the module, its Go
// sources and the embedded presets.
func TestDockerignoreKeepsTheBuildInputs(t *testing.T) {
	f, err := os.Open(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	needed, ignored := 0, 0
	for _, file := range trackedFiles(t) {
		need := file == "go.mod" || file == "go.sum" ||
			(strings.HasSuffix(file, ".go") && !strings.HasSuffix(file, "_test.go") && !strings.HasPrefix(file, "deploy/")) ||
			(strings.HasPrefix(file, "configs/") && strings.HasSuffix(file, ".toml"))
		excluded, err := pm.MatchesOrParentMatches(file)
		if err != nil {
			t.Fatal(err)
		}
		if need {
			needed++
			if excluded {
				t.Errorf(".dockerignore leaves out %s, which the build needs", file)
			}
		} else if excluded {
			ignored++
		}
	}
	if needed < 20 || ignored == 0 {
		t.Errorf("%d files needed, %d ignored: the file list looks wrong", needed, ignored)
	}
	for _, want := range []string{".git", "results/showcase/income.png"} {
		if ex, _ := pm.MatchesOrParentMatches(want); !ex {
			t.Errorf(".dockerignore keeps %s in the build context", want)
		}
	}
}

// The binary the Dockerfile builds, built here with the same command: it
// is static, holds no path of this machine, and runs with no environment
// and no files (as in distroless or scratch); as root it is also run
// chrooted into a folder holding only the binary, as uid 65532.
func TestStaticBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the image is linux")
	}
	env, args := goBuild(t, stages(t)[0])
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rootfs", "usr", "local", "bin", "sim")
	for i, a := range args {
		if a == "-o" && i+1 < len(args) {
			args[i+1] = bin
		}
	}
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Dir = abs
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", args, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary asks for a dynamic loader (PT_INTERP): not static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}
	f.Close()
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(abs+"/")) {
		t.Errorf("the binary holds the build folder %s: built without -trimpath?", abs)
	}

	empty := t.TempDir()
	run := func(c *exec.Cmd) string {
		t.Helper()
		c.Env = []string{}
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", c.Args, err, out)
		}
		return string(out)
	}
	list := exec.Command(bin, "list")
	list.Dir = empty
	if out := run(list); !strings.Contains(out, "PRESETS") || !strings.Contains(out, "giver-heavy") {
		t.Errorf("sim list in an empty folder with no environment:\n%s", out)
	}

	if os.Geteuid() != 0 {
		t.Log("not root: the chrooted run as uid 65532 is skipped")
		return
	}
	rootfs := filepath.Join(dir, "rootfs")
	home := filepath.Join(rootfs, "home", "nonroot")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(home, 65532, 65532); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // t.TempDir is 0700: uid 65532 must reach the binary
	for _, args := range [][]string{{"list"}, {"sweep", "-config", "ci-smoke", "-out", "/home/nonroot/results", "-quiet"}} {
		c := exec.Command("/usr/local/bin/sim", args...)
		c.Dir = "/home/nonroot"
		c.SysProcAttr = &syscall.SysProcAttr{Chroot: rootfs, Credential: &syscall.Credential{Uid: 65532, Gid: 65532}}
		run(c)
	}
	if _, err := os.Stat(filepath.Join(home, "results", "ci-smoke", "points.csv")); err != nil {
		t.Errorf("the chrooted sweep as uid 65532 wrote no results: %v", err)
	}
}
