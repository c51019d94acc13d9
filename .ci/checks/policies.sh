#!/usr/bin/env bash
# Policies checks after `mvn -B verify` (run from the repository root):
#  1. the committed request models are reproducible: retraining from policies/data gives byte-identical ONNX files;
#  2. the shipped analyzer meets the intent-gate targets on the held-out set (offensive let through <= 2%,
#     defensive passed >= 95%, category accuracy >= 0.85).
set -euo pipefail

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# the classpath goes through a file: on a terminal Maven may print colour codes to stdout
mvn -B -q -ntp -pl policies dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" > /dev/null
CP="policies/target/classes:$(cat "$OUT/cp.txt")"

java -cp "$CP" dev.refusalguard.policies.cli.TrainRequestModelsCommand --out "$OUT" --report "$OUT/report.md" > /dev/null
for model in intent-model.onnx category-model.onnx; do
  cmp "$OUT/$model" "policies/src/main/resources/dev/refusalguard/policies/$model"
done
echo "policies: retrained intent and category models are byte-identical to the committed ones"

java -cp "$CP" dev.refusalguard.policies.cli.EvalIntentCommand --data policies/data/intent-eval.jsonl --require-targets
