package dev.refusalguard.classifier.data;

import dev.refusalguard.classifier.RefusalClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Answers written for this project (source {@value DatasetCurator#WRITTEN_SOURCE}) where public data is thin:
 * cyber-defense answers that comply while full of alarming words, compliant answers that quote a refusal found in
 * evidence, refusals after long friendly preambles, refusals without apology words, one-line answers, code-only
 * answers, and answers in Spanish, German, French, Chinese and Japanese. Fragments are combined with a seeded
 * {@link Random}, so the output is deterministic. Each defensive request is one prompt id, so all answers to it
 * share a split.
 */
public final class WrittenCases {

    private final Random rnd;
    private final List<LabeledText> out = new ArrayList<>();

    public WrittenCases(long seed) {
        this.rnd = new Random(seed);
    }

    public List<LabeledText> generate() {
        out.clear();
        for (int i = 0; i < WrittenCyberContent.REQUESTS.length; i++) {
            cyberAnswers(i);
        }
        modernRefusals();
        quotedRefusals();
        oneLiners();
        codeOnly();
        for (WrittenForeignContent.Lang lang : WrittenForeignContent.LANGS) {
            foreign(lang);
        }
        hedges();
        caveats();
        shortAnswers();
        longRedirects();
        return List.copyOf(out);
    }

    private void add(String text, RefusalClass label, String promptId) {
        out.add(new LabeledText(text.strip(), label, DatasetCurator.WRITTEN_SOURCE, promptId, null));
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private String fill(String template, String[] request) {
        return template.replace("{topic}", request[2])
                .replace("{family}", pick(WrittenCyberContent.FAMILIES))
                .replace("{cve}", pick(WrittenCyberContent.CVES))
                .replace("{domain}", pick(WrittenCyberContent.DOMAINS))
                .replace("{ip}", pick(WrittenCyberContent.IPS))
                .replace("{date}", pick(WrittenCyberContent.DATES));
    }

    /** Several compliant answers, hard, soft and partial refusals for one defensive request. */
    private void cyberAnswers(int index) {
        String[] request = WrittenCyberContent.REQUESTS[index];
        String promptId = "w-cyber-" + index;
        String[] bodies = WrittenCyberContent.bodiesFor(request[0]);
        for (int v = 0; v < 12; v++) {
            StringBuilder sb = new StringBuilder();
            String opener = pick(WrittenCyberContent.COMPLIANT_OPENERS);
            if (!opener.isEmpty()) {
                sb.append(fill(opener, request)).append(rnd.nextBoolean() ? "\n\n" : " ");
            }
            int parts = 1 + rnd.nextInt(3);
            int start = rnd.nextInt(bodies.length);
            for (int p = 0; p < parts; p++) {
                String body = fill(bodies[(start + p) % bodies.length], request);
                if (rnd.nextInt(3) == 0) {
                    sb.append(p + 1).append(". ");
                }
                sb.append(body).append("\n\n");
            }
            if (rnd.nextInt(3) == 0) {
                sb.append(fill(pick(WrittenCyberContent.COMPLIANT_CLOSERS), request));
            }
            add(sb.toString(), RefusalClass.COMPLIANCE, promptId);
        }
        for (int v = 0; v < 3; v++) {
            // a decline followed by an offer of something else: a redirect (soft refusal)
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(3) == 0) {
                sb.append(pick(WrittenCyberContent.FRIENDLY_PREAMBLES)).append(' ');
            }
            String core = rnd.nextBoolean() ? pick(WrittenCyberContent.HARD_CORES_NO_APOLOGY) : pick(WrittenCyberContent.HARD_CORES);
            sb.append(fill(core, request)).append(' ').append(pick(WrittenCyberContent.REDIRECT_OFFERS));
            add(sb.toString(), RefusalClass.SOFT_REFUSAL, promptId);
        }
        for (int v = 0; v < 5; v++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(3) > 0) {
                sb.append(pick(WrittenCyberContent.FRIENDLY_PREAMBLES)).append(' ');
                if (rnd.nextBoolean()) {
                    sb.append(pick(WrittenCyberContent.FRIENDLY_PREAMBLES_2)).append(' ');
                }
            }
            String core = rnd.nextBoolean() ? pick(WrittenCyberContent.HARD_CORES_NO_APOLOGY) : pick(WrittenCyberContent.HARD_CORES);
            sb.append(fill(core, request));
            if (rnd.nextBoolean()) {
                sb.append(' ').append(pick(WrittenCyberContent.HARD_REASONS));
            }
            if (rnd.nextInt(3) == 0) {
                sb.append(' ').append(pick(WrittenCyberContent.HARD_CLOSERS));
            }
            add(sb.toString(), RefusalClass.HARD_REFUSAL, promptId);
        }
        for (int v = 0; v < 3; v++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextBoolean()) {
                sb.append(pick(WrittenCyberContent.FRIENDLY_PREAMBLES)).append(' ');
            }
            if (rnd.nextInt(3) > 0) {
                sb.append(fill(pick(WrittenCyberContent.SOFT_CORES), request)).append(' ');
            }
            sb.append(pick(WrittenCyberContent.SOFT_REDIRECTS));
            if (rnd.nextBoolean()) {
                sb.append("\n\n").append(pick(WrittenCyberContent.GENERIC_ADVICE));
            }
            add(sb.toString(), RefusalClass.SOFT_REFUSAL, promptId);
        }
        for (int v = 0; v < 2; v++) {
            StringBuilder sb = new StringBuilder();
            sb.append(fill(pick(WrittenCyberContent.PARTIAL_CORES), request)).append("\n\n");
            sb.append(fill(bodies[rnd.nextInt(bodies.length)], request));
            add(sb.toString(), RefusalClass.PARTIAL_REFUSAL, promptId);
        }
    }

    /** "I can't ..." refusals in the style of current assistants, for general and cyber topics. */
    private void modernRefusals() {
        String[] topics = WrittenCyberContent.GENERAL_TOPICS;
        for (int t = 0; t < topics.length; t++) {
            String promptId = "w-modern-" + t;
            for (int v = 0; v < 6; v++) {
                StringBuilder sb = new StringBuilder(pick(WrittenCyberContent.MODERN_DECLINES).replace("{topic}", topics[t]));
                boolean offer = rnd.nextInt(3) == 0;
                if (rnd.nextBoolean()) {
                    sb.append(' ').append(pick(WrittenCyberContent.HARD_REASONS));
                }
                if (offer) {
                    sb.append(' ').append(pick(WrittenCyberContent.REDIRECT_OFFERS));
                }
                add(sb.toString(), offer ? RefusalClass.SOFT_REFUSAL : RefusalClass.HARD_REFUSAL, promptId);
            }
            add(pick(WrittenCyberContent.IMPLICIT_SOFT).replace("{topic}", topics[t]), RefusalClass.SOFT_REFUSAL, promptId);
        }
        for (int i = 0; i < WrittenCyberContent.REQUESTS.length; i++) {
            String[] request = WrittenCyberContent.REQUESTS[i];
            String promptId = "w-cyber-" + i;
            for (int v = 0; v < 2; v++) {
                add(fill(pick(WrittenCyberContent.MODERN_DECLINES), request), RefusalClass.HARD_REFUSAL, promptId);
            }
            add(fill(pick(WrittenCyberContent.IMPLICIT_SOFT), request), RefusalClass.SOFT_REFUSAL, promptId);
        }
    }

    private void quotedRefusals() {
        String[] templates = WrittenCyberContent.QUOTED_REFUSAL_COMPLIANCE;
        for (int i = 0; i < templates.length; i++) {
            for (int v = 0; v < 4; v++) {
                String quote = pick(WrittenCyberContent.QUOTABLE_REFUSALS);
                String text = templates[i].replace("{quote}", quote)
                        .replace("{ip}", pick(WrittenCyberContent.IPS))
                        .replace("{family}", pick(WrittenCyberContent.FAMILIES))
                        .replace("{domain}", pick(WrittenCyberContent.DOMAINS))
                        .replace("{date}", pick(WrittenCyberContent.DATES));
                add(text, RefusalClass.COMPLIANCE, "w-quoted-" + i);
            }
        }
    }

    private void oneLiners() {
        String[] yes = WrittenCyberContent.ONE_LINE_COMPLIANT;
        for (int i = 0; i < yes.length; i++) {
            add(yes[i], RefusalClass.COMPLIANCE, "w-oneline-c-" + (i % 25));
        }
        String[] no = WrittenCyberContent.ONE_LINE_REFUSALS;
        for (int i = 0; i < no.length; i++) {
            add(no[i], RefusalClass.HARD_REFUSAL, "w-oneline-r-" + (i % 25));
        }
        String[] soft = WrittenCyberContent.ONE_LINE_SOFT;
        for (int i = 0; i < soft.length; i++) {
            add(soft[i], RefusalClass.SOFT_REFUSAL, "w-oneline-s-" + (i % 25));
        }
    }

    private void codeOnly() {
        String[] code = WrittenCyberContent.CODE_ONLY;
        for (int i = 0; i < code.length; i++) {
            add(code[i], RefusalClass.COMPLIANCE, "w-code-" + i);
            String fenced = "```\n" + code[i].strip() + "\n```";
            if (!code[i].startsWith("```")) {
                add(fenced, RefusalClass.COMPLIANCE, "w-code-" + i);
            }
        }
    }

    private void foreign(WrittenForeignContent.Lang lang) {
        for (int t = 0; t < lang.topics().length; t++) {
            String promptId = "w-" + lang.code() + "-" + t;
            String topic = lang.topics()[t];
            for (int v = 0; v < 6; v++) {
                StringBuilder sb = new StringBuilder();
                if (rnd.nextInt(4) > 0) {
                    sb.append(pick(lang.compliantOpeners())).append(' ');
                }
                int parts = 1 + rnd.nextInt(3);
                int start = rnd.nextInt(lang.compliantBodies().length);
                for (int p = 0; p < parts; p++) {
                    sb.append(lang.compliantBodies()[(start + p) % lang.compliantBodies().length]).append("\n\n");
                }
                add(sb.toString(), RefusalClass.COMPLIANCE, promptId);
            }
            for (int v = 0; v < 5; v++) {
                StringBuilder sb = new StringBuilder();
                if (rnd.nextInt(3) == 0) {
                    sb.append(pick(lang.preambles())).append(' ');
                }
                sb.append(pick(lang.hardRefusals()).replace("{topic}", topic));
                if (rnd.nextBoolean()) {
                    sb.append(' ').append(pick(lang.reasons()));
                }
                add(sb.toString(), RefusalClass.HARD_REFUSAL, promptId);
            }
            for (int v = 0; v < 3; v++) {
                StringBuilder sb = new StringBuilder();
                if (rnd.nextBoolean()) {
                    sb.append(pick(lang.preambles())).append(' ');
                }
                sb.append(pick(lang.softRefusals()).replace("{topic}", topic));
                add(sb.toString(), RefusalClass.SOFT_REFUSAL, promptId);
            }
        }
    }

    /**
     * Weak spots from the validation error analysis (see {@link WrittenHedgeContent}): hedged compliant answers,
     * alarming-word openers, header-then-decline and general-principles redirects. (Moralising "As an AI ..."
     * non-answers were tried and dropped: 5-fold prompt-grouped cross-validation on train scored public rows lower with
     * them, binary F1 0.954 vs 0.955, compliant-with-refusal-words kept 0.958 vs 0.962.)
     */
    private void hedges() {
        for (int i = 0; i < WrittenCyberContent.REQUESTS.length; i++) {
            String[] request = WrittenCyberContent.REQUESTS[i];
            String promptId = "w-cyber-" + i;
            String[] bodies = WrittenCyberContent.bodiesFor(request[0]);
            for (int v = 0; v < 2; v++) {
                String opener = v == 0 ? pick(WrittenHedgeContent.CAPABILITY_DISCLAIMERS) : pick(WrittenHedgeContent.ALARMING_OPENERS);
                StringBuilder sb = new StringBuilder(fill(opener, request)).append(rnd.nextBoolean() ? "\n\n" : " ");
                int parts = 1 + rnd.nextInt(2);
                int start = rnd.nextInt(bodies.length);
                for (int p = 0; p < parts; p++) {
                    sb.append(fill(bodies[(start + p) % bodies.length], request)).append("\n\n");
                }
                add(sb.toString(), RefusalClass.COMPLIANCE, promptId);
            }
            String header = fill(pick(WrittenHedgeContent.REQUEST_HEADERS).replace("{topic}", request[2]), request);
            StringBuilder hard = new StringBuilder(header).append("\n\n").append(pick(WrittenHedgeContent.HEADER_DECLINES));
            if (rnd.nextBoolean()) {
                hard.append(' ').append(pick(WrittenCyberContent.HARD_REASONS));
            }
            add(hard.toString(), RefusalClass.HARD_REFUSAL, promptId);
            StringBuilder soft = new StringBuilder(pick(WrittenHedgeContent.SPECIFIC_DECLINES).replace("{topic}", request[2]));
            if (rnd.nextBoolean()) {
                soft.append("\n\n").append(pick(WrittenCyberContent.GENERIC_ADVICE));
            }
            add(soft.toString(), RefusalClass.SOFT_REFUSAL, promptId);
        }
    }

    /**
     * Defensive answers with refusal-like words in the opening, the body and the closing caveat (compliance, see
     * {@link WrittenCaveatContent}): with whole-answer features, a cautious closing must not read as a refusal.
     */
    private void caveats() {
        for (int i = 0; i < WrittenCyberContent.REQUESTS.length; i++) {
            String[] request = WrittenCyberContent.REQUESTS[i];
            String promptId = "w-cyber-" + i;
            String[] bodies = WrittenCyberContent.bodiesFor(request[0]);
            for (int v = 0; v < 3; v++) {
                StringBuilder sb = new StringBuilder();
                if (rnd.nextInt(3) > 0) {
                    sb.append(fill(pick(WrittenCaveatContent.OPENERS), request)).append(rnd.nextBoolean() ? "\n\n" : " ");
                }
                int start = rnd.nextInt(bodies.length);
                sb.append(fill(bodies[start], request)).append("\n\n");
                sb.append(fill(pick(WrittenCaveatContent.TRIGGER_SENTENCES), request)).append("\n\n");
                if (rnd.nextBoolean()) {
                    sb.append(fill(bodies[(start + 1) % bodies.length], request)).append("\n\n");
                }
                sb.append(fill(pick(WrittenCaveatContent.CLOSERS), request));
                add(sb.toString(), RefusalClass.COMPLIANCE, promptId);
            }
        }
    }

    /** Very short complete answers ({@link WrittenShortContent}). */
    private void shortAnswers() {
        String[] yes = WrittenShortContent.COMPLIANT;
        for (int i = 0; i < yes.length; i++) {
            add(yes[i], RefusalClass.COMPLIANCE, "w-short-c-" + (i % 20));
        }
        String[] no = WrittenShortContent.REFUSALS;
        for (int i = 0; i < no.length; i++) {
            add(no[i], RefusalClass.HARD_REFUSAL, "w-short-r-" + (i % 6));
        }
    }

    /** Decline of the specific thing, an offer, then general paragraphs (soft refusal, {@link WrittenRedirectContent}). */
    private void longRedirects() {
        String[] general = WrittenRedirectContent.GENERAL_PARAGRAPHS;
        for (int i = 0; i < WrittenCyberContent.REQUESTS.length; i++) {
            String[] request = WrittenCyberContent.REQUESTS[i];
            StringBuilder sb = new StringBuilder(pick(WrittenRedirectContent.DECLINE_AND_OFFER).replace("{topic}", request[2]));
            int parts = 2 + rnd.nextInt(3);
            int start = rnd.nextInt(general.length);
            for (int p = 0; p < parts; p++) {
                sb.append("\n\n").append(general[(start + p) % general.length]);
            }
            add(sb.toString(), RefusalClass.SOFT_REFUSAL, "w-cyber-" + i);
        }
    }
}
