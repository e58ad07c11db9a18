//go:build race

package config

// raceEnabled: the race detector slows decoding about tenfold; timing
// tests use smaller inputs under it.
const raceEnabled = true
