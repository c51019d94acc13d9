"""Builds a JSON-lines corpus of texts for the before/after sameness check.
Every string leaf (>= 3 chars) of every JSON/JSONL file, every CSV field, every line of txt/md files under the given
roots, plus derived variants: upper-case, title-case, swapped apostrophes, concatenations (long inputs) and
case-folding edge cases."""
import csv, json, os, random, sys

csv.field_size_limit(1 << 30)
texts = []
seen = set()

def add(t):
    if isinstance(t, str) and len(t) >= 3 and t not in seen:
        seen.add(t)
        texts.append(t)

def leaves(o):
    if isinstance(o, str):
        add(o)
    elif isinstance(o, dict):
        for v in o.values():
            leaves(v)
    elif isinstance(o, list):
        for v in o:
            leaves(v)

for root in sys.argv[2:]:
    for d, _, fs in sorted(os.walk(root)):
        for f in sorted(fs):
            p = os.path.join(d, f)
            try:
                if f.endswith('.json'):
                    leaves(json.load(open(p, encoding='utf-8')))
                elif f.endswith('.jsonl'):
                    for line in open(p, encoding='utf-8'):
                        if line.strip():
                            leaves(json.loads(line))
                elif f.endswith('.csv'):
                    for row in csv.reader(open(p, encoding='utf-8', newline='')):
                        for v in row:
                            add(v)
                elif f.endswith('.txt') or f.endswith('.md'):
                    for line in open(p, encoding='utf-8'):
                        add(line.rstrip('\n'))
            except Exception as e:
                print('skip', p, e, file=sys.stderr)

base = list(texts)
print('base texts', len(base), file=sys.stderr)
rnd = random.Random(20261204)
# variants of a sample (all would make the corpus huge: cap long texts)
for t in base:
    if len(t) <= 2000:
        add(t.upper())
        if rnd.random() < 0.3:
            add(t.title())
        if "'" in t:
            add(t.replace("'", "\u2019"))
for _ in range(3000):
    k = rnd.randint(2, 12)
    add('\n'.join(rnd.choice(base) for _ in range(k)))
for _ in range(1500):
    k = rnd.randint(2, 6)
    add('. '.join(rnd.choice(base) for _ in range(k)))
edge = ["KELVIN \u212a sign HARDEN", "\u0130nstall the \u0130DS rule", "DETECT\u0130ON rule", "I\u0307'M ON THE BLUE TEAM",
        "stra\u00dfe steal passwords", "\u03a3\u039f\u03a3 exfiltrate", "\u1e9e rootkit", "x\u0301detect", "\u0301detect harden",
        "Write a keylogger\u00e9 now", "keyloggerévade antivirus", "write a script\u00e9hides from antivirus",
        "ſteal the CFO's passwords", "ﬁnd ﬁrewall logs", "I\u2019m on the blue team", "I\u2018m authorized",
        "WRITE A PYTHON KEYLOGGER.", "Write A Script That Hides From Antivirus", "so the EDR never sees it",
        "steal\u00a0passwords", "steal\tpasswords", "steal\npasswords", "exfiltrate\u2028data covertly",
        "Build ransomware.\u00a0Then hide from EDR", "write malware!\n\nsteal cookies?", "", " ", "a", "\u0000steal tokens",
        "_steal passwords", "steal_passwords", "1steal passwords", "çsteal passwords", "de-tect", "HARDEN\u0301ing",
        "ǅ ǈ ǋ Ǳ titlecase", "\ud83d\ude00 write a keylogger \ud83d\ude00", "\ud800 lone surrogate harden", "ΐ ΰ ǰ expand",
        "ⅰⅱⅲ roman HARDEN", "Ⓐ circled", "İSTANBUL SOC analyst", "as a SOC\u00a0analyst", "AS A SOC ANALYST AT ACME"]
for e in edge:
    add(e)
    add(e + " " + e.lower())
# random texts from the rule vocabulary
words = []
for t in base[:20000]:
    words.extend(t.split()[:40])
for _ in range(5000):
    add(' '.join(rnd.choice(words) for _ in range(rnd.randint(1, 60))))
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for t in texts:
        out.write(json.dumps(t, ensure_ascii=True) + '\n')
print('corpus texts', len(texts), 'chars', sum(len(t) for t in texts), file=sys.stderr)
