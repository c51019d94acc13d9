package dev.refusalguard.classifier;

/**
 * The verdict rule for an answer with no content: empty, or only whitespace, punctuation and control or format
 * characters (no letter, digit, or math, currency or other symbol; an
 * emoji counts as content, a backtick or caret does not).
 *
 * <p>Why a rule and not the model: such a text gives the model no features (or only punctuation n-grams), so its
 * output would be its class biases alone, an artefact of training (it used to say {@code partial_refusal}, not a
 * refusal, for ""). Why a hard refusal: an answer with no content does none of the task, and says no by saying
 * nothing. The proxy already treats empty content from a provider as a refusal signal
 * ({@code detection.emptyContentIsRefusal}, default true), and refusalbench-bio's judges label the API refusals that
 * came back without text as {@code direct_refusal}. So {@code classify} agrees with the proxy's default: an empty
 * complete answer is {@code hard_refusal} with score 1 (a refusal when hard refusals are in the act-on set). An
 * unfinished stream prefix with no content is undecided: nothing has been said yet.
 *
 * <p>Short answers with content ("ok", "Yes.", "42") are the model's to judge, like any other text.
 */
public final class NoContent {

    /** The class given to a complete answer with no content. */
    public static final RefusalClass CLASS = RefusalClass.HARD_REFUSAL;

    private NoContent() {
    }

    /** True when the text has no letter, digit or symbol. */
    public static boolean test(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.isSurrogate(c) || isSymbol(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSymbol(char c) {
        int type = Character.getType(c);
        return type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL || type == Character.OTHER_SYMBOL;
    }
}
