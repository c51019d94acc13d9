// Writes the example ConfigMap's config.yaml and policy.yaml to a directory, for running the real jar locally
// (deploy/ci/runtime-check.sh, deploy/ci/measure.sh). Only what cannot work off-cluster is changed:
//   policyFile -> OUT_DIR/policy.yaml, and every upstream baseUrl -> UPSTREAM_URL (a loopback stand-in).
// Listen addresses are left as they are; the scripts override them with REFUSALGUARD_SERVER_* variables.
// Usage: node extract-config.mjs CONFIGMAP_YAML OUT_DIR UPSTREAM_URL
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, parse, stringify } from "yaml";

const [configMapFile, outDir, upstreamUrl] = process.argv.slice(2);
if (!configMapFile || !outDir || !upstreamUrl) {
  console.error("usage: node extract-config.mjs CONFIGMAP_YAML OUT_DIR UPSTREAM_URL");
  process.exit(2);
}
const configMap = parseAllDocuments(readFileSync(configMapFile, "utf8"))
  .map((d) => d.toJS())
  .find((o) => o?.kind === "ConfigMap" && o.data?.["config.yaml"]);
if (!configMap) {
  console.error(`${configMapFile}: no ConfigMap with data.config.yaml`);
  process.exit(1);
}
const config = parse(configMap.data["config.yaml"]);
mkdirSync(outDir, { recursive: true });
config.policyFile = join(outDir, "policy.yaml");
for (const upstream of config.upstreams ?? []) {
  upstream.baseUrl = upstreamUrl;
}
writeFileSync(join(outDir, "config.yaml"), stringify(config));
writeFileSync(join(outDir, "policy.yaml"), configMap.data["policy.yaml"] ?? "");
console.log(`wrote ${join(outDir, "config.yaml")} (drainTimeout ${config.server?.drainTimeout})`);
