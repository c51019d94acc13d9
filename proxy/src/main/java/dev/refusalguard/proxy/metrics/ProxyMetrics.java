package dev.refusalguard.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The recorder in front of Micrometer: every meter is declared in {@link MeterCatalogue}; tag values are
 * bounded here (unknown models become {@code other}). Meters are cached per tag combination so the hot path
 * does one lock-free map read and one atomic add (computeIfAbsent only on a new combination: on a hit it may lock
 * the map's bin).
 */
public final class ProxyMetrics {

    public static final String OTHER = "other";

    /** Strong references to the sources of {@link #counterOf} counters (see there). */
    private final java.util.List<Supplier<Number>> functionCounterSources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MeterRegistry registry;
    private final Set<String> knownModels;
    private final ConcurrentMap<Object, Object> cache = new ConcurrentHashMap<>();

    public ProxyMetrics(MeterRegistry registry, Collection<String> knownModels) {
        this.registry = registry;
        this.knownModels = Set.copyOf(knownModels);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A configured model name, or {@code other}: keeps the model tag's cardinality bounded. */
    public String modelTag(String model) {
        return model != null && knownModels.contains(model) ? model : OTHER;
    }

    public void request(String api, String model, String category, boolean sensitive, boolean authClaim,
                        boolean stream) {
        counter(MeterCatalogue.REQUESTS, api, modelTag(model), category, bool(sensitive), bool(authClaim),
                bool(stream)).increment();
    }

    public void refusal(String api, String model, String category, boolean sensitive, boolean authClaim,
                        String signal, String refusalClass) {
        counter(MeterCatalogue.REFUSALS, api, modelTag(model), category, bool(sensitive), bool(authClaim), signal,
                refusalClass).increment();
    }

    public void recoveryAttempt(String model, String category, String strategy, String result) {
        counter(MeterCatalogue.RECOVERY_ATTEMPTS, modelTag(model), category, strategy, result).increment();
    }

    public void recovery(String api, String model, String category, boolean sensitive, String strategy) {
        counter(MeterCatalogue.RECOVERIES, api, modelTag(model), category, bool(sensitive), strategy).increment();
    }

    public void outcome(String api, String model, String category, boolean sensitive, String outcome) {
        counter(MeterCatalogue.OUTCOMES, api, modelTag(model), category, bool(sensitive), outcome).increment();
    }

    public void lateRefusal(String api, String model, String signal) {
        counter(MeterCatalogue.LATE_REFUSALS, api, modelTag(model), signal).increment();
    }

    public void shadowPair(String model, String category, boolean originalRefused, boolean twinRefused) {
        counter(MeterCatalogue.SHADOW_PROBES, modelTag(model), category, originalRefused ? "refused" : "complied",
                twinRefused ? "refused" : "complied").increment();
    }

    /**
     * Creates at 0 the series of counters that can stay silent for long (late refusals; shadow-probe pairs when
     * probing is on), so PromQL sees 0 instead of no data from start-up. Bounded by the configuration: apis x
     * (configured models + other) x signals, and (configured models + other) x categories x 4 for shadow probes.
     */
    public void registerQuietSeries(Collection<String> apis, Collection<String> signals,
                                    Collection<String> categories, boolean shadowProbes) {
        counter(MeterCatalogue.ANALYSIS_CACHE_LOOKUPS, "hit");
        counter(MeterCatalogue.ANALYSIS_CACHE_LOOKUPS, "miss");
        java.util.List<String> models = new java.util.ArrayList<>(new java.util.TreeSet<>(knownModels));
        models.add(OTHER);
        for (String model : models) {
            for (String api : apis) {
                for (String signal : signals) {
                    counter(MeterCatalogue.LATE_REFUSALS, api, model, signal);
                }
            }
            if (shadowProbes) {
                for (String category : categories) {
                    for (String original : java.util.List.of("refused", "complied")) {
                        for (String twin : java.util.List.of("refused", "complied")) {
                            counter(MeterCatalogue.SHADOW_PROBES, model, category, original, twin);
                        }
                    }
                }
            }
        }
    }

    /** One request-analysis cache lookup. */
    public void analysisCacheLookup(boolean hit) {
        counter(MeterCatalogue.ANALYSIS_CACHE_LOOKUPS, hit ? "hit" : "miss").increment();
    }

    public void classifierTime(String mode, long nanos) {
        timer(MeterCatalogue.CLASSIFIER_TIME, mode).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void proxyAddedTime(String api, boolean stream, long nanos) {
        timer(MeterCatalogue.PROXY_ADDED_TIME, api, bool(stream)).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public void upstreamTime(String upstream, int status, long nanos) {
        String statusClass = status <= 0 ? "none" : (status / 100) + "xx";
        timer(MeterCatalogue.UPSTREAM_TIME, upstream, statusClass).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamError(String upstream, String kind) {
        counter(MeterCatalogue.UPSTREAM_ERRORS, upstream, kind).increment();
    }

    public void streamWindow(String api, String decision, int chars) {
        summary(MeterCatalogue.STREAM_WINDOW_CHARS, api, decision).record(chars);
    }

    public void gauge(MeterCatalogue meter, Supplier<Number> value) {
        if (meter.type() != MeterCatalogue.Type.GAUGE) {
            throw new IllegalArgumentException(meter + " is not a gauge");
        }
        Gauge.builder(meter.meterName(), value).description(meter.description()).register(registry);
    }

    /** A counter whose total is kept elsewhere (read at each scrape). */
    public void counterOf(MeterCatalogue meter, Supplier<Number> total) {
        if (meter.type() != MeterCatalogue.Type.COUNTER || !meter.tagKeys().isEmpty()) {
            throw new IllegalArgumentException(meter + " is not an untagged counter");
        }
        // A function counter holds its object weakly and, once it is collected, repeats its last reading for ever:
        // a method reference made for the call has no other reference, so this registry keeps it.
        functionCounterSources.add(total);
        FunctionCounter.builder(meter.meterName(), total, t -> t.get().doubleValue())
                .description(meter.description()).register(registry);
    }

    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private record Key(MeterCatalogue meter, String[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.meter == meter && java.util.Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return meter.hashCode() * 31 + java.util.Arrays.hashCode(values);
        }
    }

    private Tags tags(MeterCatalogue meter, String[] values) {
        if (values.length != meter.tagKeys().size()) {
            throw new IllegalArgumentException(meter + " takes tags " + meter.tagKeys());
        }
        String[] kv = new String[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            kv[2 * i] = meter.tagKeys().get(i);
            kv[2 * i + 1] = values[i] == null ? "none" : values[i];
        }
        return Tags.of(kv);
    }

    /**
     * The meter of a tag combination: a lock-free read on a hit; {@code computeIfAbsent} (which may lock the map's
     * bin even on a hit) only for a new combination.
     */
    private Object cached(Key key, java.util.function.Function<Object, Object> register) {
        Object known = cache.get(key);
        return known != null ? known : cache.computeIfAbsent(key, register);
    }

    private Counter counter(MeterCatalogue meter, String... values) {
        return (Counter) cached(new Key(meter, values), k -> Counter.builder(meter.meterName())
                .description(meter.description()).tags(tags(meter, values)).register(registry));
    }

    private Timer timer(MeterCatalogue meter, String... values) {
        return (Timer) cached(new Key(meter, values), k -> Timer.builder(meter.meterName())
                .description(meter.description()).tags(tags(meter, values))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry));
    }

    private DistributionSummary summary(MeterCatalogue meter, String... values) {
        return (DistributionSummary) cached(new Key(meter, values), k -> DistributionSummary
                .builder(meter.meterName()).baseUnit(meter.baseUnit()).description(meter.description())
                .tags(tags(meter, values)).serviceLevelObjectives(32, 64, 128, 256, 512, 1024, 4096)
                .register(registry));
    }
}
