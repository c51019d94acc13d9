#!/usr/bin/env bash
# Policies checks after `mvn -B verify` (run from the repository root):
#  1. the committed request models are reproducible: retraining from policies/data gives byte-identical ONNX files;
#  2. the shipped analyzer meets the intent-gate targets on the held-out set (offensive let through <= 2%,
#     defensive passed >= 95%, category accuracy >= 0.85).
set -euo pipefail

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# The runnable jar `mvn verify` built holds the policies module and everything it depends on (policies alone cannot
# resolve the classifier module from a clean clone without `mvn install`).
JAR=proxy/target/refusalguard.jar
[ -f "$JAR" ] || { echo "policies: $JAR missing; run mvn verify first" >&2; exit 1; }

java -jar "$JAR" train-request-models --out "$OUT" --report "$OUT/report.md" > /dev/null
for model in intent-model.onnx category-model.onnx; do
  cmp "$OUT/$model" "policies/src/main/resources/dev/refusalguard/policies/$model"
done
echo "policies: retrained intent and category models are byte-identical to the committed ones"

java -jar "$JAR" eval-intent --data policies/data/intent-eval.jsonl --require-targets
