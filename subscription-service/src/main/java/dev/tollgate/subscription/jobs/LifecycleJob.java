package dev.tollgate.subscription.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.subscription.SubscriptionSettings;
import dev.tollgate.subscription.account.AccountLifecycle;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent.Details;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import dev.tollgate.subscription.lifecycle.Transition;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * The subscription lifecycle's time-driven work. ShedLock (the platform's JDBC lock, database time;
 * a well-kept library for exactly this, and its table is there already) keeps two replicas from
 * scanning at once; exactness does not depend on it: a reminder is claimed by its
 * {@code trial_reminder} row and an expiry, grace end or grant end by the state machine under the account's
 * lock, each in the transaction that publishes it.
 */
@Component
public class LifecycleJob {

    public static final String NAME = "subscription-lifecycle";
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(LifecycleJob.class);

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final AccountLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final LockingTaskExecutor locks;
    private final SubscriptionSettings settings;
    private final Clock clock;

    LifecycleJob(JdbcClient jdbc, Subscriptions subscriptions, AccountLifecycle lifecycle, TransactionTemplate transaction,
            LockingTaskExecutor locks, SubscriptionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.transaction = transaction;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one run did. */
    public record RunResult(long runId, String outcome, int reminders, int expired, int graceEnded, int grantsEnded) {
    }

    /**
     * Runs the job on this replica if no other holds it; empty when another replica is running it.
     *
     * @param trigger {@code schedule}, {@code daily-sweep} or {@code manual}
     * @param triggeredBy who asked (an admin's user id), null for the schedule
     */
    public Optional<RunResult> runOnOneReplica(String trigger, String triggeredBy) {
        try {
            LockingTaskExecutor.TaskResult<RunResult> result = locks.executeWithLock(() -> run(trigger, triggeredBy),
                    new LockConfiguration(Instant.now(), NAME, Duration.ofMinutes(30), Duration.ZERO));
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (Throwable e) {
            log.warn("The subscription lifecycle job failed ({}); the next run tries again", trigger, e);
            return Optional.empty();
        }
    }

    /** One run at the clock's now, written to {@code job_run}. Safe to run anywhere, any number of times. */
    public RunResult run(String trigger, String triggeredBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long runId = jdbc.sql("""
                INSERT INTO job_run (job, trigger, triggered_by, started_at, outcome) VALUES (:job, :trigger, :by, :at, 'running')
                RETURNING id""").param("job", NAME).param("trigger", trigger).param("by", triggeredBy)
                .param("at", Timestamp.from(now)).query(Long.class).single();
        int reminders = 0;
        int expired = 0;
        int graceEnded = 0;
        int grantsEnded = 0;
        try {
            reminders = remind(now);
            expired = expire(now);
            graceEnded = endGrace(now);
            grantsEnded = endGrants(now);
            finish(runId, "succeeded", reminders, expired, graceEnded, grantsEnded, null);
            // Idle scheduled runs (one a minute) are kept 30 days; runs that did something, sweeps and manual runs stay.
            jdbc.sql("""
                    DELETE FROM job_run WHERE trigger = 'schedule' AND reminders = 0 AND expired = 0 AND grace_ended = 0
                      AND grants_ended = 0 AND outcome = 'succeeded' AND started_at < :before""")
                    .param("before", Timestamp.from(now.minus(Duration.ofDays(30)))).update();
            return new RunResult(runId, "succeeded", reminders, expired, graceEnded, grantsEnded);
        } catch (RuntimeException e) {
            finish(runId, "failed", reminders, expired, graceEnded, grantsEnded, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void finish(long runId, String outcome, int reminders, int expired, int graceEnded, int grantsEnded,
            String detail) {
        jdbc.sql("""
                UPDATE job_run SET finished_at = :at, outcome = :outcome, reminders = :reminders, expired = :expired,
                    grace_ended = :grace, grants_ended = :grants, detail = :detail WHERE id = :id""")
                .param("at", Timestamp.from(clock.instant())).param("outcome", outcome).param("reminders", reminders)
                .param("expired", expired).param("grace", graceEnded).param("grants", grantsEnded).param("detail", detail)
                .param("id", runId).update();
    }

    /** Publishes each trial reminder that is due and not yet claimed; returns how many were published. */
    int remind(Instant now) {
        List<Integer> days = new ArrayList<>(settings.reminderDays());
        Collections.sort(days);
        if (days.isEmpty()) {
            return 0;
        }
        Instant horizon = now.plus(Duration.ofDays(days.getLast()));
        int published = 0;
        // A keyset scan by id: trials whose reminders were sent stay in the window, so a page never starves the next.
        String afterId = null;
        List<SubscriptionState> page;
        do {
            page = subscriptions.trialsEnding(SubscriptionStatus.TRIALING, null, now, horizon, afterId, BATCH);
            for (SubscriptionState trial : page) {
                Boolean sent = transaction.execute(status -> remindOne(trial.accountId(), trial.subscriptionId(), now, days));
                published += Boolean.TRUE.equals(sent) ? 1 : 0;
                afterId = trial.subscriptionId();
            }
        } while (page.size() == BATCH);
        return published;
    }

    /**
     * Under the account's lock: claims every reminder threshold the trial has reached and publishes
     * the most urgent one if this run claimed it (a service down for days sends the 3-day reminder,
     * not the 7-day one too late). Only for the trial that speaks for the account.
     */
    private boolean remindOne(String accountId, String subscriptionId, Instant now, List<Integer> days) {
        AccountLifecycle.Locked account = lifecycle.lock(accountId);
        Optional<SubscriptionState> effective = account.effective();
        if (effective.isEmpty() || !effective.get().subscriptionId().equals(subscriptionId)
                || effective.get().status() != SubscriptionStatus.TRIALING || !effective.get().trialEnd().isAfter(now)) {
            return false;
        }
        long secondsLeft = Duration.between(now, effective.get().trialEnd()).toSeconds();
        long daysLeft = (secondsLeft + 86_399) / 86_400;
        List<Integer> due = days.stream().filter(d -> daysLeft <= d).toList();
        if (due.isEmpty()) {
            return false;
        }
        int mostUrgent = due.getFirst();
        boolean publish = false;
        for (int threshold : due) {
            int claimed = jdbc.sql("""
                    INSERT INTO trial_reminder (subscription_id, days_left, claimed_at, published)
                    VALUES (:subscription, :days, :at, :published) ON CONFLICT DO NOTHING""")
                    .param("subscription", subscriptionId).param("days", threshold).param("at", Timestamp.from(now))
                    .param("published", threshold == mostUrgent).update();
            if (claimed == 1 && threshold == mostUrgent) {
                publish = true;
            }
        }
        if (publish) {
            lifecycle.announce(account, Transition.TRIAL_EXPIRING, new Details(null, null, mostUrgent, null, null), now);
        }
        return publish;
    }

    /** Expires the trials started here (no card) whose end passed; Stripe decides its own trials. */
    int expire(Instant now) {
        int count = 0;
        String afterId = null;
        List<SubscriptionState> page;
        do {
            page = subscriptions.trialsEnding(SubscriptionStatus.TRIALING, SubscriptionState.LOCAL, null, now, afterId, BATCH);
            for (SubscriptionState trial : page) {
                Boolean done = transaction.execute(status -> apply(trial, LifecycleInput.TRIAL_ENDED, now,
                        held -> held.status() == SubscriptionStatus.TRIALING && !held.trialEnd().isAfter(now)));
                count += Boolean.TRUE.equals(done) ? 1 : 0;
                afterId = trial.subscriptionId();
            }
        } while (page.size() == BATCH);
        return count;
    }

    /** Past due for longer than the grace period: access stops (unpaid). */
    int endGrace(Instant now) {
        int count = 0;
        String afterId = null;
        List<SubscriptionState> page;
        do {
            page = subscriptions.pastDueSince(now.minus(settings.pastDueGrace()), afterId, BATCH);
            for (SubscriptionState pastDue : page) {
                Boolean done = transaction.execute(status -> apply(pastDue, LifecycleInput.GRACE_ENDED, now,
                        held -> held.status() == SubscriptionStatus.PAST_DUE && held.pastDueSince() != null
                                && !held.pastDueSince().plus(settings.pastDueGrace()).isAfter(now)));
                count += Boolean.TRUE.equals(done) ? 1 : 0;
                afterId = pastDue.subscriptionId();
            }
        } while (page.size() == BATCH);
        return count;
    }

    /**
     * Grants whose period is over (a Build Sprint's 6 months): the account returns to what it has now.
     * A suspended grant is left alone; once reactivated it is running again and the next run ends it.
     */
    int endGrants(Instant now) {
        int count = 0;
        String afterId = null;
        List<SubscriptionState> page;
        do {
            page = subscriptions.grantsEnded(now, afterId, BATCH);
            for (SubscriptionState grant : page) {
                Boolean done = transaction.execute(status -> apply(grant, LifecycleInput.GRANT_ENDED, now,
                        held -> held.status() == SubscriptionStatus.ACTIVE && !held.currentPeriodEnd().isAfter(now)));
                count += Boolean.TRUE.equals(done) ? 1 : 0;
                afterId = grant.subscriptionId();
            }
        } while (page.size() == BATCH);
        return count;
    }

    /** Applies {@code input} if the subscription, re-read under its account's lock, still {@code isDue}. */
    private boolean apply(SubscriptionState seen, LifecycleInput input, Instant now,
            java.util.function.Predicate<SubscriptionState> isDue) {
        AccountLifecycle.Locked account = lifecycle.lock(seen.accountId());
        Optional<SubscriptionState> held = subscriptions.lockById(seen.subscriptionId());
        if (held.isEmpty() || !isDue.test(held.get())) {
            return false;
        }
        Optional<SubscriptionState> next = lifecycle.guard(held.get(), input, held.get(), now);
        next.ifPresent(state -> {
            lifecycle.save(state);
            lifecycle.publish(account, now, null);
        });
        return next.isPresent();
    }
}
