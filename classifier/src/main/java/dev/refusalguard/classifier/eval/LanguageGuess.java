package dev.refusalguard.classifier.eval;

import java.util.Locale;
import java.util.Set;

/**
 * A rough language tag for evaluation breakdowns (en, es, de, fr, zh, ja, other): kana means Japanese, Han
 * characters Chinese, otherwise the most frequent stop words among a few Latin-script languages.
 */
public final class LanguageGuess {

    private static final Set<String> EN = Set.of("the", "and", "to", "of", "is", "i", "you", "that", "it", "for", "with", "this");
    private static final Set<String> ES = Set.of("el", "la", "de", "que", "y", "en", "los", "las", "por", "para", "con", "no", "una", "es");
    private static final Set<String> DE = Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "zu", "den", "mit", "eine", "es", "sie", "auf");
    private static final Set<String> FR = Set.of("le", "la", "les", "et", "est", "de", "des", "je", "pas", "vous", "une", "pour", "ce", "que");

    private LanguageGuess() {
    }

    public static String of(String text) {
        int kana = 0;
        int han = 0;
        int n = Math.min(text.length(), 400);
        for (int i = 0; i < n; i++) {
            Character.UnicodeBlock b = Character.UnicodeBlock.of(text.charAt(i));
            if (b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA) {
                kana++;
            } else if (b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS) {
                han++;
            }
        }
        if (kana >= 3) {
            return "ja";
        }
        if (han >= 5) {
            return "zh";
        }
        int en = 0;
        int es = 0;
        int de = 0;
        int fr = 0;
        for (String w : text.substring(0, n).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            en += EN.contains(w) ? 1 : 0;
            es += ES.contains(w) ? 1 : 0;
            de += DE.contains(w) ? 1 : 0;
            fr += FR.contains(w) ? 1 : 0;
        }
        int max = Math.max(Math.max(en, es), Math.max(de, fr));
        if (max == 0) {
            return "other";
        }
        if (max == en) {
            return "en";
        }
        return max == es ? "es" : max == de ? "de" : "fr";
    }
}
