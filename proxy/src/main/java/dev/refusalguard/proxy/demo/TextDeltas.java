package dev.refusalguard.proxy.demo;

import java.util.ArrayList;
import java.util.List;

/** Splits an answer into small streaming deltas whose concatenation is exactly the answer. */
final class TextDeltas {

    private TextDeltas() {
    }

    static List<String> split(String text, int wordsPerDelta) {
        List<String> deltas = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean wordEnds = Character.isWhitespace(text.charAt(i))
                    && (i + 1 == text.length() || !Character.isWhitespace(text.charAt(i + 1)));
            if (wordEnds && ++words == wordsPerDelta) {
                deltas.add(text.substring(start, i + 1));
                start = i + 1;
                words = 0;
            }
        }
        if (start < text.length()) {
            deltas.add(text.substring(start));
        }
        return deltas;
    }

    /** A rough token count (4 characters a token), at least 1 for non-empty text. */
    static int tokens(String text) {
        return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }
}
