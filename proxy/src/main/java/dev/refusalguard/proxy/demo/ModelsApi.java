package dev.refusalguard.proxy.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the configured model ids in the OpenAI list shape. */
final class ModelsApi {

    static final String PATH = "/v1/models";

    private final List<String> models;
    private final Clock clock;

    ModelsApi(List<String> models, Clock clock) {
        this.models = List.copyOf(models);
        this.clock = clock;
    }

    DemoReply handle() {
        ObjectNode root = JsonBodies.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        long created = clock.instant().getEpochSecond();
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", created).put("owned_by", "refusalguard-demo");
        }
        return new DemoReply.Full(200, Map.of(), JsonBodies.write(root));
    }
}
