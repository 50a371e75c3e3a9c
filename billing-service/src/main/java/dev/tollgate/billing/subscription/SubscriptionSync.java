package dev.tollgate.billing.subscription;

import java.sql.Timestamp;
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
import dev.tollgate.billing.stripe.DerivedIds;
import dev.tollgate.billing.stripe.StripeEvent;
import dev.tollgate.billing.stripeapi.StripeApi;
import dev.tollgate.platform.events.Freshness;

/**
 * Applies subscription events newest-wins ({@link Freshness}: Stripe's {@code created}, ties broken
 * by Stripe itself or else by {@link SubscriptionStatusRank}). In two steps, so that no row lock is
 * held while Stripe's API is called: {@link #prepare} reads without locks and asks Stripe what it
 * needs (the customer's e-mail, the current subscription on a tie); {@link #commit} locks the row,
 * decides again against what it finds, writes and publishes, all in the caller's short transaction.
 * <p>
 * The order decided here is published with every state as a per-subscription {@code sequence}
 * (see {@link SubscriptionChanged}), because a tie settled by Stripe can publish a later state
 * with the same time and a lower status rank than the one before it.
 */
@Component
public class SubscriptionSync {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSync.class);

    private final JdbcClient jdbc;
    private final PlanCatalog catalog;
    private final CustomerLinks customers;
    private final StripeApi stripe;
    private final ApplicationEventPublisher events;

    SubscriptionSync(JdbcClient jdbc, PlanCatalog catalog, CustomerLinks customers, StripeApi stripe,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.customers = customers;
        this.stripe = stripe;
        this.events = events;
    }

    /**
     * What applying one event needs from outside the database, gathered before any lock.
     *
     * @param state the subscription to apply: the event's object, or Stripe's current one after a tie
     * @param fromStripe true when {@code state} was re-read from Stripe's API
     * @param link the account to apply it to; empty when the customer is not linked yet
     * @param stale true when a newer state was already applied (nothing else was gathered)
     */
    public record Prepared(StripeEvent event, StripeSubscription state, boolean fromStripe, Optional<CustomerLink> link,
            boolean stale) {
    }

    /**
     * Applies a subscription event, unless a newer one was applied already. Returns false when the
     * customer is not linked to any account yet (the caller parks the event).
     */
    public boolean apply(StripeEvent event) {
        return commit(prepare(event));
    }

    /** Step one, without locks: decides whether the event can matter and asks Stripe what applying it needs. */
    public Prepared prepare(StripeEvent event) {
        StripeSubscription reported = StripeSubscription.from(event.object());
        Optional<HeldSubscription> held = held(reported.id(), false);
        // First, because late and repeated events are common and need neither the account nor Stripe's API.
        Freshness incoming = freshness(event, reported, false);
        if (held.isPresent() && held.get().isNewerThan(incoming)) {
            return new Prepared(event, reported, false, Optional.empty(), true);
        }
        StripeSubscription state = reported;
        boolean fromStripe = false;
        if (held.isPresent() && incoming.isTie(held.get().freshness())) {
            Optional<StripeSubscription> current = stripe.subscription(reported.id()).map(StripeSubscription::from);
            if (current.isPresent()) {
                state = current.get();
                fromStripe = true;
            } else {
                log.info("Stripe event {} ties with the applied state of {} and Stripe cannot be asked; "
                        + "the status rank decides", event.id(), reported.id());
            }
        }
        return new Prepared(event, state, fromStripe, customers.resolve(state.customerId(), state.metadata()), false);
    }

    /**
     * Step two, in the caller's transaction: locks the subscription's row, decides again against what
     * it holds now, stores the link, writes and publishes. Returns false when the customer has no account.
     */
    public boolean commit(Prepared prepared) {
        StripeEvent event = prepared.event();
        StripeSubscription state = prepared.state();
        if (prepared.stale()) {
            log.info("Ignoring Stripe event {} ({}): subscription {} already has a newer state", event.id(), event.type(),
                    state.id());
            return true;
        }
        if (prepared.link().isEmpty()) {
            return false;
        }
        String status = status(event, state, prepared.fromStripe());
        Optional<HeldSubscription> held = held(state.id(), true);
        if (held.isPresent() && !wins(prepared, status, held.get())) {
            return true;
        }
        SubscriptionItems items = SubscriptionItems.resolve(catalog, state);
        PlanCatalog.PricedPlan plan = items.plan();
        StripeSubscription.Item planItem = items.planItem();
        CustomerLink link = customers.store(prepared.link().get(), "subscription " + state.id());
        long sequence = save(state, status, link, items, event);
        events.publishEvent(new SubscriptionChanged(UUID.randomUUID(), link.accountId(), event.created(), sequence, event.id(),
                state.id(), state.customerId(), plan.planId(), planItem.priceId(),
                planItem.interval() == null ? plan.price().interval() : planItem.interval(), status,
                state.trialStart(), state.trialEnd(), state.currentPeriodEnd(), state.cancelAtPeriodEnd(),
                planItem.unitAmount() == null ? plan.price().amountMinor() : planItem.unitAmount(),
                planItem.currency() == null ? plan.price().currency() : planItem.currency(), link.email(),
                state.currentPeriodStart(), items.addOns(), items.items()));
        return true;
    }

    /**
     * {@code customer.subscription.trial_will_end} (Stripe sends it three days before a trial ends):
     * publishes {@link TrialWillEnd} for the reminder e-mail. Nothing when the subscription has already
     * left its trial by a newer event (a late reminder after the first payment would mislead). Returns
     * false when the customer has no account yet (the caller parks the event).
     */
    public boolean trialWillEnd(StripeEvent event) {
        StripeSubscription reported = StripeSubscription.from(event.object());
        Optional<HeldSubscription> held = held(reported.id(), false);
        if (held.isPresent() && held.get().isNewerThan(Freshness.of(event.created(), 0))
                && !"trialing".equals(held.get().status())) {
            log.info("Ignoring Stripe event {} (trial_will_end): subscription {} is {} since", event.id(), reported.id(),
                    held.get().status());
            return true;
        }
        Optional<CustomerLink> resolved = customers.resolve(reported.customerId(), reported.metadata());
        if (resolved.isEmpty()) {
            return false;
        }
        SubscriptionItems items = SubscriptionItems.resolve(catalog, reported);
        CustomerLink link = customers.store(resolved.get(), "subscription " + reported.id());
        events.publishEvent(new TrialWillEnd(DerivedIds.of("trial_will_end", event.id()), link.accountId(), event.created(),
                event.id(), reported.id(), reported.customerId(), items.plan().planId(), reported.trialEnd(), link.email()));
        return true;
    }

    /** Whether the prepared state replaces the held one; held is read under the row lock. */
    private boolean wins(Prepared prepared, String status, HeldSubscription held) {
        StripeEvent event = prepared.event();
        Freshness incoming = Freshness.of(event.created(), SubscriptionStatusRank.of(status));
        if (held.isNewerThan(incoming)) {
            log.info("Ignoring Stripe event {} ({}): subscription {} already has a newer state", event.id(), event.type(),
                    prepared.state().id());
            return false;
        }
        if (!incoming.isTie(held.freshness())) {
            return true;
        }
        // A tie: Stripe's current state wins when we could ask; otherwise the higher status rank, and equal keeps what is held.
        boolean wins = prepared.fromStripe()
                ? !held.sameAs(prepared.state(), SubscriptionItems.resolve(catalog, prepared.state()), status)
                : incoming.supersedes(held.freshness());
        if (!wins) {
            log.info("Stripe event {} ({}) ties with the applied state of subscription {} ({}); {} keeps it", event.id(),
                    event.type(), prepared.state().id(), held.status(), prepared.fromStripe() ? "Stripe's current state"
                            : "the status rank");
        }
        return wins;
    }

    private static Freshness freshness(StripeEvent event, StripeSubscription state, boolean fromStripe) {
        return Freshness.of(event.created(), SubscriptionStatusRank.of(status(event, state, fromStripe)));
    }

    /** A deletion event ends the subscription whatever its object says; Stripe's current object says for itself. */
    private static String status(StripeEvent event, StripeSubscription state, boolean fromStripe) {
        return !fromStripe && "customer.subscription.deleted".equals(event.type()) ? "canceled" : state.status();
    }

    private Optional<HeldSubscription> held(String subscriptionId, boolean lock) {
        return jdbc.sql("""
                SELECT status, price_id, cancel_at_period_end, current_period_end, last_event_created, items
                  FROM stripe_subscription WHERE subscription_id = :id""" + (lock ? " FOR UPDATE" : ""))
                .param("id", subscriptionId)
                .query((rs, n) -> new HeldSubscription(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .optional();
    }

    /**
     * Stores the state as the subscription's next one and returns its sequence: 1 for the first, one
     * more than the held one after that. The row is locked (or new), so the numbers follow the order
     * in which billing decided the states, which is the order consumers must apply them in.
     */
    private long save(StripeSubscription state, String status, CustomerLink link, SubscriptionItems items,
            StripeEvent event) {
        return jdbc.sql("""
                INSERT INTO stripe_subscription (subscription_id, customer_id, account_id, plan_id, price_id, status,
                                                 cancel_at_period_end, current_period_end, last_event_id,
                                                 last_event_created, sequence, updated_at, items, trial_start, trial_end,
                                                 current_period_start)
                VALUES (:id, :customer, :account, :plan, :price, :status, :cancel, :periodEnd, :eventId, :created, 1, now(),
                        :items, :trialStart, :trialEnd, :periodStart)
                ON CONFLICT (subscription_id) DO UPDATE
                   SET account_id = EXCLUDED.account_id, plan_id = EXCLUDED.plan_id, price_id = EXCLUDED.price_id,
                       status = EXCLUDED.status, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
                       current_period_end = EXCLUDED.current_period_end, last_event_id = EXCLUDED.last_event_id,
                       last_event_created = EXCLUDED.last_event_created,
                       sequence = stripe_subscription.sequence + 1, updated_at = now(), items = EXCLUDED.items,
                       trial_start = EXCLUDED.trial_start, trial_end = EXCLUDED.trial_end,
                       current_period_start = EXCLUDED.current_period_start
                RETURNING sequence""")
                .param("id", state.id())
                .param("customer", state.customerId())
                .param("account", link.accountId())
                .param("plan", items.plan().planId())
                .param("price", items.planItem().priceId())
                .param("items", items.signature())
                .param("trialStart", timestamp(state.trialStart()))
                .param("trialEnd", timestamp(state.trialEnd()))
                .param("periodStart", timestamp(state.currentPeriodStart()))
                .param("status", status)
                .param("cancel", state.cancelAtPeriodEnd())
                .param("periodEnd", state.currentPeriodEnd() == null ? null : Timestamp.from(state.currentPeriodEnd()))
                .param("eventId", event.id())
                .param("created", Timestamp.from(event.created()))
                .query(Long.class).single();
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
