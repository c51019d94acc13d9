#!/usr/bin/env bash
# Measures the figures the Kubernetes resources are sized from, running the real jar the way the image does
# (image JVM options, -XX:MaxRAM=512m as the 512Mi memory limit, pinned to one CPU as the 1-CPU limit):
#   start-up time to ready (/readyz 200: models loaded, config valid), idle resident memory, and peak resident
#   memory (VmHWM) while STREAMS concurrent streams run through the proxy to a loopback stand-in upstream.
# Usage: bash deploy/ci/measure.sh [STREAMS (200)] [CHUNKS (100)] [DELAY_MS (50)]
# Not part of CI (it loads the machine for ~20 s); the numbers go to docs/deploy.md, "Sizing".
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
STREAMS="${1:-200}"
CHUNKS="${2:-100}"
DELAY_MS="${3:-50}"
UPSTREAM_PID=""
PROXY_PID=""
# shellcheck source=runtime/lib.sh
source "$ROOT/deploy/ci/runtime/lib.sh"
trap 'stop_pid "$PROXY_PID"; stop_pid "$UPSTREAM_PID"; rm -rf "$WORK"' EXIT

if ! jar_supports_serve_config; then
  echo "measure: SKIPPED: $SKIP_REASON"
  exit 0
fi

start_upstream "$CHUNKS" "$DELAY_MS"
# One CPU, like the 1-CPU limit (MEASURE_PIN=0 to use every core).
if [ "${MEASURE_PIN:-1}" = 1 ] && command -v taskset >/dev/null; then LAUNCH_PREFIX="taskset -c 0"; fi
EXTRA_JVM="-XX:MaxRAM=512m" start_proxy
wait_ready 120
sleep 5
idle_kib="$(rss_kib "$PROXY_PID")"

# Warm-up pass (JIT, pools), then the measured pass.
java "$RUNTIME_DIR/StreamLoad.java" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 20 "$CHUNKS" >/dev/null || true
cpu_before="$(cpu_ms "$PROXY_PID")"
load_out="$(java "$RUNTIME_DIR/StreamLoad.java" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" \
  "$STREAMS" "$CHUNKS" 2>&1 || true)"
peak_kib="$(hwm_kib "$PROXY_PID")"
cpu_used=$(( $(cpu_ms "$PROXY_PID") - cpu_before ))
events=$(( STREAMS * (CHUNKS + 2) ))
after_kib="$(rss_kib "$PROXY_PID")"

cat <<REPORT
jar:                        $JAR
jvm:                        $(image_java_tool_options) -XX:MaxRAM=512m ${LAUNCH_PREFIX:-}
start-up to ready:          ${READY_MS} ms
idle RSS:                   $(( idle_kib / 1024 )) MiB
load:                       $load_out  (${CHUNKS} chunks x ${DELAY_MS} ms each)
peak RSS (VmHWM) under load: $(( peak_kib / 1024 )) MiB
RSS after load:             $(( after_kib / 1024 )) MiB
proxy CPU for the load:     ${cpu_used} ms for ${STREAMS} streams / ${events} SSE events ($(( cpu_used * 1000 / events )) us per event)
machine load average:       $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times are only as good as this)
REPORT
