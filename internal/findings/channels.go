package findings

import "github.com/giversgain/giversgain/sim"

// Open says which channels of reciprocity a world of sim channels' table
// has open.
type Open int

// The worlds of sim channels.
const (
	// NoneOpen: every channel closed.
	NoneOpen Open = iota
	// OneOpen: Channel alone.
	OneOpen
	// AllOpen: the config as it is.
	AllOpen
	// AllOpenHelp: the config as it is, help worth HelpValue.
	AllOpenHelp
)

// ChannelWorld is one world of sim channels' table: which channels are
// open, and whether help was given a value the config does not give it.
type ChannelWorld struct {
	Open Open
	// Channel names the channel open alone (OneOpen) as package channels
	// names it: "visibility", "gratitude", "close-rate link", "ledgers",
	// "help's trust", "help's value".
	Channel string
	// HelpValue is the revenue a help act brought the helped where the
	// table opened help's value at it (0: the config's own).
	HelpValue float64
}

// ChannelWords are the words of sim channels' table.
type ChannelWords struct {
	// Headers are the six column headers: channels open, givers,
	// takers, givers minus takers, givers against takers, verdict.
	Headers [6]string
	// World labels a world and says what is special about it (note, ""
	// for nothing).
	World func(w ChannelWorld) (label, note string)
	// Verdict reads the paired gap between givers and takers.
	Verdict func(gap sim.Stat) string
	// Percent writes how far givers are ahead in percent, with its
	// interval.
	Percent func(p sim.Stat) string
}

// gapCase is who the paired gap puts ahead: 0 undefined, 1 givers, -1
// takers, 2 no clear winner.
func gapCase(gap sim.Stat) int {
	switch {
	case gap.N == 0 || gap.Mean != gap.Mean:
		return 0
	case gap.Low > 0:
		return 1
	case gap.High < 0:
		return -1
	}
	return 2
}
