package dev.refusalguard.proxy.admin;

import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the admin endpoints serve.
 *
 * @param prometheusText /metrics body (Prometheus text exposition format 0.0.4)
 * @param live           /healthz: the process is up and its event loops answer
 * @param ready          /readyz: models loaded, config valid, not draining
 * @param bias           /bias body for a given Accept header value: JSON, or HTML when it asks for text/html
 */
public record AdminRoutes(Supplier<String> prometheusText,
                          BooleanSupplier live,
                          BooleanSupplier ready,
                          Function<Boolean, String> bias) {
}
