import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N concurrent streaming chat completions through the proxy and counts the complete ones (every numbered
 * word and the [DONE] marker arrived). Used by deploy/ci/measure.sh for the "memory under N streams" figure.
 * Run with the source launcher:  java StreamLoad.java URL STREAMS EXPECTED_WORDS
 * Prints "streams=N complete=N failed=N seconds=S" and exits 1 unless every stream completed.
 */
public final class StreamLoad {

    private StreamLoad() {
    }

    public static void main(String[] args) {
        URI uri = URI.create(args[0]);
        int streams = Integer.parseInt(args[1]);
        int expectedWords = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Summarise the failed SSH logins in this auth.log excerpt and suggest which hosts to review.\"}]}";
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer unused")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                boolean ok = error == null && response.statusCode() == 200
                        && response.body().contains("w" + (expectedWords - 1) + ":")
                        && response.body().contains("[DONE]");
                (ok ? complete : failed).incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("streams=%d complete=%d failed=%d seconds=%.1f%n", streams, complete.get(), failed.get(),
                seconds);
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
