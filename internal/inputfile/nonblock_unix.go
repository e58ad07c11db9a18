//go:build unix

package inputfile

import "syscall"

// nonBlock opens without blocking: a FIFO swapped in for the file after
// its stat would otherwise block the open until a writer came.
const nonBlock = syscall.O_NONBLOCK
