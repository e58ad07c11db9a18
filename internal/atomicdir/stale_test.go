//go:build unix

package atomicdir

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run a process: %v", err)
	}
	return cmd.Process.Pid
}

// TestStaleTemporariesRemoved: what a killed write left beside a result
// (a temporary folder or file, a set-aside previous folder) is removed by
// the next write of the same result when its process is gone or it is
// older than StaleAfter, and nothing else is touched. They used to stay
// forever.
func TestStaleTemporariesRemoved(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "results")
	dead, live := strconv.Itoa(deadPID(t)), strconv.Itoa(os.Getppid())
	day := time.Now().Add(-StaleAfter - time.Hour)
	elsewhere := t.TempDir()
	precious := filepath.Join(elsewhere, "precious")
	if err := os.WriteFile(precious, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		old     bool // made a day ago
		link    bool // a symbolic link to elsewhere
		removed bool
	}{
		{".results.tmp-" + hostTag + "-" + dead + "-a1b2c3", false, false, true},  // this host, process gone
		{".results.tmp-" + hostTag + "-" + live + "-a1b2c4", false, false, false}, // this host, process alive
		{".results.tmp-" + hostTag + "-" + live + "-a1b2c5", true, false, true},   // alive, but a day old
		{".results.tmp-0badc0de-" + dead + "-a1b2c6", false, false, false},        // another host: cannot ask
		{".results.tmp-0badc0de-" + dead + "-a1b2c7", true, false, true},          // another host, a day old
		{".results.tmp-123456789", false, false, false},                           // an older build's, recent
		{".results.tmp-987654321", true, false, true},                             // an older build's, a day old
		{".results.old-" + hostTag + "-" + dead + "-a1b2c8", false, false, true},  // set aside, results in place
		{".results.tmp-" + hostTag + "-" + dead + "-a1b2c9", false, true, true},   // a link: removed, not followed
		{".other.tmp-" + hostTag + "-" + dead + "-a1b2ca", true, false, false},    // another result's
		{".results.tmp-" + hostTag + "-" + dead + "-zz", true, false, false},      // not the tool's pattern
		{"results.tmp-" + hostTag + "-" + dead + "-a1b2cb", true, false, false},   // not hidden
		{"notes.txt", true, false, false},
	} {
		path := filepath.Join(parent, c.name)
		var err error
		if c.link {
			err = os.Symlink(elsewhere, path)
		} else {
			err = os.Mkdir(path, 0o755)
			if err == nil {
				err = os.WriteFile(filepath.Join(path, "half.csv"), []byte("1,2"), 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if c.old {
			if err := os.Chtimes(path, day, day); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Write(dir, fillWith(newFiles)); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	for _, want := range []string{
		".results.tmp-" + hostTag + "-" + live + "-a1b2c4", ".results.tmp-0badc0de-" + dead + "-a1b2c6", ".results.tmp-123456789",
		".other.tmp-" + hostTag + "-" + dead + "-a1b2ca", ".results.tmp-" + hostTag + "-" + dead + "-zz",
		"results.tmp-" + hostTag + "-" + dead + "-a1b2cb", "notes.txt", "results",
	} {
		if !slices.Contains(left, want) {
			t.Errorf("%s was removed", want)
		}
	}
	if len(left) != 8 {
		t.Errorf("left %v, want the 8 entries that are not stale", left)
	}
	if b, err := os.ReadFile(precious); err != nil || string(b) != "precious" {
		t.Errorf("a link's target was touched: %q, %v", b, err)
	}
}

// TestStrandedPreviousRestored: a process killed between Swap's two
// renames leaves the previous results only in the set-aside folder; the
// next write moves them back rather than removing them, then replaces
// them as usual.
func TestStrandedPreviousRestored(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "results")
	aside := filepath.Join(parent, ".results.old-"+hostTag+"-"+strconv.Itoa(deadPID(t))+"-0a0b0c")
	if err := os.MkdirAll(filepath.Join(aside, "previous"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(aside, "previous", "a.txt"), []byte("old a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	done, err := RemoveStale(parent, "results")
	if err != nil || len(done) != 1 {
		t.Fatalf("RemoveStale = %v, %v", done, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.txt")); err != nil || string(b) != "old a\n" {
		t.Fatalf("the previous results were not restored: %q, %v", b, err)
	}
	if err := Write(dir, fillWith(newFiles)); err != nil {
		t.Fatal(err)
	}
	check(t, "after the restore and a write", dir, newFiles)
}

// TestWriteFileAtomicPermissions: a file written whole (a sweep's part)
// gets the umask's permissions, so that a cluster's merge job run by
// another user can read it; parts used to be 0600.
func TestWriteFileAtomicPermissions(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "part-00000-of-00002")
	for range 2 { // created, then replaced
		if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, err %v; want 0644 under umask 022", fi.Mode().Perm(), err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d entries, want only the file", len(entries))
	}
}
