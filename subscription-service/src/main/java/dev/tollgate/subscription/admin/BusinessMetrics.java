package dev.tollgate.subscription.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.EffectiveSubscription;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import dev.tollgate.subscription.payments.Payments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Business metrics from this service's own data, by each account's effective subscription.
 * <ul>
 * <li>Recurring revenue counts paying accounts (active or past due; not trials, not canceled). ARR is
 * exact in minor units (a monthly price times 12, an annual one once, weekly times 52); MRR is ARR / 12,
 * so an annual price is normalized to a twelfth, rounded half-even to a hundredth of the minor unit.
 * Each currency is summed on its own: no exchange rates.</li>
 * <li>Trial-to-paid conversion: accounts that had a trial and were ever activated, divided by accounts
 * that had a trial that is over (converted or not); null before any trial is over.</li>
 * <li>Monthly churn: accounts whose effective subscription ended (canceled or expired) in the last 30
 * days, divided by those plus the accounts paying now; null without either.</li>
 * <li>Payment success rate: successful payment attempts in the last 30 days divided by all attempts
 * then (a paid invoice counts once, each failed attempt of an invoice once, from billing's
 * {@code payment_succeeded} and {@code payment_failed}); null without any. What the successful ones
 * collected is summed per currency.</li>
 * </ul>
 */
@Component
public class BusinessMetrics {

    private final Subscriptions subscriptions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge mrr;
    private final MultiGauge arr;
    private final MultiGauge accounts;
    private final MultiGauge paymentAttempts;
    private final MultiGauge collected;
    private final Payments payments;
    private volatile Snapshot last;

    BusinessMetrics(Subscriptions subscriptions, JdbcClient jdbc, Clock clock, MeterRegistry meters, Payments payments) {
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.mrr = MultiGauge.builder("tollgate.subscription.mrr.minor").description("Monthly recurring revenue in minor units")
                .register(meters);
        this.arr = MultiGauge.builder("tollgate.subscription.arr.minor").description("Annual recurring revenue in minor units")
                .register(meters);
        this.accounts = MultiGauge.builder("tollgate.subscription.accounts")
                .description("Accounts by the plan and status of their effective subscription").register(meters);
        // The gauges read the last snapshot: a scrape never queries the database (refreshed every minute and on each API read).
        meters.gauge("tollgate.subscription.trials.in.progress", this,
                metrics -> metrics.last == null ? Double.NaN : metrics.last.trialsInProgress());
        meters.gauge("tollgate.subscription.trial.conversion.ratio", this, metrics -> ratio(metrics.last, Snapshot::trialConversion));
        meters.gauge("tollgate.subscription.monthly.churn.ratio", this, metrics -> ratio(metrics.last, Snapshot::monthlyChurn));
        meters.gauge("tollgate.subscription.payment.success.ratio", this,
                metrics -> ratio(metrics.last, Snapshot::paymentSuccessRate));
        this.paymentAttempts = MultiGauge.builder("tollgate.subscription.payment.attempts")
                .description("Payment attempts in the last 30 days by outcome").register(meters);
        this.collected = MultiGauge.builder("tollgate.subscription.payments.collected.minor")
                .description("What successful payments of the last 30 days collected, in minor units").register(meters);
    }

    private static double ratio(Snapshot snapshot, java.util.function.Function<Snapshot, BigDecimal> value) {
        return snapshot == null || value.apply(snapshot) == null ? Double.NaN : value.apply(snapshot).doubleValue();
    }

    public record Revenue(String currency, long arrMinor, BigDecimal mrrMinor, int payingAccounts) {
    }

    public record PlanStatusCount(String planId, String status, int accounts) {
    }

    public record Snapshot(Instant at, List<Revenue> revenue, List<PlanStatusCount> accounts, int trialsInProgress,
            int trialsOver, int trialsConverted, BigDecimal trialConversion, int churnedLast30Days, BigDecimal monthlyChurn,
            int paymentsSucceededLast30Days, int paymentsFailedLast30Days, BigDecimal paymentSuccessRate,
            List<Payments.Collected> collectedLast30Days) {
    }

    /** Computes the metrics now and updates the gauges. */
    public synchronized Snapshot refresh() {
        Instant now = clock.instant();
        Map<String, Integer> ranks = subscriptions.planRanks();
        java.util.Collection<List<SubscriptionState>> byAccount = subscriptions.all().stream()
                .collect(Collectors.groupingBy(SubscriptionState::accountId)).values();
        List<SubscriptionState> effective = byAccount.stream().map(all -> EffectiveSubscription.of(all, ranks))
                .flatMap(Optional::stream).toList();
        // Revenue and churn follow what each account pays for: a grant (a Build Sprint's plan) has no price and is no churn.
        List<SubscriptionState> own = byAccount.stream().map(EffectiveSubscription::ownOf).flatMap(Optional::stream).toList();

        Map<String, long[]> byCurrency = new TreeMap<>();
        for (SubscriptionState state : own) {
            if (state.status() == SubscriptionStatus.ACTIVE || state.status() == SubscriptionStatus.PAST_DUE) {
                long[] sums = byCurrency.computeIfAbsent(state.currency(), c -> new long[2]);
                sums[0] += Math.multiplyExact(state.amountMinor(), periodsPerYear(state.billingInterval()));
                sums[1]++;
            }
        }
        List<Revenue> revenue = byCurrency.entrySet().stream().map(e -> new Revenue(e.getKey(), e.getValue()[0],
                BigDecimal.valueOf(e.getValue()[0]).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_EVEN),
                (int) e.getValue()[1])).toList();

        Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
        effective.forEach(state -> counts.merge(List.of(state.planId(), state.status().wireName()), 1, Integer::sum));
        List<PlanStatusCount> planStatus = new ArrayList<>();
        counts.forEach((key, count) -> planStatus.add(new PlanStatusCount(key.get(0), key.get(1), count)));

        int trialsInProgress = (int) effective.stream().filter(s -> s.status() == SubscriptionStatus.TRIALING).count();
        TrialOutcomes trials = trialOutcomes(now);
        BigDecimal conversion = trials.over() == 0 ? null
                : BigDecimal.valueOf(trials.converted()).divide(BigDecimal.valueOf(trials.over()), 4, RoundingMode.HALF_EVEN);
        Instant monthAgo = now.minus(Duration.ofDays(30));
        int churned = (int) own.stream().filter(s -> (s.status() == SubscriptionStatus.CANCELED
                || s.status() == SubscriptionStatus.EXPIRED) && s.asOf() != null && !s.asOf().isBefore(monthAgo)).count();
        int paying = revenue.stream().mapToInt(Revenue::payingAccounts).sum();
        BigDecimal churn = churned + paying == 0 ? null
                : BigDecimal.valueOf(churned).divide(BigDecimal.valueOf(churned + paying), 4, RoundingMode.HALF_EVEN);

        Payments.Window attempts = payments.between(monthAgo, now);
        int allAttempts = attempts.succeeded() + attempts.failed();
        BigDecimal successRate = allAttempts == 0 ? null
                : BigDecimal.valueOf(attempts.succeeded()).divide(BigDecimal.valueOf(allAttempts), 4, RoundingMode.HALF_EVEN);

        Snapshot snapshot = new Snapshot(now, revenue, planStatus, trialsInProgress, trials.over(), trials.converted(), conversion,
                churned, churn, attempts.succeeded(), attempts.failed(), successRate, attempts.collected());
        paymentAttempts.register(List.of(MultiGauge.Row.of(Tags.of("outcome", "succeeded"), attempts.succeeded()),
                MultiGauge.Row.of(Tags.of("outcome", "failed"), attempts.failed())), true);
        collected.register(attempts.collected().stream().map(c -> MultiGauge.Row.of(Tags.of("currency", c.currency()),
                (double) c.amountMinor())).toList(), true);
        mrr.register(revenue.stream().map(r -> MultiGauge.Row.of(Tags.of("currency", r.currency()), r.mrrMinor().doubleValue()))
                .toList(), true);
        arr.register(revenue.stream().map(r -> MultiGauge.Row.of(Tags.of("currency", r.currency()), (double) r.arrMinor()))
                .toList(), true);
        accounts.register(planStatus.stream().map(c -> MultiGauge.Row.of(Tags.of("plan", c.planId(), "status", c.status()),
                c.accounts())).toList(), true);
        last = snapshot;
        return snapshot;
    }

    private record TrialOutcomes(int over, int converted) {
    }

    /** Accounts with a trial: how many are over (ended or converted) and how many of those were ever activated. */
    private TrialOutcomes trialOutcomes(Instant now) {
        return jdbc.sql("""
                WITH trialed AS (
                    SELECT s.account_id, bool_or(s.trial_end <= :now) AS ended
                    FROM subscription s WHERE s.trial_start IS NOT NULL OR s.trial_end IS NOT NULL GROUP BY s.account_id)
                SELECT count(*) FILTER (WHERE t.ended OR a.first_activated_at IS NOT NULL),
                       count(*) FILTER (WHERE a.first_activated_at IS NOT NULL)
                FROM trialed t LEFT JOIN account a ON a.account_id = t.account_id""")
                .param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new TrialOutcomes(rs.getInt(1), rs.getInt(2))).single();
    }

    private static long periodsPerYear(String interval) {
        return switch (interval == null ? "month" : interval) {
            case "year" -> 1;
            case "week" -> 52;
            case "day" -> 365;
            default -> 12;
        };
    }
}
