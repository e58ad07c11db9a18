#!/bin/bash
# End-to-end test of the Slurm templates, without Slurm. A fake sbatch,
# first on PATH, records every call and answers job ids as sbatch
# --parsable does; the test then plays Slurm: it runs each recorded array
# task with the SLURM_* variables Slurm sets (from a copy of the script, as
# slurmd does), against the real sim binary, then the recorded merge job,
# and checks:
#
#   - submit.sh queues one array of SHARDS tasks and one merge job, with
#     afterok on the array; a preset name (ci-smoke) and a file (with
#     spaces in its path) both work;
#   - a failed shard, rerun as documented (sbatch --array=K), runs exactly
#     shard K of SHARDS, leaves the other parts alone, and queues no
#     second merge;
#   - the merge writes the same points.csv (indeed the same folder) as an
#     unsharded run, byte for byte.
#
#   deploy/slurm/test.sh                # builds sim from this checkout
#   SIM=/path/to/sim deploy/slurm/test.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
slurm=$root/deploy/slurm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# No variable of a real Slurm (or of another engine) may leak in.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^(SLURM_|SBATCH_|SIM_SHARD_|JOB_COMPLETION_INDEX$)' || true)

if [[ -z "${SIM:-}" ]]; then
  (cd "$root" && go build -o "$tmp/bin/sim" ./cmd/sim)
  SIM=$tmp/bin/sim
fi
SIM=$(cd "$(dirname "$SIM")" && pwd)/$(basename "$SIM")
export SIM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

# The fake sbatch: one line per call, the arguments shell-quoted.
mkdir -p "$tmp/fakebin" "$tmp/spool"
export SBATCH_LOG=$tmp/sbatch.log
: >"$SBATCH_LOG"
cat >"$tmp/fakebin/sbatch" <<'FAKE'
#!/bin/bash
set -euo pipefail
n=$(($(wc -l <"$SBATCH_LOG") + 1))
printf '%q ' "$@" >>"$SBATCH_LOG"
echo >>"$SBATCH_LOG"
echo "$((1000 + n))"
FAKE
chmod +x "$tmp/fakebin/sbatch"
export PATH=$tmp/fakebin:$PATH

calls() { wc -l <"$SBATCH_LOG"; }
call() { sed -n "${1}p" "$SBATCH_LOG"; } # the Nth call, shell-quoted
merges() { grep -c -- '--dependency=' "$SBATCH_LOG" || true; }

# play N [TASK_ID...]: run the Nth recorded sbatch call as Slurm would, in
# the folder it was submitted from ($work): every task of its --array (or
# only those given), or the one job. It returns the last non-zero exit.
play() {
  local n=$1
  shift
  local -a argv opts=()
  eval "argv=($(call "$n"))"
  local i=0 spec=""
  while [[ ${argv[i]} == -* ]]; do
    opts+=("${argv[i]}")
    [[ ${argv[i]} == --array=* ]] && spec=${argv[i]#--array=}
    i=$((i + 1))
  done
  local script=${argv[i]}
  local -a args=("${argv[@]:i+1}")
  # slurmd runs a copy of the script, not the file that was submitted.
  local copy=$tmp/spool/job$((1000 + n))
  cp "$script" "$copy"
  local job=$((1000 + n)) rc=0
  if [[ -z $spec ]]; then
    (cd "$work" && SLURM_JOB_ID=$job SLURM_CPUS_PER_TASK=1 bash "$copy" "${args[@]}") || rc=$?
    return "$rc"
  fi
  # --array=A-B[:S][%T] or K: the variables Slurm sets for every task.
  spec=${spec%%%*}
  local lo hi step=1
  if [[ $spec == *-* ]]; then
    lo=${spec%%-*}
    hi=${spec#*-}
    if [[ $hi == *:* ]]; then
      step=${hi#*:}
      hi=${hi%%:*}
    fi
  else
    lo=$spec
    hi=$spec
  fi
  hi=$((lo + (hi - lo) / step * step))
  local count=$(((hi - lo) / step + 1))
  local -a ids=("$@")
  if ((${#ids[@]} == 0)); then
    for ((t = lo; t <= hi; t += step)); do ids+=("$t"); done
  fi
  for t in "${ids[@]}"; do
    (cd "$work" && env SLURM_JOB_ID=$((job * 100 + t)) SLURM_ARRAY_JOB_ID=$job \
      SLURM_ARRAY_TASK_ID="$t" SLURM_ARRAY_TASK_MIN="$lo" SLURM_ARRAY_TASK_MAX="$hi" \
      SLURM_ARRAY_TASK_STEP="$step" SLURM_ARRAY_TASK_COUNT="$count" SLURM_CPUS_PER_TASK=1 \
      bash "$copy" "${args[@]}") || rc=$?
  done
  return "$rc"
}

sums() { (cd "$1" && sha256sum part-*) || true; }
parts() { (cd "$1" && echo part-*) || true; }

work=$tmp/work
mkdir -p "$work"
out="$work/out dir"

# 1. A built-in sweep by name, 4 shards, one of which fails.
(cd "$work" && "$slurm/submit.sh" ci-smoke 4 "$out") >"$tmp/submit.out"
check "submit.sh queues two jobs" test "$(calls)" = 2
first=() second=()
eval "first=($(call 1))"
check "the array is 0-3 of sweep.sbatch, with the count and OUT" \
  test "${first[*]}" = "--parsable --array=0-3 $slurm/sweep.sbatch ci-smoke 4 $out"
eval "second=($(call 2))"
check "the merge is queued once, afterok on the array" \
  test "${second[*]}" = "--parsable --dependency=afterok:1001 --kill-on-invalid-dep=no $slurm/merge.sbatch ci-smoke $out"
rerun=$(grep -- '--array=K ' "$tmp/submit.out" | sed 's/--array=K /--array=2 /')
check "submit.sh prints the rerun command" test -n "$rerun"
check "submit.sh prints how to point the merge at the rerun" \
  grep -qF "scontrol update JobId=1002 Dependency=afterok:" "$tmp/submit.out"

check "array tasks 0, 1 and 3 run" play 1 0 1 3
# Task 2 fails (a broken node: the sim it runs exits 1).
if SIM=false play 1 2; then fail "a failing task fails"; else ok "a failing task fails"; fi
check "three parts, shard 2's missing" test "$(parts "$out/ci-smoke.parts")" = \
  "part-00000-of-00004 part-00001-of-00004 part-00003-of-00004"
before=$(sums "$out/ci-smoke.parts")

# Rerun shard 2 with the command submit.sh printed.
(cd "$work" && eval "$rerun") >/dev/null
check "the rerun plays as Slurm runs --array=2" play 3
check "the rerun wrote exactly shard 2 of 4" test "$(parts "$out/ci-smoke.parts")" = \
  "part-00000-of-00004 part-00001-of-00004 part-00002-of-00004 part-00003-of-00004"
check "the other parts are untouched" test "$(sums "$out/ci-smoke.parts" | grep -v part-00002)" = "$before"
check "the rerun ran no unsharded sweep" test ! -e "$out/ci-smoke"
check "no second merge was queued" test "$(merges)" = 1

check "the merge job succeeds" play 2
(cd "$tmp" && "$SIM" sweep -config ci-smoke -out whole -quiet)
check "merged points.csv equals the unsharded run's, byte for byte" \
  cmp "$out/ci-smoke/points.csv" "$tmp/whole/ci-smoke/points.csv"
check "the merged folder equals the unsharded one" diff -r "$out/ci-smoke" "$tmp/whole/ci-smoke"

# 2. A sweep file, with spaces in its path, 3 shards, default OUT.
mkdir -p "$work/my sweeps"
cat >"$work/my sweeps/tiny sweep.toml" <<'TOML'
replicates = 3
seed = 11

[base]
rounds = 26
[base.population]
members = 60
chapter_size = 20

[[axes]]
path = "referrals.visibility"
values = [0.0, 1.0]

[[claims]]
strategy = "giver"
metric = "referrals_given"
above = "taker"
TOML
: >"$SBATCH_LOG"
(cd "$work" && "$slurm/submit.sh" "my sweeps/tiny sweep.toml" 3) >/dev/null
check "a file: all three tasks run" play 1
check "a file: the merge succeeds" play 2
(cd "$work" && "$SIM" sweep -config "my sweeps/tiny sweep.toml" -out "$tmp/whole" -quiet)
check "a file: merged points.csv equals the unsharded run's" \
  cmp "$work/results/tiny sweep/points.csv" "$tmp/whole/tiny sweep/points.csv"

# 3. Misuse fails loudly, before sim runs.
if (cd "$work" && bash "$slurm/sweep.sbatch" ci-smoke 4 2>/dev/null); then
  fail "sweep.sbatch outside an array exits non-zero"
else ok "sweep.sbatch outside an array exits non-zero"; fi
if (cd "$work" && SLURM_ARRAY_TASK_ID=4 bash "$slurm/sweep.sbatch" ci-smoke 4 2>"$tmp/err"); then
  fail "task 4 of 4 shards is refused"
else check "task 4 of 4 shards is refused" grep -q "not a shard of 4" "$tmp/err"; fi
if "$slurm/submit.sh" ci-smoke four 2>/dev/null; then
  fail "submit.sh refuses a count that is not a number"
else ok "submit.sh refuses a count that is not a number"; fi

echo "slurm: $passed passed, $failed failed"
((failed == 0))
