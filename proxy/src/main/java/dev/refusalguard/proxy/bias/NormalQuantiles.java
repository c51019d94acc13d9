package dev.refusalguard.proxy.bias;

/** The standard-normal quantile used for every interval in this package. */
final class NormalQuantiles {

    /** z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
    static final double Z_95 = 1.959963984540054;

    private NormalQuantiles() {
    }
}
