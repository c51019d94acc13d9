package dev.refusalguard.policies;

import java.text.Normalizer;

/**
 * A request text as the model upstream reads it, for the intent model: compatibility forms folded (NFKC: fullwidth
 * letters, ligatures), invisible format characters removed (zero-width space and joiners, soft hyphen, word joiner,
 * BOM, bidirectional controls: Unicode category Cf), tag characters read as the ASCII they shadow, and Cyrillic and
 * Greek letters that look like Latin ones mapped to them. An LLM reads "key\u200Blogger", "k\u0435ylogger" (Cyrillic e) or fullwidth letters as "keylogger"; the
 * hashed n-grams and the hard cues did not, so such a request for working malware was judged defensive and recovered.
 * Used one way only ({@link RequestAnalyzer} keeps the higher offensive score of the text and this form), so a
 * genuine Russian or Greek request can only look more offensive, never less.
 */
final class UndisguisedText {

    /** Look-alike letters, pairwise: Cyrillic and Greek letter, then the Latin letter it is read as. */
    private static final String LOOK_ALIKES = "аaвbеeкkмmнhоoрpсcтtуyхxѕsіiјjһhԁdӏlԛqԝwёe"
            + "АAВBЕEКKМMНHОOРPСCТTУYХXЅSІIЈJ"
            + "αaβbεeιiκkνvοoρpτtυuχxΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX";

    /** Unicode tag characters U+E0020..U+E007E: invisible, yet models read them as the ASCII they shadow. */
    private static final int TAG_SPACE = 0xE0020;
    private static final int TAG_TILDE = 0xE007E;

    private UndisguisedText() {
    }

    /** The undisguised form, or {@code text} itself when it has nothing to undo (every ASCII text). */
    static String of(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        for (int k = 0; k < folded.length(); k += Character.charCount(folded.codePointAt(k))) {
            int c = folded.codePointAt(k);
            if (c >= TAG_SPACE && c <= TAG_TILDE) {
                out.append((char) (c - TAG_SPACE + ' '));
            } else if (Character.getType(c) != Character.FORMAT) {
                int at = c >= 0x370 && c < 0x530 ? LOOK_ALIKES.indexOf(c) : -1;
                out.appendCodePoint(at >= 0 && at % 2 == 0 ? LOOK_ALIKES.charAt(at + 1) : c);
            }
        }
        String plain = out.toString();
        return plain.equals(text) ? text : plain;
    }
}
