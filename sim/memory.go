package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"unsafe"

	"github.com/giversgain/giversgain/strategies"
)

// Memory is an estimate of the memory a run needs at its peak, in bytes,
// by part: what a caller prints, and what it checks against the memory
// available before it allocates anything.
//
// The estimate is computed from the sizes of the config and the number
// of workers alone, from the layout in world.go (see EstimateWorld), so it
// costs nothing and never allocates a world. It aims at the peak resident
// memory of the process (what the kernel counts against a cgroup's limit,
// VmHWM), garbage included, and is checked against measured peaks in
// TestMemoryEstimateMatchesMeasured.
type Memory struct {
	// World is one world at its largest: its last round, when contact
	// lists have filled as far as the run lets them.
	World int64
	// Worlds is how many worlds are alive at once: replicates played at
	// once (Run) or tasks run at once (a sweep).
	Worlds int
	// Results is what the run keeps of finished replicates until it
	// ends: every member's final record (136 bytes a member per
	// replicate), the series of every round, the flows.
	Results int64
	// Output is what aggregating and writing the results adds once the
	// worlds are gone: statistics per round, copies of every member's
	// income for the charts, the charts' images.
	Output int64
	// Garbage is what the collector lets dead memory add before it
	// reclaims it, in the phase that peaks (see Finish).
	Garbage int64
	// Runtime is the Go runtime and the program itself.
	Runtime int64
	// Peak is the estimate: the larger of the simulation (Worlds worlds
	// and the results) and the output phase, plus Garbage and Runtime.
	Peak int64
}

// Explain says in words what the estimate is made of.
func (m Memory) Explain() string {
	worlds := ""
	switch {
	case m.Worlds == 1:
		worlds = fmt.Sprintf("a world of %s, ", FormatBytes(m.World))
	case m.Worlds > 1:
		worlds = fmt.Sprintf("%d worlds at once of %s each, ", m.Worlds, FormatBytes(m.World))
	}
	return fmt.Sprintf("%s%s of results, %s to aggregate and write them, %s of garbage between collections and %s for the runtime",
		worlds, FormatBytes(m.Results), FormatBytes(m.Output), FormatBytes(m.Garbage), FormatBytes(m.Runtime))
}

// Finish fills Garbage, Runtime and Peak from the other fields. The peak
// is the larger of two phases. While simulating, Worlds worlds and the
// results are live, and garbage adds half as much again where one set of
// worlds lives through the run (their contact lists grow and leave their
// old arrays behind), or as much again where finished worlds make way for
// new ones (churn: Go's default GOGC=100 lets the heap grow to twice
// what was live after a collection). While writing, the results and
// the output are live, and garbage adds a quarter.
func (m Memory) Finish(churn bool) Memory {
	simLive := int64(m.Worlds)*m.World + m.Results
	simGarbage := simLive / 2
	if churn {
		simGarbage = simLive
	}
	outLive := m.Results + m.Output
	outGarbage := outLive / 4
	m.Garbage = simGarbage
	live := simLive
	if outLive+outGarbage > simLive+simGarbage {
		m.Garbage, live = outGarbage, outLive
	}
	m.Runtime = runtimeBytes
	m.Peak = live + m.Garbage + m.Runtime
	return m
}

// Bytes of the structures the estimate counts, taken from the types
// themselves so that the estimate follows the layout.
var (
	statsBytes   = int64(unsafe.Sizeof(agentStats{}))
	colTieBytes  = int64(unsafe.Sizeof(colTie{}))
	outRelBytes  = int64(unsafe.Sizeof(outRel{})) + 1 // plus its profession in outProf
	chapterBytes = int64(unsafe.Sizeof(chapter{}))
	eventBytes   = int64(unsafe.Sizeof(event{}))
	agentBytes   = int64(unsafe.Sizeof(AgentRecord{}))
	statBytes    = int64(unsafe.Sizeof(Stat{}))
	contactBytes = int64(unsafe.Sizeof(strategies.Contact{}))
	// A chapter's generator: a *rand.Rand and its PCG source, each
	// rounded up to the allocator's size class.
	randBytes = roundClass(int64(unsafe.Sizeof(rand.Rand{}))) + roundClass(int64(unsafe.Sizeof(rand.PCG{})))
)

// runtimeBytes is what the Go runtime and the program hold before they
// simulate anything: code, the embedded presets, goroutine stacks and
// the runtime's own tables (about 15 MB measured for sim run).
const runtimeBytes = 16 << 20

// ChartBytes is what drawing the charts takes at once, whatever the
// size of the run or sweep: 1920x1080 images, drawn concurrently (45 to
// 60 MB measured for the PNGs of sim run, 60 MB with SVG and PDF too).
const ChartBytes = 56 << 20

// roundClass rounds an allocation up to a multiple of 16 bytes, the
// allocator's smallest size classes.
func roundClass(n int64) int64 { return (n + 15) &^ 15 }

// aliasBytes is the memory of an alias table over k outcomes.
func aliasBytes(k int) int64 { return int64(k)*12 + 48 }

// EstimateWorld is the memory of one world of cfg at its last round, in
// bytes, when chapterWorkers of its chapters play at once. cfg must be
// valid. It follows newWorld and the round's buffers:
//
//   - per member: its record (64 bytes), its income at the last
//     evolution step, five 32-bit indices, its place in the lists of
//     its profession and of who acts how often;
//   - per chapter: a size x size matrix of colleague ties (16 bytes
//     each, the diagonal included) and of image scores (1 byte each),
//     the chapter's own tables and generator;
//   - per outside contact: 33 bytes (a 32-byte tie and its profession),
//     as many as the members can have met by the last round, with the
//     room a growing list keeps;
//   - per week: the events that cross chapters (a referral or help for
//     a member of another chapter), kept twice (where they happen and
//     where they are delivered), each list with room to grow;
//   - the tables of the model: demand and whom to meet (per strategy and
//     profession, over the professions), decay, observers.
func EstimateWorld(cfg *Config, chapterWorkers int) int64 {
	n := int64(cfg.Population.Members)
	nS, nP := int64(len(cfg.Strategies)), int64(len(cfg.Professions))
	nc, pairs := chapterPairs(cfg.Population.Members, cfg.Population.ChapterSize)
	largest := int64(largestChapter(cfg.Population.Members, cfg.Population.ChapterSize))
	maxC := int64(cfg.Population.MaxContacts)

	b := n * (statsBytes + 8 + 5*4 + 2*4) // stats, prevIncome, indices, profMembs with room
	b += n * 2 * 12                       // who acts: two alias tables over each chapter
	b += pairs*colTieBytes + pairs + 8*nc
	b += nc * (chapterBytes + randBytes + (nP+2)*4 + 2*nS*nS*8 + nS*int64(numMetrics)*8 + nS*8)

	// Outside contacts: each meeting gives both members a tie, so a
	// member gains about twice the mean meet rate a week, up to the
	// room its list has; a growing arena keeps up to as much room again
	// (growOuts), never more than a full list.
	meet, help := habitRates(cfg)
	room := max(0, maxC-(largest-1))
	if cfg.Model == DonationGame {
		room, help = 0, 0
	}
	met := min(float64(room), 2*meet*float64(cfg.Rounds))
	held := min(float64(room), 2*met)
	b += int64(math.Ceil(held * float64(n) * float64(outRelBytes)))

	// The week's cross-chapter events: at most one per opportunity and
	// per help act that goes to an outside contact (in the share outside
	// contacts have of a full list), in the chapters' lists and the
	// world's inbox, each with room to double.
	outside := 0.0
	if met > 0 {
		outside = met / (met + float64(largest-1))
	}
	perWeek := float64(n) * (cfg.Referrals.Opportunities + help) * outside
	b += int64(math.Ceil(perWeek * 4 * float64(eventBytes)))
	// Meetings drawn and made this week: a few bytes each.
	b += int64(math.Ceil(float64(n) * meet * 2 * 20))

	blocks := int64(max(1, min(chapterWorkers, int(nc))))
	b += blocks * nc * 8                                                           // deliver's counts
	b += blocks * (maxC*(contactBytes+12) + 64)                                    // scratch per chapter playing
	b += nP*aliasBytes(int(nP)) + nS*nP*aliasBytes(int(nP))                        // demand, seek
	b += 65 * aliasBytes(65)                                                       // observers
	b += (min(int64(cfg.Rounds), int64(min(40*cfg.Trust.HalfLife, 1e12))) + 1) * 8 // decay
	return b
}

// replicateBytes is what Run keeps of one finished replicate: every
// member's final record, the series of every round and the flows.
func replicateBytes(cfg *Config) int64 {
	n := int64(cfg.Population.Members)
	nS := int64(len(cfg.Strategies))
	return n*agentBytes + int64(cfg.Rounds)*nS*int64(numMetrics)*8 + 2*nS*nS*8 + 256
}

// ReplicateBytes is what one replicate of cfg holds at its peak when
// played alone on chapterWorkers workers: its world and what it returns
// (every member's final record, the series, the flows). A sweep's task is
// such a replicate.
func ReplicateBytes(cfg *Config, chapterWorkers int) int64 {
	return EstimateWorld(cfg, chapterWorkers) + replicateBytes(cfg)
}

// EstimateRun is the memory Run needs for cfg with the given workers (0:
// one per CPU, cpus of them, as Run takes it). cfg must be valid.
func EstimateRun(cfg *Config, workers, cpus int) Memory {
	if workers <= 0 {
		workers = max(1, cpus)
	}
	atOnce, chapterWorkers := split(workers, cfg.Replicates)
	m := Memory{World: EstimateWorld(cfg, chapterWorkers), Worlds: atOnce}
	reps := int64(cfg.Replicates)
	n := int64(cfg.Population.Members)
	nS := int64(len(cfg.Strategies))
	m.Results = reps * replicateBytes(cfg)
	// Aggregate's statistics per metric, strategy and round, and per
	// kind; then the charts' and summaries' copies of every member's
	// income (a slice per strategy, grown by append, sorted in place),
	// and the charts' images.
	m.Output = int64(numMetrics+1)*nS*int64(cfg.Rounds)*statBytes + 2*n*reps*8 + 20*n + ChartBytes
	return m.Finish(cfg.Replicates > atOnce)
}

// habitRates are the mean meet rate (the model's, times each strategy's
// factor, weighted by share) and the mean help rate of cfg's mix.
func habitRates(cfg *Config) (meet, help float64) {
	for _, s := range cfg.Strategies {
		kind, ok := strategies.Lookup(s.Kind)
		if !ok {
			continue
		}
		p, err := kind.Resolve(s.Params)
		if err != nil {
			continue
		}
		h := kind.New(p).Habits()
		meet += s.Share * cfg.Referrals.MeetRate * h.MeetFactor
		help += s.Share * h.HelpRate
	}
	return meet, help
}

// chapterPairs is the number of chapters and the sum of their squared
// sizes (the entries of their tie and image matrices) for members split
// as chapterSizes splits them, computed without allocating the sizes.
func chapterPairs(members, size int) (chapters, pairs int64) {
	nc := max(1, int64(math.Round(float64(members)/float64(size))))
	q, r := int64(members)/nc, int64(members)%nc
	return nc, r*(q+1)*(q+1) + (nc-r)*q*q
}

// FormatBytes writes n bytes for people: "980 MB", "1.4 GiB" (binary
// units, as -max-memory takes them, from a GiB up; MB below).
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<40:
		return fmt.Sprintf("%.1f TiB", float64(n)/(1<<40))
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f KiB", math.Ceil(float64(n)/(1<<10)))
}
