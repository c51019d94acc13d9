package dev.refusalguard.proxy.config;

import java.time.Duration;

/**
 * Listener, limits and timeouts. Every limit is configurable and documented in README.md.
 *
 * @param listen                  agent-facing address (default 127.0.0.1:8080)
 * @param admin                   admin address: /metrics, /healthz, /readyz, /bias (default 127.0.0.1:9090)
 * @param maxRequestBytes         largest agent request body; over it the agent gets 413 in its API's error shape
 * @param maxHeaderBytes          largest request header block; over it 431
 * @param maxInitialLineBytes     largest request line; over it 414
 * @param maxResponseBytes        largest non-streaming upstream answer the proxy inspects; over it 502
 * @param maxEventBytes           largest single SSE event from an upstream; over it the stream is aborted
 * @param idleTimeout             an agent connection with no traffic for this long is closed
 * @param requestTimeout          deadline for one whole agent request, all attempts included (504 after it)
 * @param upstreamConnectTimeout  TCP+TLS connect deadline to an upstream (502 after it)
 * @param upstreamResponseTimeout longest wait for the next byte of an upstream response (504 after it)
 * @param drainTimeout            on SIGTERM, how long in-flight requests and streams may finish
 * @param maxConnectionsPerUpstream pooled keep-alive connections per upstream per I/O thread
 * @param maxPendingAcquires      requests queued for a pooled connection per upstream per I/O thread (503 beyond)
 * @param ioThreads               Netty event-loop threads (0 = number of cores)
 * @param inferenceThreads        classifier threads (0 = number of cores)
 * @param inferenceQueue          classifier tasks that may wait; beyond it texts are judged on signals only
 * @param writeBufferLowWaterMark  bytes queued to an agent below which reading from the upstream resumes
 * @param writeBufferHighWaterMark bytes queued to an agent above which reading from the upstream pauses
 * @param analysisCacheChars      request texts (in characters) whose analyses are remembered for identical repeats,
 *                                e.g. the steps of an agent's tool loop (0 = off)
 * @param requestReadTimeout      deadline from the first byte of an agent request to its last (head and body); a
 *                                client trickling its request gets 408 and the connection is closed
 * @param answerHalfClosed        a client that shuts down its sending side after a complete request is still
 *                                answered (then the connection is closed); false treats that shutdown as a disconnect
 * @param transport               socket transport: {@code auto} (Linux native epoll where it loads, else Java NIO),
 *                                {@code epoll} (fail at start-up when it cannot load) or {@code nio}
 * @param maxConnections          open agent connections at most; a connection accepted beyond it gets 503 (in its
 *                                API's error shape, with Retry-After) to its first request and is closed
 */
public record ServerConfig(String listen,
                           String admin,
                           Integer maxRequestBytes,
                           Integer maxHeaderBytes,
                           Integer maxInitialLineBytes,
                           Integer maxResponseBytes,
                           Integer maxEventBytes,
                           Duration idleTimeout,
                           Duration requestTimeout,
                           Duration upstreamConnectTimeout,
                           Duration upstreamResponseTimeout,
                           Duration drainTimeout,
                           Integer maxConnectionsPerUpstream,
                           Integer maxPendingAcquires,
                           Integer ioThreads,
                           Integer inferenceThreads,
                           Integer inferenceQueue,
                           Integer writeBufferLowWaterMark,
                           Integer writeBufferHighWaterMark,
                           Integer analysisCacheChars,
                           Duration requestReadTimeout,
                           Boolean answerHalfClosed,
                           String transport,
                           Integer maxConnections) {

    public ServerConfig {
        listen = listen == null ? "127.0.0.1:8080" : listen;
        admin = admin == null ? "127.0.0.1:9090" : admin;
        maxRequestBytes = orDefault(maxRequestBytes, 4 * 1024 * 1024);
        maxHeaderBytes = orDefault(maxHeaderBytes, 16 * 1024);
        maxInitialLineBytes = orDefault(maxInitialLineBytes, 8 * 1024);
        maxResponseBytes = orDefault(maxResponseBytes, 8 * 1024 * 1024);
        maxEventBytes = orDefault(maxEventBytes, 1024 * 1024);
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(120) : idleTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(600) : requestTimeout;
        upstreamConnectTimeout = upstreamConnectTimeout == null ? Duration.ofSeconds(5) : upstreamConnectTimeout;
        upstreamResponseTimeout = upstreamResponseTimeout == null ? Duration.ofSeconds(120) : upstreamResponseTimeout;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
        maxConnectionsPerUpstream = orDefault(maxConnectionsPerUpstream, 512);
        maxPendingAcquires = orDefault(maxPendingAcquires, 4096);
        ioThreads = orDefault(ioThreads, 0);
        inferenceThreads = orDefault(inferenceThreads, 0);
        inferenceQueue = orDefault(inferenceQueue, 4096);
        writeBufferLowWaterMark = orDefault(writeBufferLowWaterMark, 32 * 1024);
        writeBufferHighWaterMark = orDefault(writeBufferHighWaterMark, 64 * 1024);
        analysisCacheChars = orDefault(analysisCacheChars, 4 * 1024 * 1024);
        requestReadTimeout = requestReadTimeout == null ? Duration.ofSeconds(60) : requestReadTimeout;
        answerHalfClosed = answerHalfClosed == null ? Boolean.TRUE : answerHalfClosed;
        transport = transport == null ? "auto" : transport.toLowerCase(java.util.Locale.ROOT);
        maxConnections = orDefault(maxConnections, 4096);

        ConfigChecks.hostPort("server.listen", listen);
        ConfigChecks.hostPort("server.admin", admin);
        ConfigChecks.range("server.maxRequestBytes", maxRequestBytes, 1024, 512 * 1024 * 1024);
        ConfigChecks.range("server.maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
        ConfigChecks.range("server.maxInitialLineBytes", maxInitialLineBytes, 256, 1024 * 1024);
        ConfigChecks.range("server.maxResponseBytes", maxResponseBytes, 1024, 1024 * 1024 * 1024);
        ConfigChecks.range("server.maxEventBytes", maxEventBytes, 1024, 64 * 1024 * 1024);
        ConfigChecks.positive("server.idleTimeout", idleTimeout);
        ConfigChecks.positive("server.requestTimeout", requestTimeout);
        ConfigChecks.positive("server.upstreamConnectTimeout", upstreamConnectTimeout);
        ConfigChecks.positive("server.upstreamResponseTimeout", upstreamResponseTimeout);
        ConfigChecks.positive("server.drainTimeout", drainTimeout);
        ConfigChecks.range("server.maxConnectionsPerUpstream", maxConnectionsPerUpstream, 1, 100_000);
        ConfigChecks.range("server.maxPendingAcquires", maxPendingAcquires, 1, 1_000_000);
        ConfigChecks.range("server.ioThreads", ioThreads, 0, 1024);
        ConfigChecks.range("server.inferenceThreads", inferenceThreads, 0, 1024);
        ConfigChecks.range("server.inferenceQueue", inferenceQueue, 1, 10_000_000);
        ConfigChecks.range("server.writeBufferLowWaterMark", writeBufferLowWaterMark, 1024, 64 * 1024 * 1024);
        ConfigChecks.range("server.writeBufferHighWaterMark", writeBufferHighWaterMark, writeBufferLowWaterMark + 1,
                128 * 1024 * 1024);
        ConfigChecks.range("server.analysisCacheChars", analysisCacheChars, 0, 1024 * 1024 * 1024);
        ConfigChecks.positive("server.requestReadTimeout", requestReadTimeout);
        if (!java.util.List.of("auto", "epoll", "nio").contains(transport)) {
            throw new InvalidConfigException("server.transport", "must be auto, epoll or nio, got " + transport);
        }
        ConfigChecks.range("server.maxConnections", maxConnections, 1, 1_000_000);
    }

    /** The settings before {@code maxConnections} existed, it defaulted. */
    public ServerConfig(String listen, String admin, Integer maxRequestBytes, Integer maxHeaderBytes,
                        Integer maxInitialLineBytes, Integer maxResponseBytes, Integer maxEventBytes,
                        Duration idleTimeout, Duration requestTimeout, Duration upstreamConnectTimeout,
                        Duration upstreamResponseTimeout, Duration drainTimeout, Integer maxConnectionsPerUpstream,
                        Integer maxPendingAcquires, Integer ioThreads, Integer inferenceThreads,
                        Integer inferenceQueue, Integer writeBufferLowWaterMark, Integer writeBufferHighWaterMark,
                        Integer analysisCacheChars, Duration requestReadTimeout, Boolean answerHalfClosed,
                        String transport) {
        this(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes, maxResponseBytes, maxEventBytes,
                idleTimeout, requestTimeout, upstreamConnectTimeout, upstreamResponseTimeout, drainTimeout,
                maxConnectionsPerUpstream, maxPendingAcquires, ioThreads, inferenceThreads, inferenceQueue,
                writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars, requestReadTimeout,
                answerHalfClosed, transport, null);
    }

    /** The settings before {@code transport} existed, it defaulted ({@code auto}). */
    public ServerConfig(String listen, String admin, Integer maxRequestBytes, Integer maxHeaderBytes,
                        Integer maxInitialLineBytes, Integer maxResponseBytes, Integer maxEventBytes,
                        Duration idleTimeout, Duration requestTimeout, Duration upstreamConnectTimeout,
                        Duration upstreamResponseTimeout, Duration drainTimeout, Integer maxConnectionsPerUpstream,
                        Integer maxPendingAcquires, Integer ioThreads, Integer inferenceThreads,
                        Integer inferenceQueue, Integer writeBufferLowWaterMark, Integer writeBufferHighWaterMark,
                        Integer analysisCacheChars, Duration requestReadTimeout, Boolean answerHalfClosed) {
        this(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes, maxResponseBytes, maxEventBytes,
                idleTimeout, requestTimeout, upstreamConnectTimeout, upstreamResponseTimeout, drainTimeout,
                maxConnectionsPerUpstream, maxPendingAcquires, ioThreads, inferenceThreads, inferenceQueue,
                writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars, requestReadTimeout,
                answerHalfClosed, null, null);
    }

    /** The settings before {@code requestReadTimeout} and {@code answerHalfClosed} existed, those two defaulted. */
    public ServerConfig(String listen, String admin, Integer maxRequestBytes, Integer maxHeaderBytes,
                        Integer maxInitialLineBytes, Integer maxResponseBytes, Integer maxEventBytes,
                        Duration idleTimeout, Duration requestTimeout, Duration upstreamConnectTimeout,
                        Duration upstreamResponseTimeout, Duration drainTimeout, Integer maxConnectionsPerUpstream,
                        Integer maxPendingAcquires, Integer ioThreads, Integer inferenceThreads,
                        Integer inferenceQueue, Integer writeBufferLowWaterMark, Integer writeBufferHighWaterMark,
                        Integer analysisCacheChars) {
        this(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes, maxResponseBytes, maxEventBytes,
                idleTimeout, requestTimeout, upstreamConnectTimeout, upstreamResponseTimeout, drainTimeout,
                maxConnectionsPerUpstream, maxPendingAcquires, ioThreads, inferenceThreads, inferenceQueue,
                writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars, null, null, null, null);
    }

    /** These settings with another request-read deadline. */
    public ServerConfig withRequestReadTimeout(Duration timeout) {
        return new ServerConfig(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, maxEventBytes, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                timeout, answerHalfClosed, transport, maxConnections);
    }

    /** These settings with half-closed clients answered ({@code true}) or treated as gone. */
    public ServerConfig withAnswerHalfClosed(boolean answer) {
        return new ServerConfig(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, maxEventBytes, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                requestReadTimeout, answer, transport, maxConnections);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen);
    }

    public HostPort adminAddress() {
        return HostPort.parse(admin);
    }

    public int effectiveIoThreads() {
        return ioThreads == 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
    }

    public int effectiveInferenceThreads() {
        return inferenceThreads == 0 ? Runtime.getRuntime().availableProcessors() : inferenceThreads;
    }

    public ServerConfig withListen(String newListen, String newAdmin) {
        return new ServerConfig(newListen, newAdmin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, maxEventBytes, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                requestReadTimeout, answerHalfClosed, transport, maxConnections);
    }

    /** These settings with another socket transport ({@code auto}, {@code epoll} or {@code nio}). */
    public ServerConfig withTransport(String newTransport) {
        return new ServerConfig(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, maxEventBytes, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                requestReadTimeout, answerHalfClosed, newTransport, maxConnections);
    }

    /** These settings with another limit on one upstream SSE event. */
    public ServerConfig withMaxEventBytes(int max) {
        return new ServerConfig(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, max, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                requestReadTimeout, answerHalfClosed, transport, maxConnections);
    }

    /** These settings with another limit on open agent connections. */
    public ServerConfig withMaxConnections(int max) {
        return new ServerConfig(listen, admin, maxRequestBytes, maxHeaderBytes, maxInitialLineBytes,
                maxResponseBytes, maxEventBytes, idleTimeout, requestTimeout, upstreamConnectTimeout,
                upstreamResponseTimeout, drainTimeout, maxConnectionsPerUpstream, maxPendingAcquires, ioThreads,
                inferenceThreads, inferenceQueue, writeBufferLowWaterMark, writeBufferHighWaterMark, analysisCacheChars,
                requestReadTimeout, answerHalfClosed, transport, max);
    }

    private static Integer orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
