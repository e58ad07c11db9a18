package atomicdir

import (
	"fmt"
	"io/fs"
	"os"
)

// OpenFile is os.OpenFile for a file the tool owns inside a folder the
// user chose (a checkpoint, a lock): it never follows a symbolic link at
// path, so a link planted there cannot make the tool truncate or
// overwrite a file elsewhere. A link, or anything but a regular file
// (a FIFO, a device), at path is an error that names it, also when it
// was put there between the check and the open.
func OpenFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(path, fi)
	}
	// Non-blocking: a FIFO swapped in after the Lstat must not block the
	// open; the opened file is checked below.
	f, err := os.OpenFile(path, flag|noFollow|nonBlock, perm)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, notRegular(path, fi)
		}
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, notRegular(path, fi)
	}
	return f, nil
}

// MkdirOwn creates the folder dir (and its parents) for the tool's own
// files and checks that dir itself is a real folder, not a symbolic link:
// the parents may be links the user made, but what the tool writes inside
// dir must land there.
func MkdirOwn(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return notRegular(dir, fi)
	}
	return nil
}

func notRegular(path string, fi fs.FileInfo) error {
	what := "not a regular file"
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case fi.IsDir():
		what = "a folder"
	case fi.Mode()&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case fi.Mode()&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%s is %s; the tool writes its own files only where it created them, so remove it or choose another -out", path, what)
}
