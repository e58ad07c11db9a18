// Package shard says which part of a sweep this process runs: one shard of
// n, given on the command line (-shard i/n) or read from the variables a
// cluster engine sets (Slurm job arrays, Kubernetes Indexed Jobs, a GitHub
// Actions matrix through SIM_SHARD_INDEX/SIM_SHARD_COUNT).
//
// Tasks are interleaved: shard i of n runs the tasks whose index t has
// t mod n = i, so every shard gets a fair slice of cheap and dear points.
package shard

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one 0-based slice of n.
type Shard struct {
	Index int
	Count int
}

// All is the whole sweep as one shard.
var All = Shard{Index: 0, Count: 1}

// String writes the shard as i/n.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Sharded reports whether s is a true part of several.
func (s Shard) Sharded() bool { return s.Count > 1 }

// Owns reports whether task t belongs to the shard.
func (s Shard) Owns(t int) bool { return t%s.Count == s.Index }

// Tasks counts the tasks of the shard among total.
func (s Shard) Tasks(total int) int {
	if total <= s.Index {
		return 0
	}
	return (total-s.Index-1)/s.Count + 1
}

// PartName is the shard's part file name, part-0000i-of-0000n.
func (s Shard) PartName() string { return fmt.Sprintf("part-%05d-of-%05d", s.Index, s.Count) }

// ParsePartName reads a name written by PartName.
func ParsePartName(name string) (Shard, bool) {
	var s Shard
	if _, err := fmt.Sscanf(name, "part-%05d-of-%05d", &s.Index, &s.Count); err != nil {
		return Shard{}, false
	}
	if s.PartName() != name || s.validate() != nil {
		return Shard{}, false
	}
	return s, true
}

// MaxCount bounds the shard count (part names have five digits).
const MaxCount = 99999

func (s Shard) validate() error {
	if s.Count < 1 || s.Count > MaxCount {
		return fmt.Errorf("shard count must be in 1..%d, found %d", MaxCount, s.Count)
	}
	if s.Index < 0 || s.Index >= s.Count {
		return fmt.Errorf("shard index must be in 0..%d (0-based) for %d shards, found %d", s.Count-1, s.Count, s.Index)
	}
	return nil
}

// Parse reads "i/n" (0-based i).
func Parse(text string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(text), "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: expected i/n, as in 0/4 (0-based index / count)", text)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: expected two integers i/n, as in 0/4", text)
	}
	s := Shard{Index: i, Count: n}
	if err := s.validate(); err != nil {
		return Shard{}, fmt.Errorf("shard %q: %v", text, err)
	}
	return s, nil
}

// Source says where a resolved shard came from, for messages.
type Source string

// The sources Resolve knows.
const (
	FromFlag       Source = "-shard"
	FromSlurm      Source = "Slurm job array (SLURM_ARRAY_TASK_ID)"
	FromKubernetes Source = "Kubernetes Indexed Job (JOB_COMPLETION_INDEX, SIM_SHARD_COUNT)"
	FromGeneric    Source = "SIM_SHARD_INDEX, SIM_SHARD_COUNT"
	FromNone       Source = "unsharded"
)

// Resolve finds the shard: the -shard flag when given, else the cluster
// engine's variables read through getenv (os.Getenv in production), else
// the whole sweep. The precedence is flag, Slurm, Kubernetes, generic.
//
//   - Slurm arrays with SIM_SHARD_COUNT set (what deploy/slurm does): the
//     array's task IDs are the shard indices, i = SLURM_ARRAY_TASK_ID,
//     n = SIM_SHARD_COUNT, so the whole sweep is --array=0-(n-1) and
//     --array=5 reruns shard 5 and nothing else.
//   - Slurm arrays without it: SLURM_ARRAY_TASK_ID, with
//     SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_STEP (default 1) and
//     SLURM_ARRAY_TASK_COUNT, so --array=1-8 and --array=0-14:2 both map
//     onto 0..n-1: i = (ID - MIN) / STEP, n = COUNT. That holds only for
//     the whole array: a rerun of some of its tasks (--array=5) has its
//     own MIN and COUNT, so an array of one task, or one whose COUNT does
//     not fill MIN..MAX by STEP, is refused rather than run as the wrong
//     shard (or as the whole sweep).
//   - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based) and
//     SIM_SHARD_COUNT (set it to the Job's completions).
//   - Anything else, GitHub Actions matrices included: SIM_SHARD_INDEX and
//     SIM_SHARD_COUNT (in Actions: strategy.job-index and
//     strategy.job-total).
func Resolve(flag string, getenv func(string) string) (Shard, Source, error) {
	if strings.TrimSpace(flag) != "" {
		s, err := Parse(flag)
		return s, FromFlag, err
	}
	num := func(name string) (int, bool, error) {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, true, fmt.Errorf("%s=%q: expected an integer", name, v)
		}
		return n, true, nil
	}
	if id, ok, err := num("SLURM_ARRAY_TASK_ID"); ok || err != nil {
		if err != nil {
			return Shard{}, FromSlurm, err
		}
		return slurm(id, num)
	}
	pair := func(indexVar string, src Source) (Shard, Source, error) {
		i, _, err := num(indexVar)
		if err != nil {
			return Shard{}, src, err
		}
		n, ok, err := num("SIM_SHARD_COUNT")
		if err != nil {
			return Shard{}, src, err
		}
		if !ok {
			return Shard{}, src, fmt.Errorf("%s is set but SIM_SHARD_COUNT is not; set it to the number of shards", indexVar)
		}
		s := Shard{Index: i, Count: n}
		if err := s.validate(); err != nil {
			return Shard{}, src, fmt.Errorf("%s=%d, SIM_SHARD_COUNT=%d: %v", indexVar, i, n, err)
		}
		return s, src, nil
	}
	if getenv("JOB_COMPLETION_INDEX") != "" {
		return pair("JOB_COMPLETION_INDEX", FromKubernetes)
	}
	if getenv("SIM_SHARD_INDEX") != "" {
		return pair("SIM_SHARD_INDEX", FromGeneric)
	}
	return All, FromNone, nil
}

// rerunHint says how to run one shard of a Slurm array again.
const rerunHint = "set SIM_SHARD_COUNT to the number of shards (the array's task IDs are then the shard indices: --array=0-(n-1), and --array=k reruns shard k), or pass -shard k/n"

// slurm maps a Slurm array task onto a shard; num reads an integer
// variable (its value, whether it is set, and a parse error).
func slurm(id int, num func(string) (int, bool, error)) (Shard, Source, error) {
	count, okCount, err := num("SIM_SHARD_COUNT")
	if err != nil {
		return Shard{}, FromSlurm, err
	}
	if okCount {
		// The submitter fixed the count: the task ID is the shard index,
		// whatever part of the array this job runs.
		s := Shard{Index: id, Count: count}
		if err := s.validate(); err != nil {
			return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d, SIM_SHARD_COUNT=%d: %v (with SIM_SHARD_COUNT the array's task IDs are the 0-based shard indices: --array=0-%d)", id, count, err, max(count-1, 0))
		}
		return s, FromSlurm, nil
	}
	lo, okMin, err := num("SLURM_ARRAY_TASK_MIN")
	if err != nil {
		return Shard{}, FromSlurm, err
	}
	if !okMin {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not; run under sbatch --array, or pass -shard i/n")
	}
	step, okStep, err := num("SLURM_ARRAY_TASK_STEP")
	if err != nil {
		return Shard{}, FromSlurm, err
	}
	if !okStep {
		step = 1
	}
	if step < 1 {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_STEP=%d: expected a positive step", step)
	}
	count, okCount, err = num("SLURM_ARRAY_TASK_COUNT")
	if err != nil {
		return Shard{}, FromSlurm, err
	}
	if !okCount {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SIM_SHARD_COUNT is")
	}
	if count == 1 {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d in an array of one task (a rerun such as --array=%d?) cannot tell which shard of how many it is: %s", id, id, rerunHint)
	}
	if hi, okMax, err := num("SLURM_ARRAY_TASK_MAX"); err != nil {
		return Shard{}, FromSlurm, err
	} else if okMax && lo+(count-1)*step != hi {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_COUNT=%d does not fill the array %d-%d:%d (a list such as --array=3,5, or a rerun of some tasks?), so the task ID does not say which shard it is: %s", count, lo, hi, step, rerunHint)
	}
	if (id-lo)%step != 0 {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is not MIN %d plus a multiple of STEP %d", id, lo, step)
	}
	s := Shard{Index: (id - lo) / step, Count: count}
	if err := s.validate(); err != nil {
		return Shard{}, FromSlurm, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d (MIN %d, STEP %d): %v", id, lo, step, err)
	}
	return s, FromSlurm, nil
}
