package dev.refusalguard.proxy.bias;

/**
 * Outcomes of paired requests (an original and its twin, for example the neutral rephrase).
 *
 * @param bothRefused     original refused and twin refused
 * @param originalOnly    original refused, twin answered
 * @param twinOnly        original answered, twin refused
 * @param neitherRefused  both answered
 */
public record PairedCounts(long bothRefused, long originalOnly, long twinOnly, long neitherRefused) {

    public PairedCounts {
        if (bothRefused < 0 || originalOnly < 0 || twinOnly < 0 || neitherRefused < 0) {
            throw new IllegalArgumentException("pair counts must be >= 0");
        }
    }

    public static final PairedCounts EMPTY = new PairedCounts(0, 0, 0, 0);

    public long pairs() {
        return bothRefused + originalOnly + twinOnly + neitherRefused;
    }

    public PairedCounts plus(PairedCounts other) {
        return new PairedCounts(bothRefused + other.bothRefused, originalOnly + other.originalOnly,
                twinOnly + other.twinOnly, neitherRefused + other.neitherRefused);
    }

    public PairedCounts plus(boolean originalRefused, boolean twinRefused) {
        return plus(new PairedCounts(originalRefused && twinRefused ? 1 : 0, originalRefused && !twinRefused ? 1 : 0,
                !originalRefused && twinRefused ? 1 : 0, !originalRefused && !twinRefused ? 1 : 0));
    }

    /** Rates for each member and McNemar's test on the discordant pairs. */
    public PairedComparison compare() {
        long pairs = pairs();
        return new PairedComparison(this,
                RateEstimate.of(bothRefused + originalOnly, pairs),
                RateEstimate.of(bothRefused + twinOnly, pairs),
                McNemarTest.of(originalOnly, twinOnly));
    }
}
