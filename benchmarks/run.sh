#!/usr/bin/env bash
# Loopback load harness: one command, four targets measured side by side in one interleaved run.
#
#   benchmarks/run.sh [--record] [--no-build] [harness options...]
#
# Starts the test upstream (benchmarks module, OpenAI-format fixed answers and chunked streams), nginx as a plain
# reverse proxy, Portkey's open-source gateway and RefusalGuard (classification on for every answer, -Xmx256m),
# then runs dev.refusalguard.benchmarks.load.LoadHarness against: direct, nginx, portkey, refusalguard (every request
# the same, as the steps of an agent's tool loop repeat it) and refusalguard-unique (the same proxy process, every
# request's prompt made unique with a case number: nothing keyed on the request text is reused; the worst case).
# Results go to benchmarks/target/harness/<UTC time>/ (summary.md, results.json, logs); with --record the summary
# is appended to benchmarks/RESULTS.md with the machine, date, load average and exact command.
#
# Harness options (defaults in brackets): --rounds [3] --segment-s [5] --warmup-s [1] --jit-warmup-s [30] --concurrency [64]
#   --rates [500,2000] --streams [1000] --stream-starts-per-s [1000]
# Environment: STREAM_CHUNKS [60], CHUNK_INTERVAL_MS [50], CHUNK_CHARS [16], WINDOW_CHARS [256] (RefusalGuard's
#   streamWindow.maxChars default), PROFILE=1 records a JFR file of RefusalGuard, BASE_PORT [19100],
#   RG_JAR [proxy/target/refusalguard.jar]; RG_COMPARE_JAR=other.jar adds two targets "refusalguard-candidate" and
#   "refusalguard-candidate-unique" (e.g. an earlier build, for before/after) measured in the same run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RECORD=0
BUILD=1
HARNESS_ARGS=()
for a in "$@"; do
  case "$a" in
    --record) RECORD=1 ;;
    --no-build) BUILD=0 ;;
    *) HARNESS_ARGS+=("$a") ;;
  esac
done

STREAM_CHUNKS=${STREAM_CHUNKS:-60}
CHUNK_INTERVAL_MS=${CHUNK_INTERVAL_MS:-50}
CHUNK_CHARS=${CHUNK_CHARS:-16}
WINDOW_CHARS=${WINDOW_CHARS:-256}
BASE_PORT=${BASE_PORT:-19100}
UP_PORT=$BASE_PORT
NGINX_PORT=$((BASE_PORT + 1))
PORTKEY_PORT=$((BASE_PORT + 2))
RG_PORT=$((BASE_PORT + 3))
RG_ADMIN=$((BASE_PORT + 4))
PORTKEY_VERSION=1.15.2

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$ROOT/benchmarks/target/harness/$STAMP"
mkdir -p "$RUN"
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need nginx; then
  apt-get install -y nginx >/dev/null
fi

# Portkey's gateway, pinned. @hono/node-server is held at 1.14.2 (Portkey-AI/gateway#1389), and the response
# service clones a response whose headers are immutable before adding its headers (the fix proposed in
# Portkey-AI/gateway#1551 for #1550): without it every streamed chat completion fails with "TypeError: immutable".
PEERS="$ROOT/benchmarks/.peers/portkey"
PORTKEY_JS="$PEERS/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ ! -f "$PORTKEY_JS" ] || ! grep -q "\"@portkey-ai/gateway\": \"$PORTKEY_VERSION\"" "$PEERS/package.json" 2>/dev/null; then
  mkdir -p "$PEERS"
  cat > "$PEERS/package.json" <<EOF
{
  "private": true,
  "dependencies": { "@portkey-ai/gateway": "$PORTKEY_VERSION" },
  "overrides": { "@hono/node-server": "1.14.2" }
}
EOF
  (cd "$PEERS" && npm install --no-audit --no-fund >/dev/null)
fi
if ! grep -q 'x-portkey-mutable' "$PORTKEY_JS"; then
  sed -i 's/this.updateHeaders(i,n.cacheStatus,o),{response:i/i=this.updateHeaders(i,n.cacheStatus,o),{response:i/; s/updateHeaders(e,t,a){return e.headers.append(/updateHeaders(e,t,a){try{e.headers.append("x-portkey-mutable","1"),e.headers.delete("x-portkey-mutable")}catch(_){e=new Response(e.body,{status:e.status,statusText:e.statusText,headers:new Headers(e.headers)})}return e.headers.append(/' "$PORTKEY_JS"
  grep -q 'x-portkey-mutable' "$PORTKEY_JS" || { echo "run.sh: could not patch Portkey's updateHeaders" >&2; exit 1; }
fi

if [ "$BUILD" = 1 ]; then
  mvn -B -q -o -pl benchmarks -am -DskipTests package
fi
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
RG_JAR=${RG_JAR:-$ROOT/proxy/target/refusalguard.jar}
RG_COMPARE_JAR=${RG_COMPARE_JAR:-}

wait_http() { # url [method]
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -m 1 "$1"; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $1 did not come up" >&2
  return 1
}

# 1. Test upstream.
java -Xms256m -Xmx256m -cp "$BENCH_JAR" dev.refusalguard.benchmarks.upstream.StubUpstreamMain \
  --port "$UP_PORT" --chunks "$STREAM_CHUNKS" --interval-ms "$CHUNK_INTERVAL_MS" --chunk-chars "$CHUNK_CHARS" \
  --threads 2 > "$RUN/upstream.log" 2>&1 &
UP_PID=$!; PIDS+=("$UP_PID")

# 2. nginx, a plain reverse proxy with upstream keep-alive and no response buffering (SSE passes through).
mkdir -p "$RUN/nginx"
cat > "$RUN/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $RUN/nginx/body;
  proxy_temp_path $RUN/nginx/proxy;
  upstream llm { server 127.0.0.1:$UP_PORT; keepalive 512; }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://llm;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
EOF
nginx -e "$RUN/nginx/error.log" -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")

# 3. Portkey's gateway (headless, production mode).
(cd "$PEERS" && exec env NODE_ENV=production node "$PORTKEY_JS" --port="$PORTKEY_PORT" --headless) \
  > "$RUN/portkey.log" 2>&1 &
PORTKEY_PID=$!; PIDS+=("$PORTKEY_PID")

# 4. RefusalGuard: every answer classified (the default), heap capped at 256 MiB.
# The product's default collector (the launcher script and the image set it too), for every RefusalGuard build.
RG_JVM=(-Xmx256m -XX:+UseParallelGC "-Xlog:gc:file=$RUN/refusalguard-gc.log")
if [ "${PROFILE:-0}" = 1 ]; then
  RG_JVM+=("-XX:StartFlightRecording=filename=$RUN/refusalguard.jfr,settings=profile")
fi
java "${RG_JVM[@]}" -jar "$RG_JAR" serve --upstream "http://127.0.0.1:$UP_PORT" \
  --listen "127.0.0.1:$RG_PORT" --admin "127.0.0.1:$RG_ADMIN" > "$RUN/refusalguard.log" 2>&1 &
RG_PID=$!; PIDS+=("$RG_PID")

EXTRA_TARGETS=()
if [ -n "$RG_COMPARE_JAR" ]; then
  java -Xmx256m -XX:+UseParallelGC -jar "$RG_COMPARE_JAR" serve --upstream "http://127.0.0.1:$UP_PORT" \
    --listen "127.0.0.1:$((BASE_PORT + 5))" --admin "127.0.0.1:$((BASE_PORT + 6))" > "$RUN/refusalguard-candidate.log" 2>&1 &
  CAND_PID=$!; PIDS+=("$CAND_PID")
  EXTRA_TARGETS=(--target "name=refusalguard-candidate,url=http://127.0.0.1:$((BASE_PORT + 5))/v1/chat/completions,pid=$CAND_PID"
    --target "name=refusalguard-candidate-unique,url=http://127.0.0.1:$((BASE_PORT + 5))/v1/chat/completions,pid=$CAND_PID,prompts=unique")
  wait_http "http://127.0.0.1:$((BASE_PORT + 6))/readyz"
fi

wait_http "http://127.0.0.1:$UP_PORT/health"
wait_http "http://127.0.0.1:$NGINX_PORT/health"
wait_http "http://127.0.0.1:$PORTKEY_PORT/"
wait_http "http://127.0.0.1:$RG_ADMIN/readyz"
sleep 2

CHUNKS_IN_WINDOW=$(( (WINDOW_CHARS + CHUNK_CHARS - 1) / CHUNK_CHARS ))
WINDOW_MS=$(( (CHUNKS_IN_WINDOW - 1) * CHUNK_INTERVAL_MS ))
PATH_CC=/v1/chat/completions
CMD=(java -Xms512m -Xmx512m -cp "$BENCH_JAR" dev.refusalguard.benchmarks.load.LoadHarness
  --target "name=direct,url=http://127.0.0.1:$UP_PORT$PATH_CC,pid=$UP_PID"
  --target "name=nginx,url=http://127.0.0.1:$NGINX_PORT$PATH_CC,pid=$NGINX_PID"
  --target "name=portkey,url=http://127.0.0.1:$PORTKEY_PORT$PATH_CC,pid=$PORTKEY_PID,header=x-portkey-provider:openai,header=x-portkey-custom-host:http://127.0.0.1:$UP_PORT/v1"
  --target "name=refusalguard,url=http://127.0.0.1:$RG_PORT$PATH_CC,pid=$RG_PID"
  --target "name=refusalguard-unique,url=http://127.0.0.1:$RG_PORT$PATH_CC,pid=$RG_PID,prompts=unique"
  "${EXTRA_TARGETS[@]}"
  --window-ms "$WINDOW_MS" --out "$RUN" "${HARNESS_ARGS[@]}")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"${CMD[@]}" | tee "$RUN/harness.log"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# RefusalGuard's heap: largest occupancy before a collection, from its GC log.
HEAP_PEAK=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$RUN/refusalguard-gc.log" | sed -E 's/M->.*//' | sort -n | tail -1 || true)
CLASSIFIED=$(curl -s "http://127.0.0.1:$RG_ADMIN/metrics" | grep -E '^refusalguard_classifier_seconds_count' | tr '\n' ' ' || true)

{
  echo "### Run $STAMP"
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "- Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER"
  echo "- Versions: $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), node $(node -v), @portkey-ai/gateway $PORTKEY_VERSION, RefusalGuard $(git rev-parse --short HEAD)"
  echo "- Upstream streams: $STREAM_CHUNKS chunks of $CHUNK_CHARS chars every $CHUNK_INTERVAL_MS ms; the refusal window ($WINDOW_CHARS chars) takes the upstream $WINDOW_MS ms after the first chunk"
  echo "- Command: \`benchmarks/run.sh $*\`"
  if [ -n "$RG_COMPARE_JAR" ]; then echo "- refusalguard-candidate: $RG_COMPARE_JAR"; fi
  echo "- RefusalGuard (-Xmx256m): peak heap before GC ${HEAP_PEAK:-?} MiB; classifier calls: ${CLASSIFIED:-?}"
  echo
  cat "$RUN/summary.md"
} > "$RUN/record.md"

if [ "$RECORD" = 1 ]; then
  { echo; cat "$RUN/record.md"; } >> "$ROOT/benchmarks/RESULTS.md"
  echo "run.sh: appended to benchmarks/RESULTS.md"
fi
echo "run.sh: results in $RUN"
