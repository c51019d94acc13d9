package dev.refusalguard.proxy.testing;

import dev.refusalguard.classifier.OnnxRefusalClassifier;
import dev.refusalguard.classifier.RefusalClassifier;
import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.ServerConfig;
import dev.refusalguard.proxy.recovery.PolicyHolder;

import java.util.function.UnaryOperator;

/** Starts a proxy on ephemeral loopback ports in front of a scripted upstream. */
public final class ProxyHarness {

    private ProxyHarness() {
    }

    /** The shipped ONNX refusal classifier (a fresh instance: the proxy closes it when it stops). */
    public static RefusalClassifier classifier() {
        return OnnxRefusalClassifier.loadDefault();
    }

    public static ProxyConfig config(String upstreamUrl) {
        ProxyConfig base = ProxyConfig.singleUpstream(upstreamUrl, ApiFormat.OPENAI);
        return base.withServer(ServerConfig.defaults().withListen("127.0.0.1:0", "127.0.0.1:0"));
    }

    public static RefusalGuardProxy start(String upstreamUrl, RefusalClassifier classifier) throws Exception {
        return start(upstreamUrl, classifier, c -> c);
    }

    public static RefusalGuardProxy start(String upstreamUrl, RefusalClassifier classifier,
                                          UnaryOperator<ProxyConfig> customise) throws Exception {
        ProxyConfig config = customise.apply(config(upstreamUrl));
        return RefusalGuardProxy.start(config, new RefusalGuardProxy.Parts(classifier,
                PolicyHolder.create(config), s -> { }, html -> "{}", null));
    }
}
