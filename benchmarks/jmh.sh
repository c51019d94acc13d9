#!/usr/bin/env bash
# Short JMH runs of the proxy's hot code (1 fork, few iterations: read the error column).
#
#   benchmarks/jmh.sh [--no-build] [JMH regexp and options...]
#
# Default selection: SSE splitting/parsing, the OpenAI Chat adapter, request analysis, the classifier's first stage.
# Extra arguments go to JMH, e.g. `benchmarks/jmh.sh ProxyRequestAnalysisBench -p text=prompt`.
# Results: benchmarks/target/jmh/<UTC time>.txt (and .json).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=1
ARGS=()
for a in "$@"; do
  if [ "$a" = --no-build ]; then BUILD=0; else ARGS+=("$a"); fi
done
if [ "$BUILD" = 1 ]; then
  mvn -B -q -o -pl benchmarks -am -DskipTests package
fi
if [ ${#ARGS[@]} -eq 0 ]; then
  ARGS=("SseEventSplitterBench|AdapterOpenAiChatBench|ProxyRequestAnalysisBench|ClassifierFirstStageBench")
fi
OUT=benchmarks/target/jmh
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -w 1 -i 3 -r 1 \
  -rf json -rff "$OUT/$STAMP.json" "${ARGS[@]}" | tee "$OUT/$STAMP.txt"
echo "jmh.sh: results in $OUT/$STAMP.txt (load average $(cut -d' ' -f1-3 /proc/loadavg))"
