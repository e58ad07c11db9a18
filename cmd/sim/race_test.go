//go:build race

package main

// raceEnabled is true under the race detector, which slows rasterising
// charts tenfold or more: tests that only rasterise skip under it.
const raceEnabled = true
