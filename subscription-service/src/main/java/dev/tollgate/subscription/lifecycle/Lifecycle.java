package dev.tollgate.subscription.lifecycle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a new billing report means: whether it is news for its subscription at all, and
 * which lifecycle events a change of the account's effective subscription (see
 * {@link EffectiveSubscription}) amounts to.
 * <p>
 * The six first types ({@code trial_started}, {@code activated}, {@code past_due}, {@code paused},
 * {@code canceled}, {@code plan_changed}) keep the meaning their consumers (entitlement-service,
 * notification-service, ticket-service) were written for: one of them is published whenever the
 * account's effective status changes, naming the new status's kind ({@code unpaid} is past due,
 * {@code expired} and {@code suspended} are canceled for them, carrying their own {@code status}). The
 * finer types added later ({@code recovered}, {@code resumed}, {@code trial_expired},
 * {@code account_suspended}, {@code account_reactivated}) are published just before it, in the same
 * transaction, so a consumer that knows them can tell a recovery from a first activation; the
 * {@code activated} event says so itself in {@code firstActivation}.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * A report that does not supersede the held state of its subscription (the platform's one
     * freshness rule, see {@link SubscriptionState#supersedes}: older, or as old and not later in
     * billing's sequence, or, without a sequence, not further along its lifecycle) is late news:
     * applying it would roll the subscription back, or let arrival order settle a tie.
     */
    public static boolean isOutdated(Optional<SubscriptionState> current, SubscriptionState reported) {
        return current.map(held -> !reported.supersedes(held)).orElse(false);
    }

    /**
     * The lifecycle events that moving the account's effective subscription from {@code current}
     * to {@code reported} means, in the order they happened.
     */
    public static List<Transition> transitions(Optional<SubscriptionState> current, SubscriptionState reported) {
        List<Transition> transitions = new ArrayList<>();
        SubscriptionStatus before = current.map(SubscriptionState::status).orElse(null);
        SubscriptionStatus after = reported.status();
        if (current.isPresent() && !current.get().planId().equals(reported.planId())) {
            transitions.add(Transition.PLAN_CHANGED);
        }
        // A grant starting or ending swaps one subscription for another: not a recovery, resume or trial expiry of either.
        boolean grantSwap = current.isPresent() && !current.get().subscriptionId().equals(reported.subscriptionId())
                && (current.get().isGrant() || reported.isGrant());
        if (before != after) {
            finerTransition(before, after).filter(finer -> !grantSwap || finer == Transition.ACCOUNT_SUSPENDED
                    || finer == Transition.ACCOUNT_REACTIVATED).ifPresent(transitions::add);
            legacyTransition(after).ifPresent(transitions::add);
        }
        return transitions;
    }

    /** The added types that say more about a status change than its legacy type does. */
    static Optional<Transition> finerTransition(SubscriptionStatus before, SubscriptionStatus after) {
        if (after == SubscriptionStatus.SUSPENDED) {
            return Optional.of(Transition.ACCOUNT_SUSPENDED);
        }
        if (before == SubscriptionStatus.SUSPENDED) {
            return Optional.of(Transition.ACCOUNT_REACTIVATED);
        }
        if (after == SubscriptionStatus.EXPIRED) {
            return Optional.of(Transition.TRIAL_EXPIRED);
        }
        if (after == SubscriptionStatus.ACTIVE && (before == SubscriptionStatus.PAST_DUE || before == SubscriptionStatus.UNPAID)) {
            return Optional.of(Transition.RECOVERED);
        }
        if (after == SubscriptionStatus.ACTIVE && before == SubscriptionStatus.PAUSED) {
            return Optional.of(Transition.RESUMED);
        }
        return Optional.empty();
    }

    /** The type of the first six a consumer written before the finer ones needs to hear about {@code status}. */
    static Optional<Transition> legacyTransition(SubscriptionStatus status) {
        return switch (status) {
            case TRIALING -> Optional.of(Transition.TRIAL_STARTED);
            case ACTIVE -> Optional.of(Transition.ACTIVATED);
            case PAST_DUE, UNPAID -> Optional.of(Transition.PAST_DUE);
            case PAUSED -> Optional.of(Transition.PAUSED);
            case CANCELED, EXPIRED, SUSPENDED -> Optional.of(Transition.CANCELED);
            case INCOMPLETE -> Optional.empty();
        };
    }

    /**
     * Whether a plan change is an upgrade or a downgrade: by the price per month (an annual price
     * divided by 12, exactly), {@code lateral} for the same price or prices in different currencies.
     */
    public static String direction(SubscriptionState from, SubscriptionState to) {
        if (!from.currency().equalsIgnoreCase(to.currency())) {
            return "lateral";
        }
        int compared = Money.perMonth(to.amountMinor(), to.billingInterval())
                .compareTo(Money.perMonth(from.amountMinor(), from.billingInterval()));
        return compared > 0 ? "upgrade" : compared < 0 ? "downgrade" : "lateral";
    }

    /** Exact money helpers: minor units in, {@link BigDecimal} minor units out, never a double. */
    public static final class Money {

        private Money() {
        }

        /** The recurring amount per month in minor units: a year's price / 12, a week's * 52 / 12, exactly (scale 6). */
        public static BigDecimal perMonth(long amountMinor, String interval) {
            BigDecimal amount = BigDecimal.valueOf(amountMinor);
            String unit = interval == null ? "month" : interval;
            return switch (unit) {
                case "year" -> amount.divide(BigDecimal.valueOf(12), 6, java.math.RoundingMode.HALF_EVEN);
                case "week" -> amount.multiply(BigDecimal.valueOf(52)).divide(BigDecimal.valueOf(12), 6,
                        java.math.RoundingMode.HALF_EVEN);
                case "day" -> amount.multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(12), 6,
                        java.math.RoundingMode.HALF_EVEN);
                default -> amount.setScale(6);
            };
        }
    }
}
