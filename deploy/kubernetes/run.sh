#!/bin/bash
# Runs the sweep of deploy/kubernetes/ on the current kubectl context and
# namespace: the results volume, the sharded sweep Job, a wait that ends
# on success or failure, the merge Job, and its log (the claims).
#
#   deploy/kubernetes/run.sh
#
# Exits 0 when the merge succeeded (every claim holds), 1 when the sweep
# or the merge failed (a claim failed: see the log), 2 on a setting to fix
# (the storage class), or wait-job.sh's code on a timeout. Run it again
# after a failure: a failed sweep Job is deleted and applied again, and
# its finished shards resume from the volume at no cost; a complete one is
# kept; a running one is waited for. $KUBECTL names kubectl;
# $SWEEP_TIMEOUT and $MERGE_TIMEOUT bound the waits (default 2h and 30m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kubectl=${KUBECTL:-kubectl}
export KUBECTL=$kubectl

"$kubectl" apply -f "$here/results-pvc.yaml"
class=$("$kubectl" get pvc giversgain-results -o 'jsonpath={.spec.storageClassName}')
if [[ -n $class ]] && ! "$kubectl" get storageclass "$class" >/dev/null; then
  echo "run.sh: storage class '$class' does not exist in this cluster: set storageClassName in" >&2
  echo "$here/results-pvc.yaml to a ReadWriteMany class (kubectl get storageclass), then" >&2
  echo "  $kubectl delete -f $here/results-pvc.yaml && $0" >&2
  exit 2
fi

# The sweep Job's state: empty when it does not exist, else its name and
# the types of its true conditions.
state=$("$kubectl" get job giversgain-sweep --ignore-not-found \
  -o 'jsonpath={.metadata.name}|{range .status.conditions[?(@.status=="True")]}{.type};{end}')
case $state in
  '')
    "$kubectl" apply -f "$here/sweep-job.yaml"
    ;;
  *Failed* | *FailureTarget*)
    echo "job/giversgain-sweep failed before: applying it again (finished shards resume from the volume)"
    "$kubectl" delete job giversgain-sweep --wait=true
    "$kubectl" apply -f "$here/sweep-job.yaml"
    ;;
  *)
    echo "job/giversgain-sweep exists (running or complete): waiting for it"
    ;;
esac
"$here/wait-job.sh" giversgain-sweep "${SWEEP_TIMEOUT:-2h}"

"$kubectl" delete job giversgain-merge --ignore-not-found --wait=true
"$kubectl" apply -f "$here/merge-job.yaml"
rc=0
"$here/wait-job.sh" giversgain-merge "${MERGE_TIMEOUT:-30m}" || rc=$?
"$kubectl" logs job/giversgain-merge || true
exit "$rc"
