#!/bin/bash
# Queues a giversgain sweep on Slurm: a job array of SHARDS tasks, task k
# running shard k of SHARDS (sweep.sbatch), and once, a merge job
# (merge.sbatch) that starts when every task of the array has succeeded.
#
#   deploy/slurm/submit.sh SWEEP SHARDS [OUT]
#   deploy/slurm/submit.sh visibility-vs-giver-share 16 /shared/results
#
# SWEEP is a sweep file (relative paths are taken from the folder you
# submit from, where the jobs start too) or a built-in sweep's name. OUT
# (default results) must be on a file system shared by the nodes.
# Partition, account and the like come from sbatch's own variables
# (SBATCH_PARTITION, SBATCH_ACCOUNT, ...); $SIM names the sim binary.
#
# It prints the job ids and how to rerun one shard. A rerun queues no
# second merge: if a shard failed, the merge waits (its dependency can no
# longer be met, and --kill-on-invalid-dep=no keeps it queued) until you
# point it at the rerun with scontrol update.
set -euo pipefail

usage="usage: deploy/slurm/submit.sh SWEEP SHARDS [OUT]"
SWEEP=${1:?$usage}
SHARDS=${2:?$usage}
OUT=${3:-results}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! [[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || ((SHARDS > 99999)); then
  echo "submit.sh: SHARDS must be the shard count, 1 to 99999, found '$SHARDS'" >&2
  echo "$usage" >&2
  exit 2
fi

# sbatch --parsable prints "jobid" or "jobid;cluster".
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$here/sweep.sbatch" "$SWEEP" "$SHARDS" "$OUT")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=no \
  "$here/merge.sbatch" "$SWEEP" "$OUT")
merge=${merge%%;*}

q() { printf '%q' "$1"; }
cat <<MSG
Queued shards 0-$((SHARDS - 1)) of $SWEEP as job array $array,
and the merge as job $merge (it starts once every shard has succeeded).
Parts: $OUT/<name>.parts/; results and claims: $OUT/<name>/ and slurm-$merge-merge.out.

If shard K fails or is lost, rerun it alone and let the merge wait for the rerun:
  sbatch --parsable --array=K $(q "$here/sweep.sbatch") $(q "$SWEEP") $SHARDS $(q "$OUT")
  scontrol update JobId=$merge Dependency=afterok:<the job id that printed>
MSG
