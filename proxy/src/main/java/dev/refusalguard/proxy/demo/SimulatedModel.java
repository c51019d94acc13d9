package dev.refusalguard.proxy.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The simulated safety-tuned model: decides refuse-or-comply for a request, deterministically.
 *
 * <p>The decision for (seed, model, system text, user text) is a SHA-256 of those, read as uniform draws:
 * the first draw is compared with the {@link RefusalModel} probability (like a real model at temperature 0,
 * the same request always gets the same answer); the second picks the refusal delivery from the mix, the
 * third the refusal text or the answer variant, the fourth feeds ids. Any change to the text (a rephrase, an
 * added authorization block) gives fresh, independent draws, with that text's own probability.
 */
public final class SimulatedModel {

    private final DemoUpstreamConfig config;
    private final RefusalModel refusalModel;
    private final RefusalTexts refusalTexts;

    public SimulatedModel(DemoUpstreamConfig config, RefusalModel refusalModel, RefusalTexts refusalTexts) {
        this.config = config;
        this.refusalModel = refusalModel;
        this.refusalTexts = refusalTexts;
    }

    /** The model calibrated on the bundled demo requests, with the bundled refusal texts. */
    public static SimulatedModel calibrated(DemoUpstreamConfig config) {
        RefusalModel model = RefusalModelFitter.fit(
                DemoRequests.bundled(config.calibration()).stream().map(DemoRequest::features).toList(),
                config.calibration());
        return new SimulatedModel(config, model, RefusalTexts.bundled());
    }

    public RefusalModel refusalModel() {
        return refusalModel;
    }

    public DemoUpstreamConfig config() {
        return config;
    }

    public SimulatedDecision decide(String model, String systemText, String userText) {
        return decide(model, systemText, userText, RequestFeatures.of(systemText, userText));
    }

    /** As {@link #decide(String, String, String)} with the request's features already read (they must match). */
    SimulatedDecision decide(String model, String systemText, String userText, RequestFeatures features) {
        double p = refusalModel.probability(features, config.isLenient(model));
        ByteBuffer digest = ByteBuffer.wrap(sha256(config.seed(), model, systemText, userText));
        double decisionDraw = uniform(digest.getLong());
        double deliveryDraw = uniform(digest.getLong());
        long textPick = digest.getLong() >>> 1;
        long draws = digest.getLong();
        boolean refuse = decisionDraw < p;
        if (refuse) {
            return new SimulatedDecision(true, p, config.deliveryMix().pick(deliveryDraw),
                    refusalTexts.pick(textPick), features, draws);
        }
        return new SimulatedDecision(false, p, RefusalDelivery.PLAIN_TEXT,
                SimulatedAnswers.compose(features.category(), userText, textPick), features, draws);
    }

    private static double uniform(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    private static byte[] sha256(long seed, String model, String system, String user) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            md.update(model.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(normalise(system).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(normalise(user).getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
