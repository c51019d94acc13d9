// Validates Kubernetes manifests against the official OpenAPI schemas shipped by the npm package
// kubernetes-models (and the Prometheus Operator CRD schemas of @kubernetes-models/prometheus-operator),
// entirely offline. Usage: node validate.mjs FILE_OR_DIR...   (directories: every *.yaml / *.yml inside)
// Prints one line per object and a closing "schema: N passed, N failed"; exits 1 on any failure.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseAllDocuments } from "yaml";

// apiVersion group -> module prefix. Core ("v1") has no group. Unknown groups are failures, never skipped.
const MODULES = {
  "": "kubernetes-models",
  apps: "kubernetes-models/apps",
  batch: "kubernetes-models/batch",
  policy: "kubernetes-models/policy",
  autoscaling: "kubernetes-models/autoscaling",
  "networking.k8s.io": "kubernetes-models/networking.k8s.io",
  "rbac.authorization.k8s.io": "kubernetes-models/rbac.authorization.k8s.io",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

export async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    throw new Error(`missing or malformed apiVersion/kind (${apiVersion}/${kind})`);
  }
  const slash = apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const prefix = MODULES[group];
  if (prefix === undefined) {
    throw new Error(`no schema known for apiVersion ${apiVersion}`);
  }
  let module;
  try {
    module = await import(`${prefix}/${version}/${kind}`);
  } catch {
    throw new Error(`no schema for ${kind} in ${apiVersion}`);
  }
  const model = module[kind];
  if (typeof model !== "function") {
    throw new Error(`no schema for ${kind} in ${apiVersion}`);
  }
  return model;
}

function describe(error) {
  if (Array.isArray(error?.errors)) {
    return error.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
  }
  return String(error?.message ?? error);
}

/** Validates every document of one YAML text; returns [{source, index, id, ok, message}]. */
export async function validateText(text, source) {
  const results = [];
  const documents = parseAllDocuments(text);
  let index = 0;
  for (const document of documents) {
    index++;
    if (document.errors.length > 0) {
      results.push({ source, index, id: "?", ok: false, message: `YAML: ${document.errors[0].message}` });
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) {
      continue; // empty document, e.g. a template that rendered nothing
    }
    const id = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    try {
      if (typeof object.metadata?.name !== "string" || object.metadata.name.length === 0) {
        throw new Error("metadata.name is required");
      }
      const Model = await modelFor(object.apiVersion, object.kind);
      new Model(object).validate();
      results.push({ source, index, id, ok: true, message: "" });
    } catch (error) {
      results.push({ source, index, id, ok: false, message: describe(error) });
    }
  }
  return results;
}

function yamlFiles(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
      .sort()
      .map((name) => join(path, name));
  }
  return [path];
}

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node validate.mjs FILE_OR_DIR...");
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const file of paths.flatMap(yamlFiles)) {
    for (const r of await validateText(readFileSync(file, "utf8"), file)) {
      if (r.ok) {
        passed++;
        console.log(`ok   ${r.source}#${r.index} ${r.id}`);
      } else {
        failed++;
        console.log(`FAIL ${r.source}#${r.index} ${r.id}: ${r.message}`);
      }
    }
  }
  if (passed + failed === 0) {
    console.log("no Kubernetes objects found");
    return 1;
  }
  console.log(`schema: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
