package sim

import "unsafe"

// prefetch asks the processor to bring the n bytes at p into cache,
// without waiting for them and without reading them: a hint that never
// changes a result.
//
//go:noescape
func prefetch(p unsafe.Pointer, n uintptr)
