#!/usr/bin/env bash
# Runs zksim's JMH benchmark suite and writes benchmarks/results/results.json (JMH's JSON, all classes merged) and
# benchmarks/results/index.html (charts, self-contained). See benchmarks/README.md.
#
#   benchmarks/run.sh [--quick|--full] [REGEXP]
#
#   --quick  (default) fewer iterations and parameters: about 15 minutes on 2 cores
#   --full   every parameter, the iteration counts of the annotations: an hour or more, for a quiet machine
#   REGEXP   run only the benchmark classes whose simple name matches (grep -E), e.g. 'Election|Curator'
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=quick
case "${1:-}" in
  --quick) shift ;;
  --full) MODE=full; shift ;;
  -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "benchmarks/run.sh: unknown option '$1' (use --quick, --full or a class-name regexp; --help)" >&2; exit 2 ;;
esac
FILTER="${1:-.}"
START_LOAD="$(uptime | sed 's/.*load average/load average/')"
OUT="$ROOT/benchmarks/results"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/zksim-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "building benchmarks/target/benchmarks.jar ..."
(cd "$ROOT" && mvn -B -q -DskipTests -pl benchmarks -am package)
JAR="$ROOT/benchmarks/target/benchmarks.jar"

PARTS=()
# bench NAME [JMH ARGS...]: one JMH invocation for class NAME, if NAME matches the filter
bench() {
  local name="$1"; shift
  if ! grep -Eq -- "$FILTER" <<<"$name"; then return 0; fi
  local part="$WORK/part-${#PARTS[@]}.json"
  echo "== $name $*"
  (cd "$ROOT" && java -jar "$JAR" "$@" -rf json -rff "$part")
  PARTS+=("$part")
}

if [[ "$MODE" == quick ]]; then
  bench ModelBenchmark 'ModelBenchmark\.' -wi 1 -w 1 -i 3 -r 1
  bench EnsembleMemoryBenchmark 'EnsembleMemoryBenchmark\.'
  bench ElectionBenchmark 'ElectionBenchmark\.' -p disruption=pod-deleted,process-killed,node-failed -wi 1 -i 6
  bench ElectionBenchmark 'ElectionBenchmark\.' -p disruption=cold-start,cold-start-publish-not-ready -wi 0 -i 3
  bench CuratorTestingClusterBenchmark 'CuratorTestingClusterBenchmark\.startToFirstWrite' -wi 0 -i 3
  bench CuratorTestingClusterBenchmark 'CuratorTestingClusterBenchmark\.leaderKilledToFirstWrite' -wi 1 -i 6
  bench CuratorTestingClusterBenchmark 'CuratorTestingClusterBenchmark\.setDataViaLeader' -wi 1 -w 1 -i 2 -r 1
  bench WriteQuorumBenchmark 'WriteQuorumBenchmark\.plain(SetDataVia(Leader|Follower)|CreateViaLeader)' \
    -p forceSync=yes -wi 1 -w 1 -i 2 -r 1
  bench WriteQuorumBenchmark 'WriteQuorumBenchmark\.(plainCreateViaFollower|zksimSetDataViaLeader|asyncSetDataThroughput)' \
    -p forceSync=yes -p payloadBytes=1024 -wi 1 -w 1 -i 2 -r 1
  bench FaultLayerBenchmark 'FaultLayerBenchmark\.' -wi 1 -w 1 -i 2 -r 1
  bench RecoveryBenchmark 'RecoveryBenchmark\.' -p znodes=10000 -wi 1 -i 3
  bench RecoveryBenchmark 'RecoveryBenchmark\.podDeletedToServing' -p znodes=100000 -p snapCount=1000000 -wi 0 -i 3
  bench VirtualSchedulerBenchmark 'VirtualSchedulerBenchmark\.' -wi 1 -i 2
  bench ReconfigBenchmark 'ReconfigBenchmark\.' -p via=service -wi 0 -i 2
else
  for c in ModelBenchmark EnsembleMemoryBenchmark ElectionBenchmark CuratorTestingClusterBenchmark \
           WriteQuorumBenchmark FaultLayerBenchmark RecoveryBenchmark VirtualSchedulerBenchmark ReconfigBenchmark; do
    bench "$c" "$c\\."
  done
fi

if [[ ${#PARTS[@]} -eq 0 ]]; then
  echo "benchmarks/run.sh: no benchmark class matches '$FILTER'" >&2
  exit 2
fi
{
  echo "Run: benchmarks/run.sh --$MODE ${FILTER/#./(all)}, finished $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "JDK: $(java -version 2>&1 | head -1)"
  echo "Load (uptime) at the start: $START_LOAD; at the end: $(uptime | sed 's/.*load average/load average/')"
} > "$WORK/notes.txt"
java -cp "$JAR" dev.zksim.benchmarks.ResultsPage "$OUT" "$WORK/notes.txt" "${PARTS[@]}"
