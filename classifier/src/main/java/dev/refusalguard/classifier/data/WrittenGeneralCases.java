package dev.refusalguard.classifier.data;

import dev.refusalguard.classifier.RefusalClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Round 5 written cases (source {@value DatasetCurator#WRITTEN_SOURCE}), combined from {@link WrittenGeneralContent}
 * with a seeded {@link Random} of their own, so the older written cases keep their exact text: refusals of general
 * requests in current assistants' shapes (bare and topic-naming declines, restated request then decline, empathetic
 * preamble then decline, decline with a reason and no apology), referrals to a professional and "instead of"
 * redirects (soft), partial refusals, and compliant answers that carry the same topic words or open with
 * refusal-like words; plus general refusals, referrals and compliant answers in Spanish, German, French, Chinese and
 * Japanese. Each request is one prompt id, so all its answers share a split.
 */
public final class WrittenGeneralCases {

    private final Random rnd;
    private final List<LabeledText> out = new ArrayList<>();
    private int referralCount;

    public WrittenGeneralCases(long seed) {
        this.rnd = new Random(seed);
    }

    public List<LabeledText> generate() {
        out.clear();
        referralCount = 0;
        String[] harmful = WrittenGeneralContent.HARMFUL;
        for (int i = 0; i < harmful.length; i++) {
            harmfulRequest(i, harmful[i]);
        }
        int combined = 0;
        for (String[] action : WrittenGeneralContent.ACTIONS) {
            for (int k = 0; k < 4; k++) {
                String frame = pick(WrittenGeneralContent.FRAMES);
                String t = frame.replace("{action0}", action[1]).replace("{action}", action[0])
                        .replace("{target}", pick(WrittenGeneralContent.TARGETS));
                combinedRequest(combined++, t);
            }
        }
        for (String[] subject : WrittenGeneralContent.ADVICE_SUBJECTS) {
            for (int k = 0; k < 6; k++) {
                String advice = subject[0].replace("{x}", pick(WrittenGeneralContent.ADVICE_SITUATIONS));
                referral(referralCount++, advice, subject[1]);
            }
        }
        String[][] referrals = WrittenGeneralContent.REFERRALS;
        for (String[] r : referrals) {
            referral(referralCount++, r[0], r[1]);
        }
        for (WrittenGeneralContent.Foreign lang : WrittenGeneralContent.FOREIGN) {
            foreign(lang);
        }
        contrast();
        return List.copyOf(out);
    }

    private void add(String text, RefusalClass label, String promptId) {
        out.add(new LabeledText(text.strip(), label, DatasetCurator.WRITTEN_SOURCE, promptId, null));
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String topic(String template, String t) {
        String cap = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return template.replace("{t}", t).replace("{T}", cap);
    }

    private String decline(String t) {
        return rnd.nextBoolean() ? topic(pick(WrittenGeneralContent.TOPIC_DECLINES), t) : pick(WrittenGeneralContent.BARE_DECLINES);
    }

    private void harmfulRequest(int index, String t) {
        String promptId = "w-general-" + index;
        // a decline alone, naming the topic, with or without a reason (no apology in most)
        for (int v = 0; v < 2; v++) {
            StringBuilder sb = new StringBuilder(topic(pick(WrittenGeneralContent.TOPIC_DECLINES), t));
            if (rnd.nextInt(3) > 0) {
                sb.append(' ').append(pick(WrittenGeneralContent.REASONS));
            }
            add(sb.toString(), RefusalClass.HARD_REFUSAL, promptId);
        }
        // the request restated, then a decline
        StringBuilder restated = new StringBuilder(topic(pick(WrittenGeneralContent.RESTATEMENTS), t));
        restated.append(rnd.nextBoolean() ? "\n\n" : " ").append(pick(WrittenGeneralContent.BARE_DECLINES));
        if (rnd.nextBoolean()) {
            restated.append(' ').append(pick(WrittenGeneralContent.REASONS));
        }
        add(restated.toString(), RefusalClass.HARD_REFUSAL, promptId);
        // a long restatement with details, then a decline in the middle of the answer
        StringBuilder longer = new StringBuilder(topic(pick(WrittenGeneralContent.LONG_RESTATEMENTS), t).replace("{d}", pick(WrittenGeneralContent.DETAILS)));
        longer.append(rnd.nextBoolean() ? "\n\n" : " ").append(pick(WrittenGeneralContent.MID_DECLINES));
        if (rnd.nextBoolean()) {
            longer.append(' ').append(pick(WrittenGeneralContent.REASONS));
        }
        add(longer.toString(), RefusalClass.HARD_REFUSAL, promptId);
        // an empathetic preamble, a turn, then a decline
        StringBuilder preamble = new StringBuilder(topic(pick(WrittenGeneralContent.PREAMBLES), t));
        if (rnd.nextBoolean()) {
            preamble.append(' ').append(topic(pick(WrittenGeneralContent.PREAMBLES), t));
        }
        String turn = pick(WrittenGeneralContent.TURNS);
        String core = rnd.nextInt(3) == 0 ? pick(WrittenGeneralContent.MID_DECLINES) : decline(t);
        if (!turn.endsWith(":")) {
            core = Character.toLowerCase(core.charAt(0)) + core.substring(1);
            core = core.startsWith("i ") || core.startsWith("i'") ? "I" + core.substring(1) : core;
        }
        preamble.append(' ').append(turn).append(' ').append(core);
        if (rnd.nextBoolean()) {
            preamble.append(' ').append(pick(WrittenGeneralContent.REASONS));
        }
        add(preamble.toString(), RefusalClass.HARD_REFUSAL, promptId);
        // an "instead of" redirect
        String instead = topic(pick(WrittenGeneralContent.INSTEAD), t).replace("{alt}", pick(WrittenGeneralContent.ALTERNATIVES));
        add(instead, RefusalClass.SOFT_REFUSAL, promptId);
        // a partial refusal every other request
        if (index % 2 == 0) {
            add(topic(pick(WrittenGeneralContent.PARTIAL_CORES), t) + "\n\n" + pick(WrittenGeneralContent.COMPLIANT_BODIES),
                    RefusalClass.PARTIAL_REFUSAL, promptId);
        }
        // compliant answers with the same topic words (protective) and with refusal-like openers
        add(topic(pick(WrittenGeneralContent.PROTECTIVE), t), RefusalClass.COMPLIANCE, promptId);
        StringBuilder comply = new StringBuilder(pick(WrittenGeneralContent.COMPLIANT_OPENERS));
        comply.append(rnd.nextBoolean() ? "\n\n" : " ").append(pick(WrittenGeneralContent.COMPLIANT_BODIES));
        add(comply.toString(), RefusalClass.COMPLIANCE, "w-general-c-" + index);
        add(pick(WrittenGeneralContent.COMPLIANT_BODIES), RefusalClass.COMPLIANCE, "w-general-c-" + index);
    }

    /** A declined request from the combined vocabulary: two refusals in different shapes and one protective answer. */
    private void combinedRequest(int index, String t) {
        String promptId = "w-combined-" + index;
        switch (rnd.nextInt(3)) {
            case 0 -> add(topic(pick(WrittenGeneralContent.TOPIC_DECLINES), t) + (rnd.nextBoolean() ? " " + pick(WrittenGeneralContent.REASONS) : ""),
                    RefusalClass.HARD_REFUSAL, promptId);
            case 1 -> add(topic(pick(WrittenGeneralContent.LONG_RESTATEMENTS), t).replace("{d}", pick(WrittenGeneralContent.DETAILS))
                    + (rnd.nextBoolean() ? "\n\n" : " ") + pick(WrittenGeneralContent.MID_DECLINES), RefusalClass.HARD_REFUSAL, promptId);
            default -> add(topic(pick(WrittenGeneralContent.RESTATEMENTS), t) + " " + pick(WrittenGeneralContent.BARE_DECLINES)
                    + " " + pick(WrittenGeneralContent.REASONS), RefusalClass.HARD_REFUSAL, promptId);
        }
        if (rnd.nextBoolean()) {
            add(topic(pick(WrittenGeneralContent.INSTEAD), t).replace("{alt}", pick(WrittenGeneralContent.ALTERNATIVES)), RefusalClass.SOFT_REFUSAL, promptId);
        } else {
            String turn = pick(WrittenGeneralContent.TURNS);
            String core = topic(pick(WrittenGeneralContent.TOPIC_DECLINES), t);
            if (!turn.endsWith(":")) {
                core = Character.toLowerCase(core.charAt(0)) + core.substring(1);
                core = core.startsWith("i ") || core.startsWith("i'") ? "I" + core.substring(1) : core;
            }
            add(topic(pick(WrittenGeneralContent.PREAMBLES), t) + " " + turn + " " + core, RefusalClass.HARD_REFUSAL, promptId);
        }
        String interest = pick(WrittenGeneralContent.INTERESTS);
        String praise = topic(pick(WrittenGeneralContent.INTEREST_PREAMBLES).replace("{h}", "{t}"), interest);
        String decline = rnd.nextBoolean() ? pick(WrittenGeneralContent.MID_DECLINES) : topic(pick(WrittenGeneralContent.TOPIC_DECLINES), t);
        add(praise + " " + pick(new String[]{"This one is different, though.", "This request is another matter.", "Here, though, there's a problem."})
                + " " + decline + (rnd.nextBoolean() ? " " + pick(WrittenGeneralContent.REASONS) : ""), RefusalClass.HARD_REFUSAL, promptId);
        add(topic(pick(WrittenGeneralContent.PROTECTIVE), t), RefusalClass.COMPLIANCE, promptId);
        // the same kind of praise opening an answer that helps (compliance)
        String praise2 = topic(pick(WrittenGeneralContent.INTEREST_PREAMBLES).replace("{h}", "{t}"), pick(WrittenGeneralContent.INTERESTS));
        add(praise2 + " " + pick(new String[]{"Here's how I'd approach it.", "Here's a solid next step.", "Let's get into it."}) + "\n\n"
                + pick(WrittenGeneralContent.COMPLIANT_BODIES), RefusalClass.COMPLIANCE, "w-combined-c-" + index);
    }

    private void referral(int index, String advice, String professional) {
        String promptId = "w-referral-" + index;
        for (int v = 0; v < 4; v++) {
            StringBuilder sb = new StringBuilder();
            if (v >= 2 && rnd.nextBoolean()) {
                String preamble = pick(WrittenGeneralContent.PREAMBLES);
                while (preamble.contains("{t}")) {
                    preamble = pick(WrittenGeneralContent.PREAMBLES);
                }
                sb.append(preamble).append(' ');
            }
            String refer = pick(WrittenGeneralContent.REFER).replace("{p}", professional);
            if (v == 1 && rnd.nextBoolean()) {
                sb.append(refer).append(' ').append(pick(WrittenGeneralContent.ADVICE_DECLINES).replace("{a}", advice));
            } else {
                sb.append(pick(WrittenGeneralContent.ADVICE_DECLINES).replace("{a}", advice)).append(' ').append(refer);
            }
            if (rnd.nextBoolean()) {
                sb.append(' ').append(pick(WrittenGeneralContent.REFERRAL_REASONS));
            }
            if (rnd.nextBoolean()) {
                sb.append(rnd.nextBoolean() ? "\n\n" : " ").append(pick(WrittenGeneralContent.GENERAL_TIPS));
            }
            add(sb.toString(), RefusalClass.SOFT_REFUSAL, promptId);
        }
    }

    /**
     * Short compliant replies and compliant answers whose opener is one word away from a decline, each its own prompt.
     * Drawn last, so the cases above keep their text.
     */
    private void contrast() {
        String[] shortReplies = WrittenGeneralContent.SHORT_CONTRAST;
        for (int i = 0; i < shortReplies.length; i++) {
            add(shortReplies[i], RefusalClass.COMPLIANCE, "w-contrast-short-" + i);
        }
        String[] openers = WrittenGeneralContent.CONTRAST_OPENERS;
        String[] bodies = WrittenGeneralContent.COMPLIANT_BODIES;
        for (int i = 0; i < openers.length; i++) {
            for (int k = 0; k < 3; k++) {
                add(openers[i] + (rnd.nextBoolean() ? "\n\n" : " ") + pick(bodies), RefusalClass.COMPLIANCE, "w-contrast-" + i);
            }
        }
    }

    private void foreign(WrittenGeneralContent.Foreign lang) {
        for (int i = 0; i < lang.topics().length; i++) {
            String promptId = "w-general-" + lang.code() + "-" + i;
            String t = lang.topics()[i];
            add(pick(lang.declines()).replace("{t}", t), RefusalClass.HARD_REFUSAL, promptId);
            add(pick(lang.declines()).replace("{t}", t), RefusalClass.HARD_REFUSAL, promptId);
            add(pick(lang.bare()), RefusalClass.HARD_REFUSAL, promptId);
            add(pick(lang.compliant()), RefusalClass.COMPLIANCE, promptId);
        }
        for (int i = 0; i < lang.referrals().length; i++) {
            add(lang.referrals()[i], RefusalClass.SOFT_REFUSAL, "w-referral-" + lang.code() + "-" + i);
        }
        for (int i = 0; i < lang.compliant().length; i++) {
            add(lang.compliant()[i], RefusalClass.COMPLIANCE, "w-general-c-" + lang.code() + "-" + i);
        }
    }
}
