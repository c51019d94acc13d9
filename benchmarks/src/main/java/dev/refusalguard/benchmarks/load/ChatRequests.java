package dev.refusalguard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request every target receives: an OpenAI chat completion for a defensive task whose wording contains the
 * sensitive terms (so request analysis does its full work), streamed or not.
 */
public final class ChatRequests {

    static final String PROMPT = "We found a Word document with a macro that spawns PowerShell on three hosts. "
            + "Explain what the payload does, how the persistence works and write a detection rule for the exploit chain.";

    private static final byte[] PLAIN = body(false, PROMPT);
    private static final byte[] STREAM = body(true, PROMPT);
    /** Case numbers of unique prompts; unique across the whole run. */
    private static final java.util.concurrent.atomic.AtomicLong CASES = new java.util.concurrent.atomic.AtomicLong();

    private ChatRequests() {
    }

    /**
     * Turns after the prompt in every harness request ({@code -Drefusalguard.bench.turns=N}, default 0: system prompt
     * and prompt only); see {@link #agentConversation}.
     */
    private static final int TURNS = Integer.getInteger("refusalguard.bench.turns", 0);

    private static byte[] body(boolean stream, String prompt) {
        if (TURNS > 0) {
            return agentConversation(stream, prompt, TURNS);
        }
        String json = "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a SOC analyst assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An agent's conversation as an OpenAI Chat body: a 3 KB agent system prompt, the task ({@code prompt}), then
     * {@code turns} turns (assistant tool calls of about 300 characters and tool results of about 3 KB of pasted logs,
     * alternating): about 50 KB of text at 30 turns.
     */
    public static byte[] agentConversation(boolean stream, String prompt, int turns) {
        StringBuilder json = new StringBuilder("{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":[");
        json.append(AGENT_SYSTEM).append(',');
        message(json, "user", prompt);
        json.append(AGENT_TURNS.computeIfAbsent(turns, ChatRequests::agentTurns));
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String AGENT_SYSTEM = agentSystem();
    /** The turns' JSON by number of turns (built once: the load generator sends them at thousands per second). */
    private static final Map<Integer, String> AGENT_TURNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String agentSystem() {
        StringBuilder system = new StringBuilder("You are an autonomous assistant embedded in a company's defensive "
                + "security tooling. ");
        for (int i = 0; system.length() < 3000; i++) {
            system.append("Rule ").append(i).append(": use the tools to read logs and tickets, cite evidence, never "
                    + "run destructive commands, and ask before changing detection rules. ");
        }
        StringBuilder json = new StringBuilder();
        message(json, "system", system.toString());
        return json.toString();
    }

    private static String agentTurns(int turns) {
        StringBuilder json = new StringBuilder();
        for (int t = 0; t < turns; t++) {
            json.append(',');
            if (t % 2 == 0) {
                message(json, "assistant", "Step " + t + ": I will read the next log file to check which host "
                        + "spawned the encoded PowerShell and whether the payload reached the proxy. Calling "
                        + "read_file with path logs/host-" + t + ".log and a limit of 200 lines, then grep.");
            } else {
                message(json, "tool", "host-" + t + " " + logMessage(3000));
            }
        }
        return json.toString();
    }

    private static void message(StringBuilder json, String role, String content) {
        json.append("{\"role\":\"").append(role).append("\",\"content\":\"");
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> json.append(c);
            }
        }
        json.append("\"}");
    }

    /** The non-streaming request body. */
    public static byte[] plainBody() {
        return PLAIN.clone();
    }

    /** The user prompt of every harness request. */
    public static String prompt() {
        return PROMPT;
    }

    /**
     * An agent message of about {@code chars} characters: the prompt followed by pasted Windows event and proxy log
     * lines (hashes, IPs, paths and command lines the rephraser must leave alone).
     */
    public static String logMessage(int chars) {
        StringBuilder sb = new StringBuilder(PROMPT).append("\n\n```\n");
        int i = 0;
        while (sb.length() < chars - 4) {
            sb.append(String.format(java.util.Locale.ROOT,
                    "2026-11-%02d 10:%02d:%02d host-%d EventID=4688 powershell.exe -nop -w hidden -enc SQBFAFgA "
                            + "parent=WINWORD.EXE sha256=9f2b%04x0c1d2e3f src=10.0.%d.%d dst=185.220.101.%d "
                            + "path=C:\\Users\\j.doe\\AppData\\Roaming\\update.exe%n",
                    1 + i % 28, i % 60, (i * 7) % 60, i % 9, i, i % 250, (i * 3) % 250, i % 250));
            i++;
        }
        return sb.append("```").toString();
    }

    /** A new request for {@code target} (the caller's channel takes ownership). */
    public static FullHttpRequest newRequest(Target target, boolean stream) {
        ByteBuf content = Unpooled.wrappedBuffer(target.uniquePrompts()
                ? body(stream, PROMPT + " Case " + CASES.incrementAndGet() + ".")
                : stream ? STREAM : PLAIN);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                target.pathAndQuery(), content);
        request.headers()
                .set(HttpHeaderNames.HOST, target.host() + ":" + target.port())
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer sk-benchmark")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (stream) {
            request.headers().set(HttpHeaderNames.ACCEPT, "text/event-stream");
        }
        for (Map.Entry<String, String> h : target.headers().entrySet()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        return request;
    }
}
