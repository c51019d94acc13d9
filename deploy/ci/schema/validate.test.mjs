// Proves the schema validator rejects what a cluster would reject, so a green run means something.
import { test } from "node:test";
import assert from "node:assert/strict";
import { validateText } from "./validate.mjs";

const deployment = (podSpec, replicas = 1) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: ${JSON.stringify(replicas)}
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec: ${JSON.stringify(podSpec)}
`;

async function outcome(text) {
  const results = await validateText(text, "test");
  assert.equal(results.length, 1);
  return results[0];
}

test("a well-formed Deployment with a native sidecar passes", async () => {
  const r = await outcome(deployment({
    initContainers: [{ name: "refusalguard", image: "i:1", restartPolicy: "Always" }],
    containers: [{ name: "agent", image: "a:1" }],
  }));
  assert.equal(r.ok, true, r.message);
});

test("a string where the schema wants an integer fails", async () => {
  const r = await outcome(deployment({ containers: [{ name: "agent", image: "a:1" }] }, "two"));
  assert.equal(r.ok, false);
  assert.match(r.message, /replicas/);
});

test("a container without its required name fails", async () => {
  const r = await outcome(deployment({ containers: [{ image: "a:1" }] }));
  assert.equal(r.ok, false);
  assert.match(r.message, /name/);
});

test("a probe port that is neither a number nor a name string fails", async () => {
  const r = await outcome(deployment({
    containers: [{ name: "a", image: "a:1", livenessProbe: { httpGet: { path: "/healthz", port: { admin: 1 } } } }],
  }));
  assert.equal(r.ok, false);
});

test("a Service port given as text fails", async () => {
  const r = await outcome(`
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{name: proxy, port: "eighty"}]
`);
  assert.equal(r.ok, false);
  assert.match(r.message, /port/);
});

test("a PodMonitor whose endpoints are not a list fails", async () => {
  const r = await outcome(`
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: p}
spec:
  selector: {matchLabels: {app: d}}
  podMetricsEndpoints: {port: admin}
`);
  assert.equal(r.ok, false);
});

test("an apiVersion without a known schema fails instead of being skipped", async () => {
  const r = await outcome(`
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`);
  assert.equal(r.ok, false);
  assert.match(r.message, /no schema/);
});

test("a kind that does not exist in a known group fails", async () => {
  const r = await outcome(`
apiVersion: apps/v1
kind: Deploymnet
metadata: {name: d}
`);
  assert.equal(r.ok, false);
});

test("an object without metadata.name fails", async () => {
  const r = await outcome(`
apiVersion: v1
kind: ConfigMap
metadata: {labels: {a: b}}
`);
  assert.equal(r.ok, false);
  assert.match(r.message, /metadata.name/);
});

test("empty documents are ignored", async () => {
  const results = await validateText("---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "test");
  assert.equal(results.length, 1);
  assert.equal(results[0].ok, true);
});
