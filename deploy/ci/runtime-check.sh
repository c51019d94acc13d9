#!/usr/bin/env bash
# Runtime check of the proxy jar as the deployment runs it (no container engine needed):
#   1. start proxy/target/refusalguard.jar with the example ConfigMap's config (deploy/kubernetes), the image's
#      JVM options and its read-only-friendly paths (ONNX Runtime natives pre-extracted, tmpdir in a scratch dir);
#   2. /healthz and /readyz answer 200 (and /metrics), within the startupProbe's budget;
#   3. a broken policy.yaml, swapped in the way the kubelet updates a ConfigMap volume, leaves the proxy ready and
#      serving (the reload rejects it and keeps the previous policy);
#   4. SIGTERM while a long stream is in flight: the stream completes (every chunk and [DONE]) and the process
#      exits 0 within server.drainTimeout.
# Skips (exit 0, with the reason) while the jar is not built or does not support `serve --config` yet.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
UPSTREAM_PID=""
PROXY_PID=""
CURL_PID=""
# shellcheck source=runtime/lib.sh
source "$ROOT/deploy/ci/runtime/lib.sh"

cleanup() {
  stop_pid "$CURL_PID"
  stop_pid "$PROXY_PID"
  stop_pid "$UPSTREAM_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! jar_supports_serve_config; then
  echo "runtime-check: SKIPPED: $SKIP_REASON"
  exit 0
fi

passed=0
failed=0
check() { # description, then a command; records the outcome and goes on
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); log "ok   $what"; else failed=$((failed + 1)); log "FAIL $what"; fi
}

CHUNKS=60
DELAY_MS=100   # a 6 s stream
start_upstream "$CHUNKS" "$DELAY_MS"
EXTRA_JVM="-XX:ActiveProcessorCount=1 -XX:MaxRAM=512m" start_proxy
# startupProbe budget in the examples: periodSeconds 2 x failureThreshold 30 = 60 s.
if ! wait_ready 60; then
  echo "runtime-check: 0 passed, 1 failed"
  exit 1
fi
log "ready after ${READY_MS} ms; idle RSS $(( $(rss_kib "$PROXY_PID") / 1024 )) MiB"

check "/healthz answers 200" test "$(http_status "http://127.0.0.1:$ADMIN_PORT/healthz")" = 200
check "/readyz answers 200" test "$(http_status "http://127.0.0.1:$ADMIN_PORT/readyz")" = 200
check "/metrics answers 200" test "$(http_status "http://127.0.0.1:$ADMIN_PORT/metrics")" = 200
# Read-only root: with the natives pre-extracted (as in the image), ONNX Runtime unpacks nothing into tmpdir.
check "ONNX Runtime loaded the pre-extracted natives (nothing unpacked into java.io.tmpdir)" \
  test -z "$(find "$WORK/tmp" -name 'libonnxruntime*' -print -quit)"

answers_request() { # a non-streaming request through the proxy gets the stand-in's answer
  local out
  out="$(curl -s -m 20 -w ' HTTP%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer unused' --data "${chat_body_stream/\"stream\":true/\"stream\":false}" \
    "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" || true)"
  [[ "$out" == *'w0:'* && "$out" == *' HTTP200' ]]
}
check "a request through the proxy reaches the upstream and returns its answer" answers_request

# Policy reload the kubelet's way: a broken file must be rejected while the proxy keeps serving.
good_policy="$(cat "$WORK/etc/policy.yaml")"
kubelet_update_policy "version: [this is not YAML"
sleep 3
check "after a broken policy.yaml update the proxy is still ready" \
  test "$(http_status "http://127.0.0.1:$ADMIN_PORT/readyz")" = 200
check "after a broken policy.yaml update the proxy still answers" answers_request
kubelet_update_policy "$good_policy"
sleep 2
grep -i 'polic' "$WORK/proxy.log" | tail -n 3 | sed 's/^/  proxy log: /' || true

# A long stream through the proxy; SIGTERM once its first bytes have arrived.
curl -sN -m 120 -o "$WORK/stream.out" -w '%{http_code}' -X POST \
  -H 'Content-Type: application/json' -H 'Authorization: Bearer unused' \
  --data "$chat_body_stream" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" >"$WORK/stream.status" &
CURL_PID=$!
first_bytes_deadline=$(( SECONDS + 30 ))
until grep -q '^data: ' "$WORK/stream.out" 2>/dev/null; do
  if (( SECONDS > first_bytes_deadline )) || ! kill -0 "$CURL_PID" 2>/dev/null; then break; fi
  sleep 0.05
done
check "the stream started before SIGTERM" grep -q '^data: ' "$WORK/stream.out"
log "SIGTERM to the proxy (pid $PROXY_PID) with the stream in flight"
term_ns="$(date +%s%N)"
kill -TERM "$PROXY_PID"

# While draining, the proxy stops taking new work (informational: the listener may close or answer 503).
sleep 0.3
during_drain="$(curl -s -o /dev/null -m 3 -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data "$chat_body_stream" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 2>/dev/null || true)"
log "a new request during the drain got: ${during_drain:-connection refused} (000 = refused)"
log "/readyz during the drain: $(http_status "http://127.0.0.1:$ADMIN_PORT/readyz") (000 = admin closed)"

curl_rc=0
wait "$CURL_PID" || curl_rc=$?
CURL_PID=""
check "the in-flight stream ended cleanly (curl exit 0, HTTP 200)" \
  test "$curl_rc" = 0 -a "$(cat "$WORK/stream.status")" = 200
check "the stream delivered every chunk ($CHUNKS) and [DONE]" \
  bash -c "grep -q 'w$((CHUNKS - 1)):' '$WORK/stream.out' && grep -q '^data: \[DONE\]' '$WORK/stream.out'"

proxy_rc=0
wait "$PROXY_PID" || proxy_rc=$?
exit_ms=$(( ($(date +%s%N) - term_ns) / 1000000 ))
PROXY_PID=""
check "the proxy exited 0 after SIGTERM (exit code $proxy_rc, ${exit_ms} ms after the signal)" test "$proxy_rc" = 0
check "the proxy exited within server.drainTimeout (30 s) + 5 s" test "$exit_ms" -lt 35000

if (( failed > 0 )); then
  echo "--- proxy log (last 40 lines)"
  tail -n 40 "$WORK/proxy.log" || true
fi
echo "runtime-check: $passed passed, $failed failed"
(( failed == 0 ))
