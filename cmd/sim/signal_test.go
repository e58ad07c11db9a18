//go:build unix && !race

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// child starts the test binary as sim with args (see TestMain), its
// output captured.
func child(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\n"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// exitOf waits for cmd, at most limit, and returns its exit code and how
// long it took.
func exitOf(t *testing.T, cmd *exec.Cmd, limit time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), time.Since(start)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, time.Since(start)
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running %v after the signal", limit)
		return 0, 0
	}
}

// waitFor polls until found returns true, at most limit.
func waitFor(t *testing.T, limit time.Duration, what string, found func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < limit; time.Sleep(5 * time.Millisecond) {
		if found() {
			return
		}
	}
	t.Fatalf("no %s within %v", what, limit)
}

// tempIn reports whether dir holds one of the tool's temporary folders.
func tempIn(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			return true
		}
	}
	return false
}

// TestSignals: SIGINT and SIGTERM stop a command promptly at every stage
// (simulating, writing, validating a large sweep, resuming a sweep) with
// exit 1 and nothing half-written; SIGKILL while writing leaves a
// temporary folder that the next run removes. Before, a signal while
// writing was noticed only once the results were in place, and a killed
// write's folder stayed forever.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("runs sim in processes of its own")
	}
	long := writeConfig(t, "name = \"long\"\nrounds = 520\nreplicates = 2\n[population]\nmembers = 30000\n")
	big := writeConfig(t, "name = \"big\"\nrounds = 2\nreplicates = 1\n[population]\nmembers = 400000\n")
	t.Run("SIGTERM while simulating", func(t *testing.T) {
		out := t.TempDir()
		cmd, output := child(t, "run", "-quiet", "-config", long, "-out", out)
		time.Sleep(1500 * time.Millisecond)
		cmd.Process.Signal(syscall.SIGTERM)
		code, took := exitOf(t, cmd, 10*time.Second)
		if code != exitFailure || !strings.Contains(output.String(), "interrupted; no results written") || took > 3*time.Second {
			t.Errorf("exit %d after %v: %s", code, took, output)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("left %d entries", len(entries))
		}
	})
	t.Run("SIGINT while writing", func(t *testing.T) {
		out := t.TempDir()
		cmd, output := child(t, "run", "-quiet", "-config", big, "-out", out, "-formats", "png,svg,pdf")
		waitFor(t, 60*time.Second, "temporary folder", func() bool { return tempIn(out) })
		cmd.Process.Signal(os.Interrupt)
		code, took := exitOf(t, cmd, 20*time.Second)
		if code != exitFailure || !strings.Contains(output.String(), "interrupted; no results written") {
			t.Errorf("exit %d after %v: %s", code, took, output)
		}
		t.Logf("stopped %v after the signal, while writing", took)
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("left %v", entries)
		}
	})
	t.Run("SIGKILL while writing, then a run", func(t *testing.T) {
		out := t.TempDir()
		cmd, _ := child(t, "run", "-quiet", "-config", big, "-out", out)
		waitFor(t, 60*time.Second, "temporary folder", func() bool { return tempIn(out) })
		cmd.Process.Kill()
		exitOf(t, cmd, 10*time.Second)
		if !tempIn(out) {
			t.Fatal("the killed run left no temporary folder to clean")
		}
		small := writeConfig(t, "name = \"big\"\nrounds = 2\nreplicates = 1\n")
		if code, _, stderr := runCLI(t, "run", "-quiet", "-config", small, "-out", out); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if tempIn(out) {
			t.Error("the next run of the same name left the killed run's temporary folder")
		}
	})
	t.Run("SIGTERM while validating a large sweep", func(t *testing.T) {
		// 100,000 points take seconds to build and validate.
		sweep := writeSweep(t, "name = \"wide\"\nbase = \"balanced\"\nreplicates = 1\n"+
			"[[axes]]\npath = \"referrals.visibility\"\nfrom = 0.0\nto = 1.0\nsteps = 316\n"+
			"[[axes]]\npath = \"trust.floor\"\nfrom = 0.0\nto = 0.5\nsteps = 316\n")
		out := t.TempDir()
		cmd, output := child(t, "sweep", "-quiet", "-config", sweep, "-out", out)
		time.Sleep(700 * time.Millisecond)
		cmd.Process.Signal(syscall.SIGTERM)
		code, took := exitOf(t, cmd, 30*time.Second)
		if code != exitFailure || !strings.Contains(output.String(), "interrupted") || took > 3*time.Second {
			t.Errorf("exit %d after %v: %s", code, took, output)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("left %d entries", len(entries))
		}
	})
	t.Run("SIGINT while sweeping keeps the checkpoint", func(t *testing.T) {
		sweep := writeSweep(t, fmt.Sprintf("name = \"sw\"\nbase = %q\nreplicates = 4\n[[axes]]\npath = \"trust.floor\"\nvalues = [0.1, 0.2]\n", long))
		out := t.TempDir()
		cmd, output := child(t, "sweep", "-quiet", "-workers", "1", "-config", sweep, "-out", out)
		time.Sleep(1500 * time.Millisecond)
		cmd.Process.Signal(os.Interrupt)
		code, took := exitOf(t, cmd, 10*time.Second)
		if code != exitFailure || !strings.Contains(output.String(), "rerun the same command to resume") || took > 3*time.Second {
			t.Errorf("exit %d after %v: %s", code, took, output)
		}
		if _, err := os.Stat(filepath.Join(out, ".sw.checkpoint")); err != nil {
			t.Errorf("no checkpoint kept: %v", err)
		}
	})
}
