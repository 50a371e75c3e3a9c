package dev.tollgate.billing.subscription;

import java.time.Instant;
import java.util.Objects;

import dev.tollgate.platform.events.Freshness;

/** The state of a subscription we applied last, and when Stripe said it. */
record HeldSubscription(String status, String priceId, boolean cancelAtPeriodEnd, Instant currentPeriodEnd,
        Instant eventCreated, String items) {

    Freshness freshness() {
        return Freshness.of(eventCreated, SubscriptionStatusRank.of(status));
    }

    /** True when what we hold is strictly newer than {@code report}: that report is stale. */
    boolean isNewerThan(Freshness report) {
        return freshness().at().isAfter(report.at());
    }

    /** True when applying {@code state} would change nothing a consumer sees. */
    boolean sameAs(StripeSubscription state, SubscriptionItems resolved, String effectiveStatus) {
        return status.equals(effectiveStatus) && priceId.equals(resolved.planItem().priceId())
                && Objects.equals(items, resolved.signature())
                && cancelAtPeriodEnd == state.cancelAtPeriodEnd() && Objects.equals(currentPeriodEnd, state.currentPeriodEnd());
    }
}
