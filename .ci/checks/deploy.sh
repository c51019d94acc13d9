#!/usr/bin/env bash
# deploy/ checks, offline (no cluster, no container engine). Runs after the root `mvn -B verify`.
#  1. JUnit (deploy/ci/pom.xml, not a module of the root build): Dockerfile facts, every example manifest and
#     every rendering of the Helm chart (rendered in-process by helm-java's embedded Helm, plus strict lint)
#     checked for probes/ports matching the proxy, resources, hardened non-root security context, grace period
#     > preStop + drainTimeout, and no field unknown to Kubernetes (fabric8 typed model).
#  2. Kubernetes OpenAPI schema validation of deploy/kubernetes/*.yaml and the rendered chart (npm
#     kubernetes-models + @kubernetes-models/prometheus-operator), with the validator's own tests first.
#  3. Runtime check of the proxy jar (skips with a message until the jar supports `serve --config`).
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v node >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

echo "== deploy: Dockerfile, manifests and Helm chart (JUnit + helm-java)"
mvn -B -ntp -f deploy/ci/pom.xml verify

echo "== deploy: Kubernetes schema validation (kubernetes-models)"
npm ci --prefix deploy/ci/schema --no-audit --no-fund --loglevel=error
(cd deploy/ci/schema && node --test)
node deploy/ci/schema/validate.mjs deploy/kubernetes deploy/ci/target/rendered

echo "== deploy: runtime check of proxy/target/refusalguard.jar"
bash deploy/ci/runtime-check.sh
