package dev.refusalguard.policies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The strings a match of a regular expression can start with, derived from the expression: a set S of strings of
 * at most {@code k} chars such that every match m of the expression (at any position of any text) starts with some
 * s in S (s is m's first k chars, or all of m when m is shorter). So {@link #mayStartAt} — does the text continue
 * with one of S at this position? — is a sound test before an anchored attempt there: when it says no, no match
 * starts there.
 *
 * <p>Derivation: the expression is read as a language of strings; zero-width constructs ({@code \b}, {@code \B},
 * {@code ^}, {@code $}, look-arounds) count as the empty string, which can only add strings to S, never remove the
 * start of a real match. Supported syntax: literals and escaped literals, {@code \w \d \s}, character classes
 * without negation, nesting or intersection, groups (capturing, {@code (?:)}, named, atomic), alternation, and the
 * quantifiers {@code ? * + {m} {m,} {m,n}} (greedy, lazy or possessive). Anything else — flags, back-references,
 * {@code .}, negated classes, {@code \p}, ... — where it decides the first k chars makes the derivation fall back to
 * a shorter k (down to 1 char) or give up ({@link #of} returns null: try every position). k starts at
 * {@value #MAX_LENGTH}; a set larger than {@value #MAX_STRINGS} strings also shortens k.
 */
final class MatchPrefixes {

    static final int MAX_LENGTH = 4;
    static final int MAX_STRINGS = 512;

    private final String[][] byFirstAscii = new String[128][];
    /** Per ASCII first char: the ASCII second chars of its strings as a 128-bit mask, or null to check them all. */
    private final long[][] secondAscii = new long[128][];
    private final Map<Character, String[]> byFirstOther = new HashMap<>();
    private final Set<String> strings;

    private MatchPrefixes(Set<String> strings) {
        this.strings = Set.copyOf(strings);
        Map<Character, List<String>> groups = new HashMap<>();
        for (String s : strings) {
            groups.computeIfAbsent(s.charAt(0), c -> new ArrayList<>()).add(s);
        }
        groups.forEach((c, list) -> {
            String[] arr = list.toArray(new String[0]);
            if (c < 128) {
                byFirstAscii[c] = arr;
                secondAscii[c] = secondCharMask(arr);
            } else {
                byFirstOther.put(c, arr);
            }
        });
    }

    private static long[] secondCharMask(String[] strings) {
        long[] mask = new long[2];
        for (String s : strings) {
            if (s.length() < 2 || s.charAt(1) >= 128) {
                return null;
            }
            mask[s.charAt(1) >>> 6] |= 1L << s.charAt(1);
        }
        return mask;
    }

    /** The prefixes of {@code pattern}'s matches, or null when they cannot be derived (or a match may be empty). */
    static MatchPrefixes of(Pattern pattern) {
        if (pattern.flags() != 0) {
            return null;
        }
        for (int k = MAX_LENGTH; k >= 1; k--) {
            try {
                Set<String> s = new Parser(pattern.pattern(), k).parse();
                return s.contains("") ? null : new MatchPrefixes(s);
            } catch (TooMany e) {
                // a shorter prefix may stay within bounds
            } catch (Unsupported e) {
                return null;
            }
        }
        return null;
    }

    /** Whether a match may start at {@code at} of {@code text}: the text continues there with one of the strings. */
    boolean mayStartAt(CharSequence text, int at) {
        char c = text.charAt(at);
        String[] candidates = c < 128 ? byFirstAscii[c] : byFirstOther.get(c);
        if (candidates == null) {
            return false;
        }
        long[] second = c < 128 ? secondAscii[c] : null;
        if (second != null) {
            // every string has an ASCII second char: one bit test rejects most positions
            if (at + 1 >= text.length()) {
                return false;
            }
            char c1 = text.charAt(at + 1);
            if (c1 >= 128 || (second[c1 >>> 6] & (1L << c1)) == 0) {
                return false;
            }
        }
        for (String s : candidates) {
            if (startsWith(text, s, at)) {
                return true;
            }
        }
        return false;
    }

    /** The derived strings (for tests). */
    Set<String> strings() {
        return strings;
    }

    private static boolean startsWith(CharSequence text, String s, int at) {
        if (at + s.length() > text.length()) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (text.charAt(at + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The set would exceed {@link #MAX_STRINGS} at this prefix length. */
    private static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    /** Syntax the derivation does not model. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * Recursive descent over the expression, computing for each part the set of its strings cut to {@code k} chars.
     * A string of k chars is "saturated": whatever follows cannot change it. Once every string of a sequence is
     * saturated, the rest of the sequence is only checked for syntax ({@code live} false).
     */
    private static final class Parser {
        private final String re;
        private final int k;
        private int pos;

        Parser(String re, int k) {
            this.re = re;
            this.k = k;
        }

        Set<String> parse() {
            Set<String> s = alternation(true, k);
            if (pos != re.length()) {
                throw new Unsupported();
            }
            return s;
        }

        private Set<String> alternation(boolean live, int limit) {
            Set<String> out = new LinkedHashSet<>(sequence(live, limit));
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                out.addAll(sequence(live, limit));
                bound(out);
            }
            return out;
        }

        private Set<String> sequence(boolean live, int limit) {
            Set<String> acc = Set.of("");
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                boolean open = live && shortest(acc) < limit;
                // the atom's strings matter only up to what the shortest string so far leaves of the limit
                Set<String> atom = atom(open, open ? limit - shortest(acc) : limit);
                Set<String> next = quantified(acc, atom, open, limit);
                if (open) {
                    acc = next;
                }
            }
            return acc;
        }

        private static int shortest(Set<String> s) {
            int min = Integer.MAX_VALUE;
            for (String x : s) {
                min = Math.min(min, x.length());
            }
            return min;
        }

        private Set<String> atom(boolean live, int limit) {
            char c = re.charAt(pos++);
            switch (c) {
                case '(':
                    return group(live, limit);
                case '[':
                    return charClass(live);
                case '\\':
                    return escape(live);
                case '^':
                case '$':
                    return Set.of("");
                case '.':
                    if (live) {
                        throw new TooMany();
                    }
                    return Set.of("");
                case '?':
                case '*':
                case '+':
                case '{':
                case ')':
                case ']':
                    throw new Unsupported();
                default:
                    if (Character.isSurrogate(c)) {
                        throw new Unsupported(); // a quantifier would apply to the whole code point
                    }
                    return Set.of(String.valueOf(c));
            }
        }

        private Set<String> group(boolean live, int limit) {
            boolean zeroWidth = false;
            if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
                pos += 2;
            } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                pos += 2;
                zeroWidth = true;
            } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                pos += 3;
                zeroWidth = true;
            } else if (re.startsWith("?<", pos)) {
                int close = re.indexOf('>', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else if (pos < re.length() && re.charAt(pos) == '?') {
                throw new Unsupported(); // inline flags and other special groups
            }
            Set<String> inner = alternation(live && !zeroWidth, limit);
            if (pos >= re.length() || re.charAt(pos) != ')') {
                throw new Unsupported();
            }
            pos++;
            return zeroWidth ? Set.of("") : inner;
        }

        private Set<String> escape(boolean live) {
            if (pos >= re.length()) {
                throw new Unsupported();
            }
            char e = re.charAt(pos++);
            switch (e) {
                case 'b':
                case 'B':
                case 'A':
                case 'z':
                case 'Z':
                case 'G':
                    return Set.of("");
                case 'w':
                case 'd':
                case 's':
                    return live ? chars(classEscape(e)) : Set.of("");
                case 'W':
                case 'D':
                case 'S':
                    if (live) {
                        throw new TooMany();
                    }
                    return Set.of("");
                case 'n':
                    return Set.of("\n");
                case 't':
                    return Set.of("\t");
                case 'r':
                    return Set.of("\r");
                case 'f':
                    return Set.of("\f");
                default:
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported(); // property, hex, unicode and quoting escapes, back-references, ...
                    }
                    return Set.of(String.valueOf(e));
            }
        }

        private static String classEscape(char e) {
            switch (e) {
                case 'w':
                    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
                case 'd':
                    return "0123456789";
                default:
                    return " \t\n\u000b\f\r";
            }
        }

        private Set<String> charClass(boolean live) {
            if (pos < re.length() && re.charAt(pos) == '^') {
                pos++;
                skipClassBody();
                if (live) {
                    throw new TooMany();
                }
                return Set.of("");
            }
            StringBuilder members = new StringBuilder();
            boolean first = true;
            while (true) {
                if (pos >= re.length()) {
                    throw new Unsupported();
                }
                char c = re.charAt(pos++);
                if (c == ']' && !first) {
                    break;
                }
                if (c == '[' || c == ']' || (c == '&' && pos < re.length() && re.charAt(pos) == '&')) {
                    throw new Unsupported();
                }
                first = false;
                if (c == '\\') {
                    char e = pos < re.length() ? re.charAt(pos++) : 0;
                    if (e == 'w' || e == 'd' || e == 's') {
                        members.append(classEscape(e));
                        continue;
                    }
                    c = switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'f' -> '\f';
                        default -> {
                            if (e == 0 || Character.isLetterOrDigit(e)) {
                                throw new Unsupported();
                            }
                            yield e;
                        }
                    };
                }
                if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    char hi = re.charAt(pos + 1);
                    if (hi == '\\' || hi == '[' || hi < c) {
                        throw new Unsupported();
                    }
                    pos += 2;
                    for (char x = c; x <= hi; x++) {
                        members.append(x);
                        if (x == Character.MAX_VALUE) {
                            break;
                        }
                    }
                } else {
                    members.append(c);
                }
            }
            for (int i = 0; i < members.length(); i++) {
                if (Character.isSurrogate(members.charAt(i))) {
                    throw new Unsupported();
                }
            }
            return live ? chars(members.toString()) : Set.of("");
        }

        private void skipClassBody() {
            boolean first = true;
            while (pos < re.length()) {
                char c = re.charAt(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == '[') {
                    throw new Unsupported();
                } else if (c == ']' && !first) {
                    return;
                }
                first = false;
            }
            throw new Unsupported();
        }

        private Set<String> chars(String members) {
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < members.length(); i++) {
                out.add(String.valueOf(members.charAt(i)));
            }
            return bound(out);
        }

        /** {@code acc} followed by the atom, with the quantifier following the atom if any. */
        private Set<String> quantified(Set<String> acc, Set<String> atom, boolean live, int limit) {
            if (pos >= re.length()) {
                return live ? concat(acc, atom, limit) : acc;
            }
            char q = re.charAt(pos);
            int min;
            int max;
            if (q == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (q == '*') {
                min = 0;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (q == '+') {
                min = 1;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (q == '{') {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = re.substring(pos + 1, close);
                try {
                    int comma = body.indexOf(',');
                    if (comma < 0) {
                        min = max = Integer.parseInt(body);
                    } else {
                        min = Integer.parseInt(body.substring(0, comma));
                        max = comma == body.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(body.substring(comma + 1));
                    }
                } catch (NumberFormatException e) {
                    throw new Unsupported();
                }
                if (min < 0 || max < min) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else {
                return live ? concat(acc, atom, limit) : acc;
            }
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++; // lazy or possessive: the same strings or fewer
            }
            return live ? repeat(acc, atom, min, max, limit) : acc;
        }

        /**
         * Union of acc atom^r for r in [min, max], cut to k chars. Repetitions beyond max(min, k) add nothing cut to
         * k chars: with non-empty repeats the first k saturate, and empty ones can be dropped.
         */
        private Set<String> repeat(Set<String> acc, Set<String> atom, int min, int max, int limit) {
            int last = Math.min(max, Math.max(min, limit));
            Set<String> out = new LinkedHashSet<>();
            Set<String> power = acc;
            for (int r = 0; r <= last; r++) {
                if (r >= min) {
                    out.addAll(power);
                    bound(out);
                }
                if (r < last) {
                    power = concat(power, atom, limit);
                }
            }
            return out;
        }

        private static Set<String> concat(Set<String> a, Set<String> b, int limit) {
            Set<String> out = new LinkedHashSet<>();
            for (String x : a) {
                if (x.length() >= limit) {
                    out.add(x);
                    continue;
                }
                for (String y : b) {
                    String xy = x + y;
                    out.add(xy.length() > limit ? xy.substring(0, limit) : xy);
                }
                bound(out);
            }
            return out;
        }

        private static Set<String> bound(Set<String> s) {
            if (s.size() > MAX_STRINGS) {
                throw new TooMany();
            }
            return s;
        }
    }
}
