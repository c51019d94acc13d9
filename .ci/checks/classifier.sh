#!/usr/bin/env bash
# Classifier checks after `mvn -B verify` (run from the repository root):
#  1. the committed model is reproducible: retraining from classifier/data with the default seed gives the same bytes;
#  2. the committed model still meets the held-out binary F1 floor on the test split.
set -euo pipefail

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
mvn -B -q -pl classifier dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" > /dev/null
CP="classifier/target/classes:$(cat "$OUT/cp.txt")"

java -cp "$CP" dev.refusalguard.classifier.cli.TrainCommand --out "$OUT" > /dev/null
cmp "$OUT/refusal-model.onnx" classifier/src/main/resources/dev/refusalguard/classifier/refusal-model.onnx
echo "classifier: retrained model is byte-identical to the committed one"

java -cp "$CP" dev.refusalguard.classifier.cli.EvalCommand --input classifier/data/test.jsonl > "$OUT/eval.md"
f1="$(grep '^| binary refusal F1 |' "$OUT/eval.md" | awk -F'|' '{gsub(/ /, "", $3); print $3}')"
echo "classifier: held-out binary refusal F1 = $f1"
awk -v f="$f1" 'BEGIN { exit !(f >= 0.93) }'
