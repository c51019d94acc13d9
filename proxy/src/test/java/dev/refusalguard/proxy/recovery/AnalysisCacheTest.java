package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.TaskCategory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisCacheTest {

    private static final AtomicLong GENERATIONS = new AtomicLong(1_000_000);

    /** A policy whose analyze counts its calls and answers a category that depends on the text. */
    private static RequestPolicy countingPolicy(AtomicInteger calls) {
        return countingPolicy(calls, true);
    }

    private static RequestPolicy countingPolicy(AtomicInteger calls, boolean readsSystemText) {
        long generation = GENERATIONS.incrementAndGet();
        return (RequestPolicy) Proxy.newProxyInstance(RequestPolicy.class.getClassLoader(),
                new Class<?>[] {RequestPolicy.class}, (self, method, args) -> {
                    if (method.getName().equals("analyze")) {
                        calls.incrementAndGet();
                        String text = (String) args[1];
                        return new RequestAnalysis(text.contains("log") ? TaskCategory.LOG_ANALYSIS
                                : TaskCategory.OTHER, List.of(), false, Intent.DEFENSIVE, 0.9);
                    }
                    if (method.getName().equals("analysisReadsSystemText")) {
                        return readsSystemText;
                    }
                    if (method.getName().equals("generation")) {
                        return generation;
                    }
                    if (method.getName().equals("equals")) {
                        return self == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(self);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anIdenticalTextUnderTheSamePolicyIsAnalysedOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> lookups = new ArrayList<>();
        AnalysisCache cache = new AnalysisCache(1 << 20, lookups::add);
        RequestPolicy policy = countingPolicy(calls);
        RequestAnalysis first = cache.analyze(policy, "sys", "summarise this log");
        // a new String with the same chars, as each request parses its own
        RequestAnalysis again = cache.analyze(policy, "sys", new String("summarise this log".toCharArray()));
        assertThat(again).isSameAs(first);
        assertThat(calls).hasValue(1);
        assertThat(lookups).containsExactly(false, true);
    }

    @Test
    void peekAnswersOnlyWhatIsCachedAndCountsOnlyHits() {
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> lookups = new ArrayList<>();
        AnalysisCache cache = new AnalysisCache(1 << 20, lookups::add);
        RequestPolicy policy = countingPolicy(calls);
        assertThat(cache.peek(policy, null, "summarise this log")).isNull();
        RequestAnalysis stored = cache.analyze(policy, null, "summarise this log");
        assertThat(cache.peek(policy, null, "summarise this log")).isSameAs(stored);
        assertThat(cache.peek(policy, null, "x".repeat(AnalysisCache.PEEK_MAX_CHARS + 1))).isNull();
        assertThat(calls).hasValue(1);
        assertThat(lookups).containsExactly(false, true);
    }

    @Test
    void anotherTextAnotherSystemPromptOrAReloadedPolicyIsAnalysedAfresh() {
        AtomicInteger calls = new AtomicInteger();
        AnalysisCache cache = new AnalysisCache(1 << 20, hit -> { });
        RequestPolicy policy = countingPolicy(calls);
        RequestPolicy reloaded = countingPolicy(calls);
        cache.analyze(policy, "sys", "summarise this log");
        assertThat(cache.analyze(policy, "sys", "summarise this log file").category())
                .isEqualTo(TaskCategory.LOG_ANALYSIS);
        cache.analyze(policy, "other system prompt", "summarise this log");
        cache.analyze(policy, null, "summarise this log");
        cache.analyze(reloaded, "sys", "summarise this log");
        assertThat(calls).hasValue(5);
    }

    @Test
    void theSystemPromptIsPartOfTheKeyOnlyWhenTheAnalysisReadsIt() {
        AtomicInteger calls = new AtomicInteger();
        AnalysisCache cache = new AnalysisCache(1 << 20, hit -> { });
        RequestPolicy policy = countingPolicy(calls, false);
        cache.analyze(policy, "You are agent A", "summarise this log");
        cache.analyze(policy, "You are agent B", "summarise this log");
        assertThat(cache.peek(policy, "x".repeat(AnalysisCache.PEEK_MAX_CHARS * 2), "summarise this log"))
                .as("an unread long system prompt does not keep a repeat off the fast path").isNotNull();
        assertThat(calls).hasValue(1);
    }

    @Test
    void cachedAnalysesDoNotKeepAReplacedPolicyAlive() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AnalysisCache cache = new AnalysisCache(1 << 20, hit -> { });
        RequestPolicy policy = countingPolicy(calls);
        cache.analyze(policy, null, "summarise this log");
        WeakReference<RequestPolicy> ref = new WeakReference<>(policy);
        policy = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ref.get()).as("the old snapshot was collected while its entry is cached").isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aZeroBoundDisablesTheCacheAndLongTextsBypassIt() {
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> lookups = new ArrayList<>();
        RequestPolicy policy = countingPolicy(calls);
        AnalysisCache off = new AnalysisCache(0, lookups::add);
        off.analyze(policy, null, "t");
        off.analyze(policy, null, "t");
        assertThat(calls).hasValue(2);
        AnalysisCache small = new AnalysisCache(16 * 100, lookups::add);
        String longText = "x".repeat(101);
        small.analyze(policy, null, longText);
        small.analyze(policy, null, longText);
        assertThat(calls).hasValue(4);
        assertThat(lookups).as("no lookups when off or bypassed").isEmpty();
    }

    @Test
    void theCacheStaysWithinItsCharacterBound() {
        AtomicInteger calls = new AtomicInteger();
        AnalysisCache cache = new AnalysisCache(100_000, hit -> { });
        RequestPolicy policy = countingPolicy(calls);
        for (int i = 0; i < 10_000; i++) {
            cache.analyze(policy, null, "request number " + i + " " + "y".repeat(200));
        }
        // each entry weighs ~220 chars + overhead: at most ~350 fit in 100,000
        assertThat(cache.size()).isLessThan(460);
    }

    /** A policy whose analysis differs for every text: its intent score is a hash of all the text's chars. */
    private static RequestPolicy textScoringPolicy(AtomicInteger calls) {
        long generation = GENERATIONS.incrementAndGet();
        return (RequestPolicy) Proxy.newProxyInstance(RequestPolicy.class.getClassLoader(),
                new Class<?>[] {RequestPolicy.class}, (self, method, args) -> switch (method.getName()) {
                    case "analyze" -> {
                        calls.incrementAndGet();
                        yield new RequestAnalysis(TaskCategory.OTHER, List.of(), false, Intent.DEFENSIVE,
                                (((String) args[1]).hashCode() & 0xffff) / 65536.0);
                    }
                    case "analysisReadsSystemText" -> false;
                    case "generation" -> generation;
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * Long texts that differ only where the key's hash does not look (a log re-read with one changed field) share a
     * hash; each must still get its own analysis, a text never analysed none, and a look-up through hundreds of them
     * must stay cheap (the map orders the keys of one hash).
     */
    @Test
    void textsThatDifferOnlyWhereTheHashDoesNotLookKeepTheirOwnAnalyses() {
        AtomicInteger calls = new AtomicInteger();
        AnalysisCache cache = new AnalysisCache(64L * 1024 * 1024, hit -> { });
        RequestPolicy policy = textScoringPolicy(calls);
        String base = "2026-11-04 10:00:01 host-1 EventID=4688 powershell.exe -nop -enc SQBFAFgA\n".repeat(60);
        List<String> texts = new ArrayList<>();
        List<RequestAnalysis> analyses = new ArrayList<>();
        for (int at = 100; texts.size() < 500; at++) {
            char[] chars = base.toCharArray();
            chars[at] = '#';
            String text = new String(chars);
            if (SampledTextHash.of(text) == SampledTextHash.of(base)) { // a char the hash does not read
                texts.add(text);
            }
        }
        assertThat(new java.util.HashSet<>(texts)).hasSize(500);
        for (int i = 0; i < 400; i++) {
            analyses.add(cache.analyze(policy, null, texts.get(i)));
        }
        for (int i = 0; i < 400; i++) {
            String copy = new String(texts.get(i).toCharArray());
            assertThat(cache.peek(policy, null, copy)).isSameAs(analyses.get(i));
            assertThat(cache.analyze(policy, null, copy)).isSameAs(analyses.get(i));
        }
        for (int i = 400; i < 500; i++) {
            assertThat(cache.peek(policy, null, texts.get(i))).as("never analysed").isNull();
        }
        assertThat(calls).hasValue(400);
    }

    @Test
    void theSampledHashIsTheSameForEqualTextsAndReadsLongTextsOnlyInPart() {
        String longText = "é" + "abcdefghij".repeat(2000);
        assertThat(SampledTextHash.of(new String(longText.toCharArray()))).isEqualTo(SampledTextHash.of(longText));
        assertThat(SampledTextHash.of("short prompt")).isEqualTo("short prompt".hashCode());
        assertThat(SampledTextHash.of(null)).isZero();
        String longer = longText + "k";
        assertThat(SampledTextHash.of(longer)).as("the length takes part").isNotEqualTo(SampledTextHash.of(longText));
        char[] lastChanged = longText.toCharArray();
        lastChanged[lastChanged.length - 1] = 'Z';
        assertThat(SampledTextHash.of(new String(lastChanged))).isNotEqualTo(SampledTextHash.of(longText));
        for (int n = SampledTextHash.SAMPLED_CHARS - 2; n < SampledTextHash.SAMPLED_CHARS + 300; n++) {
            String text = longText.substring(0, n);
            assertThat(SampledTextHash.of(text)).isEqualTo(SampledTextHash.of(new String(text.toCharArray())));
        }
    }
}
