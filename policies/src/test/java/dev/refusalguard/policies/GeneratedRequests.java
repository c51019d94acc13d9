package dev.refusalguard.policies;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generators for property tests: defender prose full of sensitive words interleaved with generated evidence of every
 * kind the rephraser must protect. Each generated request remembers where its evidence pieces are.
 */
final class GeneratedRequests {

    /** A piece of evidence at {@code [start, end)} of the generated text. */
    record Evidence(String kind, String text, int start, int end) {
    }

    /** A generated request and its evidence pieces in order. */
    record Request(String text, List<Evidence> evidence) {
        @Override
        public String toString() {
            return text;
        }
    }

    private record Segment(String kind, String text, boolean block) {
        boolean prose() {
            return kind == null;
        }
    }

    static final List<String> SENSITIVE = List.of("exploit", "exploits", "payload", "payloads", "shellcode", "reverse shell",
            "reverse-shell", "malware", "C2", "command and control", "command-and-control", "backdoor", "backdoors", "rootkit",
            "keylogger", "ransomware", "privilege escalation", "lateral movement", "exfiltration", "exfiltrate", "brute force",
            "brute-force", "phishing", "phishing emails", "hack", "hacked", "hackers", "attack", "attackers", "weaponize",
            "obfuscate", "obfuscated", "evasion", "evade", "persistence", "dropper", "droppers", "beacon", "beaconing",
            "trojan", "botnet", "zero-day", "bypass", "implant", "spyware", "malicious", "webshell", "credential dumping",
            "shell", "shells", "injection", "injected", "SQL injection", "credential theft", "escalate their privileges",
            "move laterally", "crack password hashes", "back door", "key-logger", "0-day", "spear-phishing",
            "ransomware-like", "exploit-based", "to exploit", "could exploit", "exploit the", "worm", "stager");

    private static final List<String> NEUTRAL = List.of("please", "review", "the", "our", "server", "team", "alert", "and",
            "explain", "why", "this", "sample", "looks", "suspicious", "we", "need", "to", "detect", "a", "an", "on", "host",
            "with", "for", "rule", "write", "summary", "logs", "traffic", "defend", "against", "from", "in", "its",
            "analyst", "handle", "incident", "quickly", "harden", "endpoint", "what", "does", "it", "do", "is", "of");

    private GeneratedRequests() {
    }

    static Arbitrary<Request> requests() {
        Arbitrary<Segment> segment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, prose()),
                net.jqwik.api.Tuple.of(5, inlineEvidence()),
                net.jqwik.api.Tuple.of(3, blockEvidence()));
        return Combinators.combine(prose(), segment.list().ofMinSize(1).ofMaxSize(14), prose())
                .as((first, middle, last) -> {
                    List<Segment> all = new ArrayList<>();
                    all.add(first);
                    all.addAll(middle);
                    all.add(last);
                    return assemble(all);
                });
    }

    static Arbitrary<String> proseOnly() {
        return prose().list().ofMinSize(1).ofMaxSize(6).map(list -> {
            StringBuilder b = new StringBuilder();
            for (Segment s : list) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(s.text());
            }
            return b.toString();
        });
    }

    private static Request assemble(List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        List<Evidence> evidence = new ArrayList<>();
        for (Segment s : segments) {
            if (s.block()) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                    b.append('\n');
                }
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                b.append(' ');
            }
            int start = b.length();
            b.append(s.text());
            if (!s.prose()) {
                evidence.add(new Evidence(s.kind(), s.text(), start, b.length()));
            }
            if (s.block()) {
                b.append('\n');
            }
        }
        return new Request(b.toString(), evidence);
    }

    // ---------------------------------------------------------------- prose

    private static Arbitrary<String> sensitiveWord() {
        return Combinators.combine(Arbitraries.of(SENSITIVE), Arbitraries.of(0, 0, 0, 1, 2))
                .as((w, style) -> switch (style) {
                    case 1 -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
                    case 2 -> w.toUpperCase(Locale.ROOT);
                    default -> w;
                });
    }

    private static Arbitrary<Segment> prose() {
        Arbitrary<String> word = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(NEUTRAL)),
                net.jqwik.api.Tuple.of(2, sensitiveWord()));
        Arbitrary<String> punctuated = Combinators.combine(word, Arbitraries.of("", "", "", "", ",", ".", "?", ";", ":"))
                .as((w, p) -> w + p);
        return punctuated.list().ofMinSize(1).ofMaxSize(12).map(words -> new Segment(null, String.join(" ", words), false));
    }

    // ---------------------------------------------------------------- evidence

    private static Arbitrary<String> lowerWord() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(SENSITIVE).map(s -> s.toLowerCase(Locale.ROOT).replace(' ', '-'))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8)));
    }

    private static Arbitrary<String> hex(int length) {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(length);
    }

    private static Arbitrary<Integer> octet() {
        return Arbitraries.integers().between(0, 255);
    }

    private static Arbitrary<Segment> inline(String kind, Arbitrary<String> text) {
        return text.map(t -> new Segment(kind, t, false));
    }

    private static Arbitrary<Segment> block(String kind, Arbitrary<String> text) {
        return text.map(t -> new Segment(kind, t, true));
    }

    private static Arbitrary<String> sensitivePhrase() {
        return Combinators.combine(sensitiveWord(), Arbitraries.of(NEUTRAL), sensitiveWord())
                .as((a, b, c) -> a + " " + b + " " + c);
    }

    private static Arbitrary<Segment> inlineEvidence() {
        return Arbitraries.oneOf(List.of(
                inline("inline_code", sensitivePhrase().map(p -> "`" + p + "`")),
                inline("url", Combinators.combine(Arbitraries.of("http", "https", "ftp", "hxxp"), lowerWord(), lowerWord(), lowerWord())
                        .as((s, h, p, q) -> s + "://" + h + ".example.com/" + p + "?id=" + q)),
                inline("email", Combinators.combine(lowerWord(), lowerWord()).as((u, d) -> u + "@" + d + ".example.org")),
                inline("domain", Combinators.combine(lowerWord(), Arbitraries.of("com", "net", "io", "ru", "example")).as((d, t) -> d + ".corp." + t)),
                inline("ipv4", Combinators.combine(octet(), octet(), octet(), octet()).as((a, b, c, d) -> a + "." + b + "." + c + "." + d)),
                inline("ipv4_cidr", Combinators.combine(octet(), octet(), Arbitraries.integers().between(8, 32)).as((a, b, m) -> "10." + a + "." + b + ".0/" + m)),
                inline("ipv6", Combinators.combine(hex(4), hex(4), hex(4)).as((a, b, c) -> "2001:db8:" + a + ":" + b + "::" + c)),
                inline("ipv6_full", hex(4).list().ofSize(8).map(l -> String.join(":", l))),
                inline("md5", hex(32)),
                inline("sha1", hex(40)),
                inline("sha256", hex(64)),
                inline("unix_path", Combinators.combine(Arbitraries.of("/var/log", "/tmp", "/etc", "~/.config", "./build"), lowerWord(), lowerWord())
                        .as((root, d, f) -> root + "/" + d + "/" + f + ".sh")),
                inline("windows_path", Combinators.combine(lowerWord(), lowerWord()).as((d, f) -> "C:\\Users\\Public\\" + d + "\\" + f + ".exe")),
                inline("unc_path", Combinators.combine(lowerWord(), lowerWord()).as((d, f) -> "\\\\fileserver\\" + d + "\\" + f + ".dll")),
                inline("registry_key", Combinators.combine(Arbitraries.of("HKLM", "HKCU", "HKEY_LOCAL_MACHINE"), lowerWord())
                        .as((h, k) -> h + "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\" + k)),
                inline("cve", Combinators.combine(Arbitraries.integers().between(1999, 2026), Arbitraries.integers().between(1000, 99999))
                        .as((y, n) -> "CVE-" + y + "-" + n)),
                inline("attack_id", Combinators.combine(Arbitraries.integers().between(1000, 1999), Arbitraries.integers().between(1, 20))
                        .as((t, s) -> "T" + t + "." + String.format(Locale.ROOT, "%03d", s))),
                inline("base64", Arbitraries.bytes().array(byte[].class).ofMinSize(30).ofMaxSize(90)
                        .map(bytes -> java.util.Base64.getEncoder().encodeToString(bytes))),
                inline("double_quoted", sensitivePhrase().map(p -> "\"" + p + "\"")),
                inline("single_quoted", sensitivePhrase().map(p -> "'" + p + "'")),
                inline("defanged", Combinators.combine(lowerWord(), Arbitraries.of("com", "net")).as((d, t) -> d + "[.]" + t)),
                inline("key_value", Combinators.combine(Arbitraries.of("action", "user", "threat", "rule"), lowerWord()).as((k, v) -> k + "=" + v))));
    }

    private static Arbitrary<Segment> blockEvidence() {
        return Arbitraries.oneOf(List.of(
                block("fenced_code", sensitivePhrase().list().ofMinSize(1).ofMaxSize(3)
                        .map(lines -> "```\n" + String.join("\n", lines) + "\n```")),
                block("iso_log_line", sensitivePhrase().map(p -> "2026-03-14T09:26:53Z web01 sshd[2211]: " + p)),
                block("syslog_line", sensitivePhrase().map(p -> "Mar 14 09:26:53 web01 kernel: " + p)),
                block("json_line", sensitivePhrase().map(p -> "{\"event\":\"" + p + "\",\"severity\":3}")),
                block("key_value_line", lowerWord().map(w -> "src=10.0.0.1 dst=10.0.0.2 action=" + w + " msg=" + w)),
                block("quote_line", sensitivePhrase().map(p -> "> " + p)),
                block("dollar_command", sensitivePhrase().map(p -> "$ echo " + p)),
                block("root_command", sensitivePhrase().map(p -> "# grep -r " + p)),
                block("powershell_command", sensitivePhrase().map(p -> "PS> Get-Process " + p)),
                block("cmd_command", sensitivePhrase().map(p -> "C:\\> findstr " + p)),
                block("binary_with_flags", sensitivePhrase().map(p -> "nmap -sV --script " + p)),
                block("indented_code", sensitivePhrase().map(p -> "    " + p))));
    }
}
