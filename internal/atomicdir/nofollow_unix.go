//go:build unix

package atomicdir

import "syscall"

// noFollow makes open fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW
