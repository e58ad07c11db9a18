package shard

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		name string
		flag string
		env  map[string]string
		want Shard
		src  Source
		err  string
	}{
		{name: "none", want: All, src: FromNone},
		{name: "flag", flag: "2/5", want: Shard{2, 5}, src: FromFlag},
		{name: "flag wins", flag: "0/2", env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, want: Shard{0, 2}, src: FromFlag},
		{name: "flag bad", flag: "5/5", src: FromFlag, err: "must be in 0..4"},
		{name: "flag text", flag: "two", src: FromFlag, err: "expected i/n"},
		{name: "slurm 0-based", env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "8"}, want: Shard{3, 8}, src: FromSlurm},
		{name: "slurm 1-based", env: map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, want: Shard{0, 4}, src: FromSlurm},
		{name: "slurm 1-based last", env: map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, want: Shard{3, 4}, src: FromSlurm},
		{name: "slurm stepped", env: map[string]string{"SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "5"}, want: Shard{2, 5}, src: FromSlurm},
		{name: "slurm count override", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4", "SIM_SHARD_COUNT": "3"}, want: Shard{2, 3}, src: FromSlurm},
		{name: "slurm off step", env: map[string]string{"SLURM_ARRAY_TASK_ID": "13", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "5"}, src: FromSlurm, err: "not MIN 10 plus a multiple of STEP 2"},
		{name: "slurm no min", env: map[string]string{"SLURM_ARRAY_TASK_ID": "1"}, src: FromSlurm, err: "SLURM_ARRAY_TASK_MIN is not"},
		{name: "slurm past count", env: map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, src: FromSlurm, err: "must be in 0..3"},
		{name: "slurm garbage", env: map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, src: FromSlurm, err: "expected an integer"},
		{name: "kubernetes", env: map[string]string{"JOB_COMPLETION_INDEX": "4", "SIM_SHARD_COUNT": "6"}, want: Shard{4, 6}, src: FromKubernetes},
		{name: "kubernetes no count", env: map[string]string{"JOB_COMPLETION_INDEX": "4"}, src: FromKubernetes, err: "SIM_SHARD_COUNT is not"},
		{name: "kubernetes past", env: map[string]string{"JOB_COMPLETION_INDEX": "6", "SIM_SHARD_COUNT": "6"}, src: FromKubernetes, err: "must be in 0..5"},
		{name: "github actions", env: map[string]string{"SIM_SHARD_INDEX": "1", "SIM_SHARD_COUNT": "3"}, want: Shard{1, 3}, src: FromGeneric},
		// A rerun of one shard (sbatch --array=5) gets Slurm's variables for
		// an array of one task: MIN = MAX = 5, COUNT = 1.
		{name: "slurm rerun with count", env: map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "5", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "1", "SIM_SHARD_COUNT": "8"}, want: Shard{5, 8}, src: FromSlurm},
		{name: "slurm rerun without count", env: map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "5", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "1"}, src: FromSlurm, err: "array of one task (a rerun such as --array=5?)"},
		{name: "slurm one-task array at 0", env: map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "0", "SLURM_ARRAY_TASK_COUNT": "1"}, src: FromSlurm, err: "set SIM_SHARD_COUNT"},
		{name: "slurm rerun of a list without count", env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "5", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "2"}, src: FromSlurm, err: "does not fill the array 3-5:1"},
		{name: "slurm rerun of a list with count", env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "5", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SIM_SHARD_COUNT": "6"}, want: Shard{3, 6}, src: FromSlurm},
		{name: "slurm count is the whole array", env: map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "8", "SIM_SHARD_COUNT": "8"}, want: Shard{7, 8}, src: FromSlurm},
		{name: "slurm count needs no min", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SIM_SHARD_COUNT": "4"}, want: Shard{2, 4}, src: FromSlurm},
		{name: "slurm count, 1-based id past it", env: map[string]string{"SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "8", "SIM_SHARD_COUNT": "8"}, src: FromSlurm, err: "0-based shard indices: --array=0-7"},
		{name: "slurm count garbage", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SIM_SHARD_COUNT": "four"}, src: FromSlurm, err: "SIM_SHARD_COUNT=\"four\": expected an integer"},
		{name: "slurm stepped with max", env: map[string]string{"SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_MAX": "18", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "5"}, want: Shard{2, 5}, src: FromSlurm},
		{name: "slurm before kubernetes", env: map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "1", "SIM_SHARD_COUNT": "2"}, want: Shard{0, 2}, src: FromSlurm},
	} {
		getenv := func(k string) string { return c.env[k] }
		got, src, err := Resolve(c.flag, getenv)
		if src != c.src {
			t.Errorf("%s: source %q, want %q", c.name, src, c.src)
		}
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

func TestInterleaving(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		for _, total := range []int{0, 1, 5, 18, 40} {
			sum := 0
			owner := make([]int, total)
			for i := range n {
				s := Shard{i, n}
				count := 0
				for task := range total {
					if s.Owns(task) {
						count++
						owner[task]++
					}
				}
				if count != s.Tasks(total) {
					t.Errorf("%v of %d: owns %d, Tasks says %d", s, total, count, s.Tasks(total))
				}
				sum += count
			}
			for task, o := range owner {
				if o != 1 {
					t.Errorf("%d shards: task %d owned %d times", n, task, o)
				}
			}
			if sum != total {
				t.Errorf("%d shards of %d tasks: %d owned", n, total, sum)
			}
		}
	}
}

func TestPartName(t *testing.T) {
	s := Shard{3, 12}
	if s.PartName() != "part-00003-of-00012" {
		t.Fatal(s.PartName())
	}
	if got, ok := ParsePartName(s.PartName()); !ok || got != s {
		t.Fatal(got, ok)
	}
	for _, bad := range []string{"part-3-of-12", "part-00012-of-00012", "x"} {
		if _, ok := ParsePartName(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}
