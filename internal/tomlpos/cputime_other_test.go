//go:build !unix

package tomlpos

import "time"

var started = time.Now()

// cpuTime is the wall time since the tests started where the system
// offers no CPU time of a process.
func cpuTime() time.Duration { return time.Since(started) }
