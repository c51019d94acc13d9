package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the regions of a request that are the agent's evidence and must never be rewritten.
 *
 * <p>Two passes. The line pass walks the text line by line: fenced code blocks (``` or ~~~, an unclosed fence
 * runs to the end), indented code (tab or four spaces), quoted lines ({@code >}), log lines (timestamps, syslog
 * headers, JSON objects, two or more key=value pairs, bracketed levels) and command lines (prompts {@code $},
 * {@code #}, {@code PS>}, {@code C:\>}, or a known binary followed by a flag, from the binary to the end of the
 * line) are protected whole. The inline pass protects indicators anywhere: inline code, URLs, e-mail addresses,
 * IPv4/IPv6 addresses, hashes, Unix and Windows paths, registry keys, CVE and ATT&amp;CK ids, base64 blobs,
 * quoted strings, defanged indicators and domains. Overlapping regions are merged. The rules are deliberately
 * generous: a word wrongly protected is merely not rephrased, a word wrongly rewritten would alter evidence.
 *
 * <p>Stateless and thread-safe.
 */
public final class EvidenceSpans {

    private static final String KNOWN_BINARIES = String.join("|",
            "sudo", "nmap", "masscan", "curl", "wget", "nc", "ncat", "netcat", "socat", "powershell", "pwsh",
            "powershell\\.exe", "cmd", "cmd\\.exe", "python", "python3", "perl", "ruby", "bash", "sh", "zsh", "ssh",
            "scp", "rsync", "grep", "egrep", "rg", "awk", "sed", "jq", "tcpdump", "tshark", "wireshark", "zeek",
            "suricata", "snort", "iptables", "ip6tables", "nft", "ufw", "firewall-cmd", "systemctl", "journalctl",
            "auditctl", "ausearch", "aureport", "chmod", "chown", "chattr", "find", "ls", "cat", "tail", "head",
            "docker", "kubectl", "helm", "openssl", "gpg", "certutil", "reg", "reg\\.exe", "netsh", "schtasks",
            "wmic", "sc", "sc\\.exe", "net", "net\\.exe", "msfconsole", "msfvenom", "hydra", "john", "hashcat",
            "sqlmap", "nikto", "gobuster", "ffuf", "volatility", "vol", "vol\\.py", "yara", "strings", "objdump",
            "readelf", "gdb", "radare2", "r2", "ps", "kill", "lsof", "netstat", "ss", "dig", "nslookup", "host",
            "whois", "git", "apt", "apt-get", "yum", "dnf", "pip", "pip3", "npm", "java", "mvn", "rundll32",
            "regsvr32", "mshta", "bitsadmin", "vssadmin", "wevtutil", "icacls", "takeown", "sysmon", "osqueryi",
            "auditpol", "gpupdate", "setfacl", "getfacl", "mount", "umount", "crontab", "useradd", "usermod",
            "passwd", "semanage", "setenforce", "sigma", "chainsaw", "hayabusa", "velociraptor", "trivy", "grype",
            "lynis", "openvas", "nuclei", "zgrab", "hping3", "arp", "ip", "ifconfig", "route", "traceroute",
            "ping", "base64", "xxd", "hexdump", "file", "sha256sum", "sha1sum", "md5sum", "Get-[A-Za-z]+",
            "Set-[A-Za-z]+", "Invoke-[A-Za-z]+", "New-[A-Za-z]+", "Remove-[A-Za-z]+", "Start-[A-Za-z]+",
            "Stop-[A-Za-z]+", "Add-[A-Za-z]+");

    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern INDENTED = Pattern.compile("^(?:\\t| {4,})\\S");
    private static final Pattern QUOTED_LINE = Pattern.compile("^\\s*>");
    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\s*(?:"
                    + "\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}"                           // ISO timestamp
                    + "|\\[?\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}"                      // common log format
                    + "|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2} \\d{2}:\\d{2}:\\d{2}" // syslog
                    + "|<\\d{1,3}>\\d?"                                                       // syslog priority
                    + "|\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\]?\\s"                         // time of day
                    + "|\\d{10}(?:\\.\\d+)?\\s"                                               // epoch seconds
                    + "|\\[(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|ALERT|FATAL)\\]"
                    + "|(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRIT|CRITICAL|FATAL)[: ]"
                    + "|\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}"
                    + "|\\d{1,2}/\\d{1,2}/\\d{4},? \\d{1,2}:\\d{2}"
                    + ")");
    private static final Pattern JSON_LINE = Pattern.compile("^\\s*(?:\\{.*\\}|\\[.*\\])\\s*,?\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("(?<![\\w.-])[A-Za-z_][\\w.-]*=(?:\"[^\"]*\"|'[^']*'|[^\\s,;]+)");
    private static final Pattern PROMPT_LINE = Pattern.compile(
            "^\\s*(?:\\$ |\\$$|# |#!|PS>|PS [A-Za-z]:\\\\[^>\\n]*>|[A-Za-z]:\\\\[^>\\n]*>|>>> |mysql> |sqlite> |\\w+@[\\w.-]+:[^$#\\n]*[$#] )");
    private static final Pattern BINARY_WITH_FLAGS = Pattern.compile(
            "(?<![\\w./\\\\-])(?:" + KNOWN_BINARIES + ")(?: +(?:[^\\s-][^\\s]*))?? +(?:--?[A-Za-z0-9][\\w-]*|/[A-Za-z?]{1,3}\\b)[^\\n]*");

    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?!`)[^\\n]*?(?<!`)\\1(?!`)");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:[a-z][a-z0-9+.-]{1,15}://|www\\.|hxxps?\\[?:\\]?//)[^\\s<>\"'`]+");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+(?:@|\\[@\\]|\\[at\\])[A-Za-z0-9-]+(?:(?:\\.|\\[\\.\\])[A-Za-z0-9-]+)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:\\d{1,3}(?:\\.|\\[\\.\\])){3}\\d{1,3}(?:/\\d{1,2})?(?::\\d{1,5})?(?![\\w])");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
                    + "|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)"
                    + "(?:/\\d{1,3})?(?![\\w:])");
    private static final Pattern HASH = Pattern.compile("(?<![\\w])(?:[0-9A-Fa-f]{16,})(?![\\w])");
    private static final Pattern UNIX_PATH = Pattern.compile(
            "(?<![\\w/\\\\:.~])(?:~|\\.{1,2})?/(?:[\\w.@%+,:=-]+/?)+"
                    + "|(?<![\\w/\\\\.-])[\\w.-]+/[\\w.-]+/[\\w./-]*");
    private static final Pattern WINDOWS_PATH = Pattern.compile(
            "(?<![\\w])[A-Za-z]:\\\\[^\\s\"'<>|*?]*"
                    + "|\\\\\\\\[\\w.$-]+\\\\[^\\s\"'<>|*?]*"
                    + "|%[A-Za-z_]+%\\\\?[^\\s\"'<>|*?]*");
    private static final Pattern REGISTRY_KEY = Pattern.compile(
            "(?<![\\w])(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+)(?::)?(?:\\\\[^\\s\"'<>|]*)?");
    private static final Pattern CVE = Pattern.compile("(?i)(?<![\\w-])CVE-\\d{4}-\\d{4,}(?![\\w])");
    private static final Pattern ATTACK_ID = Pattern.compile(
            "(?<![\\w.])(?:T\\d{4}(?:\\.\\d{3})?|TA\\d{4}|[SGMCD]\\d{4})(?![\\w])");
    private static final Pattern BASE64 = Pattern.compile("(?<![\\w+/=])[A-Za-z0-9+/]{20,}={0,2}(?![\\w+/=])");
    private static final Pattern QUOTED_STRING = Pattern.compile(
            "\"[^\"\\n]+\"|\u201c[^\u201d\\n]+\u201d|(?<![\\p{L}\\p{N}])'[^'\\n]+'(?![\\p{L}\\p{N}])");
    private static final Pattern DEFANGED = Pattern.compile("\\S*(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\[:\\]|hxxp)\\S*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(?<![\\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{1,23}(?::\\d{1,5})?(?![\\w-]|\\.[\\w-])");

    private static final Pattern KNOWN_BINARY = Pattern.compile("(?:" + KNOWN_BINARIES + ")");

    private EvidenceSpans() {
    }

    /** True when {@code word} is one of the command names whose use with a flag marks a command line. */
    public static boolean isKnownBinary(String word) {
        return KNOWN_BINARY.matcher(word).matches();
    }

    /** Returns the protected regions of {@code text}, sorted by start, non-overlapping, adjacent ones merged. */
    public static List<EvidenceSpan> find(String text) {
        List<EvidenceSpan> raw = new ArrayList<>();
        linePass(text, raw);
        inline(text, INLINE_CODE, EvidenceKind.INLINE_CODE, raw);
        inline(text, URL, EvidenceKind.URL, raw, true);
        inline(text, EMAIL, EvidenceKind.EMAIL, raw);
        inline(text, IPV4, EvidenceKind.IPV4, raw);
        inline(text, IPV6, EvidenceKind.IPV6, raw);
        inline(text, HASH, EvidenceKind.HASH, raw);
        inline(text, REGISTRY_KEY, EvidenceKind.REGISTRY_KEY, raw, true);
        inline(text, WINDOWS_PATH, EvidenceKind.WINDOWS_PATH, raw, true);
        inline(text, UNIX_PATH, EvidenceKind.UNIX_PATH, raw, true);
        inline(text, CVE, EvidenceKind.CVE_ID, raw);
        inline(text, ATTACK_ID, EvidenceKind.ATTACK_ID, raw);
        base64(text, raw);
        inline(text, QUOTED_STRING, EvidenceKind.QUOTED_STRING, raw);
        inline(text, DEFANGED, EvidenceKind.DEFANGED_INDICATOR, raw);
        inline(text, KEY_VALUE, EvidenceKind.KEY_VALUE, raw);
        inline(text, DOMAIN, EvidenceKind.DOMAIN, raw);
        return merge(raw);
    }

    /** True when {@code [from, to)} overlaps any of {@code spans} (sorted, as returned by {@link #find}). */
    public static boolean overlapsAny(List<EvidenceSpan> spans, int from, int to) {
        int lo = 0;
        int hi = spans.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            EvidenceSpan s = spans.get(mid);
            if (s.end() <= from) {
                lo = mid + 1;
            } else if (s.start() >= to) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static void linePass(String text, List<EvidenceSpan> out) {
        int length = text.length();
        int lineStart = 0;
        String fence = null;
        int fenceStart = 0;
        while (lineStart <= length) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? length : newline;
            String line = text.substring(lineStart, lineEnd);
            if (fence != null) {
                if (closesFence(line, fence)) {
                    out.add(new EvidenceSpan(EvidenceKind.FENCED_CODE, fenceStart, lineEnd));
                    fence = null;
                }
            } else {
                Matcher open = FENCE_OPEN.matcher(line);
                if (open.find()) {
                    fence = open.group(1);
                    fenceStart = lineStart;
                } else {
                    EvidenceKind kind = classifyLine(line);
                    if (kind != null) {
                        out.add(new EvidenceSpan(kind, lineStart, lineEnd));
                    } else {
                        Matcher command = BINARY_WITH_FLAGS.matcher(line);
                        if (command.find()) {
                            out.add(new EvidenceSpan(EvidenceKind.COMMAND_LINE, lineStart + command.start(), lineEnd));
                        }
                    }
                }
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        if (fence != null) {
            out.add(new EvidenceSpan(EvidenceKind.FENCED_CODE, fenceStart, length));
        }
    }

    private static boolean closesFence(String line, String fence) {
        String trimmed = line.strip();
        if (!trimmed.startsWith(fence)) {
            return false;
        }
        for (int i = fence.length(); i < trimmed.length(); i++) {
            if (trimmed.charAt(i) != fence.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private static EvidenceKind classifyLine(String line) {
        if (line.isBlank()) {
            return null;
        }
        if (INDENTED.matcher(line).find()) {
            return EvidenceKind.INDENTED_CODE;
        }
        if (QUOTED_LINE.matcher(line).find()) {
            return EvidenceKind.QUOTED_LINE;
        }
        if (PROMPT_LINE.matcher(line).find()) {
            return EvidenceKind.COMMAND_LINE;
        }
        if (LOG_LINE.matcher(line).find() || JSON_LINE.matcher(line).matches()) {
            return EvidenceKind.LOG_LINE;
        }
        Matcher kv = KEY_VALUE.matcher(line);
        int pairs = 0;
        while (kv.find()) {
            if (++pairs >= 2) {
                return EvidenceKind.LOG_LINE;
            }
        }
        return null;
    }

    private static void inline(String text, Pattern pattern, EvidenceKind kind, List<EvidenceSpan> out) {
        inline(text, pattern, kind, out, false);
    }

    private static void inline(String text, Pattern pattern, EvidenceKind kind, List<EvidenceSpan> out,
                               boolean trimTrailingPunctuation) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int end = m.end();
            if (trimTrailingPunctuation) {
                while (end > m.start() + 1 && ".,;:!?)]}".indexOf(text.charAt(end - 1)) >= 0
                        && !balancedClose(text, m.start(), end)) {
                    end--;
                }
            }
            if (end > m.start()) {
                out.add(new EvidenceSpan(kind, m.start(), end));
            }
        }
    }

    /** A closing bracket that closes one opened inside the match belongs to the indicator. */
    private static boolean balancedClose(String text, int start, int end) {
        char last = text.charAt(end - 1);
        char open = switch (last) {
            case ')' -> '(';
            case ']' -> '[';
            case '}' -> '{';
            default -> 0;
        };
        if (open == 0) {
            return false;
        }
        int depth = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == last) {
                depth--;
            }
        }
        return depth == 0;
    }

    private static void base64(String text, List<EvidenceSpan> out) {
        Matcher m = BASE64.matcher(text);
        while (m.find()) {
            String s = m.group();
            boolean marked = false;
            for (int i = 0; i < s.length() && !marked; i++) {
                char c = s.charAt(i);
                marked = Character.isDigit(c) || c == '+' || c == '/' || c == '=';
            }
            if (marked || s.length() >= 40) {
                out.add(new EvidenceSpan(EvidenceKind.BASE64, m.start(), m.end()));
            }
        }
    }

    private static List<EvidenceSpan> merge(List<EvidenceSpan> raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        raw.sort(Comparator.comparingInt(EvidenceSpan::start).thenComparing(s -> -s.end()));
        List<EvidenceSpan> merged = new ArrayList<>(raw.size());
        EvidenceSpan current = raw.get(0);
        for (int i = 1; i < raw.size(); i++) {
            EvidenceSpan next = raw.get(i);
            if (next.start() <= current.end()) {
                if (next.end() > current.end()) {
                    current = new EvidenceSpan(current.kind(), current.start(), next.end());
                }
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return List.copyOf(merged);
    }
}
