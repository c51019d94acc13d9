package dev.refusalguard.classifier.eval;

/** Counts of a binary decision (positive = refusal) and the usual ratios; ratios of empty sets are NaN. */
public final class BinaryStats {

    private long tp;
    private long fp;
    private long fn;
    private long tn;

    public void add(boolean actual, boolean predicted) {
        if (actual && predicted) {
            tp++;
        } else if (predicted) {
            fp++;
        } else if (actual) {
            fn++;
        } else {
            tn++;
        }
    }

    public void addAll(BinaryStats o) {
        tp += o.tp;
        fp += o.fp;
        fn += o.fn;
        tn += o.tn;
    }

    public long total() {
        return tp + fp + fn + tn;
    }

    public long positives() {
        return tp + fn;
    }

    public long negatives() {
        return tn + fp;
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** True-negative rate: share of non-refusals kept as non-refusals. */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return positives() == 0 && fp == 0 ? Double.NaN : 0.0;
        }
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    public double accuracy() {
        return ratio(tp + tn, total());
    }

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
