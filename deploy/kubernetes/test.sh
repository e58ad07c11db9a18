#!/bin/bash
# Tests run.sh and wait-job.sh without a cluster: a fake kubectl, first on
# PATH through $KUBECTL, records every call and answers `get job` from a
# script of states per Job (one line per read; the last line repeats), and
# `get storageclass` from a list of classes. It checks that waiting ends
# on failure at once, not at the timeout, and that run.sh applies, waits,
# merges and resumes as documented.
#
#   deploy/kubernetes/test.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FAKE=$tmp/fake
mkdir -p "$FAKE"
cat >"$tmp/kubectl" <<'FAKE'
#!/bin/bash
# get job NAME ...: the next line of $FAKE/job-NAME (nothing when absent:
# not found, exit 1 unless --ignore-not-found). get storageclass NAME:
# exit 0 when NAME is in $FAKE/classes. get pvc: $FAKE/class. Else: ok.
set -euo pipefail
printf '%s\n' "$*" >>"$FAKE/calls"
if [[ $1 == get && $2 == job ]]; then
  f=$FAKE/job-$3
  if [[ ! -s $f ]]; then
    [[ " $* " == *" --ignore-not-found "* ]] && exit 0
    echo "Error from server (NotFound): jobs.batch \"$3\" not found" >&2
    exit 1
  fi
  line=$(head -n1 "$f")
  if (($(wc -l <"$f") > 1)); then sed -i 1d "$f"; fi
  printf '%s' "$line"
elif [[ $1 == get && $2 == storageclass ]]; then
  grep -qx "$3" "$FAKE/classes" || { echo "storageclass $3 not found" >&2; exit 1; }
elif [[ $1 == get && $2 == pvc ]]; then
  cat "$FAKE/class"
elif [[ $1 == logs ]]; then
  echo "PASS  fake claim"
fi
FAKE
chmod +x "$tmp/kubectl"
export KUBECTL=$tmp/kubectl WAIT_INTERVAL=0.05 SWEEP_TIMEOUT=5s MERGE_TIMEOUT=5s

passed=0
failed=0
expect() { # expect DESCRIPTION WANT_EXIT COMMAND...
  local what=$1 want=$2 rc=0
  shift 2
  "$@" >"$tmp/out" 2>&1 || rc=$?
  if [[ $rc == "$want" ]]; then
    passed=$((passed + 1)); echo "ok - $what"
  else
    failed=$((failed + 1)); echo "FAIL - $what: exit $rc, want $want"; sed 's/^/    /' "$tmp/out"
  fi
}
has() { # has DESCRIPTION FILE PATTERN: grep -E in FILE
  if grep -qE -- "$3" "$2"; then
    passed=$((passed + 1)); echo "ok - $1"
  else
    failed=$((failed + 1)); echo "FAIL - $1: no /$3/ in"; sed 's/^/    /' "$2"
  fi
}
reset() { rm -f "$FAKE"/*; echo nfs-client >"$FAKE/class"; echo nfs-client >"$FAKE/classes"; }
job() { printf '%s\n' "${@:2}" >"$FAKE/job-$1"; } # job NAME STATE...

# wait-job.sh
reset
job j 'j||' 'j||' 'j|Complete,,;|'
expect "wait-job: complete" 0 "$here/wait-job.sh" j 1m
reset
job j 'j||' 'j|FailureTarget,FailedIndexes,Job has failed indexes;|3,5' 'j|Failed,FailedIndexes,Job has failed indexes;|3,5'
SECONDS=0
expect "wait-job: a failed index ends the wait at once" 1 "$here/wait-job.sh" j 5s
has "wait-job: names the reason and the failed indexes" "$tmp/out" 'failed: FailedIndexes: Job has failed indexes \(failed indexes: 3,5\)'
if ((SECONDS < 3)); then
  passed=$((passed + 1)); echo "ok - wait-job: well before the timeout"
else
  failed=$((failed + 1)); echo "FAIL - wait-job took ${SECONDS}s"
fi
reset
job j 'j||'
expect "wait-job: times out" 2 "$here/wait-job.sh" j 1s
reset
expect "wait-job: a missing job" 3 "$here/wait-job.sh" nope 1m
expect "wait-job: a bad timeout" 3 "$here/wait-job.sh" j soon

# run.sh
reset
: >"$FAKE/classes"
expect "run.sh: an unknown storage class stops it" 2 "$here/run.sh"
has "run.sh: says which setting" "$tmp/out" "storage class 'nfs-client' does not exist"
if grep -q sweep-job "$FAKE/calls"; then failed=$((failed + 1)); echo "FAIL - run.sh applied the sweep anyway"; else passed=$((passed + 1)); echo "ok - run.sh: nothing else applied"; fi

reset
job giversgain-sweep '' 'giversgain-sweep|' 'giversgain-sweep|Complete,,;|'
job giversgain-merge 'giversgain-merge|' 'giversgain-merge|Complete,,;|'
expect "run.sh: a fresh sweep and merge" 0 "$here/run.sh"
has "run.sh: applies volume, sweep, merge in order, then shows the log" <(tr '\n' '#' <"$FAKE/calls") \
  "apply -f [^#]*results-pvc.yaml#.*apply -f [^#]*sweep-job.yaml#.*delete job giversgain-merge --ignore-not-found[^#]*#apply -f [^#]*merge-job.yaml#.*logs job/giversgain-merge"

reset
job giversgain-sweep 'giversgain-sweep|Failed;' 'giversgain-sweep|' 'giversgain-sweep|Complete,,;|'
job giversgain-merge 'giversgain-merge|Failed,BackoffLimitExceeded,Job has reached the specified backoff limit;|'
expect "run.sh: a failed sweep is applied again; a failed claim fails it" 1 "$here/run.sh"
has "run.sh: deletes the failed sweep Job before applying it" <(tr '\n' '#' <"$FAKE/calls") "delete job giversgain-sweep --wait=true#apply -f [^#]*sweep-job.yaml"
has "run.sh: shows the merge log on failure" "$tmp/out" "PASS  fake claim"

reset
job giversgain-sweep 'giversgain-sweep|' 'giversgain-sweep|Complete,,;|'
job giversgain-merge 'giversgain-merge|Complete,,;|'
expect "run.sh: a running sweep is waited for" 0 "$here/run.sh"
if grep -q 'sweep-job.yaml' "$FAKE/calls"; then failed=$((failed + 1)); echo "FAIL - run.sh re-applied a running sweep"; else passed=$((passed + 1)); echo "ok - run.sh: a running sweep is left alone"; fi

echo "kubernetes scripts: $passed passed, $failed failed"
((failed == 0))
