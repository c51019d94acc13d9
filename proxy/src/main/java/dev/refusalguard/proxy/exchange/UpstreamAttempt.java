package dev.refusalguard.proxy.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refusalguard.classifier.PrefixDecision;
import dev.refusalguard.classifier.PrefixVerdict;
import dev.refusalguard.proxy.api.AnswerInspection;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.RequestJson;
import dev.refusalguard.proxy.api.StreamInspector;
import dev.refusalguard.proxy.config.ProxyConfig;
import dev.refusalguard.proxy.config.StreamWindowConfig;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.detect.Detection;
import dev.refusalguard.proxy.detect.RefusalDetector;
import dev.refusalguard.proxy.sse.SseEvent;
import dev.refusalguard.proxy.sse.SseEventSplitter;
import dev.refusalguard.proxy.translate.StreamTranslator;
import dev.refusalguard.proxy.translate.Translation;
import dev.refusalguard.proxy.upstream.UpstreamCall;
import dev.refusalguard.proxy.upstream.UpstreamFailure;
import dev.refusalguard.proxy.upstream.UpstreamResponseListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One upstream attempt of an LLM exchange. It buffers a non-streamed answer (bounded) and reports it once judged;
 * for a streamed answer it holds the opening events in the refusal window until the classifier decides, then
 * either releases them and relays the rest with backpressure, or is aborted by the exchange so that no byte of a
 * refused answer reaches the agent.
 *
 * <p>When the upstream speaks another format than the agent, the answer is translated into the agent's format
 * before it is inspected or delivered: a buffered body as a whole, a stream event by event at SSE event boundaries.
 *
 * <p>Owns: the buffered body, the held events and the SSE splitter; each is released on every exit (delivery,
 * abort, failure). All methods run on the exchange's event loop, so no field needs to be volatile.
 */
final class UpstreamAttempt implements UpstreamResponseListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIRST_CHECKPOINT = 32;

    private enum Mode { WAITING_HEAD, BUFFER, WINDOW, RELAY, DONE }

    private final LlmExchange exchange;
    private final ApiAdapter adapter;
    private final ProxyConfig config;
    private final RefusalDetector detector;
    private final EventLoop loop;
    private final UpstreamConfig upstream;
    private final int number;
    private final boolean streamRequested;
    private final Translation translation;
    /** The agent's request, read (its tree) only by a translated stream. */
    private final RequestJson agentBody;

    private UpstreamCall call;
    private Mode mode = Mode.WAITING_HEAD;
    private int status;
    private HttpHeaders upstreamHeaders;

    // BUFFER mode
    private CompositeByteBuf body;

    // WINDOW and RELAY modes
    private SseEventSplitter splitter;
    private StreamInspector inspector;
    private StreamTranslator streamTranslator;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private int heldBytes;
    private int nextCheckpoint = FIRST_CHECKPOINT;
    private boolean prefixInFlight;
    private boolean windowLimitHit;
    private boolean upstreamEnded;
    private boolean decided;
    private ScheduledFuture<?> windowTimer;
    private boolean readPending;
    private long upstreamEndNanos;
    /** This attempt's upstream call time has been recorded (each call is timed once). */
    private boolean timed;

    UpstreamAttempt(LlmExchange exchange, ApiAdapter adapter, ExchangeServices services, EventLoop loop,
                    UpstreamConfig upstream, int number, boolean streamRequested, Translation translation,
                    RequestJson agentBody) {
        this.exchange = exchange;
        this.adapter = adapter;
        this.config = services.config();
        this.detector = services.detector();
        this.loop = loop;
        this.upstream = upstream;
        this.number = number;
        this.streamRequested = streamRequested;
        this.translation = translation;
        this.agentBody = agentBody;
    }

    void start(UpstreamCall newCall) {
        this.call = newCall;
        newCall.start();
    }

    int number() {
        return number;
    }

    UpstreamConfig upstream() {
        return upstream;
    }

    int status() {
        return status;
    }

    /** The upstream answered with a 2xx status (anything else is an HTTP error, unless it names a content policy). */
    boolean answered() {
        return status >= 200 && status < 300;
    }

    /** The answer is an SSE stream held in (or released from) the refusal window. */
    boolean windowed() {
        return splitter != null;
    }

    /** Upstream time of this attempt so far (or until its end). */
    long upstreamNanos() {
        long end = upstreamEndNanos != 0 ? upstreamEndNanos : System.nanoTime();
        return call == null ? 0 : end - call.startNanos();
    }

    /** True the first time only: the caller records this attempt's upstream time. */
    boolean markTimed() {
        if (timed) {
            return false;
        }
        timed = true;
        return true;
    }

    @Override
    public void onHead(UpstreamCall c, HttpResponse head) {
        status = head.status().code();
        upstreamHeaders = head.headers();
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (streamRequested && status == 200 && contentType.startsWith("text/event-stream")) {
            mode = Mode.WINDOW;
            splitter = new SseEventSplitter(exchange.alloc(), config.server().maxEventBytes());
            inspector = adapter.newStreamInspector(config.detection().classifyTextChars());
            streamTranslator = translation == null ? null : translation.newStream(agentBody.tree());
            StreamWindowConfig w = config.streamWindow();
            windowTimer = loop.schedule(this::onWindowTimeout, w.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            mode = Mode.BUFFER;
            body = exchange.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
    }

    @Override
    public void onContent(UpstreamCall c, HttpContent content, boolean last) {
        ByteBuf bytes = content.content();
        if (last) {
            upstreamEndNanos = System.nanoTime();
        }
        switch (mode) {
            case BUFFER -> onBufferContent(bytes, last);
            case WINDOW, RELAY -> onStreamContent(bytes, last);
            default -> bytes.release();
        }
    }

    @Override
    public void onFailure(UpstreamCall c, UpstreamFailure failure, Throwable cause) {
        upstreamEndNanos = System.nanoTime();
        Mode was = mode;
        releaseAll();
        exchange.onAttemptFailed(this, failure, cause, was == Mode.RELAY);
    }

    // ---- BUFFER mode -------------------------------------------------------------------------------------------

    private void onBufferContent(ByteBuf bytes, boolean last) {
        if (bytes.isReadable()) {
            body.addComponent(true, bytes);
        } else {
            bytes.release();
        }
        if (body.readableBytes() > config.server().maxResponseBytes()) {
            call.abort();
            releaseAll();
            exchange.onAttemptFailed(this, UpstreamFailure.TOO_LARGE, null, false);
            return;
        }
        if (!last) {
            call.read();
            return;
        }
        // The usual case, an answer in the agent's own format: read without building its tree.
        AnswerInspection streamed = translation == null ? adapter.inspectBytes(status, body) : null;
        if (streamed != null) {
            judgeBuffered(streamed);
            return;
        }
        JsonNode json = parseJson(body);
        if (status == 200 && !(json instanceof ObjectNode)) {
            // A 200 whose body is not a JSON object (an HTML page, an empty body) is a broken upstream, not an
            // empty answer: judged, it would count as a refusal and be retried with a rewritten request.
            releaseAll();
            exchange.onAttemptFailed(this, UpstreamFailure.PROTOCOL, null, false);
            return;
        }
        if (translation != null) {
            try {
                json = translateBody(json);
            } catch (RuntimeException e) {
                releaseAll();
                exchange.onAttemptFailed(this, UpstreamFailure.PROTOCOL, e, false);
                return;
            }
        }
        judgeBuffered(adapter.inspect(status, json));
    }

    private void judgeBuffered(AnswerInspection inspection) {
        if (status != 200 && inspection.signal() == null) {
            deliverBuffered(Detection.NOT_REFUSAL);
            return;
        }
        detector.judge(inspection, exchange.pendingAnalysis()).whenComplete((d, e) -> loop.execute(() ->
                deliverBuffered(d == null ? Detection.NOT_REFUSAL : d)));
    }

    /** Replaces the buffered upstream body with its translation into the agent's format. */
    private JsonNode translateBody(JsonNode upstreamJson) {
        JsonNode translated = translation.answer(status, upstreamJson);
        if (translated == null) {
            return upstreamJson;
        }
        body.release();
        body = exchange.alloc().compositeBuffer(Integer.MAX_VALUE);
        body.addComponent(true, Unpooled.wrappedBuffer(translated.toString().getBytes(StandardCharsets.UTF_8)));
        return translated;
    }

    private void deliverBuffered(Detection detection) {
        if (mode == Mode.DONE) {
            return;
        }
        exchange.onBufferedAnswer(this, detection);
    }

    /** Hands the buffered answer to the agent (the exchange decided to deliver it). */
    void deliverBufferedTo(AgentResponder responder, HttpHeaders extra, Runnable afterWrite) {
        HttpHeaders headers = ProxyHeaders.forAgent(upstreamHeaders);
        headers.add(extra);
        ByteBuf out = body;
        body = null;
        mode = Mode.DONE;
        responder.sendFull(status, headers, out, afterWrite);
    }

    // ---- WINDOW and RELAY modes -------------------------------------------------------------------------------

    private void onStreamContent(ByteBuf bytes, boolean last) {
        try {
            splitter.feed(bytes, this::onUpstreamEvent);
            if (last) {
                upstreamEnded = true;
                splitter.flushRemainder(this::onUpstreamEvent);
                if (streamTranslator != null) {
                    streamTranslator.onEnd(this::onTranslatedEvent);
                }
            }
        } catch (RuntimeException e) {
            call.abort();
            Mode was = mode;
            releaseAll();
            exchange.onAttemptFailed(this, e instanceof SseEventSplitter.EventTooLargeException
                    ? UpstreamFailure.TOO_LARGE : UpstreamFailure.PROTOCOL, e, was == Mode.RELAY);
            return;
        }
        if (mode == Mode.WINDOW) {
            afterWindowContent();
        } else if (mode == Mode.RELAY) {
            exchange.responder().flush();
            if (upstreamEnded) {
                finishRelay();
            } else {
                readIfWritable();
            }
        }
    }

    /** One upstream event: handed on as is, or translated into zero or more agent events. */
    private void onUpstreamEvent(ByteBuf event) {
        if (streamTranslator == null) {
            onAgentEvent(event);
            return;
        }
        SseEvent parsed;
        try {
            parsed = SseEvent.parse(event);
        } finally {
            event.release();
        }
        streamTranslator.onEvent(parsed, this::onTranslatedEvent);
    }

    private void onTranslatedEvent(String framed) {
        onAgentEvent(ByteBufUtil.writeUtf8(exchange.alloc(), framed));
    }

    private void onAgentEvent(ByteBuf event) {
        if (mode == Mode.WINDOW) {
            onWindowEvent(event);
        } else {
            onRelayEvent(event);
        }
    }

    private void onWindowEvent(ByteBuf event) {
        if (mode != Mode.WINDOW) {
            onRelayEvent(event);
            return;
        }
        inspector.onEvent(SseEvent.parse(event));
        held.add(event);
        heldBytes += event.readableBytes();
    }

    private void afterWindowContent() {
        if (decided) {
            return;
        }
        if (inspector.signal() != null) {
            decide(Detection.bySignal(inspector.signal()), "signal");
            return;
        }
        if (inspector.toolCall()) {
            decide(Detection.NOT_REFUSAL, "tool_call");
            return;
        }
        if (upstreamEnded || inspector.finished()) {
            judgeComplete();
            return;
        }
        StreamWindowConfig w = config.streamWindow();
        if (inspector.textLength() >= w.maxChars() || heldBytes >= w.maxHeldBytes()) {
            windowLimitHit = true;
        }
        if (!prefixInFlight && (inspector.textLength() >= nextCheckpoint || windowLimitHit)) {
            judgePrefix();
        }
        if (!windowLimitHit) {
            call.read();
        }
    }

    private void judgePrefix() {
        prefixInFlight = true;
        String prefix = inspector.text();
        int seen = inspector.textLength();
        while (nextCheckpoint <= seen) {
            nextCheckpoint *= 2;
        }
        detector.judgePrefix(prefix, false, exchange.pendingAnalysis()).whenComplete((v, e) -> loop.execute(() -> onPrefixVerdict(v)));
    }

    private void onPrefixVerdict(PrefixVerdict verdict) {
        prefixInFlight = false;
        if (decided || mode != Mode.WINDOW) {
            return;
        }
        if (verdict != null && verdict.decision() == PrefixDecision.REFUSAL) {
            // A refusal class outside the act-on set (e.g. partial) is delivered like a compliant answer.
            Detection d = detector.toDetection(verdict.verdict());
            decide(d, d.refusal() ? "refusal" : "not_refusal");
        } else if (verdict != null && verdict.decision() == PrefixDecision.NOT_REFUSAL) {
            decide(Detection.NOT_REFUSAL, "not_refusal");
        } else if (upstreamEnded || inspector.finished()) {
            judgeComplete();
        } else if (windowLimitHit || verdict == null) {
            decide(Detection.NOT_REFUSAL, "limit");
        } else if (inspector.textLength() >= nextCheckpoint) {
            judgePrefix();
        }
    }

    private void judgeComplete() {
        if (prefixInFlight) {
            return;
        }
        prefixInFlight = true;
        AnswerInspection whole = new AnswerInspection(inspector.text(), inspector.signal(), inspector.toolCall(),
                inspector.finishReason());
        detector.judge(whole, exchange.pendingAnalysis()).whenComplete((d, e) -> loop.execute(() -> {
            prefixInFlight = false;
            if (!decided && mode == Mode.WINDOW) {
                decide(d == null ? Detection.NOT_REFUSAL : d, d != null && d.refusal() ? "refusal" : "complete");
            }
        }));
    }

    private void onWindowTimeout() {
        if (decided || mode != Mode.WINDOW) {
            return;
        }
        windowLimitHit = true;
        if (!prefixInFlight) {
            decide(Detection.NOT_REFUSAL, "timeout");
        }
    }

    private void decide(Detection detection, String how) {
        decided = true;
        cancelWindowTimer();
        exchange.metrics().streamWindow(adapter.api().tag(), how, inspector.textLength());
        exchange.onStreamDecision(this, detection);
    }

    /** Releases the held events to the agent and relays the rest (the exchange decided to deliver this stream). */
    void release(AgentResponder responder, HttpHeaders extra) {
        HttpHeaders headers = ProxyHeaders.forAgent(upstreamHeaders);
        headers.add(extra);
        responder.sendStreamHead(status, headers);
        mode = Mode.RELAY;
        ByteBuf event;
        while ((event = held.poll()) != null) {
            responder.writeEvent(event);
        }
        heldBytes = 0;
        responder.flush();
        if (upstreamEnded) {
            finishRelay();
        } else {
            readIfWritable();
        }
    }

    private void onRelayEvent(ByteBuf event) {
        inspector.onEvent(SseEvent.parse(event));
        exchange.responder().writeEvent(event);
    }

    private void readIfWritable() {
        if (exchange.responder().writable()) {
            readPending = false;
            call.read();
        } else {
            readPending = true;
        }
    }

    /** The agent's channel became writable again: resume reading from the upstream. */
    void onAgentWritable() {
        if (mode == Mode.RELAY && readPending && exchange.responder().writable()) {
            readPending = false;
            call.read();
        }
    }

    private void finishRelay() {
        mode = Mode.DONE;
        releaseAll();
        exchange.onStreamEnded(this, new AnswerInspection(inspector.text(), inspector.signal(),
                inspector.toolCall(), inspector.finishReason()));
    }

    /**
     * Keeps this judged answer, unread past what it holds, in case the exchange delivers it later (the first refusal
     * while recovery runs): a buffered body stays as it is; a stream stays decided in the window, reads no further
     * and does not time out for silence until it is released or aborted.
     */
    void park() {
        if (call != null) {
            call.suspendTimeout();
        }
    }

    /** Stops this attempt (refused and replaced, or the agent went away) and releases everything it holds. */
    void abort() {
        if (call != null) {
            call.abort();
        }
        mode = Mode.DONE;
        releaseAll();
    }

    private void releaseAll() {
        cancelWindowTimer();
        if (body != null) {
            body.release();
            body = null;
        }
        ByteBuf event;
        while ((event = held.poll()) != null) {
            event.release();
        }
        heldBytes = 0;
        if (splitter != null) {
            splitter.close();
        }
    }

    private void cancelWindowTimer() {
        if (windowTimer != null) {
            windowTimer.cancel(false);
            windowTimer = null;
        }
    }

    private static JsonNode parseJson(ByteBuf buf) {
        if (!buf.isReadable()) {
            return null;
        }
        try (ByteBufInputStream in = new ByteBufInputStream(buf.duplicate())) {
            return JSON.readTree((java.io.InputStream) in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
