package dev.refusalguard.proxy.bias;

/**
 * erfc(x) = 1 - erf(x), by the Chebyshev-fitted form {@code t * exp(-x^2 + P(t))} with {@code t = 1 / (1 + x/2)}
 * (the classic Numerical Recipes fit). Its fractional error is below 1.2e-7 over the whole real line, which keeps
 * small p-values accurate in relative terms, not only in absolute ones.
 */
public final class ComplementaryErrorFunction {

    /** Coefficients of P(t), lowest order first. */
    private static final double[] P = {
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
    };

    private ComplementaryErrorFunction() {
    }

    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = 0.0;
        for (int i = P.length - 1; i >= 0; i--) {
            poly = poly * t + P[i];
        }
        double value = t * Math.exp(-z * z + poly);
        return x >= 0 ? value : 2.0 - value;
    }

    /**
     * Upper-tail probability of the chi-square distribution with one degree of freedom:
     * P(X >= statistic) = erfc(sqrt(statistic / 2)).
     */
    public static double chiSquareOneDofPValue(double statistic) {
        if (Double.isNaN(statistic) || statistic < 0) {
            throw new IllegalArgumentException("chi-square statistic must be >= 0: " + statistic);
        }
        return Math.min(1.0, erfc(Math.sqrt(statistic / 2.0)));
    }
}
