# Shared by deploy/ci/runtime-check.sh and deploy/ci/measure.sh (sourced, not run). Starts the loopback
# stand-in upstream and the real proxy jar with the example ConfigMap's config, the way the image runs it.
# Expects: ROOT (repository root), WORK (scratch dir). Sets: UPSTREAM_PID, PROXY_PID, PROXY_PORT, ADMIN_PORT.

JAR="${JAR:-$ROOT/proxy/target/refusalguard.jar}"
SCHEMA_DIR="$ROOT/deploy/ci/schema"
RUNTIME_DIR="$ROOT/deploy/ci/runtime"

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# A free loopback TCP port (nothing answers on it).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

wait_for_port() { # port seconds
  local deadline=$(( SECONDS + $2 ))
  while (( SECONDS < deadline )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

http_status() { # url
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU time (user + system) the process has used, in milliseconds.
cpu_ms() {
  local ticks
  ticks="$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0)"
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# True when the jar exists and its CLI documents `serve --config`.
jar_supports_serve_config() {
  [ -f "$JAR" ] || { SKIP_REASON="$JAR does not exist (build it with: mvn -B -DskipTests package)"; return 1; }
  local help
  help="$( { timeout 60 java -jar "$JAR" serve --help; timeout 60 java -jar "$JAR" --help; } 2>&1 || true)"
  if ! grep -q -- '--config' <<<"$help"; then
    SKIP_REASON="$JAR does not support 'serve --config' yet (neither 'serve --help' nor '--help' mentions --config)"
    return 1
  fi
}

ensure_node_modules() {
  if [ ! -d "$SCHEMA_DIR/node_modules/yaml" ]; then
    npm ci --prefix "$SCHEMA_DIR" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

# The JVM tunables the image sets (ENV JAVA_TOOL_OPTIONS in the Dockerfile), so local runs size like the image.
image_java_tool_options() {
  sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$ROOT/deploy/docker/Dockerfile"
}

# Extracts ONNX Runtime's native libraries from the jar exactly as the Dockerfile's build stage does.
extract_native_libs() {
  local arch ort_dir
  arch="$(uname -m)"
  case "$arch" in
    x86_64) ort_dir=linux-x64 ;;
    aarch64) ort_dir=linux-aarch64 ;;
    *) echo "unsupported architecture $arch" >&2; return 1 ;;
  esac
  mkdir -p "$WORK/extract" "$WORK/native"
  (cd "$WORK/extract" && jar xf "$JAR" "ai/onnxruntime/native/$ort_dir/")
  for lib in libonnxruntime.so libonnxruntime4j_jni.so; do
    if [ ! -f "$WORK/extract/ai/onnxruntime/native/$ort_dir/$lib" ]; then
      echo "the jar has no ai/onnxruntime/native/$ort_dir/$lib, which deploy/docker/Dockerfile extracts" >&2
      return 1
    fi
    mv "$WORK/extract/ai/onnxruntime/native/$ort_dir/$lib" "$WORK/native/"
  done
}

start_upstream() { # chunks delay_ms
  UPSTREAM_PORT="$(free_port)"
  java "$RUNTIME_DIR/SlowUpstream.java" "$UPSTREAM_PORT" "$1" "$2" >"$WORK/upstream.log" 2>&1 &
  UPSTREAM_PID=$!
  wait_for_port "$UPSTREAM_PORT" 60 || { cat "$WORK/upstream.log" >&2; return 1; }
}

# Lays out $WORK/etc like the kubelet's ConfigMap volume: the data in a timestamped directory, "..data" a symlink
# to it, and each key a symlink through "..data". An update swaps "..data" atomically, exactly as the kubelet does,
# so the proxy's policy reload meets the same file events here as in a pod.
kubelet_layout() {
  local stamp="..$(date -u +%Y_%m_%d_%H_%M_%S.%N)"
  mkdir -p "$WORK/etc/$stamp"
  mv "$WORK/etc/config.yaml" "$WORK/etc/policy.yaml" "$WORK/etc/$stamp/"
  ln -s "$stamp" "$WORK/etc/..data"
  ln -s "..data/config.yaml" "$WORK/etc/config.yaml"
  ln -s "..data/policy.yaml" "$WORK/etc/policy.yaml"
}

# Replaces policy.yaml the way the kubelet updates a ConfigMap volume (new directory, atomic "..data" swap).
kubelet_update_policy() { # new policy text
  local old stamp
  old="$(readlink "$WORK/etc/..data")"
  stamp="..$(date -u +%Y_%m_%d_%H_%M_%S.%N)"
  mkdir -p "$WORK/etc/$stamp"
  cp "$WORK/etc/$old/config.yaml" "$WORK/etc/$stamp/config.yaml"
  printf '%s\n' "$1" >"$WORK/etc/$stamp/policy.yaml"
  ln -s "$stamp" "$WORK/etc/..data_tmp"
  mv -T "$WORK/etc/..data_tmp" "$WORK/etc/..data"
  rm -rf "${WORK:?}/etc/$old"
}

# Starts the proxy like the image's ENTRYPOINT (read-only-friendly paths), with extra JVM flags in $EXTRA_JVM
# and an optional command prefix in $LAUNCH_PREFIX (e.g. "taskset -c 0").
start_proxy() {
  ensure_node_modules
  node "$SCHEMA_DIR/extract-config.mjs" "$ROOT/deploy/kubernetes/refusalguard-config.yaml" "$WORK/etc" \
    "http://127.0.0.1:$UPSTREAM_PORT" >/dev/null
  kubelet_layout
  extract_native_libs
  mkdir -p "$WORK/tmp"
  PROXY_PORT="$(free_port)"
  ADMIN_PORT="$(free_port)"
  # shellcheck disable=SC2086
  env JAVA_TOOL_OPTIONS="$(image_java_tool_options)" \
    REFUSALGUARD_SERVER_LISTEN="127.0.0.1:$PROXY_PORT" \
    REFUSALGUARD_SERVER_ADMIN="127.0.0.1:$ADMIN_PORT" \
    OPENAI_API_KEY="test-key-not-real" ANTHROPIC_API_KEY="test-key-not-real" \
    ${LAUNCH_PREFIX:-} java -XX:+ExitOnOutOfMemoryError ${EXTRA_JVM:-} \
      -Djava.io.tmpdir="$WORK/tmp" -Donnxruntime.native.path="$WORK/native" \
      -jar "$JAR" serve --config "$WORK/etc/config.yaml" >"$WORK/proxy.log" 2>&1 &
  PROXY_PID=$!
  PROXY_STARTED_NS="$(date +%s%N)"
}

# Waits until /readyz answers 200; sets READY_MS (launch to ready). Fails after $1 seconds or if the proxy dies.
wait_ready() {
  local deadline=$(( SECONDS + $1 ))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$PROXY_PID" 2>/dev/null; then
      echo "the proxy exited before it was ready; its log:" >&2
      tail -n 40 "$WORK/proxy.log" >&2
      return 1
    fi
    if [ "$(http_status "http://127.0.0.1:$ADMIN_PORT/readyz")" = 200 ]; then
      READY_MS=$(( ($(date +%s%N) - PROXY_STARTED_NS) / 1000000 ))
      return 0
    fi
    sleep 0.1
  done
  echo "/readyz did not answer 200 within $1 s; proxy log:" >&2
  tail -n 40 "$WORK/proxy.log" >&2
  return 1
}

stop_pid() { # pid: ends a process this script started (by its id), then reaps it
  if [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
}

chat_body_stream='{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Summarise the failed SSH logins in this auth.log excerpt and suggest which hosts to review."}]}'
