package dev.tollgate.subscription.lifecycle;

import java.util.Locale;

/** Our statuses; Stripe's {@code unpaid} counts as past due and {@code incomplete_expired} as canceled. */
public enum SubscriptionStatus {
    INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, PAUSED, CANCELED;

    public static SubscriptionStatus fromStripe(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "trialing" -> TRIALING;
            case "active" -> ACTIVE;
            case "past_due", "unpaid" -> PAST_DUE;
            case "paused" -> PAUSED;
            case "canceled", "incomplete_expired" -> CANCELED;
            case "incomplete" -> INCOMPLETE;
            default -> throw new IllegalArgumentException("unknown Stripe subscription status '" + status + "'");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
