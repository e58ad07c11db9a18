// Package memlimit finds how much memory sim may use, and reads sizes
// such as "4GiB": the budget that the commands hold a run's memory
// estimate (sim.Memory) against before they allocate anything, so that a
// world too large for the machine is refused with the key to change
// instead of crashing with Go's out-of-memory error after minutes.
//
// The budget is, in order: the size the user gave (-max-memory); else the
// smaller of the memory limit of the process's cgroup (v2 memory.max or
// v1 memory.limit_in_bytes, the tightest of its own and its ancestors')
// and MemAvailable from /proc/meminfo. A cgroup limit alone can exceed
// what the machine has free (a container allowed 64 GiB on a host with 8
// GiB free), and MemAvailable alone ignores a container's limit, so both
// count.
package memlimit

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/sim"
)

// Budget is the memory a run may use, and where that figure came from.
type Budget struct {
	// Bytes is the budget; 0 when nothing says (not Linux, no /proc):
	// then nothing is refused.
	Bytes int64
	// Source says where Bytes came from, for messages: "-max-memory",
	// "the cgroup limit (/sys/fs/cgroup/.../memory.max)", "MemAvailable
	// in /proc/meminfo".
	Source string
	// Given reports whether the user gave the budget (-max-memory).
	Given bool
}

// Known reports whether the budget says anything.
func (b Budget) Known() bool { return b.Bytes > 0 }

// String is the budget for messages: "22.3 GiB (MemAvailable in
// /proc/meminfo)".
func (b Budget) String() string {
	if !b.Known() {
		return "unknown"
	}
	return sim.FormatBytes(b.Bytes) + " (" + b.Source + ")"
}

// System is where the limits are read: Root is prefixed to /proc and
// /sys ("" is the real system; tests use a folder laid out like it).
type System struct{ Root string }

// Find returns the budget: given when it is above 0 (from -max-memory),
// else what the real system says (System{}.Available).
func Find(given int64) Budget {
	if given > 0 {
		return Budget{Bytes: given, Source: "-max-memory", Given: true}
	}
	return System{}.Available()
}

// Available is the smaller of the cgroup's memory limit, where one is
// set, and MemAvailable; the zero Budget when neither can be read.
func (s System) Available() Budget {
	var b Budget
	if n, src, ok := s.cgroupLimit(); ok {
		b = Budget{Bytes: n, Source: "the cgroup limit in " + src}
	}
	if n, ok := s.memAvailable(); ok && (b.Bytes == 0 || n < b.Bytes) {
		b = Budget{Bytes: n, Source: "MemAvailable in /proc/meminfo"}
	}
	return b
}

// memAvailable reads MemAvailable (in kB) from /proc/meminfo.
func (s System) memAvailable() (int64, bool) {
	f, err := os.Open(filepath.Join(s.Root, "/proc/meminfo"))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != "MemAvailable" {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			return 0, false
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil || kb <= 0 || kb > math.MaxInt64/1024 {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}

// unlimitedV1 is what cgroup v1 reports for "no limit": the largest
// page-aligned int64 (9223372036854771712); anything from 2^62 on is
// taken as no limit.
const unlimitedV1 = 1 << 62

// cgroupLimit is the tightest memory limit on the process's cgroup and
// its ancestors, with the file it was read from.
func (s System) cgroupLimit() (int64, string, bool) {
	data, err := os.ReadFile(filepath.Join(s.Root, "/proc/self/cgroup"))
	if err != nil {
		return 0, "", false
	}
	best, from := int64(0), ""
	consider := func(dir, base, file string) {
		// From the process's cgroup up to the hierarchy's root: a limit
		// set on a parent binds too.
		for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
			path := filepath.Join(s.Root, base, d, file)
			if n, ok := readLimit(path); ok && (best == 0 || n < best) {
				best, from = n, filepath.Join(base, d, file)
			}
			if d == "/" || d == "." {
				return
			}
		}
	}
	for _, line := range strings.Split(string(data), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "": // v2, the unified hierarchy
			consider(parts[2], "/sys/fs/cgroup", "memory.max")
			consider(parts[2], "/sys/fs/cgroup/unified", "memory.max")
		case hasController(parts[1], "memory"): // v1
			consider(parts[2], "/sys/fs/cgroup/memory", "memory.limit_in_bytes")
		}
	}
	return best, from, best > 0
}

func hasController(list, name string) bool {
	for c := range strings.SplitSeq(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// readLimit reads a cgroup limit file: a number of bytes, or "max" (v2)
// or a huge number (v1) for no limit, which is not a limit.
func readLimit(path string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	s := strings.TrimSpace(string(b))
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n >= unlimitedV1 {
		return 0, false
	}
	return n, true
}

// units are the suffixes Parse accepts, lower-cased: binary ones (KiB and
// the bare K, as docker -m and ulimit read it) and decimal ones (KB).
var units = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

// ErrSize is wrapped by every error of Parse.
var ErrSize = errors.New("expected a size such as 4GiB, 512MiB, 8GB or a number of bytes")

// Parse reads a size: a positive number, optionally with a fraction, and
// a unit: B, KiB, MiB, GiB, TiB (powers of 1024; K, M, G and T too) or
// KB, MB, GB, TB (powers of 1000), in any case, with or without a space.
func Parse(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.') })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := units[unit]
	if num == "" || !ok {
		return 0, fmt.Errorf("%w, found %q", ErrSize, s)
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("%w, found %q", ErrSize, s)
	}
	v := x * mult
	if !(v >= 1) || v >= math.MaxInt64 {
		return 0, fmt.Errorf("%w between 1 byte and 8 EiB, found %q", ErrSize, s)
	}
	return int64(v), nil
}
