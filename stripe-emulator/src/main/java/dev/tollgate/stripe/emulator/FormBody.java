package dev.tollgate.stripe.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's form encoding ({@code a[b][0][c]=v}, as stripe-java and curl send it) read into a JSON
 * tree: bracketed keys nest, an object whose keys are all indexes (or {@code []}) becomes an array.
 * Values stay strings, as Stripe receives them.
 */
final class FormBody {

    private FormBody() {
    }

    static ObjectNode parse(String encoded) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (encoded == null || encoded.isBlank()) {
            return root;
        }
        int appended = 0;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            List<String> path = path(key);
            ObjectNode node = root;
            for (int i = 0; i < path.size() - 1; i++) {
                String part = path.get(i).isEmpty() ? "~" + appended++ : path.get(i);
                JsonNode child = node.get(part);
                if (!(child instanceof ObjectNode)) {
                    child = node.putObject(part);
                }
                node = (ObjectNode) child;
            }
            String last = path.getLast().isEmpty() ? "~" + appended++ : path.getLast();
            node.put(last, value);
        }
        return (ObjectNode) arrays(root);
    }

    private static List<String> path(String key) {
        List<String> parts = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, open));
        while (open >= 0) {
            int close = key.indexOf(']', open);
            if (close < 0) {
                break;
            }
            parts.add(key.substring(open + 1, close));
            open = key.indexOf('[', close);
        }
        return parts;
    }

    private static JsonNode arrays(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        boolean indexed = !object.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            entry.setValue(arrays(entry.getValue()));
            indexed &= entry.getKey().matches("~?\\d+");
        }
        if (!indexed) {
            return object;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        object.properties().stream()
                .sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getKey().replace("~", ""))))
                .forEach(e -> array.add(e.getValue()));
        return array;
    }
}
