package dev.tollgate.billing.customer;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/**
 * A Stripe customer belongs to an account: published when the customer is first linked (by a
 * checkout, a subscription's or the customer's own {@code metadata.organization_id}) and again when
 * Stripe reports a new e-mail for it ({@code customer.updated}).
 *
 * @param source what linked or changed it, e.g. {@code checkout session cs_...} or {@code customer.updated}
 */
@EventType(name = "billing.customer_linked", version = 1)
public record CustomerLinked(UUID eventId, String accountId, Instant occurredAt, String stripeCustomerId, String email,
        String source) implements DomainEvent {
}
