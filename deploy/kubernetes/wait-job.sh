#!/bin/bash
# Waits for a Kubernetes Job to end, either way:
#
#   deploy/kubernetes/wait-job.sh JOB [TIMEOUT]     # TIMEOUT: 90s, 30m, 2h (default 1h)
#
# exits 0 when the Job is Complete, 1 as soon as it has Failed (or is
# bound to: FailureTarget), naming the reason and the failed indexes, 2 when
# TIMEOUT passes first, 3 when the Job cannot be read. Unlike
# `kubectl wait --for=condition=complete`, which waits out its whole
# timeout when an index fails (a failed Job never becomes complete), it
# stops at the first of the two. (With kubectl alone, wait for both at once:
#   kubectl wait --for=condition=complete job/J --timeout=2h &
#   kubectl wait --for=condition=failed job/J --timeout=2h &
#   wait -n; kill %1 %2 2>/dev/null
# and read which one ended first.) $KUBECTL names kubectl; $WAIT_INTERVAL
# is the seconds between polls (default 10).
set -euo pipefail

usage="usage: wait-job.sh JOB [TIMEOUT]"
job=${1:?$usage}
timeout=${2:-1h}
kubectl=${KUBECTL:-kubectl}
interval=${WAIT_INTERVAL:-10}

if ! [[ $timeout =~ ^([0-9]+)([smh]?)$ ]]; then
  echo "wait-job.sh: TIMEOUT must be like 90s, 30m or 2h, found '$timeout'" >&2
  exit 3
fi
case ${BASH_REMATCH[2]} in
  h) limit=$((BASH_REMATCH[1] * 3600)) ;;
  m) limit=$((BASH_REMATCH[1] * 60)) ;;
  *) limit=${BASH_REMATCH[1]} ;;
esac

# One read per poll: name|type,reason,message;...(conditions that are True)|failed indexes
query='{.metadata.name}|{range .status.conditions[?(@.status=="True")]}{.type},{.reason},{.message};{end}|{.status.failedIndexes}'
start=$SECONDS
while :; do
  if ! state=$("$kubectl" get job "$job" -o "jsonpath=$query"); then
    echo "wait-job.sh: cannot read job/$job" >&2
    exit 3
  fi
  conditions=${state#*|}
  failed_indexes=${conditions##*|}
  conditions=${conditions%|*}
  IFS=';' read -r -a conds <<<"$conditions"
  for c in "${conds[@]}"; do
    IFS=',' read -r type reason message <<<"$c"
    case $type in
      Complete)
        echo "job/$job complete"
        exit 0
        ;;
      Failed | FailureTarget)
        echo "job/$job failed: ${reason:-no reason given}${message:+: $message}${failed_indexes:+ (failed indexes: $failed_indexes)}" >&2
        exit 1
        ;;
    esac
  done
  if ((SECONDS - start >= limit)); then
    echo "wait-job.sh: job/$job neither complete nor failed after $timeout" >&2
    exit 2
  fi
  sleep "$interval"
done
