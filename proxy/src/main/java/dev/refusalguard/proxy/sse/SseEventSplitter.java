package dev.refusalguard.proxy.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.function.Consumer;

/**
 * Splits a server-sent-events byte stream into whole events (each ending with its blank line). Incoming buffers
 * are appended to a composite cumulation without copying; each event is handed out as its own small buffer
 * (a slice would be invalidated when read components are discarded, and discarding keeps memory bounded).
 *
 * <p>Ownership: {@link #feed} takes the buffer it is given; each event passed to the consumer is owned by the
 * consumer, which must release it or pass it on. {@link #close} releases whatever is still cumulated. One event
 * loop uses an instance, so its fields need no synchronisation.
 */
public final class SseEventSplitter implements AutoCloseable {

    private final CompositeByteBuf cumulation;
    private final int maxEventBytes;
    /** Bytes after the reader index already scanned without finding a terminator (stable across discards). */
    private int scannedBytes;
    private boolean closed;

    public SseEventSplitter(ByteBufAllocator alloc, int maxEventBytes) {
        this.cumulation = alloc.compositeBuffer(Integer.MAX_VALUE);
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Appends bytes and emits every complete event.
     *
     * @throws EventTooLargeException when an event, complete or still incomplete, is larger than the limit (the
     *                                 caller aborts the stream)
     */
    public void feed(ByteBuf bytes, Consumer<ByteBuf> onEvent) {
        if (closed) {
            bytes.release();
            return;
        }
        if (bytes.isReadable()) {
            cumulation.addComponent(true, bytes);
        } else {
            bytes.release();
        }
        while (true) {
            int end = findEventEnd();
            if (end < 0) {
                break;
            }
            int length = end - cumulation.readerIndex();
            if (length > maxEventBytes) {
                // A whole event can arrive in one read: the limit is on the event, not on what is left incomplete.
                throw new EventTooLargeException(maxEventBytes);
            }
            ByteBuf event = cumulation.readBytes(length);
            scannedBytes = 0;
            onEvent.accept(event);
            if (closed) {
                return;
            }
        }
        if (cumulation.readableBytes() > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        cumulation.discardReadComponents();
    }

    /** Bytes of an incomplete trailing event (e.g. a stream that ended without a final blank line). */
    public int pendingBytes() {
        return closed ? 0 : cumulation.readableBytes();
    }

    /** Hands out the incomplete trailing event, if any (at stream end). */
    public void flushRemainder(Consumer<ByteBuf> onEvent) {
        if (!closed && cumulation.isReadable()) {
            ByteBuf rest = cumulation.readBytes(cumulation.readableBytes());
            scannedBytes = 0;
            onEvent.accept(rest);
        }
    }

    /**
     * Index just past the blank line that ends the first complete event, or -1. Accepts LF and CRLF line ends.
     */
    private int findEventEnd() {
        int start = cumulation.readerIndex() + scannedBytes;
        int limit = cumulation.writerIndex();
        int i = start;
        while (i < limit) {
            int lf = cumulation.indexOf(i, limit, (byte) '\n');
            if (lf < 0) {
                break;
            }
            // lf ends a line; the event ends if the next line is empty ("\n" or "\r\n").
            if (lf + 1 < limit) {
                byte next = cumulation.getByte(lf + 1);
                if (next == '\n') {
                    return lf + 2;
                }
                if (next == '\r' && lf + 2 < limit && cumulation.getByte(lf + 2) == '\n') {
                    return lf + 3;
                }
            }
            i = lf + 1;
        }
        // Rescan the last two bytes next time: a terminator may straddle the boundary.
        scannedBytes = Math.max(0, cumulation.readableBytes() - 2);
        return -1;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cumulation.release();
        }
    }

    /** An SSE event exceeded the configured maximum size. */
    public static final class EventTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EventTooLargeException(int limit) {
            super("an upstream SSE event exceeded " + limit + " bytes");
        }
    }
}
