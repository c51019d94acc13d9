package dev.refusalguard.proxy.cli;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.bias.BiasExchangeListener;
import dev.refusalguard.proxy.bias.BiasHtmlRenderer;
import dev.refusalguard.proxy.bias.BiasJsonRenderer;
import dev.refusalguard.proxy.bias.BiasTracker;
import dev.refusalguard.proxy.bias.BiasTrackerConfig;
import dev.refusalguard.proxy.bias.ShadowProbeConfig;
import dev.refusalguard.proxy.bias.ShadowSampler;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.ShadowConfig;
import dev.refusalguard.proxy.exchange.ShadowProber;
import dev.refusalguard.proxy.metrics.ProxyMetrics;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.recovery.PolicyFileWatcher;
import dev.refusalguard.proxy.recovery.PolicyHolder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The production parts of a proxy: the shipped ONNX classifier, the default policies, the /bias tracker. */
public final class DefaultParts {

    private DefaultParts() {
    }

    public static RefusalGuardProxy start(ProxyConfig config) throws InterruptedException {
        PolicyHolder policy = PolicyHolder.create(config);
        List<String> models = new ArrayList<>();
        for (UpstreamConfig u : config.upstreams()) {
            models.addAll(u.models());
        }
        config.recovery().reroute().forEach((m, fallbacks) -> {
            models.add(m);
            models.addAll(fallbacks);
        });
        BiasTracker tracker = new BiasTracker(BiasTrackerConfig.defaults(models.stream().distinct()
                .limit(BiasTrackerConfig.MAX_MODELS).toList()), Clock.systemUTC());
        ShadowConfig s = config.shadow();
        java.util.concurrent.atomic.AtomicReference<ProxyMetrics> metrics = new java.util.concurrent.atomic.AtomicReference<>();
        ShadowProber shadow = !s.enabled() ? null : new ShadowProber(
                new ShadowSampler(new ShadowProbeConfig(true, s.sampleRate(), s.maxConcurrent())),
                (analysis, model, originalRefused, twinRefused) -> {
                    tracker.recordShadowPair(analysis.category(), model, originalRefused, twinRefused);
                    if (metrics.get() != null) {
                        metrics.get().shadowPair(model, analysis.category().wireName(), originalRefused, twinRefused);
                    }
                });
        RefusalGuardProxy proxy = RefusalGuardProxy.start(config, new RefusalGuardProxy.Parts(
                OnnxRefusalClassifier.loadDefault(),
                policy,
                new BiasExchangeListener(tracker, Clock.systemUTC()),
                html -> html ? BiasHtmlRenderer.render(tracker.snapshot()) : BiasJsonRenderer.render(tracker.snapshot()),
                shadow));
        metrics.set(proxy.metrics());
        proxy.closeWith(policy);
        if (config.policyFile() != null && !config.policyFile().isBlank()) {
            try {
                proxy.closeWith(new PolicyFileWatcher(policy, Path.of(config.policyFile())));
            } catch (IOException e) {
                System.err.println("refusalguard: policy file changes will not be picked up: " + e.getMessage());
            }
        }
        return proxy;
    }
}
