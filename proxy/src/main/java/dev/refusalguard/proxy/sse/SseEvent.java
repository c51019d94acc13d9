package dev.refusalguard.proxy.sse;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** The fields of one SSE event: its {@code event:} name (or null) and its joined {@code data:} lines. */
public record SseEvent(String event, String data) {

    /** Parses the raw bytes of one event (does not take ownership of {@code raw}). */
    public static SseEvent parse(ByteBuf raw) {
        String text = raw.toString(StandardCharsets.UTF_8);
        String event = null;
        StringBuilder data = null;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            int nl = text.indexOf('\n', pos);
            int lineEnd = nl < 0 ? len : nl;
            int contentEnd = lineEnd > pos && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > pos) {
                String line = text.substring(pos, contentEnd);
                if (line.startsWith("data:")) {
                    String value = stripOneSpace(line.substring(5));
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                } else if (line.startsWith("event:")) {
                    event = stripOneSpace(line.substring(6));
                }
            }
            pos = lineEnd + 1;
        }
        return new SseEvent(event, data == null ? null : data.toString());
    }

    private static String stripOneSpace(String s) {
        return s.startsWith(" ") ? s.substring(1) : s;
    }
}
