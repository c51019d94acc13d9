package dev.refusalguard.proxy.config;

/**
 * Sends requests for matching models to an upstream.
 *
 * @param model    exact model name, or a prefix pattern ending in {@code *} (e.g. {@code claude-*})
 * @param upstream name of a configured upstream
 */
public record RouteConfig(String model, String upstream) {

    public RouteConfig {
        ConfigChecks.notBlank("routes[].model", model);
        ConfigChecks.notBlank("routes[" + model + "].upstream", upstream);
    }

    public boolean matches(String requestedModel) {
        if (requestedModel == null) {
            return false;
        }
        if (model.endsWith("*")) {
            return requestedModel.startsWith(model.substring(0, model.length() - 1));
        }
        return model.equals(requestedModel);
    }
}
