//go:build !unix

package sweep

// lockFile is a no-op where flock is unavailable: do not run the same
// sweep (or shard) twice at once into one folder.
func lockFile(path string) (unlock func(), err error) { return func() {}, nil }
