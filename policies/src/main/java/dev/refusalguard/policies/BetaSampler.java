package dev.refusalguard.policies;

import java.util.random.RandomGenerator;

/** Draws from Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia and Tsang's method). */
final class BetaSampler {

    private BetaSampler() {
    }

    static double sample(double a, double b, RandomGenerator rng) {
        double x = gamma(a, rng);
        double y = gamma(b, rng);
        return x / (x + y);
    }

    static double gamma(double shape, RandomGenerator rng) {
        if (shape < 1.0) {
            double u = rng.nextDouble();
            return gamma(shape + 1.0, rng) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
