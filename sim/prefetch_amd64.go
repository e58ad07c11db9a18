package sim

import "unsafe"

// prefetch asks the processor to bring the n bytes at p into cache,
// without waiting for them and without reading them: a hint that never
// changes a result.
//
//go:noescape
func prefetch(p unsafe.Pointer, n uintptr)

// prefetch2 asks for the cache lines at p and at q: two hints in one call.
//
//go:noescape
func prefetch2(p, q unsafe.Pointer)
