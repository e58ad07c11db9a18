//go:build unix

package atomicdir

import "syscall"

// noFollow makes open fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW

// nonBlock keeps open from blocking on a FIFO.
const nonBlock = syscall.O_NONBLOCK
