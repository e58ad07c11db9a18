package channels

import (
	"reflect"

	"github.com/giversgain/giversgain/sim"
)

// OpenIn reports whether the channel is open in c: whether closing it
// would change c. (Help's value, which Alone opens at a default where c
// gives help none, is open here only where c gives it.)
func (ch Channel) OpenIn(c sim.Config) bool {
	closed := c
	ch.close(&closed)
	return !reflect.DeepEqual(closed, c)
}
