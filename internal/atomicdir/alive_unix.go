//go:build unix

package atomicdir

import (
	"errors"
	"syscall"
)

// alive reports whether a process pid exists on this host: kill with
// signal 0 checks without sending anything (EPERM: it exists, another
// user's).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
