package dev.refusalguard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refusalguard.benchmarks.load.ChatRequests;
import dev.refusalguard.benchmarks.upstream.StubAnswers;
import dev.refusalguard.proxy.api.AnswerInspection;
import dev.refusalguard.proxy.api.ApiRequestException;
import dev.refusalguard.proxy.api.OpenAiChatAdapter;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.api.StreamInspector;
import dev.refusalguard.proxy.sse.SseEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI Chat adapter on the proxy's per-request path: JSON bytes to tree to {@link ParsedRequest} (request
 * side), answer bytes to tree to {@link AnswerInspection} (non-streamed answer side), and one chunk event through
 * the stream inspector (streamed answer side).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdapterOpenAiChatBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiChatAdapter adapter = new OpenAiChatAdapter();
    private byte[] request;
    private byte[] answer;
    private SseEvent chunk;

    @Setup
    public void setUp() {
        request = ChatRequests.plainBody();
        StubAnswers answers = new StubAnswers(4, 16);
        answer = answers.completion();
        String event = new String(answers.contentEvent(1), StandardCharsets.UTF_8);
        chunk = new SseEvent(null, event.substring("data: ".length()).trim());
    }

    @Benchmark
    public ParsedRequest parseRequest() throws Exception {
        JsonNode tree = JSON.readTree(request);
        try {
            return adapter.parse(tree);
        } catch (ApiRequestException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public AnswerInspection inspectAnswer() throws Exception {
        return adapter.inspect(200, JSON.readTree(answer));
    }

    @Benchmark
    public StreamInspector inspectStreamChunk() {
        StreamInspector inspector = adapter.newStreamInspector(256);
        inspector.onEvent(chunk);
        return inspector;
    }
}
