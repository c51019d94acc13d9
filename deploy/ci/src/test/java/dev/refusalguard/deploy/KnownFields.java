package dev.refusalguard.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that Kubernetes does not know (a misspelt {@code readinessprobe} is silently ignored by schema
 * validators that allow additional properties, and rejected by a strict API server). Each object is read into
 * fabric8's typed model; whatever lands in an {@code additionalProperties} map was not a known field.
 */
final class KnownFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** fabric8's registry of typed classes by apiVersion and kind (found on the classpath). */
    private static final KubernetesDeserializer REGISTRY = new KubernetesDeserializer();

    private KnownFields() {
    }

    /** Paths of unknown fields, e.g. "spec.template.spec.containers[0].readinessprobe"; empty when all known. */
    static List<String> unknownFields(JsonNode object) {
        Class<? extends KubernetesResource> type =
                REGISTRY.getRegisteredKind(object.path("apiVersion").asText(), object.path("kind").asText());
        if (type == null || type == GenericKubernetesResource.class) {
            return List.of("(no typed model for " + object.path("apiVersion").asText() + " "
                    + object.path("kind").asText() + ")");
        }
        KubernetesResource typed;
        try {
            typed = MAPPER.treeToValue(object, type);
        } catch (JsonProcessingException e) {
            return List.of("(unreadable as a Kubernetes object: " + e.getOriginalMessage() + ")");
        }
        List<String> unknown = new ArrayList<>();
        walk(typed, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(join(path, String.valueOf(k))));
                }
            } else {
                String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                walk(child, join(path, field), unknown);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
