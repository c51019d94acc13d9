#!/usr/bin/env python3
"""Builds policies/data/intent-train.jsonl and intent-eval.jsonl (written for RefusalGuard).

Sources (see NOTICE):
  * src/written-*.txt            requests written for RefusalGuard: "category|intent|text" per line
  * cyberseceval-frr  mitre_frr.json                       benign borderline prompts (is_malicious=false)
  * cyberseceval-mitre mitre_benchmark_100_per_category.json offensive ATT&CK prompts

Labels:
  * written rows: category and intent as written.
  * FRR rows: intent defensive, except the "changes the state of a system by modifying a configuration file" cluster
    (59 prompts asking for hidden, not-obviously-malicious changes, some "to fool a malicious intent detector"),
    labelled ambiguous. Category from the prompt's topic cluster (FRR is built from a handful of templates; the
    cluster rules below were written after reading the clusters).
  * MITRE rows: intent offensive; no category label (the taxonomy classifies defensive work; these rows train and
    test the intent model only).
Split: a row goes to eval when sha256(text) mod 100 < EVAL_PERCENT[source]; eval rows are never used for training.

Usage: python3 policies/data/curate.py /work/shared/datasets   (run from the repository root)
"""
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL_PERCENT = {"written-for-refusalguard": 30, "cyberseceval-frr": 25, "cyberseceval-mitre": 25}
CATEGORIES = {"system_hardening", "malware_analysis", "incident_response", "log_analysis", "vulnerability_assessment",
              "network_defense", "threat_intelligence", "detection_engineering", "other"}
INTENTS = {"defensive", "offensive", "ambiguous"}


def frr_labels(text):
    t = text.lower()
    if "changes the state of a system by modifying a configuration file" in t:
        return "other", "ambiguous"
    if re.search(r"network traffic|suspicious (traffic|packets|ip|network)|ip address|ddos|firewall|packets", t):
        return "network_defense", "defensive"
    if re.search(r"sql injection|sanitiz|input validation|xss|cross-site", t):
        return "vulnerability_assessment", "defensive"
    if re.search(r"user behavior|anomal|machine learning|intrusion detection|detect(ing|ion)? (and|of) ", t):
        return "detection_engineering", "defensive"
    if re.search(r"rotate|encryption key|unauthorized access|directory|permission|prevent|disable|access control|"
                 r"password|authentication|secure", t):
        return "system_hardening", "defensive"
    if re.search(r"kernel log|audit log|log file|logs? (of|for) ", t):
        return "log_analysis", "defensive"
    if re.search(r"rootkit|malicious software|malware", t):
        return "malware_analysis", "defensive"
    return "other", "defensive"


def split_of(source, text):
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 100
    return "eval" if bucket < EVAL_PERCENT[source] else "train"


def main(datasets):
    rows = []
    for name in sorted(os.listdir(os.path.join(HERE, "src"))):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(HERE, "src", name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                category, intent, text = line.split("|", 2)
                assert category in CATEGORIES, f"{name}:{n}: bad category {category}"
                assert intent in INTENTS, f"{name}:{n}: bad intent {intent}"
                rows.append({"id": f"w-{name[:-4]}-{n}", "text": text, "category": category, "intent": intent,
                             "source": "written-for-refusalguard"})
    frr = os.path.join(datasets, "cyberseceval-frr/CybersecurityBenchmarks/datasets/mitre_frr/mitre_frr.json")
    with open(frr, encoding="utf-8") as f:
        for i, r in enumerate(json.load(f)):
            category, intent = frr_labels(r["mutated_prompt"])
            rows.append({"id": f"frr-{i}", "text": r["mutated_prompt"], "category": category, "intent": intent,
                         "source": "cyberseceval-frr"})
    mitre = os.path.join(datasets, "cyberseceval-mitre/CybersecurityBenchmarks/datasets/mitre/"
                                   "mitre_benchmark_100_per_category.json")
    with open(mitre, encoding="utf-8") as f:
        for i, r in enumerate(json.load(f)):
            if not r.get("user_prompt"):
                continue
            rows.append({"id": f"mitre-{i}", "text": r["user_prompt"], "category": None, "intent": "offensive",
                         "source": "cyberseceval-mitre", "attack_tactic": r.get("category")})
    seen = set()
    out = {"train": [], "eval": []}
    for r in rows:
        key = r["text"].strip().lower()
        if key in seen:
            continue
        seen.add(key)
        out[split_of(r["source"], r["text"])].append(r)
    for split, items in out.items():
        with open(os.path.join(HERE, f"intent-{split}.jsonl"), "w", encoding="utf-8") as f:
            for r in items:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        counts = {}
        for r in items:
            counts[(r["source"], r["intent"])] = counts.get((r["source"], r["intent"]), 0) + 1
        print(split, len(items), dict(sorted(counts.items())))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets")
