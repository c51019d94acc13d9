#!/usr/bin/env bash
# Prometheus for RefusalGuard (Debian package prometheus):
#  1. promtool check rules + promtool test rules on deploy/prometheus/ (always);
#  2. a real Prometheus server scraping a running demo proxy's admin port: the refusal-rate and bias-ratio series
#     must exist and agree with GET /bias (skipped, with a message, when the jar has no demo command yet).
# Runs from the repository root after `mvn -B verify`, as root on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

RULES=deploy/prometheus/refusalguard-rules.yml
JAR=proxy/target/refusalguard.jar

need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "promtool: $(promtool --version 2>&1 | head -1)"
promtool check rules "$RULES"
promtool test rules deploy/prometheus/tests/*.yml

# ---- 2. live: Prometheus scraping the demo proxy --------------------------------------------------------------
if [ ! -f "$JAR" ]; then
  echo "SKIP live Prometheus check: $JAR not built"
  exit 0
fi
if ! java -jar "$JAR" --help 2>/dev/null | grep -Eq '^[[:space:]]+demo([[:space:]]|$)'; then
  echo "SKIP live Prometheus check: $JAR has no 'demo' command yet"
  exit 0
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1
}

PROM_PORT=$(free_port)
LISTEN_PORT=$(free_port)
DEMO_ARGS=(--listen "127.0.0.1:$LISTEN_PORT")
if java -jar "$JAR" demo --help 2>&1 | grep -q -- '--admin'; then
  ADMIN_PORT=$(free_port)
  DEMO_ARGS+=(--admin "127.0.0.1:$ADMIN_PORT")
else
  ADMIN_PORT=9090   # the documented default admin address
fi
# Prometheus first, so it scrapes the demo while its traffic runs (rates need samples during the traffic).
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/$RULES
scrape_configs:
  - job_name: refusalguard
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:$ADMIN_PORT"]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
PROM="http://127.0.0.1:$PROM_PORT"
echo "starting the demo proxy (admin 127.0.0.1:$ADMIN_PORT)"
java -jar "$JAR" demo "${DEMO_ARGS[@]}" >"$WORK/demo.log" 2>&1 &
PIDS+=($!)
DEMO_PID=$!

# Wait for the admin port, then for the demo's traffic to finish (the request count stops moving).
ADMIN="http://127.0.0.1:$ADMIN_PORT"
for _ in $(seq 1 120); do
  if curl -fsS "$ADMIN/bias" -o "$WORK/bias.json" 2>/dev/null; then break; fi
  if ! kill -0 "$DEMO_PID" 2>/dev/null; then
    echo "the demo exited early:" >&2; tail -40 "$WORK/demo.log" >&2; exit 1
  fi
  sleep 1
done
curl -fsS "$ADMIN/bias" -o "$WORK/bias.json" || { echo "no /bias on $ADMIN" >&2; tail -40 "$WORK/demo.log" >&2; exit 1; }
# The demo's 200 requests can finish within one or two scrapes; rate() needs an increase between samples, so add
# paced traffic (one defensive request every 0.5 s for 8 s) that Prometheus sees over several scrapes.
for i in $(seq 1 16); do
  curl -sS -o /dev/null -m 20 "http://127.0.0.1:$LISTEN_PORT/v1/chat/completions" -H 'content-type: application/json' \
    -d '{"model":"demo-guarded-1","messages":[{"role":"user","content":"Write a detection rule for reverse shell payloads seen in our web server logs ('"$i"')."}]}' \
    || true
  sleep 0.5
done
last=-1
stable=0
for _ in $(seq 1 300); do
  curl -fsS "$ADMIN/bias" -o "$WORK/bias.json"
  now=$(jq '.since_start.requests' "$WORK/bias.json")
  if [ "$now" -gt 0 ] && [ "$now" -eq "$last" ]; then
    stable=$((stable + 1))
    [ "$stable" -ge 3 ] && break
  else
    stable=0
  fi
  last=$now
  sleep 1
done
echo "demo traffic: $(jq '.since_start.requests' "$WORK/bias.json") requests, $(jq '.since_start.refusals' "$WORK/bias.json") refused first"

query() {  # prints the single value of an instant query, or nothing (also while Prometheus is starting)
  { curl -fsS --get "$PROM/api/v1/query" --data-urlencode "query=$1" 2>/dev/null \
    | jq -r 'select(.status=="success") | .data.result[0].value[1] // empty'; } || true
}
agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 + 1e-6 * (b < 0 ? -b : b)) }'; }

# The traffic has stopped; recording rules are evaluated every 30s (their group interval), so poll until the
# recorded since-start series catch up with /bias, for at most 2 minutes.
curl -fsS "$ADMIN/bias" -o "$WORK/bias.json"
rate_bias=$(jq -r '.since_start.refusal_rate.rate' "$WORK/bias.json")
ratio_bias=$(jq -r '.since_start.sensitive_vs_neutral.ratio' "$WORK/bias.json")
rate_prom=""
ratio_prom=""
for _ in $(seq 1 60); do
  rate_prom=$(query 'refusalguard:refusal_rate:ratio_total')
  ratio_prom=$(query 'refusalguard:sensitive_refusal_ratio:ratio_total')
  if [ -n "$rate_prom" ] && [ -n "$ratio_prom" ] && agree "$rate_prom" "$rate_bias" && agree "$ratio_prom" "$ratio_bias"; then
    break
  fi
  sleep 2
done
echo "refusal rate since start: Prometheus ${rate_prom:-missing}, /bias $rate_bias"
echo "sensitive/neutral ratio since start: Prometheus ${ratio_prom:-missing}, /bias $ratio_bias"
if [ -z "$rate_prom" ] || [ -z "$ratio_prom" ]; then
  echo "recorded series missing in Prometheus" >&2
  tail -20 "$WORK/prometheus.log" >&2
  exit 1
fi
agree "$rate_prom" "$rate_bias" || { echo "refusal rate differs between Prometheus and /bias" >&2; exit 1; }
agree "$ratio_prom" "$ratio_bias" || { echo "bias ratio differs between Prometheus and /bias" >&2; exit 1; }
for series in refusalguard:refusal_rate:ratio_rate5m refusalguard:refusal_rate_by_category:ratio_rate15m \
              refusalguard:refusal_rate_by_model:ratio_rate15m refusalguard:sensitive_refusal_ratio:ratio_rate15m; do
  value=""
  for _ in $(seq 1 40); do   # the rules group is evaluated every 30 s: allow two evaluations
    value=$(query "$series")
    [ -n "$value" ] && break
    sleep 2
  done
  [ -n "$value" ] || { echo "series $series missing in Prometheus" >&2; exit 1; }
  echo "$series = $value"
done
echo "live Prometheus check passed"
