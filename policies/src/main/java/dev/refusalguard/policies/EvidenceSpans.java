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
    private static final Pattern FLAG = Pattern.compile("--?[A-Za-z0-9][\\w-]*(?:=\\S*)?|/[A-Za-z?]{1,3}");

    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?!`)[^\\n]*?(?<!`)\\1(?!`)");
    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]{1,15}://|www\\.|hxxps?\\[?:\\]?//)[^\\s<>\"'`]+");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|\\[@\\]|\\[at\\])[A-Za-z0-9-]+(?:(?:\\.|\\[\\.\\])[A-Za-z0-9-]+)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:\\d{1,3}(?:\\.|\\[\\.\\])){3}\\d{1,3}(?:/\\d{1,2})?(?::\\d{1,5})?(?![\\w])");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
                    + "|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)"
                    + "(?:/\\d{1,3})?(?![\\w:])");
    private static final Pattern HASH = Pattern.compile("(?<![\\w])(?:[0-9A-Fa-f]{16,})(?![\\w])");
    private static final Pattern UNIX_PATH = Pattern.compile(
            "(?<![\\w/\\\\:.~])(?:~|\\.{1,2})?/[\\w.@%+,:=-]+(?:/[\\w.@%+,:=-]*)*"
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
    private static final Pattern DEFANGED = Pattern.compile("(?<!\\S)\\S*?(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\[:\\]|hxxp)\\S*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(?<![\\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{1,23}(?::\\d{1,5})?(?![\\w-]|\\.[\\w-])");

    private static final Pattern KNOWN_BINARY = Pattern.compile("(?:" + KNOWN_BINARIES + ")");
    private static final java.util.Set<String> PLAIN_BINARIES = plainBinaries();

    private static java.util.Set<String> plainBinaries() {
        java.util.Set<String> set = new java.util.HashSet<>();
        for (String b : KNOWN_BINARIES.split("\\|")) {
            if (!b.contains("[")) {
                set.add(b.replace("\\.", "."));
            }
        }
        return java.util.Set.copyOf(set);
    }

    private EvidenceSpans() {
    }

    /** True when {@code word} is one of the command names whose use with a flag marks a command line. */
    public static boolean isKnownBinary(String word) {
        if (PLAIN_BINARIES.contains(word)) {
            return true;
        }
        int dash = word.indexOf('-');
        return dash > 2 && dash < 7 && word.length() > dash + 1 && Character.isUpperCase(word.charAt(0))
                && KNOWN_BINARY.matcher(word).matches();
    }

    /** Returns the protected regions of {@code text}, sorted by start, non-overlapping, adjacent ones merged. */
    public static List<EvidenceSpan> find(String text) {
        List<EvidenceSpan> raw = new ArrayList<>();
        linePass(text, raw);
        if (text.indexOf('`') >= 0) {
            inline(text, INLINE_CODE, EvidenceKind.INLINE_CODE, raw);
        }
        if (text.indexOf('"') >= 0 || text.indexOf('\'') >= 0 || text.indexOf('\u201c') >= 0) {
            inline(text, QUOTED_STRING, EvidenceKind.QUOTED_STRING, raw);
        }
        if (text.indexOf('=') >= 0) {
            inline(text, KEY_VALUE, EvidenceKind.KEY_VALUE, raw);
        }
        tokenPass(text, raw);
        return merge(raw);
    }

    /**
     * Indicators never contain whitespace, so they are searched token by token, and only in tokens holding a
     * character an indicator needs (most prose words hold none). Transparent bounds keep the patterns' look-arounds
     * seeing the whole text, so results equal a whole-text search.
     */
    private static void tokenPass(String text, List<EvidenceSpan> out) {
        TokenPatterns patterns = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            int flags = 0;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                flags |= charFlags(text.charAt(i));
                i++;
            }
            if (start == i || (flags == 0 && i - start < 16)) {
                continue;
            }
            if (patterns == null) {
                patterns = new TokenPatterns(text);
            }
            patterns.scan(start, i, flags, out);
        }
    }

    private static final int DOT = 1;
    private static final int COLON = 2;
    private static final int SLASH = 4;
    private static final int BACKSLASH = 8;
    private static final int AT = 16;
    private static final int DIGIT = 32;
    private static final int BRACKET = 64;
    private static final int PERCENT = 128;

    private static int charFlags(char c) {
        return switch (c) {
            case '.' -> DOT;
            case ':' -> COLON;
            case '/' -> SLASH;
            case '\\' -> BACKSLASH;
            case '@' -> AT;
            case '[', '(', '{' -> BRACKET;
            case '%' -> PERCENT;
            default -> c >= '0' && c <= '9' ? DIGIT : 0;
        };
    }

    /** Matchers over one text, reused for every token of it. */
    private static final class TokenPatterns {
        private final String text;
        private final Matcher url;
        private final Matcher email;
        private final Matcher ipv4;
        private final Matcher ipv6;
        private final Matcher hash;
        private final Matcher registry;
        private final Matcher windowsPath;
        private final Matcher unixPath;
        private final Matcher cve;
        private final Matcher attackId;
        private final Matcher base64;
        private final Matcher defanged;
        private final Matcher domain;

        TokenPatterns(String text) {
            this.text = text;
            url = URL.matcher(text);
            email = EMAIL.matcher(text);
            ipv4 = IPV4.matcher(text);
            ipv6 = IPV6.matcher(text);
            hash = HASH.matcher(text);
            registry = REGISTRY_KEY.matcher(text);
            windowsPath = WINDOWS_PATH.matcher(text);
            unixPath = UNIX_PATH.matcher(text);
            cve = CVE.matcher(text);
            attackId = ATTACK_ID.matcher(text);
            base64 = BASE64.matcher(text);
            defanged = DEFANGED.matcher(text);
            domain = DOMAIN.matcher(text);
        }

        void scan(int start, int end, int flags, List<EvidenceSpan> out) {
            boolean defang = (flags & BRACKET) != 0 || regionContainsIgnoreCase(start, end, "hxxp");
            if ((flags & (COLON | DOT)) != 0 || defang) {
                region(url, start, end, EvidenceKind.URL, true, out);
            }
            if ((flags & AT) != 0 || (flags & BRACKET) != 0) {
                region(email, start, end, EvidenceKind.EMAIL, false, out);
            }
            if ((flags & DIGIT) != 0) {
                if ((flags & (DOT | BRACKET)) != 0) {
                    region(ipv4, start, end, EvidenceKind.IPV4, false, out);
                }
                region(cve, start, end, EvidenceKind.CVE_ID, false, out);
                region(attackId, start, end, EvidenceKind.ATTACK_ID, false, out);
            }
            if ((flags & COLON) != 0) {
                region(ipv6, start, end, EvidenceKind.IPV6, false, out);
            }
            if (end - start >= 16) {
                region(hash, start, end, EvidenceKind.HASH, false, out);
            }
            if ((flags & BACKSLASH) != 0) {
                region(registry, start, end, EvidenceKind.REGISTRY_KEY, true, out);
            }
            if ((flags & (BACKSLASH | PERCENT)) != 0) {
                region(windowsPath, start, end, EvidenceKind.WINDOWS_PATH, true, out);
            }
            if ((flags & SLASH) != 0) {
                region(unixPath, start, end, EvidenceKind.UNIX_PATH, true, out);
            }
            if (end - start >= 20) {
                base64.region(start, end);
                while (base64.find()) {
                    addBase64(text, base64.start(), base64.end(), out);
                }
            }
            if (defang) {
                region(defanged, start, end, EvidenceKind.DEFANGED_INDICATOR, false, out);
            }
            if ((flags & DOT) != 0) {
                region(domain, start, end, EvidenceKind.DOMAIN, false, out);
            }
        }

        private boolean regionContainsIgnoreCase(int start, int end, String needle) {
            for (int k = start; k + needle.length() <= end; k++) {
                if (text.regionMatches(true, k, needle, 0, needle.length())) {
                    return true;
                }
            }
            return false;
        }

        private void region(Matcher m, int start, int end, EvidenceKind kind, boolean trim, List<EvidenceSpan> out) {
            m.region(start, end);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            while (m.find()) {
                add(text, m.start(), m.end(), kind, trim, out);
            }
        }
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
                        int command = commandStart(line);
                        if (command >= 0) {
                            out.add(new EvidenceSpan(EvidenceKind.COMMAND_LINE, lineStart + command, lineEnd));
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

    /**
     * Offset of the first whitespace-separated token that is a known binary followed by a flag (directly or after
     * one argument), or -1.
     */
    private static int commandStart(String line) {
        int n = line.length();
        int i = 0;
        int[] starts = new int[3];
        int[] ends = new int[3];
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) > ' ') {
                i++;
            }
            if (start < i && isKnownBinary(line.substring(start, i))) {
                int found = 0;
                int k = i;
                while (found < 2 && k < n) {
                    while (k < n && line.charAt(k) <= ' ') {
                        k++;
                    }
                    int s = k;
                    while (k < n && line.charAt(k) > ' ') {
                        k++;
                    }
                    if (s == k) {
                        break;
                    }
                    starts[found] = s;
                    ends[found] = k;
                    found++;
                }
                for (int t = 0; t < found; t++) {
                    if (FLAG.matcher(line).region(starts[t], ends[t]).matches()) {
                        return start;
                    }
                }
            }
        }
        return -1;
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
            add(text, m.start(), m.end(), kind, trimTrailingPunctuation, out);
        }
    }

    private static void add(String text, int start, int matchEnd, EvidenceKind kind, boolean trimTrailingPunctuation,
                            List<EvidenceSpan> out) {
        int end = matchEnd;
        if (trimTrailingPunctuation) {
            while (end > start + 1 && ".,;:!?)]}".indexOf(text.charAt(end - 1)) >= 0
                    && !balancedClose(text, start, end)) {
                end--;
            }
        }
        if (end > start) {
            out.add(new EvidenceSpan(kind, start, end));
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

    private static void addBase64(String text, int start, int end, List<EvidenceSpan> out) {
        boolean marked = false;
        for (int i = start; i < end && !marked; i++) {
            char c = text.charAt(i);
            marked = Character.isDigit(c) || c == '+' || c == '/' || c == '=';
        }
        if (marked || end - start >= 40) {
            out.add(new EvidenceSpan(EvidenceKind.BASE64, start, end));
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
