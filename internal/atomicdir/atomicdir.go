// Package atomicdir replaces a folder of results as a whole: the new
// files are written into a temporary sibling folder, which is then swapped
// into place. A failure or an interruption never leaves half a folder at
// the folder's name and never destroys the previous folder: it stays in
// place, or, if the process dies in the instant between the swap's two
// renames, in a set-aside sibling folder (".<base>.old-*/previous"),
// which the next write of the folder moves back (see RemoveStale). Single
// files are replaced whole the same way (WriteFileAtomic).
package atomicdir

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// rename is os.Rename; tests replace it to make a swap fail.
var rename = os.Rename

// Write creates dir's parent folders if needed, makes a temporary folder
// beside dir (named ".<base>.tmp-<host>-<pid>-<random>", mode 0755),
// calls fill with its path to write the new files into it, and swaps it
// into place with Swap. Before that it removes what a killed write of the
// same dir left beside it (RemoveStale).
//
// If fill fails (or panics) or the swap fails, the temporary folder is
// removed and the previous dir is left as it was; fill's error is
// returned unchanged. A process killed before the swap leaves the
// previous dir intact (and a stray temporary folder beside it, which the
// next Write of dir removes).
func Write(dir string, fill func(tmp string) error) error {
	return WriteContext(context.Background(), dir, fill)
}

// WriteContext is Write, but stops when ctx ends: it does not swap the
// new folder into place once ctx has ended (the temporary folder is
// removed and ctx's error returned), and fill may stop early by writing
// through Writer, whose writes fail once ctx has ended.
func WriteContext(ctx context.Context, dir string, fill func(tmp string) error) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	RemoveStale(parent, base) // best effort: what cannot go stays for later
	tmp, err := mkdirTemp(parent, base, tmpTag)
	if err != nil {
		return err
	}
	swapped := false
	defer func() {
		if !swapped { // fill or Swap failed, or fill panicked
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := Swap(tmp, dir); err != nil {
		return err
	}
	swapped = true
	return nil
}

// Swap renames the finished folder tmp to dir (both on one file system).
// An existing dir is first moved aside, into a uniquely named sibling
// folder ".<base>.old-<host>-<pid>-<random>", and removed only once tmp
// is in place. If the final rename fails, the previous dir is moved back;
// should that fail too, the error says where the previous folder was
// left. If tmp is not in place on error, it is left for the caller to
// remove; an error removing the set-aside folder after a successful swap
// is returned too.
func Swap(tmp, dir string) error {
	aside, old := "", ""
	if _, err := os.Stat(dir); err == nil {
		if aside, err = mkdirTemp(filepath.Dir(dir), filepath.Base(dir), oldTag); err != nil {
			return err
		}
		old = filepath.Join(aside, "previous")
		if err := rename(dir, old); err != nil {
			os.Remove(aside)
			return err
		}
	}
	if err := rename(tmp, dir); err != nil {
		if old != "" {
			if rerr := rename(old, dir); rerr != nil {
				return fmt.Errorf("%w (and restoring the previous results failed: %v; they are in %s)", err, rerr, old)
			}
			os.Remove(aside)
		}
		return err
	}
	if aside != "" {
		return os.RemoveAll(aside)
	}
	return nil
}

// WriteFileAtomic writes the file at path whole or not at all: write
// fills a temporary file beside it (".<base>.tmp-<host>-<pid>-<random>",
// mode 0666 before the umask, never created through a link), which is
// then renamed over path. What a killed write of the same path left
// beside it is removed first (RemoveStale).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	RemoveStale(dir, base)
	f, err := createTemp(dir, base)
	if err != nil {
		return err
	}
	name := f.Name()
	err = writeBuffered(f, write)
	if err == nil {
		err = rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// WriteFile creates (or truncates) the file at path, mode 0666 before the
// umask, and fills it with write through a 64 KiB buffer, so that large
// outputs stream to disk. If write fails the file may hold part of the
// output: write into a folder of Write, which then discards it.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return writeBuffered(f, write)
}

// writeBuffered fills f with write through a 64 KiB buffer and closes it.
func writeBuffered(f *os.File, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Writer is w that fails every write once ctx has ended, so that a long
// output (agents.csv of a million members) stops within a buffer's
// worth of a signal.
func Writer(ctx context.Context, w io.Writer) io.Writer { return ctxWriter{ctx, w} }

type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

// Write writes p, unless the context has ended.
func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
