package dev.refusalguard.policies;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/** Property-based proof that rephrasing never alters evidence and is idempotent. */
class RephraserPropertiesTest {

    private static final Rephraser REPHRASER = new Rephraser(SensitiveTermLexicon.loadDefault());

    @Provide
    Arbitrary<GeneratedRequests.Request> requests() {
        return GeneratedRequests.requests();
    }

    @Provide
    Arbitrary<TaskCategory> categories() {
        return net.jqwik.api.Arbitraries.of(TaskCategory.class);
    }

    @Provide
    Arbitrary<String> prose() {
        return GeneratedRequests.proseOnly();
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void everyEvidenceSpanIsByteIdenticalAndInOrderAfterRewriting(@ForAll("requests") GeneratedRequests.Request request,
                                                                  @ForAll("categories") TaskCategory category) {
        Rephrasing r = REPHRASER.rephrase(request.text(), category);
        int cursor = 0;
        for (GeneratedRequests.Evidence e : request.evidence()) {
            Statistics.collect(e.kind());
            int found = r.text().indexOf(e.text(), cursor);
            assertThat(found).as("evidence %s '%s' after offset %d", e.kind(), e.text(), cursor).isGreaterThanOrEqualTo(0);
            cursor = found + e.text().length();
            for (TermReplacement t : r.replacements()) {
                assertThat(t.end() <= e.start() || t.start() >= e.end())
                        .as("replacement %s overlaps evidence %s '%s'", t, e.kind(), e.text()).isTrue();
            }
        }
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void replacementsReconstructTheOutputFromTheOriginal(@ForAll("requests") GeneratedRequests.Request request,
                                                         @ForAll("categories") TaskCategory category) {
        Rephrasing r = REPHRASER.rephrase(request.text(), category);
        StringBuilder rebuilt = new StringBuilder();
        int copied = 0;
        for (TermReplacement t : r.replacements()) {
            assertThat(t.start()).isGreaterThanOrEqualTo(copied);
            rebuilt.append(r.original(), copied, t.start()).append(t.replacement());
            copied = t.end();
        }
        rebuilt.append(r.original(), copied, r.original().length());
        assertThat(rebuilt.toString()).isEqualTo(r.text());
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void rephrasingIsIdempotent(@ForAll("requests") GeneratedRequests.Request request,
                                @ForAll("categories") TaskCategory category) {
        String once = REPHRASER.rephrase(request.text(), category).text();
        Rephrasing twice = REPHRASER.rephrase(once, category);
        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.changed()).isFalse();
    }

    @Property(tries = 1000)
    void proseWithoutEvidenceLosesEverySensitiveTerm(@ForAll("prose") String prose,
                                                     @ForAll("categories") TaskCategory category) {
        String rephrased = REPHRASER.rephrase(prose, category).text();
        assertThat(REPHRASER.sensitiveTerms(rephrased)).as(rephrased).isEmpty();
    }
}
