package dev.refusalguard.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keep-alive connections to one target on one event loop. A request due when every connection is busy waits in
 * a queue (its latency keeps counting from its due time) and a new connection is opened while under the limit.
 * Everything runs on {@code loop}, so no field needs synchronisation.
 */
final class ConnectionPool {

    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final EventLoop loop;
    private final Target target;
    private final int maxConnections;
    private final ResponseRecorder recorder;
    private final Bootstrap bootstrap;
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Long> waiting = new ArrayDeque<>();
    private final Set<PooledConnection> open = new HashSet<>();
    private int connecting;
    private boolean closed;

    ConnectionPool(EventLoop loop, Target target, int maxConnections, ResponseRecorder recorder) {
        this.loop = loop;
        this.target = target;
        this.maxConnections = maxConnections;
        this.recorder = recorder;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }

    EventLoop loop() {
        return loop;
    }

    /** Opens {@code n} connections before the run; completes when all are up (fails on the first error). */
    CompletableFuture<Void> prewarm(int n) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            int[] left = {n};
            for (int i = 0; i < n; i++) {
                connect(ok -> {
                    if (!ok) {
                        done.completeExceptionally(new IllegalStateException("cannot connect to " + target.url()));
                    } else if (--left[0] == 0) {
                        done.complete(null);
                    }
                });
            }
        });
        return done;
    }

    /** Sends one request due at {@code intendedNanos} (call on the loop). */
    void submit(long intendedNanos) {
        if (closed) {
            recorder.failure(intendedNanos, "pool closed");
            return;
        }
        PooledConnection c = idle.pollFirst();
        if (c != null) {
            c.send(ChatRequests.newRequest(target, false), intendedNanos);
            return;
        }
        waiting.addLast(intendedNanos);
        if (open.size() + connecting < maxConnections) {
            connect(ok -> {
                if (!ok) {
                    failOneWaiting("connect failed");
                }
            });
        }
    }

    private void connect(Consumer<Boolean> then) {
        connecting++;
        PooledConnection handler = new PooledConnection(this);
        bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_ANSWER_BYTES))
                                .addLast("answer", handler);
                    }
                })
                .connect(target.host(), target.port())
                .addListener(f -> {
                    connecting--;
                    if (f.isSuccess()) {
                        open.add(handler);
                        becameFree(handler);
                    }
                    then.accept(f.isSuccess());
                });
    }

    void answered(PooledConnection c, long intended, long endNanos, String failure, boolean reusable) {
        if (reusable) {
            becameFree(c);
        }
        if (failure == null) {
            recorder.success(intended, endNanos);
        } else {
            recorder.failure(intended, failure);
        }
    }

    void closed(PooledConnection c, Long inFlightIntended) {
        open.remove(c);
        idle.remove(c);
        if (inFlightIntended != null) {
            recorder.failure(inFlightIntended, "connection closed");
        }
        if (!closed && !waiting.isEmpty() && open.size() + connecting < maxConnections) {
            connect(ok -> {
                if (!ok) {
                    failOneWaiting("connect failed");
                }
            });
        }
    }

    private void becameFree(PooledConnection c) {
        if (closed) {
            return;
        }
        Long next = waiting.pollFirst();
        if (next != null) {
            c.send(ChatRequests.newRequest(target, false), next);
        } else {
            idle.addFirst(c);
        }
    }

    private void failOneWaiting(String reason) {
        Long lost = waiting.pollFirst();
        if (lost != null) {
            recorder.failure(lost, reason);
        }
    }

    /** Fails what still waits and closes every connection (call on the loop or from outside). */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            Long w;
            while ((w = waiting.pollFirst()) != null) {
                recorder.failure(w, "unanswered at end");
            }
            for (PooledConnection c : Set.copyOf(open)) {
                c.closeChannel();
            }
            idle.clear();
            done.complete(null);
        });
        return done;
    }
}
