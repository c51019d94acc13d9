package dev.refusalguard.proxy.admin;

import dev.refusalguard.proxy.RefusalGuardProxy;
import dev.refusalguard.proxy.testing.ProxyHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /bias answers HTML only when the Accept header ranks text/html above application/json by q-value. */
class BiasContentNegotiationTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void acceptQValuesDecideBetweenHtmlAndJson() throws Exception {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("text/html;q=0.9, application/json", "application/json");
        expected.put("application/json;q=0.5, text/html", "text/html");
        expected.put("text/html", "text/html");
        expected.put("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html");
        expected.put("*/*", "application/json");
        expected.put("text/*;q=0.3, */*;q=0.5", "application/json");
        expected.put("text/html;q=0", "application/json");
        expected.put("application/json", "application/json");
        try (RefusalGuardProxy proxy = ProxyHarness.start("http://127.0.0.1:9", ProxyHarness.classifier(),
                c -> c)) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/bias"))
                        .header("accept", e.getKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("content-type")).as(e.getKey())
                        .hasValueSatisfying(v -> assertThat(v).startsWith(e.getValue()));
            }
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(proxy.adminUrl() + "/bias"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.headers().firstValue("content-type")).hasValue("application/json");
        }
    }
}
