package dev.refusalguard.classifier.model;

/**
 * Settings of {@link SoftmaxRegressionTrainer}.
 *
 * @param epochs        passes over the data
 * @param learningRate  AdaGrad base step
 * @param l2            L2 penalty applied to the weights touched by each example
 * @param balanceClasses weight each class by n / (classes * n_class)
 * @param seed          shuffle seed (training is deterministic for a given seed and input order)
 */
public record TrainerConfig(int epochs, double learningRate, double l2, boolean balanceClasses, long seed) {

    public TrainerConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0: " + learningRate);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be >= 0: " + l2);
        }
    }

    public static TrainerConfig defaults(long seed) {
        return new TrainerConfig(8, 0.2, 1e-6, true, seed);
    }
}
