//go:build unix

package config

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. Timing tests measure it
// rather than the wall clock: other processes on a busy machine add to
// the wall time of a test, not to its CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
