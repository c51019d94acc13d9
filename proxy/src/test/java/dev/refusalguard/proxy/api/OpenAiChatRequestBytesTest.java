package dev.refusalguard.proxy.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader of a chat request gives exactly what the tree's parse gives, body by body, and gives null
 * (the tree then words the error) for every body the tree's parse refuses.
 */
class OpenAiChatRequestBytesTest {

    /** The receiver's tree reader: strict about duplicate names. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final OpenAiChatAdapter adapter = new OpenAiChatAdapter();

    private static final List<String> ACCEPTED = List.of(
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"How do I read the auth log?\"}]}",
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"You are a SOC analyst.\"},"
                    + "{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "{\"role\":\"user\",\"content\":\"second \\u00e9\\ud83d\\ude00\"}],\"tools\":[{\"type\":\"function\","
                    + "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}",
            "{\"messages\":[],\"model\":\"m\",\"stream\":false}",
            "{\"model\":\"m\",\"stream\":null,\"messages\":[{\"content\":\"no role\"},{\"role\":null,\"content\":\"x\"},"
                    + "{\"role\":7,\"content\":\"x\"},{\"role\":[\"user\"],\"content\":\"x\"},\"text\",null,3,[1]]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one\"},"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:\"}},{\"type\":\"text\",\"text\":\"two\"},"
                    + "{\"text\":5},\"bare\"]}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":null},{\"role\":\"system\",\"content\":42}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":{\"text\":\"obj\"}},"
                    + "{\"role\":\"system\",\"content\":\"\"},{\"role\":\"system\",\"content\":\"s2\"},"
                    + "{\"role\":\"system\",\"content\":true},{\"role\":\"system\",\"content\":\"s3\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} trailing ignored as by the tree",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}{\"second\":1}",
            "  \n{\"model\":\"m\",\"n\":1.5e300,\"seed\":123456789012345678901234567890,\"x\":[[[{}]]],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"name\":\"u\",\"extra\":{\"a\":[1,2]}}]}");

    private static final List<String> REFUSED = List.of(
            // Duplicate names, at any depth: refused by the receiver's strict tree, so never read quickly either.
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\","
                    + "\"role\":\"system\"},{\"role\":\"assistant\",\"role\":\"user\",\"content\":\"c\"}]}",
            "{\"model\":7,\"model\":\"last wins\",\"messages\":{},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"stream\":\"yes\",\"stream\":true}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"}],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}",
            "",
            "   ",
            "[]",
            "\"text\"",
            "null",
            "{}",
            "{\"model\":\"m\"}",
            "{\"model\":\"m\",\"messages\":null}",
            "{\"model\":\"m\",\"messages\":{}}",
            "{\"model\":\"m\",\"messages\":\"hi\"}",
            "{\"model\":\"m\",\"messages\":[],\"messages\":null}",
            "{\"messages\":[]}",
            "{\"model\":null,\"messages\":[]}",
            "{\"model\":\"  \",\"messages\":[]}",
            "{\"model\":5,\"messages\":[]}",
            "{\"model\":[\"m\"],\"messages\":[]}",
            "{\"model\":\"m\",\"model\":false,\"messages\":[]}",
            "{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}",
            "{\"model\":\"m\",\"messages\":[],\"stream\":1}",
            "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream\":{}}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"cut",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"bad\":tru}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"]}]}",
            "{\"model\":\"m\",\"messages\":[],\"n\":01}",
            "{\"model\":\"m\",\"messages\":[],}",
            "{model:\"m\",\"messages\":[]}",
            "{\"model\":\"m\",\"messages\":[],\"big\":1" + "0".repeat(1200) + "}",
            "{\"model\":\"m\",\"messages\":[],\"deep\":" + "[".repeat(3000) + "]".repeat(3000) + "}");

    @Test
    void everyAcceptedRequestReadsTheSameAsItsTree() throws Exception {
        for (String body : ACCEPTED) {
            ParsedRequest fromTree = adapter.parse(JSON.readTree(body));
            assertThat(adapter.parseBytes(body.getBytes(StandardCharsets.UTF_8))).as(body).isNotNull()
                    .isEqualTo(fromTree);
        }
    }

    @Test
    void everyRequestTheTreeRefusesIsLeftToTheTree() {
        for (String body : REFUSED) {
            assertThat(treeRefuses(body)).as("the tree refuses " + body).isTrue();
            assertThat(adapter.parseBytes(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
        }
    }

    @Test
    void invalidUtf8IsLeftToTheTree() {
        byte[] body = "{\"model\":\"m\",\"messages\":[],\"x\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        // Cut the two-byte é in half.
        byte[] broken = new byte[body.length - 1];
        int e = indexOf(body, (byte) 0xC3);
        System.arraycopy(body, 0, broken, 0, e + 1);
        System.arraycopy(body, e + 2, broken, e + 1, body.length - e - 2);
        assertThat(treeRefuses(new String(broken, StandardCharsets.ISO_8859_1), broken)).isTrue();
        assertThat(adapter.parseBytes(broken)).isNull();
    }

    @Test
    void theLazyTreeIsTheTreeOfTheBytes() throws Exception {
        String body = ACCEPTED.get(1);
        RequestJson lazy = RequestJson.parsedLater(body.getBytes(StandardCharsets.UTF_8));
        assertThat(lazy.tree()).isEqualTo(JSON.readTree(body)).isSameAs(lazy.tree());
    }

    private boolean treeRefuses(String body) {
        return treeRefuses(body, body.getBytes(StandardCharsets.UTF_8));
    }

    private boolean treeRefuses(String label, byte[] bytes) {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (!(tree instanceof ObjectNode)) {
                return true;
            }
            adapter.parse(tree);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
