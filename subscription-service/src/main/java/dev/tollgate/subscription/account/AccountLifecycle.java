package dev.tollgate.subscription.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.Lifecycle;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.StateMachine;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent.Details;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import dev.tollgate.subscription.lifecycle.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way an account's subscriptions change, in the caller's transaction. Callers first
 * {@link #lock} the account, then {@link #guard} each input against the state machine, save what it
 * allows and {@link #publish} what the change of the effective subscription means.
 */
@Component
public class AccountLifecycle {

    /** Inputs a status refused, by status and input: a rising count means reports we do not expect. */
    public static final String REFUSED_METRIC = "tollgate.subscription.transitions.refused";

    private static final Logger log = LoggerFactory.getLogger(AccountLifecycle.class);

    private final Subscriptions subscriptions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    AccountLifecycle(Subscriptions subscriptions, ApplicationEventPublisher events, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.meters = meters;
    }

    /** Locks the account until the transaction ends; returns its current version and effective subscription. */
    public Locked lock(String accountId) {
        long version = subscriptions.lockAccount(accountId);
        return new Locked(accountId, version, subscriptions.currentOf(accountId));
    }

    /**
     * What {@code input} makes of a subscription held as {@code held} (null when new), with the
     * details of {@code candidate}: empty when the state machine refuses it (logged and counted).
     */
    public Optional<SubscriptionState> guard(SubscriptionState held, LifecycleInput input, SubscriptionState candidate,
            Instant at) {
        SubscriptionStatus from = held == null ? null : held.status();
        StateMachine.Decision decision = StateMachine.next(from, input, held == null ? null : held.suspendedFrom());
        if (decision instanceof StateMachine.Allowed(SubscriptionStatus to)) {
            return Optional.of(candidate.withStatus(to, held, at));
        }
        String why = ((StateMachine.Refused) decision).why();
        log.warn("Refused {} for subscription {} of account {}: {}", input, candidate.subscriptionId(), candidate.accountId(), why);
        Counter.builder(REFUSED_METRIC).description("Lifecycle inputs the subscription's status refused (never applied)")
                .tag("from", from == null ? "none" : from.wireName()).tag("input", input.name().toLowerCase())
                .register(meters).increment();
        return Optional.empty();
    }

    public void save(SubscriptionState state) {
        subscriptions.save(state);
    }

    /**
     * Publishes the lifecycle events that moving the account's effective subscription from what
     * {@code locked} held to what is stored now means, each with the account's next version.
     *
     * @param reason the operator's reason for a suspension or reactivation, else null
     */
    public Optional<SubscriptionState> publish(Locked locked, Instant occurredAt, String reason) {
        Optional<SubscriptionState> before = locked.effective();
        Optional<SubscriptionState> after = subscriptions.currentOf(locked.accountId());
        if (after.isEmpty()) {
            return after;
        }
        SubscriptionState now = after.get();
        long version = locked.version();
        List<Transition> transitions = Lifecycle.transitions(before, now);
        for (Transition transition : transitions) {
            version++;
            events.publishEvent(SubscriptionEvent.of(transition, now, version, occurredAt, details(transition, before, now,
                    reason, occurredAt)));
        }
        if (!transitions.isEmpty()) {
            subscriptions.saveAccountVersion(locked.accountId(), version);
        }
        locked.advance(version, after);
        return after;
    }

    /** Publishes one event about the account's effective subscription that changes no state (a trial reminder). */
    public void announce(Locked locked, Transition transition, Details details, Instant occurredAt) {
        SubscriptionState now = locked.effective().orElseThrow();
        long version = locked.version() + 1;
        events.publishEvent(SubscriptionEvent.of(transition, now, version, occurredAt, details));
        subscriptions.saveAccountVersion(locked.accountId(), version);
        locked.advance(version, locked.effective());
    }

    private Details details(Transition transition, Optional<SubscriptionState> before, SubscriptionState after, String reason,
            Instant at) {
        return switch (transition) {
            case PLAN_CHANGED -> new Details(before.map(SubscriptionState::planId).orElse(null),
                    before.map(held -> direction(held, after)).orElse(null), null, null, null);
            case CANCELED -> new Details(null, null, null, after.status() == SubscriptionStatus.SUSPENDED ? "suspended"
                    : after.isGrant() || before.filter(SubscriptionState::isGrant).isPresent() ? "grant_ended"
                    : after.status() == SubscriptionStatus.EXPIRED ? "trial_expired" : "canceled", null);
            case ACCOUNT_SUSPENDED, ACCOUNT_REACTIVATED -> new Details(null, null, null, reason, null);
            // A grant is not a payment: the account's first activation (trial conversion, the welcome mail) is still to come.
            case ACTIVATED -> new Details(null, null, null, null,
                    !after.isGrant() && subscriptions.markFirstActivation(after.accountId(), at));
            default -> Details.NONE;
        };
    }

    /** By price per month, except where a grant (no price) is involved: then by the plans' order in the catalog. */
    private String direction(SubscriptionState from, SubscriptionState to) {
        if (!from.isGrant() && !to.isGrant()) {
            return Lifecycle.direction(from, to);
        }
        java.util.Map<String, Integer> ranks = subscriptions.planRanks();
        int compared = Integer.compare(ranks.getOrDefault(to.planId(), -1), ranks.getOrDefault(from.planId(), -1));
        return compared > 0 ? "upgrade" : compared < 0 ? "downgrade" : "lateral";
    }

    /** An account locked for this transaction: its version and effective subscription as they stand. */
    public static final class Locked {
        private final String accountId;
        private long version;
        private Optional<SubscriptionState> effective;

        Locked(String accountId, long version, Optional<SubscriptionState> effective) {
            this.accountId = accountId;
            this.version = version;
            this.effective = effective;
        }

        public String accountId() {
            return accountId;
        }

        public long version() {
            return version;
        }

        public Optional<SubscriptionState> effective() {
            return effective;
        }

        void advance(long newVersion, Optional<SubscriptionState> newEffective) {
            this.version = newVersion;
            this.effective = newEffective;
        }
    }
}
