//go:build unix

package inputfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(regular, []byte("rounds = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, 100<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "fifo-link.toml")
	if err := os.Symlink(fifo, fifoLink); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what, path string
		limit      int64
		want       error  // nil: read
		says       string // part of the message
	}{
		{"a regular file", regular, 1 << 20, nil, ""},
		{"a link to one, made by the user", link, 1 << 20, nil, ""},
		{"a FIFO", fifo, 1 << 20, ErrNotRegular, "a named pipe (FIFO)"},
		{"a link to a FIFO", fifoLink, 1 << 20, ErrNotRegular, "a named pipe (FIFO)"},
		{"/dev/zero", "/dev/zero", 1 << 20, ErrNotRegular, "a character device"},
		{"a folder", dir, 1 << 20, ErrNotRegular, "a folder"},
		{"a file over the limit", big, 64 << 10, ErrTooLarge, "more than 64 KiB"},
		{"a file at the limit", big, 100 << 10, nil, ""},
		{"a missing file", filepath.Join(dir, "none.toml"), 1 << 20, os.ErrNotExist, ""},
	} {
		start := time.Now()
		data, err := Read(context.Background(), c.path, c.limit)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", c.what, d)
		}
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%s: %v", c.what, err)
		case c.want == nil && c.path == regular && string(data) != "rounds = 3\n":
			t.Errorf("%s: read %q", c.what, data)
		case c.want != nil && !errors.Is(err, c.want):
			t.Errorf("%s: err %v, want %v", c.what, err, c.want)
		case c.want != nil && !strings.Contains(err.Error(), c.says):
			t.Errorf("%s: err %q, want it to say %q", c.what, err, c.says)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, regular, 1<<20); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v", err)
	}
}

// TestOpenRefusesWhatItOpened: the file opened is checked, not only the
// one stat saw. A FIFO opened without O_NONBLOCK would block here.
func TestOpenRefusesWhatItOpened(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "p")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(fifo, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		t.Fatalf("a non-blocking open of a FIFO: %v", err)
	}
	f.Close()
	done := make(chan error, 1)
	go func() { _, err := Open(fifo); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("Open of a FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Open of a FIFO blocked")
	}
}
