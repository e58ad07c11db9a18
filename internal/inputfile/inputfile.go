// Package inputfile opens the files sim reads from paths that a person or
// a job gave it (configs, sweep files, checkpoints, part files) the one
// safe way: a regular file only, never a device, a FIFO or a socket, and
// never more than a stated size. sim validate /dev/zero used to read until
// memory ran out, and a FIFO given as a config blocked the open forever,
// deaf to SIGINT and SIGTERM.
//
// The file is checked twice: with stat before it is opened (so that a FIFO
// is refused without opening it, which would block until a writer came),
// and with fstat once open (so that a FIFO or device swapped in between is
// refused too; the open itself is non-blocking, so that such a swap cannot
// block it either).
package inputfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the error of a path that is not a regular
// file: a device, a FIFO, a socket, a folder.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error of a file larger than its limit.
var ErrTooLarge = errors.New("larger than the limit")

// Open opens the regular file at path for reading (a symbolic link the
// user made is followed to it). Anything else is an error wrapping
// ErrNotRegular that says what it is.
func Open(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(path, fi.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, fi.Mode())
	}
	return f, nil
}

// notRegular says what path is instead of a regular file.
func notRegular(path string, m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is %s, and sim reads only regular files", ErrNotRegular, what)}
}

// Read reads the regular file at path whole, refusing it (an error
// wrapping ErrTooLarge) once it passes limit bytes, and stopping with
// ctx's error if ctx ends first.
func Read(ctx context.Context, path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf []byte
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		buf = make([]byte, 0, min(fi.Size(), limit)+1)
	}
	chunk := make([]byte, 64<<10)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := f.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if int64(len(buf)) > limit {
			return nil, TooLarge(path, limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// TooLarge is the error of a file at path larger than limit bytes.
func TooLarge(path string, limit int64) error {
	return &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is more than %s, the most sim reads of such a file", ErrTooLarge, size(limit))}
}

// size writes a limit for messages: "1 MiB", "64 KiB".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
