package dev.refusalguard.proxy.exchange;

import dev.refusalguard.policies.RecoveryMemory;
import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.StrategyKind;
import dev.refusalguard.policies.TaskCategory;
import dev.refusalguard.proxy.api.AnswerInspection;
import dev.refusalguard.proxy.api.ApiAdapter;
import dev.refusalguard.proxy.api.ParsedRequest;
import dev.refusalguard.proxy.api.RequestJson;
import dev.refusalguard.proxy.detect.Detection;
import dev.refusalguard.proxy.detect.RefusalSignal;
import dev.refusalguard.proxy.detect.SharedInferenceTask;
import dev.refusalguard.proxy.config.ApiFormat;
import dev.refusalguard.proxy.config.UpstreamConfig;
import dev.refusalguard.proxy.metrics.ProxyMetrics;
import dev.refusalguard.proxy.recovery.RequestPolicy;
import dev.refusalguard.proxy.translate.Translation;
import dev.refusalguard.proxy.upstream.UpstreamCall;
import dev.refusalguard.proxy.upstream.UpstreamFailure;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One agent request to an inspected LLM API, from parsed request to delivered answer: runs attempts, judges
 * each answer, applies the intent gate and the recovery budget, and writes exactly one answer to the agent.
 * Every method runs on the agent channel's event loop (the upstream channels live on it too), so no field
 * needs to be volatile.
 */
public final class LlmExchange implements AgentExchange {

    private final ExchangeServices services;
    private final ChannelHandlerContext ctx;
    private final EventLoop loop;
    private final ApiAdapter adapter;
    private final ParsedRequest request;
    private final String pathAndQuery;
    private final HttpHeaders upstreamHeaders;
    private final AgentResponder responder;
    private final Runnable onDone;
    private final String requestId;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<RequestAnalysis> analysisFuture;
    /** The analysis queued when the request arrived, or null when it was known at once. */
    private final SharedInferenceTask<RequestAnalysis> analysisTask;
    private final RecoveryPlanner planner;
    /** The policy snapshot this request uses from start to end (reloads affect later requests only). */
    private final RequestPolicy policy;
    private final String modelTag;
    /** The request's recovery-memory fingerprint (SHA-256), computed on first use: most requests never need it. */
    private String fingerprint;

    private RequestAnalysis analysis;
    private AttemptPlan plan;
    /** The agent's own request as first sent (shadow probes rephrase it). */
    private final AttemptPlan originalPlan;
    /** The first attempt when it applied a remembered strategy instead of sending the agent's own request. */
    private AttemptPlan rememberedPlan;
    private UpstreamAttempt current;
    /**
     * The first refused answer, kept (parked) while recovery runs: what the agent gets when nothing recovers, so
     * the agent sees the refusal of its own request, never a failed attempt's error. Null before the first refusal
     * and after delivery.
     */
    private UpstreamAttempt standing;
    /** The plan of the last attempt that produced an answer: the next strategy after a failed attempt builds on it. */
    private AttemptPlan answeredPlan;
    /** {@code current} is the kept first refusal again, whose upstream time is already counted. */
    private boolean standingRestored;
    /** The model asked for by the kept first refusal's attempt (the answer the agent gets when nothing recovers). */
    private String standingModel;
    private int attempts;
    /** The current attempt's recovery_attempts result has been counted (each recovery attempt is counted once). */
    private boolean attemptCounted;
    private Detection firstDetection;
    private boolean firstJudged;
    private long upstreamNanosBefore;
    private long recoveryStartNanos;
    private boolean finished;
    private ScheduledFuture<?> deadline;
    /** Outcome of a released stream, recorded when the stream ends. */
    private Outcome pendingOutcome = Outcome.SERVED;

    public LlmExchange(ExchangeServices services, ChannelHandlerContext ctx, ApiAdapter adapter, ParsedRequest request,
                       RequestJson body, byte[] originalBytes, String pathAndQuery, HttpHeaders agentHeaders,
                       boolean keepAlive, HttpVersion agentVersion, String requestId, Runnable onDone) {
        this.services = services;
        this.ctx = ctx;
        this.loop = ctx.channel().eventLoop();
        this.adapter = adapter;
        this.request = request;
        this.pathAndQuery = pathAndQuery;
        this.upstreamHeaders = ProxyHeaders.forUpstream(agentHeaders);
        this.responder = new AgentResponder(ctx, keepAlive, agentVersion);
        this.onDone = onDone;
        this.requestId = requestId;
        UpstreamConfig first = services.config().upstreamForModel(request.model());
        Translation translation = RouteTranslation.forModel(services.config(), adapter.api(), request.model());
        byte[] firstBytes = translation == null ? originalBytes
                : translation.request(body.tree()).toString().getBytes(StandardCharsets.UTF_8);
        this.plan = new AttemptPlan(body, firstBytes, first, request.model(), List.of(), request.lastUserText(),
                translation);
        this.originalPlan = plan;
        this.policy = services.policy().get();
        this.modelTag = services.metrics().modelTag(request.model());
        this.planner = new RecoveryPlanner(services.config(), adapter, policy, authorizationFields(agentHeaders),
                modelTag);
        // A repeated request text (an agent's tool loop) is known at once; anything else is analysed off the loop.
        RequestAnalysis known = ConversationAnalysis.peek(services.analysisCache(), policy, request);
        this.analysis = known;
        this.analysisTask = known != null ? null : SharedInferenceTask.submit(services.inference(),
                () -> ConversationAnalysis.analyze(services.analysisCache(), policy, request));
        this.analysisFuture = known != null ? CompletableFuture.completedFuture(known) : analysisTask.result();
    }

    /**
     * The request's analysis while it may still be waiting in the inference queue, else null: the answer's verdict
     * task runs it first if it has not begun, so a busy pool serves both in one hand-off.
     */
    Runnable pendingAnalysis() {
        return analysisTask == null || analysisFuture.isDone() ? null : analysisTask;
    }

    /** Starts the first attempt. */
    public void start() {
        long timeoutNanos = services.config().server().requestTimeout().toNanos();
        deadline = loop.schedule(this::onDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
        // An empty memory cannot hold this request: skip hashing it (the common case).
        Optional<StrategyKind> remembered = policy.memory() == null || policy.memory().isEmpty() ? Optional.empty()
                : policy.memory().recall(fingerprint());
        if (remembered.isPresent()) {
            // A strategy recovered this very request before: once its intent is known, skip the refused attempt.
            analysisFuture.whenComplete((a, e) -> loop.execute(() -> {
                analysis = a;
                if (finished) {
                    return;
                }
                AttemptPlan first = a != null && policy.mayRecover(a)
                        ? planner.applyFirst(remembered.get(), plan, request.model(), a) : null;
                rememberedPlan = first;
                launch(first != null ? first : plan);
            }));
            return;
        }
        // No wake-up of the loop just to store the analysis: every reader takes it from the future once it is done.
        launch(plan);
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    AgentResponder responder() {
        return responder;
    }

    ProxyMetrics metrics() {
        return services.metrics();
    }

    /** The agent's channel became writable again. */
    @Override
    public void onAgentWritable() {
        if (current != null) {
            current.onAgentWritable();
        }
    }

    /** The agent went away: stop the upstream call now and release everything held. */
    @Override
    public boolean answerStarted() {
        return responder.headSent();
    }

    @Override
    public boolean probeAfterHead() {
        // Only a relayed stream sends its head without ending the answer: the agent is reading SSE events, and this
        // runs on the loop between two of them.
        if (finished || !responder.headSent() || responder.ended()) {
            return false;
        }
        responder.writeComment();
        return true;
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        if (current != null) {
            // A recovery attempt still waiting for its verdict, or whose answer was still being relayed.
            countRecoveryAttempt(categoryTag(), CLIENT_CLOSED_RESULT);
            current.abort();
        }
        dropStanding();
        finish(Outcome.CLIENT_CLOSED);
    }

    private void launch(AttemptPlan next) {
        plan = next;
        attempts++;
        attemptCounted = false;
        if (current != null) {
            upstreamNanosBefore += current.upstreamNanos();
            if (current != standing) {
                // The previous attempt is over (aborted or failed); a parked refusal is timed when it ends.
                recordUpstreamTime(current);
            }
        }
        UpstreamAttempt attempt = new UpstreamAttempt(this, adapter, services, loop, next.upstream(), attempts,
                request.stream(), next.translation(), next.json());
        current = attempt;
        HttpHeaders headers = upstreamHeadersFor(next);
        UpstreamCall call = services.upstreams().newCall(loop, next.upstream(), HttpMethod.POST,
                next.path(pathAndQuery), headers, next.bytes(), attempt);
        attempt.start(call);
    }

    private HttpHeaders upstreamHeadersFor(AttemptPlan p) {
        HttpHeaders headers = p.translation() == null ? upstreamHeaders
                : TranslatedHeaders.forUpstream(upstreamHeaders, p.upstream().format());
        String keyEnv = p.upstream().apiKeyEnv();
        if (keyEnv != null && !keyEnv.isBlank()) {
            String key = System.getenv(keyEnv);
            if (key != null && !key.isBlank()) {
                headers = headers.copy();
                if (p.upstream().format() == ApiFormat.ANTHROPIC) {
                    headers.set("x-api-key", key);
                    headers.remove("authorization");
                } else {
                    headers.set("authorization", "Bearer " + key);
                    headers.remove("x-api-key");
                }
            }
        }
        return headers;
    }

    // ---- answers ---------------------------------------------------------------------------------------------

    void onBufferedAnswer(UpstreamAttempt attempt, Detection detection) {
        if (attempt != current || finished) {
            attempt.abort();
            return;
        }
        if (plan.lastStrategy() != null && !attempt.answered() && !detection.refusal()) {
            // A recovery attempt got an HTTP error: a failed attempt, never a recovery.
            if (!afterFailedRecoveryAttempt(attempt)) {
                deliverBuffered(attempt, Outcome.ERROR);
            }
            return;
        }
        noteJudged(detection);
        if (!detection.refusal()) {
            deliverBuffered(attempt, plan.strategies().isEmpty() ? Outcome.SERVED : Outcome.RECOVERED);
            return;
        }
        onRefusal(attempt, detection);
    }

    void onStreamDecision(UpstreamAttempt attempt, Detection detection) {
        if (attempt != current || finished) {
            attempt.abort();
            return;
        }
        noteJudged(detection);
        if (!detection.refusal()) {
            releaseStream(attempt, plan.strategies().isEmpty() ? Outcome.SERVED : Outcome.RECOVERED);
            return;
        }
        onRefusal(attempt, detection);
    }

    void onStreamEnded(UpstreamAttempt attempt, AnswerInspection whole) {
        responder.endStream(this::afterWrite);
        checkLateRefusal(whole);
        finish(pendingOutcome);
    }

    void onAttemptFailed(UpstreamAttempt attempt, UpstreamFailure failure, Throwable cause, boolean afterHead) {
        if (attempt == standing && attempt != current) {
            // The kept refusal lost its upstream (it released what it held): nothing is left to deliver from it.
            standing = null;
            recordUpstreamTime(attempt);
            services.metrics().upstreamError(attempt.upstream().name(), failure.tag());
            return;
        }
        if (attempt != current || finished) {
            return;
        }
        services.metrics().upstreamError(attempt.upstream().name(), failure.tag());
        if (plan.lastStrategy() != null && !afterHead && !responder.headSent()
                && afterFailedRecoveryAttempt(attempt)) {
            return;
        }
        int status = switch (failure) {
            case TIMEOUT -> 504;
            case POOL_EXHAUSTED -> 503;
            default -> 502;
        };
        String message = switch (failure) {
            case CONNECT -> "The upstream " + attempt.upstream().name() + " refused or did not accept the connection.";
            case TLS -> "The upstream " + attempt.upstream().name() + " failed TLS verification.";
            case TIMEOUT -> "The upstream " + attempt.upstream().name() + " did not answer in time.";
            case RESET -> "The upstream " + attempt.upstream().name() + " closed the connection mid-response.";
            case TOO_LARGE -> "The upstream answer exceeded the proxy's size limit.";
            case PROTOCOL -> "The upstream sent an invalid HTTP response.";
            case POOL_EXHAUSTED -> "Too many requests in flight to upstream " + attempt.upstream().name() + ".";
        };
        // A connection failure can come before the request analysis: wait for it, so the error names the intent
        // and category like every other answer (the analysis is quick and bounded by the inference queue).
        whenAnalysed(() -> {
            responder.sendError(adapter.api(), status, "upstream_" + failure.tag(), message, proxyHeaders(false),
                    this::afterWrite);
            finish(Outcome.ERROR);
        });
    }

    /** Runs {@code then} on the loop once the request analysis is known (at once if it is), unless finished. */
    private void whenAnalysed(Runnable then) {
        if (analysis == null && !analysisFuture.isDone()) {
            analysisFuture.whenComplete((a, e) -> loop.execute(() -> {
                analysis = a;
                if (!finished) {
                    then.run();
                }
            }));
            return;
        }
        if (analysis == null) {
            analysis = analysisOrNull();
        }
        then.run();
    }

    /**
     * The analysis if it is in, else null: also null when it failed (the inference queue was full, or the analyzer
     * threw), so the exchange goes on without it (a refusal then stands) instead of throwing on the event loop.
     */
    private RequestAnalysis analysisOrNull() {
        if (analysis != null) {
            return analysis;
        }
        if (!analysisFuture.isDone() || analysisFuture.isCompletedExceptionally()) {
            return null;
        }
        return analysisFuture.join();
    }

    private void noteJudged(Detection detection) {
        if (!firstJudged) {
            firstJudged = true;
            // A remembered strategy skipped the agent's own wording, which this model refused before: count the
            // refusal the agent would have got without the proxy, not the verdict on the rewritten request (else a
            // repeated request, as in an agent's tool loop, lowers the refusal rate while recoveries climb).
            firstDetection = plan == rememberedPlan ? Detection.bySignal(RefusalSignal.RECOVERY_MEMORY) : detection;
        }
    }

    // ---- refusal handling ------------------------------------------------------------------------------------

    private void onRefusal(UpstreamAttempt attempt, Detection detection) {
        if (analysis == null && !analysisFuture.isDone()) {
            analysisFuture.whenComplete((a, e) -> loop.execute(() -> {
                analysis = a;
                if (!finished && attempt == current) {
                    onRefusal(attempt, detection);
                }
            }));
            return;
        }
        if (analysis == null) {
            analysis = analysisOrNull();
        }
        if (plan.lastStrategy() != null) {
            countRecoveryAttempt(categoryTag(), "refused");
            if (analysis != null) {
                policy.selector().recordOutcome(modelTag, analysis.category(), plan.lastStrategy(), false);
            }
            if (policy.memory() != null && plan.strategies().size() == 1 && attempt.number() == 1) {
                policy.memory().forget(fingerprint());
            }
        }
        if (analysis == null || !policy.mayRecover(analysis)) {
            deliverRefusal(attempt, Outcome.BLOCKED_BY_INTENT);
            return;
        }
        if (!canRetry()) {
            deliverRefusal(attempt, Outcome.REFUSED);
            return;
        }
        if (recoveryStartNanos == 0) {
            recoveryStartNanos = System.nanoTime();
        }
        answeredPlan = plan;
        AttemptPlan next = planner.next(plan, request.model(), analysis);
        if (next == null) {
            deliverRefusal(attempt, Outcome.REFUSED);
            return;
        }
        if (standing == null) {
            attempt.park();
            standing = attempt;
            standingModel = plan.model();
        } else {
            attempt.abort();
        }
        launch(next);
    }

    /**
     * A recovery attempt failed (an HTTP error, or a transport failure or timeout before its head reached the
     * agent): counts it as an error, then tries the next strategy if the budget allows, else lets the first
     * refusal stand. Returns false when there is no refusal to fall back on (the failed attempt was a remembered
     * strategy applied to the first attempt and no retry is possible): the caller then delivers the error.
     */
    private boolean afterFailedRecoveryAttempt(UpstreamAttempt attempt) {
        countRecoveryAttempt(categoryTag(), "error");
        AttemptPlan next = null;
        if (answeredPlan == null) {
            // A remembered strategy failed before any answer: send the agent's own request instead.
            if (policy.memory() != null) {
                policy.memory().forget(fingerprint());
            }
            next = canRetry() ? originalPlan : null;
        } else if (standing != null && analysis != null && canRetry()) {
            next = planner.next(answeredPlan, request.model(), analysis);
        }
        if (next != null) {
            attempt.abort();
            launch(next);
            return true;
        }
        if (standing != null) {
            deliverRefusal(attempt, Outcome.REFUSED);
            return true;
        }
        return false;
    }

    private boolean canRetry() {
        if (attempts >= policy.maxAttempts()) {
            return false;
        }
        return recoveryStartNanos == 0
                || System.nanoTime() - recoveryStartNanos < policy.maxAddedTime().toNanos();
    }

    private void deliverRefusal(UpstreamAttempt attempt, Outcome outcome) {
        if (standing != null && standing != attempt) {
            // Nothing recovered: the agent gets the refusal of its own request, not a rewritten attempt's answer.
            attempt.abort();
            upstreamNanosBefore += attempt.upstreamNanos();
            recordUpstreamTime(attempt);
            attempt = standing;
            current = standing;
            standingRestored = true;
        }
        standing = null;
        if (attempt.windowed()) {
            releaseStream(attempt, outcome);
        } else {
            deliverBuffered(attempt, outcome);
        }
    }


    private void deliverBuffered(UpstreamAttempt attempt, Outcome outcome) {
        if (analysis == null && !analysisFuture.isDone()) {
            // The answer's headers name the request's intent and category: wait for the analysis (begun when the
            // request arrived, so usually long done; under load it may still be queued).
            whenAnalysed(() -> {
                if (attempt == current) {
                    deliverBuffered(attempt, outcome);
                }
            });
            return;
        }
        // Done but not yet handed to the loop (its loop.execute is still queued): take it from the future.
        analysis = analysisOrNull();
        dropStanding();
        recordAddedTime();
        attempt.deliverBufferedTo(responder, proxyHeaders(outcome == Outcome.REFUSED
                || outcome == Outcome.BLOCKED_BY_INTENT), this::afterWrite);
        finish(outcome);
    }

    private void releaseStream(UpstreamAttempt attempt, Outcome outcome) {
        if (analysis == null && !analysisFuture.isDone()) {
            // As for a full answer: the stream's head carries the intent and category headers.
            whenAnalysed(() -> {
                if (attempt == current) {
                    releaseStream(attempt, outcome);
                }
            });
            return;
        }
        analysis = analysisOrNull();
        // Another answer goes out: the kept refusal's upstream connection is closed now, not at the stream's end.
        dropStanding();
        recordAddedTime();
        pendingOutcome = outcome;
        attempt.release(responder, proxyHeaders(outcome == Outcome.REFUSED || outcome == Outcome.BLOCKED_BY_INTENT));
    }

    private void checkLateRefusal(AnswerInspection whole) {
        if (pendingOutcome != Outcome.SERVED && pendingOutcome != Outcome.RECOVERED) {
            return;
        }
        String api = adapter.api().tag();
        services.detector().judge(whole).whenComplete((d, e) -> {
            if (d != null && d.refusal()) {
                services.metrics().lateRefusal(api, request.model(), d.signal().tag());
            }
        });
    }

    // ---- headers, metrics, end -------------------------------------------------------------------------------

    private HttpHeaders proxyHeaders(boolean refused) {
        HttpHeaders h = new DefaultHttpHeaders();
        String action;
        StrategyKind last = plan.lastStrategy();
        if (refused) {
            action = "refused";
        } else if (last == null) {
            action = "none";
        } else {
            action = switch (last) {
                case REPHRASE -> "rephrased";
                case AUTHORIZATION_CONTEXT -> "context_added";
                case REROUTE -> "rerouted";
            };
        }
        h.set(ProxyHeaders.ACTION, action);
        h.set(ProxyHeaders.ATTEMPTS, Integer.toString(attempts));
        h.set(ProxyHeaders.REQUEST_ID, requestId);
        if (!plan.strategies().isEmpty()) {
            h.set(ProxyHeaders.STRATEGY, plan.strategies().stream().map(StrategyKind::wireName)
                    .collect(Collectors.joining("+")));
        }
        if (analysis == null) {
            analysis = analysisOrNull();
        }
        if (analysis != null) {
            h.set(ProxyHeaders.INTENT, analysis.intent().wireName());
            h.set(ProxyHeaders.CATEGORY, analysis.category().wireName());
        }
        return h;
    }

    private void recordAddedTime() {
        long total = System.nanoTime() - startNanos;
        long upstream = upstreamNanosBefore + (current == null || standingRestored ? 0 : current.upstreamNanos());
        services.metrics().proxyAddedTime(adapter.api().tag(), request.stream(), total - upstream);
    }

    private void onDeadline() {
        if (finished) {
            return;
        }
        if (current != null) {
            // A recovery attempt cut short by the deadline failed (a timeout), like one the upstream did not answer.
            countRecoveryAttempt(categoryTag(), "error");
            current.abort();
        }
        dropStanding();
        responder.sendError(adapter.api(), 504, "request_timeout",
                "The request exceeded the proxy's deadline of "
                        + services.config().server().requestTimeout().toSeconds() + " s.", proxyHeaders(false),
                this::afterWrite);
        finish(Outcome.ERROR);
    }

    private void dropStanding() {
        if (standing != null && standing != current) {
            standing.abort();
            recordUpstreamTime(standing);
        }
        standing = null;
    }

    /** Records an attempt's upstream call time once, when the attempt is over (answered, aborted or failed). */
    private void recordUpstreamTime(UpstreamAttempt attempt) {
        if (attempt.markTimed()) {
            services.metrics().upstreamTime(attempt.upstream().name(), attempt.status(), attempt.upstreamNanos());
        }
    }

    private void afterWrite() {
        // The agent connection may take its next request only once this answer is fully written.
        onDone.run();
    }

    private void finish(Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        dropStanding();
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (current != null) {
            recordUpstreamTime(current);
        }
        RequestAnalysis known = analysis != null ? analysis : analysisOrNull();
        if (known == null && !analysisFuture.isDone()) {
            // An upstream faster than the request analysis (or a busy inference pool): the agent already has its
            // answer; count the exchange once the analysis is in, so its category and sensitive tags are right.
            analysisFuture.whenComplete((a, e) -> loop.execute(() -> record(outcome, a)));
            return;
        }
        record(outcome, known);
    }

    /** Metrics, audit, learning and shadow probing of a finished exchange, with its request analysis. */
    private void record(Outcome outcome, RequestAnalysis a) {
        String category = a == null ? TaskCategory.OTHER.wireName() : a.category().wireName();
        boolean sensitive = a != null && a.sensitive();
        boolean claim = a != null && a.authorizationClaim();
        String api = adapter.api().tag();
        ProxyMetrics m = services.metrics();
        boolean firstRefused = firstDetection != null && firstDetection.refusal();
        // A request that ended before any answer was judged (the agent left first, the upstream failed) has no
        // verdict: counting it would dilute every refusal rate. Its outcome is still counted.
        boolean judged = firstDetection != null;
        if (judged) {
            m.request(api, request.model(), category, sensitive, claim, request.stream());
        }
        if (firstRefused) {
            m.refusal(api, request.model(), category, sensitive, claim, firstDetection.signal().tag(),
                    firstDetection.refusalClass());
        }
        if (outcome == Outcome.RECOVERED && plan.lastStrategy() != null) {
            countRecoveryAttempt(category, "recovered");
            m.recovery(api, request.model(), category, sensitive, plan.lastStrategy().wireName());
            if (a != null) {
                policy.selector().recordOutcome(modelTag, a.category(), plan.lastStrategy(), true);
            }
            if (policy.memory() != null) {
                policy.memory().remember(fingerprint(), plan.lastStrategy());
            }
        }
        m.outcome(api, request.model(), category, sensitive, outcome.tag());
        ExchangeSummary summary = new ExchangeSummary(requestId, api, request.model(), a, request.stream(), judged,
                firstRefused, firstRefused ? firstDetection.signal().tag() : null,
                firstDetection == null ? null : firstDetection.refusalClass(),
                strategyNames(plan.strategies()), attempts, outcome.tag(),
                standingRestored ? standingModel : plan.model(), request.lastUserText(), plan.userText(),
                System.nanoTime() - startNanos);
        services.audit().record(summary);
        if (services.shadow() != null && a != null && firstDetection != null && outcome != Outcome.ERROR
                && firstDetection.signal() != RefusalSignal.RECOVERY_MEMORY
                && !request.stream() && originalPlan.translation() == null) {
            services.shadow().maybeProbe(services, loop, adapter, policy, originalPlan.body(),
                    originalPlan.upstream(), pathAndQuery, upstreamHeadersFor(originalPlan), request.model(), a,
                    firstRefused);
        }
        services.exchangeListener().accept(summary);
    }

    /** Wire names of the strategies applied; most exchanges apply none (no stream pipeline for them). */
    private static List<String> strategyNames(List<StrategyKind> strategies) {
        return strategies.isEmpty() ? List.of() : strategies.stream().map(StrategyKind::wireName).toList();
    }

    /** The {@code result} tag of a recovery attempt the agent's disconnect cut short. */
    static final String CLIENT_CLOSED_RESULT = "client_closed";

    /** Counts the current attempt's recovery result once, if it is a recovery attempt (a strategy was applied). */
    private void countRecoveryAttempt(String category, String result) {
        if (plan.lastStrategy() == null || attemptCounted) {
            return;
        }
        attemptCounted = true;
        services.metrics().recoveryAttempt(request.model(), category, plan.lastStrategy().wireName(), result);
    }

    private String fingerprint() {
        if (fingerprint == null) {
            fingerprint = RecoveryMemory.fingerprint(request.model(), request.lastUserText());
        }
        return fingerprint;
    }

    private String categoryTag() {
        RequestAnalysis a = analysisOrNull();
        return a == null ? TaskCategory.OTHER.wireName() : a.category().wireName();
    }

    /** Agent request headers that carry authorization-context fields, matched case-insensitively. */
    private static final String CONTEXT_HEADER_PREFIX = "x-refusalguard-context-";

    private static Map<String, String> authorizationFieldsFrom(Map<String, String> defaults, HttpHeaders headers) {
        Map<String, String> fields = new HashMap<>(defaults);
        for (Map.Entry<String, String> h : headers) {
            String key = h.getKey();
            // Most requests carry none of these: test the prefix before lower-casing each header name.
            if (!key.regionMatches(true, 0, CONTEXT_HEADER_PREFIX, 0, CONTEXT_HEADER_PREFIX.length())) {
                continue;
            }
            String field = key.substring(CONTEXT_HEADER_PREFIX.length()).toLowerCase(Locale.ROOT).replace('-', '_');
            if (List.of("organisation", "organization", "role", "asset_scope", "engagement_id").contains(field)) {
                fields.put(field.equals("organization") ? "organisation" : field, h.getValue());
            }
        }
        return fields;
    }

    private Map<String, String> authorizationFields(HttpHeaders agentHeaders) {
        // Defaults come from the policy; request headers override them field by field.
        return authorizationFieldsFrom(Map.of(), agentHeaders);
    }
}
