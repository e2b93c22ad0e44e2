#!/usr/bin/env bash
# Measures, through the real engine exactly as `zksim run --engine real` runs it, the medians over N runs of
#   apply -> all pods Ready, apply -> first acknowledged write, and leader's pod deleted -> first acknowledged write
# for the 3- and 5-server ensembles (benchmarks/scenarios/failover-{3,5}.yaml). Wall-clock numbers from the run's
# JSON facts (docs/real-engine.md). Needs python3 for the arithmetic.  Usage: benchmarks/measure-failover.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10}"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/zksim-measure.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
# One jar for every run (the launcher would rebuild mid-measurement if a source changed).
(cd "$ROOT" && mvn -B -q -DskipTests -pl simulator -am package) >/dev/null
JAR="$ROOT/simulator/target/zksim.jar"
for size in 3 5; do
  for i in $(seq 1 "$N"); do
    java -jar "$JAR" run "$ROOT/benchmarks/scenarios/failover-$size.yaml" --engine real --json "$OUT/$size-$i.json" >/dev/null
  done
done
python3 - "$OUT" "$N" <<'PY'
import json, statistics, sys, glob
out, n = sys.argv[1], int(sys.argv[2])
for size in (3, 5):
    ready, first, failover = [], [], []
    for f in sorted(glob.glob(f"{out}/{size}-*.json")):
        steps = json.load(open(f))["steps"]
        facts = lambda k: steps[k - 1].get("facts", {})
        ready.append(int(facts(2)["wallEndMs"]))
        first.append(int(facts(4)["wallEndMs"]))
        for s in steps[5:]:
            v = s.get("facts", {}).get("disruptionToFirstWriteMs")
            if v:
                failover.extend(int(x) for x in v.split(", ") if x != "none")
    med = lambda xs: f"{statistics.median(xs):.0f} ms [{min(xs)}..{max(xs)}] (n={len(xs)})" if xs else "none"
    print(f"{size} servers: apply->all Ready {med(ready)}; apply->first write {med(first)}; "
          f"leader's pod deleted->first write {med(failover)}")
PY
