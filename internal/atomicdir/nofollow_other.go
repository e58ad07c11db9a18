//go:build !unix

package atomicdir

// noFollow is 0 where the system has no O_NOFOLLOW; OpenFile's Lstat
// check still refuses a link that is there before the open.
const noFollow = 0

// nonBlock is 0 where the system has no O_NONBLOCK.
const nonBlock = 0
