package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Stripe webhook events from Stripe's own example objects ({@code fixtures3.json}) and
 * signs them the way Stripe does ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">}).
 */
public final class StripeWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode RESOURCES = load();

    private StripeWebhooks() {
    }

    /** A deep copy of one example object, e.g. {@code "subscription"} or {@code "checkout.session"}. */
    public static ObjectNode fixture(String resource) {
        JsonNode node = RESOURCES.get(resource);
        if (node == null) {
            throw new IllegalArgumentException("fixtures3.json has no resource " + resource);
        }
        return (ObjectNode) node.deepCopy();
    }

    /** A Stripe event of {@code type} wrapping {@code object}, based on the example event object. */
    public static ObjectNode event(String id, String type, long created, ObjectNode object) {
        ObjectNode event = fixture("event");
        event.put("id", id);
        event.put("type", type);
        event.put("created", created);
        event.put("livemode", false);
        ObjectNode data = JSON.createObjectNode();
        data.set("object", object);
        event.set("data", data);
        return event;
    }

    public static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = timestamp + "." + payload;
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }

    private static JsonNode load() {
        try (InputStream in = StripeWebhooks.class.getResourceAsStream("/stripe/fixtures3.json")) {
            return JSON.readTree(in).get("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
