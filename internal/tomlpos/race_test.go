//go:build race

package tomlpos

// raceEnabled: the race detector slows decoding about tenfold; timing
// tests use smaller inputs under it.
const raceEnabled = true
