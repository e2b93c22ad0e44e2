#!/usr/bin/env bash
# The conformance check at scale (docs/conformance.md): N generated scenarios in the model and on real ZooKeeper
# servers, the agreement table, the wall time and the machine's load before and after.
#   benchmarks/conformance.sh [N] [SEED] [PARALLEL]      (defaults: 100 12 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-100}"
SEED="${2:-12}"
PARALLEL="${3:-2}"
OUT="$ROOT/target/conformance-$SEED-$N"   # git ignores target/
mkdir -p "$OUT"
echo "conformance: $N scenarios, seed $SEED, parallel $PARALLEL; out $OUT" >&2
echo "load before: $(uptime)" | tee "$OUT/load.txt" >&2
START=$(date +%s)
set +e
"$ROOT/zksim" conform --scenarios "$N" --seed "$SEED" --parallel "$PARALLEL" --out "$OUT" \
  --manifest "$ROOT/k8s-manifests/zookeeper.yaml" | tee "$OUT/log.txt"
CODE=${PIPESTATUS[0]}
set -e
END=$(date +%s)
echo "load after: $(uptime)" | tee -a "$OUT/load.txt" >&2
echo "wall: $((END - START)) s, exit $CODE" | tee -a "$OUT/load.txt" >&2
exit "$CODE"
