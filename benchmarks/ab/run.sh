#!/bin/bash
# A/B for issue 13's two targets: the code at BASE (a commit, default 0ad1f96) and this
# worktree in turn, one fresh process per run, CPU time (time.process_time) beside the
# wall clock and the load average. Usage: benchmarks/ab/run.sh [BASE] [ROUNDS]
#   analysis: analysis.refresh from nothing at 3000 organisations (9900 ideas), twice per process
#   writers:  run_load with 30 participants on a fresh SQLite file (python -m workshop load's work)
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:-0ad1f96}; rounds=${2:-3}
py=$here/.venv/bin/python
tree=$(mktemp -d /tmp/pb-ab-XXXX)
git -C "$here" archive "$base" | tar -x -C "$tree"
uptime
for round in $(seq "$rounds"); do
  for side in base this; do
    dir=$tree; [ $side = this ] && dir=$here
    (cd "$dir" && echo "$side analysis: $($py "$here/benchmarks/ab/cold_analysis.py" 3000 2 | tr '\n' ' ')")
  done
done
for round in $(seq $((rounds + 1))); do
  for side in base this; do
    dir=$tree; [ $side = this ] && dir=$here
    (cd "$dir" && echo "$side writers: $($py "$here/benchmarks/ab/writers.py" 1 | head -1)")
  done
done
uptime
rm -rf "$tree"
