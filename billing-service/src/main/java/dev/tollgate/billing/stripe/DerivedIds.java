package dev.tollgate.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused them (a Stripe event id, an invoice and attempt), so that
 * applying the same Stripe event again publishes the same id and every consumer's inbox drops it.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    public static UUID of(String kind, String... parts) {
        return UUID.nameUUIDFromBytes((kind + ":" + String.join(":", parts)).getBytes(StandardCharsets.UTF_8));
    }
}
