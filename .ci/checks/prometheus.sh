#!/usr/bin/env bash
# Prometheus rules for RefusalGuard: syntax check and unit tests with promtool (Debian package prometheus).
# Runs from the repository root after `mvn -B verify`, as root on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v promtool >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
fi

echo "promtool: $(promtool --version 2>&1 | head -1)"
promtool check rules deploy/prometheus/refusalguard-rules.yml
promtool test rules deploy/prometheus/tests/*.yml
