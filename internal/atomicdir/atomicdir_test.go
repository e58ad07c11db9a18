package atomicdir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fillWith returns a fill that writes files (name: content) into tmp.
func fillWith(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, content := range files {
			err := WriteFile(filepath.Join(tmp, name), func(w io.Writer) error {
				_, err := io.WriteString(w, content)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// contents returns every file of dir as name: content.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// siblings lists the entries of parent: only the results folder should
// be left, no temporary or set-aside folder.
func siblings(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func check(t *testing.T, what, dir string, want map[string]string) {
	t.Helper()
	got := contents(t, dir)
	if len(got) != len(want) {
		t.Fatalf("%s: files %v, want %v", what, got, want)
	}
	for name, c := range want {
		if got[name] != c {
			t.Errorf("%s: %s holds %q, want %q", what, name, got[name], c)
		}
	}
	if names := siblings(t, filepath.Dir(dir)); !slices.Equal(names, []string{filepath.Base(dir)}) {
		t.Errorf("%s: the parent folder holds %v, want only %s", what, names, filepath.Base(dir))
	}
}

var (
	oldFiles = map[string]string{"a.txt": "old a\n", "gone.txt": "old only\n"}
	newFiles = map[string]string{"a.txt": "new a\n", "b.csv": strings.Repeat("x,y\n", 1<<15)}
)

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "results")
	if err := Write(dir, fillWith(oldFiles)); err != nil {
		t.Fatal(err)
	}
	check(t, "first write", dir, oldFiles)
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v, err %v; want 0755", fi.Mode().Perm(), err)
	}
	if err := Write(dir, fillWith(newFiles)); err != nil {
		t.Fatal(err)
	}
	// The new folder replaces the old one whole: gone.txt is gone.
	check(t, "second write", dir, newFiles)
}

func TestFailedFillKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	if err := Write(dir, fillWith(oldFiles)); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	// Interrupted half-way: one file written, the next cut short.
	err := Write(dir, func(tmp string) error {
		if err := fillWith(map[string]string{"a.txt": "new a\n"})(tmp); err != nil {
			return err
		}
		return WriteFile(filepath.Join(tmp, "b.csv"), func(w io.Writer) error {
			io.WriteString(w, "half a line")
			return boom
		})
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want fill's error", err)
	}
	check(t, "after a failed fill", dir, oldFiles)
}

func TestPanickingFillKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	if err := Write(dir, fillWith(oldFiles)); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not propagate")
			}
		}()
		Write(dir, func(tmp string) error {
			fillWith(newFiles)(tmp)
			panic("interrupted")
		})
	}()
	check(t, "after a panicking fill", dir, oldFiles)
}

// failRename makes rename fail for the renames whose source matches
// fail, and restores os.Rename when the test ends.
func failRename(t *testing.T, fail func(from string) bool) {
	t.Helper()
	t.Cleanup(func() { rename = os.Rename })
	rename = func(from, to string) error {
		if fail(from) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return os.Rename(from, to)
	}
}

func TestFailedSwapRestoresPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	if err := Write(dir, fillWith(oldFiles)); err != nil {
		t.Fatal(err)
	}
	// Moving the finished folder into place fails; the previous one,
	// already moved aside, must come back.
	failRename(t, func(from string) bool { return strings.Contains(filepath.Base(from), ".tmp-") })
	err := Write(dir, fillWith(newFiles))
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("err %v, want the rename's", err)
	}
	check(t, "after a failed swap", dir, oldFiles)

	// With no previous folder there is nothing to restore, and nothing
	// may be left behind.
	fresh := filepath.Join(t.TempDir(), "results")
	if err := Write(fresh, fillWith(newFiles)); err == nil {
		t.Fatal("a failed swap reported success")
	}
	if names := siblings(t, filepath.Dir(fresh)); len(names) != 0 {
		t.Errorf("a failed first write left %v", names)
	}
}

func TestFailedRestoreSaysWhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	if err := Write(dir, fillWith(oldFiles)); err != nil {
		t.Fatal(err)
	}
	failRename(t, func(from string) bool {
		return strings.Contains(filepath.Base(from), ".tmp-") || filepath.Base(from) == "previous"
	})
	err := Write(dir, fillWith(newFiles))
	if err == nil || !strings.Contains(err.Error(), "restoring the previous results failed") {
		t.Fatalf("err %v, want it to say the restore failed", err)
	}
	// The previous files are kept where the error says.
	i := strings.LastIndex(err.Error(), "they are in ")
	if i < 0 {
		t.Fatalf("err %q does not say where the previous results are", err)
	}
	where := strings.TrimSuffix(err.Error()[i+len("they are in "):], ")")
	got := contents(t, where)
	if len(got) != len(oldFiles) || got["a.txt"] != oldFiles["a.txt"] {
		t.Errorf("%s holds %v, want the previous files", where, got)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("half-swapped %s exists: %v", dir, err)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(path, []byte("a longer previous content\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789abcdef", 1<<13) // past the buffer
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, big); return err }); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != big {
		t.Errorf("read %d bytes, err %v; want the %d written", len(b), err, len(big))
	}
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "folder"), func(io.Writer) error { return nil }); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}
