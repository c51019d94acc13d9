package dev.refusalguard.proxy;

import dev.refusalguard.policies.Intent;
import dev.refusalguard.proxy.bias.ShadowProbeConfig;
import dev.refusalguard.proxy.bias.ShadowSampler;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.exchange.ShadowProber;
import dev.refusalguard.proxy.recovery.PolicyHolder;
import dev.refusalguard.proxy.testing.OpenAiReplies;
import dev.refusalguard.proxy.testing.ProxyHarness;
import dev.refusalguard.proxy.testing.ScriptedUpstream;
import dev.refusalguard.proxy.testing.ScriptedUpstream.Full;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowProbeTest {

    @Test
    void aSampledSensitiveRequestSendsItsNeutralTwinInTheBackgroundAndRecordsThePair() throws Exception {
        String refusal = OpenAiReplies.completion("I'm sorry, but I can't help with reverse shells or payloads.");
        String answer = OpenAiReplies.completion("Here are auditd rules for interactive shells over sockets.");
        List<boolean[]> pairs = new CopyOnWriteArrayList<>();
        try (ScriptedUpstream upstream = new ScriptedUpstream(r ->
                Full.json(r.body().contains("reverse shell") ? refusal : answer))) {
            ProxyConfig config = ProxyHarness.config(upstream.baseUrl());
            ShadowProber prober = new ShadowProber(new ShadowSampler(new ShadowProbeConfig(true, 1.0, 2)),
                    (analysis, model, original, twin) -> {
                        assertThat(analysis.intent()).isEqualTo(Intent.DEFENSIVE);
                        pairs.add(new boolean[]{original, twin});
                    });
            try (RefusalGuardProxy proxy = RefusalGuardProxy.start(config, new RefusalGuardProxy.Parts(
                    ProxyHarness.classifier(), PolicyHolder.create(config), s -> { }, html -> "{}", prober))) {
                String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Write auditd rules that detect a reverse shell on our Linux web servers.\"}]}";
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(proxy.baseUrl() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo(answer);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (pairs.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(pairs).hasSize(1);
                assertThat(pairs.get(0)).containsExactly(true, false);
                assertThat(upstream.received()).hasSize(3);
                assertThat(upstream.received().get(2).body()).doesNotContain("reverse shell")
                        .contains("\"stream\":false");
            }
        }
    }
}
