package dev.refusalguard.proxy.demo;

import java.util.Objects;

/**
 * What the simulated model decided for one request.
 *
 * @param refusal     refuse (true) or comply
 * @param probability the refusal probability the draw was compared with
 * @param delivery    how a refusal is delivered (meaningful only when {@code refusal})
 * @param text        the answer text: a real refusal text, or a marked simulated answer
 * @param features    what the model noticed in the request
 * @param draws       further deterministic bits for ids and answer variants
 */
public record SimulatedDecision(boolean refusal, double probability, RefusalDelivery delivery, String text,
                                RequestFeatures features, long draws) {

    /** Header on every decided response, the simulator's ground truth. */
    public static final String HEADER = "x-demo-simulated";
    /** Header with the refusal probability of the request (4 decimals). */
    public static final String PROBABILITY_HEADER = "x-demo-refusal-probability";
    /** Header with the refusal delivery (refusals only). */
    public static final String DELIVERY_HEADER = "x-demo-refusal-delivery";

    public SimulatedDecision {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(features, "features");
    }

    public String headerValue() {
        return refusal ? "refusal" : "compliance";
    }
}
