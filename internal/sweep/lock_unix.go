//go:build unix

package sweep

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/giversgain/giversgain/internal/atomicdir"
)

// lockFile takes an exclusive advisory lock on path (created if needed),
// so that two processes never append to one checkpoint (a requeued Slurm
// task while the old one still runs, say). unlock releases and removes it.
func lockFile(path string) (unlock func(), err error) {
	f, err := atomicdir.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another sim sweep is working on this sweep (or shard) in the same folder: %s is locked", path)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() {
		os.Remove(path)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
