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

    private static byte[] body(boolean stream, String prompt) {
        String json = "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a SOC analyst assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
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
