package dev.refusalguard.proxy.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseEventSplitterTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<String> feedAll(SseEventSplitter splitter, String... pieces) {
        List<String> out = new ArrayList<>();
        for (String p : pieces) {
            splitter.feed(bytes(p), e -> {
                out.add(e.toString(StandardCharsets.UTF_8));
                e.release();
            });
        }
        return out;
    }

    @Test
    void eventsSplitAcrossBuffersComeOutWholeAndByteIdentical() {
        String stream = "data: {\"a\":1}\n\nevent: message_start\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";
        for (int cut = 1; cut < stream.length(); cut++) {
            try (SseEventSplitter splitter = new SseEventSplitter(ByteBufAllocator.DEFAULT, 1024)) {
                List<String> events = feedAll(splitter, stream.substring(0, cut), stream.substring(cut));
                assertThat(String.join("", events)).isEqualTo(stream);
                assertThat(events).hasSize(3);
            }
        }
    }

    @Test
    void crlfLineEndsAreAccepted() {
        try (SseEventSplitter splitter = new SseEventSplitter(ByteBufAllocator.DEFAULT, 1024)) {
            List<String> events = feedAll(splitter, "data: x\r\n\r\ndata: y\r\n", "\r\n");
            assertThat(events).containsExactly("data: x\r\n\r\n", "data: y\r\n\r\n");
        }
    }

    @Test
    void anEventOverTheLimitIsRejectedAndNothingLeaks() {
        SseEventSplitter splitter = new SseEventSplitter(ByteBufAllocator.DEFAULT, 16);
        assertThatThrownBy(() -> feedAll(splitter, "data: " + "x".repeat(64)))
                .isInstanceOf(SseEventSplitter.EventTooLargeException.class);
        splitter.close();
    }

    @Test
    void eventFieldsAreParsed() {
        ByteBuf raw = bytes("event: content_block_delta\ndata: {\"x\":\ndata: 1}\n\n");
        SseEvent e = SseEvent.parse(raw);
        raw.release();
        assertThat(e.event()).isEqualTo("content_block_delta");
        assertThat(e.data()).isEqualTo("{\"x\":\n1}");
    }
}
