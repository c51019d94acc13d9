package dev.refusalguard.benchmarks.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StubAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void contentChunksSpellTheAnswerTextInOrder() throws Exception {
        StubAnswers answers = new StubAnswers(10, 16);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < answers.contentEvents(); i++) {
            String event = new String(answers.contentEvent(i), StandardCharsets.UTF_8);
            assertThat(event).startsWith("data: ").endsWith("\n\n");
            JsonNode chunk = JSON.readTree(event.substring(6));
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertThat(text.toString()).isEqualTo(StubAnswers.ANSWER_TEXT.substring(0, 160));
    }

    @Test
    void slicesWrapAroundPastTheEndOfTheText() {
        int len = StubAnswers.ANSWER_TEXT.length();
        String last = StubAnswers.slice(len / 16, 16);
        assertThat(last).hasSize(16).endsWith(StubAnswers.ANSWER_TEXT.substring(0, (len / 16 + 1) * 16 - len));
    }

    @Test
    void completionIsAChatCompletionWithTheAnswerText() throws Exception {
        JsonNode root = JSON.readTree(new StubAnswers(1, 16).completion());
        assertThat(root.path("object").asText()).isEqualTo("chat.completion");
        assertThat(root.at("/choices/0/message/content").asText()).isEqualTo(StubAnswers.ANSWER_TEXT);
        assertThat(root.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }
}
