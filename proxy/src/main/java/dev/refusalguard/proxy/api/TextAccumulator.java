package dev.refusalguard.proxy.api;

import dev.refusalguard.proxy.detect.RefusalSignal;

/** Shared state of stream inspectors: bounded text, first signal, tool call and finish flags. */
abstract class TextAccumulator {

    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private int length;
    private RefusalSignal signal;
    private boolean toolCall;
    private boolean finished;
    private String finishReason;

    TextAccumulator(int maxChars) {
        this.maxChars = maxChars;
    }

    final void append(String delta) {
        length += delta.length();
        int room = maxChars - text.length();
        if (room > 0) {
            text.append(delta, 0, Math.min(room, delta.length()));
        }
    }

    final void setSignal(RefusalSignal s) {
        if (signal == null) {
            signal = s;
        }
    }

    final void markToolCall() {
        toolCall = true;
    }

    final void markFinished() {
        finished = true;
    }

    final void setFinishReason(String reason) {
        finishReason = reason;
    }

    public String text() {
        return text.toString();
    }

    public int textLength() {
        return length;
    }

    public RefusalSignal signal() {
        return signal;
    }

    public boolean toolCall() {
        return toolCall;
    }

    public boolean finished() {
        return finished;
    }

    public String finishReason() {
        return finishReason;
    }
}
