package dev.refusalguard.classifier.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Curation-only agreement filter: an explicit refusal cue near the start of a text. Used where a dataset's own label
 * says "not jailbroken / not harmful" (which mixes refusals with evasive answers), so a row becomes a refusal
 * example only when both the dataset label and this cue agree. Never used at inference time.
 */
public final class RefusalCueFilter {

    private static final Pattern CUE = Pattern.compile(
            "\\b(i('| a)m sorry|i apologi[sz]e|i (cannot|can't|can not|won't|will not|am unable|'m unable|am not able|'m not able"
                    + "|must (decline|refuse)|refuse)|as an ai|as a language model|i'm just an ai|i do not (feel comfortable|provide|engage)"
                    + "|i don't (feel comfortable|provide|engage)|not (able|allowed|permitted) to (provide|help|assist|create|write|generate)"
                    + "|(cannot|can't|unable to) (fulfill|comply|assist|help|provide|create|write|generate)|against (my|the) (guidelines|policy|policies|ethical)"
                    + "|it is not appropriate|it's not appropriate|is illegal and unethical|i'm not going to)");

    /** An explicit decline by the speaker ("I can't help", "sorry, but", "I must decline"), not just "as an AI". */
    private static final Pattern STRONG_CUE = Pattern.compile(
            "\\b(i|we) (cannot|can't|can not|won't|will not|am unable to|'m unable to|am not able to|'m not able to|"
                    + "must (respectfully )?(decline|refuse)|refuse to|do not feel comfortable|don't feel comfortable|'m not going to|am not going to)"
                    + "|\\bsorry, (but )?i\\b|\\bi apologi[sz]e, but\\b|\\bunable to (help|assist|provide|fulfill|comply|create|write|generate)"
                    + "|\\bnot (able|allowed|permitted) to (help|assist|provide|create|write|generate)");

    /** A decline followed by an offer to do the task another way ("I cannot see images, but I can describe ..."). */
    private static final Pattern OFFER_AFTER_DECLINE = Pattern.compile(
            "\\b(but|however,?|instead,?) (i|we) can (certainly |still |definitely |also )?(describe|provide|give|tell|explain|offer|share"
                    + "|suggest|help|write|create|generate|try|summari[sz]e|translate|answer|walk|outline|list)\\b"
                    + "|\\bi can, however,");

    private static final Pattern CJK_CUE = Pattern.compile("(抱歉|对不起|我不能|无法提供|不能提供)");

    private RefusalCueFilter() {
    }

    /** True when the first {@code window} characters hold an explicit decline (stricter than {@link #hasCue}). */
    public static boolean hasStrongCue(String text, int window) {
        String head = text.substring(0, Math.min(window, text.length())).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return STRONG_CUE.matcher(head).find() || CJK_CUE.matcher(head).find();
    }

    /**
     * True when the first {@code window} characters hold a decline followed by an offer to help another way: a capability
     * disclaimer or a hedge whose answer then usually complies, so not a clean refusal example.
     */
    public static boolean hasOfferAfterDecline(String text, int window) {
        String head = text.substring(0, Math.min(window, text.length())).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return OFFER_AFTER_DECLINE.matcher(head).find();
    }

    /** True when the first {@code window} characters hold an explicit refusal cue. */
    public static boolean hasCue(String text, int window) {
        String head = text.substring(0, Math.min(window, text.length())).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return CUE.matcher(head).find() || CJK_CUE.matcher(head).find();
    }
}
