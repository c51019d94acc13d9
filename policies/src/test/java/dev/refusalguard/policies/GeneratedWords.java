package dev.refusalguard.policies;

import java.util.List;
import java.util.Random;

/** Random lower-case texts dense with the rule expressions' words, separators and awkward characters (for tests). */
final class GeneratedWords {

    private static final List<String> WORDS = List.of("write", "build", "a", "the", "keylogger", "ransomware", "script",
            "that", "hides", "from", "antivirus", "evades", "edr", "bypasses", "amsi", "without", "triggering", "alerts",
            "being", "detected", "so", "soc", "never", "sees", "it", "steal", "stealing", "harvest", "passwords",
            "cookies", "credentials", "exfiltrate", "exfiltrates", "exfil", "covertly", "quietly", "data", "detect",
            "detects", "harden", "not", "n't", "can't", "never", "block", "blocking", "monitor", "for", "hunt",
            "lock", "down", "alert", "on", "respond", "to", "guard", "against", "defenses", "i'm", "i", "am", "we",
            "are", "authorized", "blue", "team", "as", "an", "analyst", "rules", "of", "engagement", "own", "servers",
            "logs", "keystrokes", "spreads", "itself", "encrypts", "files", "ransom", "fud", "undetectable", "our",
            "my", "ex", "hack", "into", "spy", "mimikatz", "pass-the-hash", "c2", "beacon", "cve-2024-1234", "4625",
            "auth.log", "sha256", "k8s", "1", "x");

    private static final String SEPARATORS = "      .,;:!?\n\t-_'’()/\u00a0";

    private static final List<String> ODD = List.of("\u0301", "é", "\u0130", "\u212a", "ß", "_", "9", "\ud83d\ude00");

    private GeneratedWords() {
    }

    static String text(Random r, int maxWords) {
        return text(r, maxWords, List.of());
    }

    /** As {@link #text(Random, int)}, with {@code extra} words mixed in as often as the built-in ones. */
    static String text(Random r, int maxWords, List<String> extra) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(maxWords + 1); n > 0; n--) {
            int kind = r.nextInt(20);
            if (kind == 0) {
                b.append(ODD.get(r.nextInt(ODD.size())));
            } else if (!extra.isEmpty() && r.nextBoolean()) {
                String w = extra.get(r.nextInt(extra.size()));
                // sometimes glued to a neighbour, cut short or in upper case
                switch (r.nextInt(6)) {
                    case 0 -> b.append('x').append(w);
                    case 1 -> b.append(w, 0, Math.max(1, w.length() - 1));
                    case 2 -> b.append(w.toUpperCase(java.util.Locale.ROOT));
                    default -> b.append(w);
                }
            } else {
                b.append(WORDS.get(r.nextInt(WORDS.size())));
            }
            b.append(SEPARATORS.charAt(r.nextInt(SEPARATORS.length())));
            if (r.nextInt(8) == 0) {
                b.append(SEPARATORS.charAt(r.nextInt(SEPARATORS.length())));
            }
        }
        return b.toString();
    }
}
