#!/usr/bin/env bash
# Quick A/B of two RefusalGuard builds on one stub upstream, measured in the same interleaved rounds.
#
#   benchmarks/ab.sh BEFORE.jar AFTER.jar [harness options...]
#
# Starts the test upstream (benchmarks module, 2 threads) and one RefusalGuard process per jar (-Xmx256m, ParallelGC,
# every answer classified), then runs LoadHarness against: direct, before, before-unique, after, after-unique
# (unique = every prompt made unique: nothing keyed on the request text is reused). No nginx or Portkey: fewer
# processes than run.sh, so the figures are for comparing the two builds, not for the issue-7 ratios.
# Defaults: --rounds 3 --segment-s 4 --jit-warmup-s 20 --rates 2000 --streams 0 --warmup-streams 0 (extra options
# are appended and win). Environment: BASE_PORT [19300]; PROFILE=before|after records a JFR file
# (settings=profile) of that process; BENCH_JAR [benchmarks/target/benchmarks.jar]; HARNESS_JVM_OPTS, e.g.
# "-Drefusalguard.bench.turns=30" (every request an agent conversation: 3 KB system prompt, the prompt, 30 assistant
# and tool turns, about 50 KB; see ChatRequests.agentConversation).
# Results: benchmarks/target/ab/<UTC time>/ (summary.md, results.json, logs). Wrap it in
# `flock -x /tmp/rg-bench.lock` on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ $# -lt 2 ]; then
  sed -n '2,16p' "$0" >&2
  exit 2
fi
BEFORE_JAR=$(realpath "$1")
AFTER_JAR=$(realpath "$2")
shift 2
BASE_PORT=${BASE_PORT:-19300}
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/benchmarks.jar}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$ROOT/benchmarks/target/ab/$STAMP"
mkdir -p "$RUN"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_http() {
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -m 1 "$1"; then return 0; fi
    sleep 0.1
  done
  echo "ab.sh: $1 did not come up" >&2
  return 1
}

UP_PORT=$BASE_PORT
java -Xms256m -Xmx256m -cp "$BENCH_JAR" dev.refusalguard.benchmarks.upstream.StubUpstreamMain \
  --port "$UP_PORT" --chunks 60 --interval-ms 50 --chunk-chars 16 --threads 2 > "$RUN/upstream.log" 2>&1 &
UP_PID=$!; PIDS+=("$UP_PID")

start_rg() { # name jar port admin
  local jvm=(-Xmx256m -XX:+UseParallelGC "-Xlog:gc:file=$RUN/$1-gc.log")
  if [ "${PROFILE:-}" = "$1" ]; then
    jvm+=("-XX:StartFlightRecording=filename=$RUN/$1.jfr,settings=profile")
  fi
  java "${jvm[@]}" -jar "$2" serve --upstream "http://127.0.0.1:$UP_PORT" \
    --listen "127.0.0.1:$3" --admin "127.0.0.1:$4" > "$RUN/$1.log" 2>&1 &
  PIDS+=("$!")
  eval "${1^^}_PID=$!"
}
start_rg before "$BEFORE_JAR" $((BASE_PORT + 1)) $((BASE_PORT + 2))
start_rg after "$AFTER_JAR" $((BASE_PORT + 3)) $((BASE_PORT + 4))
wait_http "http://127.0.0.1:$UP_PORT/health"
wait_http "http://127.0.0.1:$((BASE_PORT + 2))/readyz"
wait_http "http://127.0.0.1:$((BASE_PORT + 4))/readyz"
sleep 2

CC=/v1/chat/completions
{
  echo "before: $BEFORE_JAR"
  echo "after: $AFTER_JAR"
  echo "harness JVM options: ${HARNESS_JVM_OPTS:-none}"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN/ab.txt"
# shellcheck disable=SC2086
java -Xms512m -Xmx512m ${HARNESS_JVM_OPTS:-} -cp "$BENCH_JAR" dev.refusalguard.benchmarks.load.LoadHarness \
  --target "name=direct,url=http://127.0.0.1:$UP_PORT$CC,pid=$UP_PID" \
  --target "name=before,url=http://127.0.0.1:$((BASE_PORT + 1))$CC,pid=$BEFORE_PID" \
  --target "name=before-unique,url=http://127.0.0.1:$((BASE_PORT + 1))$CC,pid=$BEFORE_PID,prompts=unique" \
  --target "name=after,url=http://127.0.0.1:$((BASE_PORT + 3))$CC,pid=$AFTER_PID" \
  --target "name=after-unique,url=http://127.0.0.1:$((BASE_PORT + 3))$CC,pid=$AFTER_PID,prompts=unique" \
  --rounds 3 --segment-s 4 --jit-warmup-s 20 --rates 2000 --streams 0 --warmup-streams 0 --window-ms 750 \
  "$@" --out "$RUN" | tee "$RUN/harness.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/ab.txt"
for p in "$BEFORE_PID" "$AFTER_PID"; do kill "$p" 2>/dev/null || true; done
sleep 2
cat "$RUN/ab.txt"
echo "ab.sh: results in $RUN"
