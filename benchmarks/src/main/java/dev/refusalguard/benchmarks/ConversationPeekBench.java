package dev.refusalguard.benchmarks;

import dev.refusalguard.benchmarks.load.ChatRequests;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.proxy.api.OpenAiChatAdapter;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.exchange.ConversationAnalysis;
import dev.refusalguard.proxy.recovery.AnalysisCache;
import dev.refusalguard.proxy.recovery.PolicyHolder;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The intent gate's event-loop cost for an agent conversation whose every text is already analysed (a tool loop's
 * next step): {@link ConversationAnalysis#peek} with a warm {@link AnalysisCache}. Each request parses its own
 * Strings, so their hashes are not cached: {@code parseAndPeek} parses the OpenAI Chat body as the proxy does and
 * peeks, {@code parseOnly} only parses; the difference is the gate's cost; {@code peekOnly} times the
 * peek alone on a request parsed before each call. Conversation: a 3 KB agent system prompt,
 * then {@code turns} turns after the user's task ({@link ChatRequests#agentConversation}: about 50 KB of text at
 * 30 turns).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConversationPeekBench {

    @Param({"10", "30"})
    public int turns;

    private final OpenAiChatAdapter adapter = new OpenAiChatAdapter();
    private final AnalysisCache cache = new AnalysisCache(4 * 1024 * 1024, hit -> { });
    /** The proxy's own policy for a default config (the shipped policy), as the exchange uses it. */
    private final RequestPolicy policy = PolicyHolder.create(
            ProxyConfig.singleUpstream("http://127.0.0.1:9", ApiFormat.OPENAI)).get();
    private byte[] body;

    @Setup
    public void setUp() {
        body = ChatRequests.agentConversation(false, ChatRequests.prompt(), turns);
        ParsedRequest request = adapter.parseBytes(body);
        ConversationAnalysis.analyze(cache, policy, request);
        RequestAnalysis known = ConversationAnalysis.peek(cache, policy, adapter.parseBytes(body));
        if (known == null) {
            throw new IllegalStateException("the conversation is not cached: peek would not answer");
        }
        System.out.println("conversation: " + body.length + " bytes, " + request.contextTexts().size()
                + " context turns; analysis " + known);
    }

    @Benchmark
    public ParsedRequest parseOnly() {
        return adapter.parseBytes(body);
    }

    @Benchmark
    public RequestAnalysis parseAndPeek() {
        return ConversationAnalysis.peek(cache, policy, adapter.parseBytes(body));
    }

    /** A request parsed before each call (outside the measured time), so its Strings' own hashes are not cached. */
    @State(Scope.Thread)
    public static class FreshRequest {
        ParsedRequest request;

        @Setup(Level.Invocation)
        public void parse(ConversationPeekBench bench) {
            request = bench.adapter.parseBytes(bench.body);
        }
    }

    /** The gate's look-up alone, on a freshly parsed request. */
    @Benchmark
    public RequestAnalysis peekOnly(FreshRequest fresh) {
        return ConversationAnalysis.peek(cache, policy, fresh.request);
    }
}
