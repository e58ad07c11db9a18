//go:build !unix

package inputfile

// nonBlock is 0 where the system has no O_NONBLOCK; the stat before the
// open still refuses a FIFO that is there before it.
const nonBlock = 0
