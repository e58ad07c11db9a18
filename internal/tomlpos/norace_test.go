//go:build !race

package tomlpos

// raceEnabled: see race_test.go.
const raceEnabled = false
