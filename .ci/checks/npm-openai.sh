#!/usr/bin/env bash
# The npm `openai` package's client against the proxy (issue 4): one non-streaming and one streaming chat
# completion through `refusalguard demo` (simulated upstream + proxy), each must come back with text.
# Runs from the repository root after `mvn -B verify` (needs proxy/target/refusalguard.jar), as root.
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=proxy/target/refusalguard.jar
LISTEN=127.0.0.1:18080
ADMIN=127.0.0.1:19090
[ -f "$JAR" ] || { echo "npm-openai: $JAR missing (run mvn -B verify first)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund openai@7 >/dev/null)
echo "npm openai $(node -p "require('$WORK/node_modules/openai/package.json').version")"

java -jar "$JAR" demo --requests 1 --listen "$LISTEN" --admin "$ADMIN" >"$WORK/demo.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://$ADMIN/readyz" >/dev/null 2>&1 || (exec 3<>"/dev/tcp/${LISTEN%:*}/${LISTEN#*:}") 2>/dev/null; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; echo "npm-openai: demo exited" >&2; exit 1; }
  sleep 1
done

cat >"$WORK/check.mjs" <<'JS'
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: 'http://127.0.0.1:18080/v1', apiKey: 'sk-demo', maxRetries: 0, timeout: 60000 });
const messages = [
  { role: 'system', content: 'You are a SOC assistant.' },
  { role: 'user', content: 'Summarise what a spike of failed SSH logins from one address in our auth logs means and how to triage it.' },
];

const completion = await client.chat.completions.create({ model: 'demo-guarded-1', messages });
const text = completion.choices[0]?.message?.content ?? '';
if (!text.trim()) throw new Error('non-streaming completion had no text: ' + JSON.stringify(completion));
console.log(`non-streaming: ${text.length} chars, finish_reason=${completion.choices[0].finish_reason}`);

const stream = await client.chat.completions.create({ model: 'demo-guarded-1', messages, stream: true });
let streamed = '';
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  streamed += chunk.choices[0]?.delta?.content ?? '';
}
if (!streamed.trim()) throw new Error(`streaming completion had no text after ${chunks} chunks`);
console.log(`streaming: ${chunks} chunks, ${streamed.length} chars`);
JS
(cd "$WORK" && node check.mjs)
echo "npm-openai: OK"
