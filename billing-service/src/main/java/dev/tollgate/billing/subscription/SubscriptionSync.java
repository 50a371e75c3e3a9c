package dev.tollgate.billing.subscription;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.catalog.PlanCatalog;
import dev.tollgate.billing.customer.CustomerLink;
import dev.tollgate.billing.customer.CustomerLinks;
import dev.tollgate.billing.stripe.StripeEvent;

@Component
public class SubscriptionSync {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSync.class);

    private final JdbcClient jdbc;
    private final PlanCatalog catalog;
    private final CustomerLinks customers;
    private final ApplicationEventPublisher events;

    SubscriptionSync(JdbcClient jdbc, PlanCatalog catalog, CustomerLinks customers, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.customers = customers;
        this.events = events;
    }

    /**
     * Applies a subscription event, unless a newer one was applied already. Returns false when the
     * customer is not linked to any account yet (the caller parks the event).
     */
    public boolean apply(StripeEvent event) {
        StripeSubscription subscription = StripeSubscription.from(event.object());
        // First, because late and repeated events are common and need neither the account nor Stripe's API.
        if (isStale(subscription.id(), event.created())) {
            log.info("Ignoring Stripe event {} ({}): subscription {} already has a newer state", event.id(), event.type(),
                    subscription.id());
            return true;
        }
        Optional<CustomerLink> link = customers.resolve(subscription.customerId(), subscription.metadata());
        if (link.isEmpty()) {
            return false;
        }
        PlanCatalog.PricedPlan plan = catalog.byPrice(subscription.priceId())
                .orElseThrow(() -> new UnknownPriceException(subscription.id(), subscription.priceId()));
        save(subscription, link.get(), plan, event);
        events.publishEvent(new SubscriptionChanged(UUID.randomUUID(), link.get().accountId(), event.created(), event.id(),
                subscription.id(), subscription.customerId(), plan.planId(), subscription.priceId(),
                subscription.interval() == null ? plan.price().interval() : subscription.interval(),
                "customer.subscription.deleted".equals(event.type()) ? "canceled" : subscription.status(),
                subscription.trialStart(), subscription.trialEnd(), subscription.currentPeriodEnd(),
                subscription.cancelAtPeriodEnd(),
                subscription.unitAmount() == null ? plan.price().amountMinor() : subscription.unitAmount(),
                subscription.currency() == null ? plan.price().currency() : subscription.currency(),
                link.get().email()));
        return true;
    }

    private boolean isStale(String subscriptionId, Instant created) {
        return jdbc.sql("SELECT last_event_created FROM stripe_subscription WHERE subscription_id = :id FOR UPDATE")
                .param("id", subscriptionId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional()
                .map(applied -> applied.isAfter(created))
                .orElse(false);
    }

    private void save(StripeSubscription subscription, CustomerLink link, PlanCatalog.PricedPlan plan, StripeEvent event) {
        jdbc.sql("""
                INSERT INTO stripe_subscription (subscription_id, customer_id, account_id, plan_id, price_id, status,
                                                 last_event_id, last_event_created, updated_at)
                VALUES (:id, :customer, :account, :plan, :price, :status, :eventId, :created, now())
                ON CONFLICT (subscription_id) DO UPDATE
                   SET account_id = EXCLUDED.account_id, plan_id = EXCLUDED.plan_id, price_id = EXCLUDED.price_id,
                       status = EXCLUDED.status, last_event_id = EXCLUDED.last_event_id,
                       last_event_created = EXCLUDED.last_event_created, updated_at = now()""")
                .param("id", subscription.id())
                .param("customer", subscription.customerId())
                .param("account", link.accountId())
                .param("plan", plan.planId())
                .param("price", subscription.priceId())
                .param("status", subscription.status())
                .param("eventId", event.id())
                .param("created", Timestamp.from(event.created()))
                .update();
    }
}
