#!/usr/bin/env bash
# Model vs real write outage after calibration (docs/model.md, "Calibration"): runs each scenario of
# benchmarks/scenarios/calibration/ once in the model engine (deterministic) and N times in the real engine, and
# prints, per scenario, the write outage after the disruption (the steps' `writesUnavailableMs` facts in --json from
# the step labelled `disrupted` on), the elections' durations, and the ratio model / real median. The issue's target is a ratio within 0.8..1.2.
#
#   benchmarks/calibration-check.sh [N] [--timing-profile FILE]... [--time-scale X]
#       (default N=3, the built-in profile, --time-scale 1)
#
# The real runs use `--time-scale 1` unless told otherwise: Kubernetes time then runs as in a cluster, in step with
# ZooKeeper's own clock. At the real engine's default (x100) the pacing shifts the phase of the leader's once-per-tick
# quorum check against the rolling update's deletions, which adds up to a tick (2 s) to the last pod's outage; that is
# the engine's time compression, not ZooKeeper (docs/model.md, "Calibration").
#
# With several --timing-profile options the model runs once per profile (one column each) against the same real runs;
# `builtin` names the built-in profile.
#
# Needs jq. At --time-scale 1 a real run takes two to three minutes (the tutorial's OrderedReady start alone is 87 s). Record the load (it is
# printed): real timings on a busy machine are inflated.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N=3
SCALE=1
PROFILES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --timing-profile) PROFILES+=("$2"); shift 2 ;;
    --time-scale) SCALE="$2"; shift 2 ;;
    *) N="$1"; shift ;;
  esac
done
[ ${#PROFILES[@]} -gt 0 ] || PROFILES=(builtin)
command -v jq >/dev/null || { echo "calibration-check: needs jq" >&2; exit 2; }
OUT="$(mktemp -d "${TMPDIR:-/tmp}/zksim-calibration-check.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
./zksim --version >/dev/null   # builds the jar once, before anything is timed

# The outage after the disruption: the steps' writesUnavailableMs from the step labelled 'disrupted' on, summed. Both
# engines report it per step; the real engine's is wall-clock time (its `zookeeper.writeUnavailable` windows are in
# Kubernetes time, which runs up to 100 times faster whenever the engine judges ZooKeeper at rest, and so overstate a
# short outage).
outage='(.steps | map(.label == "disrupted") | index(true)) as $d
  | [.steps[$d:][] | .facts.writesUnavailableMs // "0" | tonumber] | add'
elections='[.zookeeper.elections[] | .durationMs] | map(tostring) | join(" ")'
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print a[int((NR + 1) / 2)]}'; }

echo "calibration check: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), N=$N, real --time-scale $SCALE"
for i in "${!PROFILES[@]}"; do echo "  profile $((i + 1)): ${PROFILES[$i]}"; done
printf '%-16s %28s   %s\n' scenario "real ms: median [min..max]" "per profile: model ms (model / real median); then elections, ms"
for s in pod-deleted process-killed rolling-update; do
  f="benchmarks/scenarios/calibration/$s.yaml"
  cols=""
  me=""
  for i in "${!PROFILES[@]}"; do
    opt=()
    [ "${PROFILES[$i]}" = builtin ] || opt=(--timing-profile "${PROFILES[$i]}")
    ./zksim run "$f" --engine model "${opt[@]}" --json "$OUT/$s-model-$i.json" >/dev/null
    cols="$cols $(jq "$outage" "$OUT/$s-model-$i.json")"
    me="$me[$(jq -r "$elections" "$OUT/$s-model-$i.json")] "
  done
  : >"$OUT/$s-real.txt"
  re=""
  for i in $(seq 1 "$N"); do
    if ./zksim run "$f" --engine real --time-scale "$SCALE" --json "$OUT/$s-real-$i.json" >"$OUT/$s-real-$i.log" 2>&1; then
      jq "$outage" "$OUT/$s-real-$i.json" >>"$OUT/$s-real.txt"
      re="$re[$(jq -r "$elections" "$OUT/$s-real-$i.json")] "
    else
      echo "  $s: real run $i failed (log kept in $OUT/$s-real-$i.log)" >&2
      trap - EXIT
    fi
  done
  r=$(median <"$OUT/$s-real.txt")
  lo=$(sort -n "$OUT/$s-real.txt" | head -1)
  hi=$(sort -n "$OUT/$s-real.txt" | tail -1)
  models=""
  for m in $cols; do
    models="$models $m ($(awk -v m="$m" -v r="$r" 'BEGIN { if (r == "-" || r == 0) print "-"; else printf "%.2f", m / r }'))"
  done
  printf '%-16s %28s  %s; elections model %s| real %s\n' "$s" "$r [${lo:--}..${hi:--}]" "$models" "$me" "$re"
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
