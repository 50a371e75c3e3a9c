package dev.tollgate.ticket.period;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/** Keeps each account's subscription period boundary and says which allowance period holds a moment. */
@Component
public class BillingPeriods implements EventConsumer {

    static final String CONSUMER = "ticket-service.subscription-events";
    static final List<String> LIFECYCLE_EVENTS = List.of("subscription.trial_started.v1", "subscription.activated.v1",
            "subscription.plan_changed.v1", "subscription.past_due.v1", "subscription.paused.v1", "subscription.canceled.v1");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BillingPeriods(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION).on(LIFECYCLE_EVENTS,
                envelope -> apply(envelope.dataAs(SubscriptionReport.class, json)));
    }

    /** The event of the highest version wins (subscription-service's per-account order); arrival order never decides. */
    void apply(SubscriptionReport report) {
        if (report.version() == null) {
            throw new MalformedEventException("subscription event for account " + report.accountId()
                    + " carries no version, so it cannot be ordered against the period held");
        }
        jdbc.sql("""
                INSERT INTO billing_period (account_id, version, plan_id, status, billing_interval, current_period_start,
                    current_period_end)
                VALUES (:account, :version, :plan, :status, :interval, :start, :end)
                ON CONFLICT (account_id) DO UPDATE SET version = EXCLUDED.version, plan_id = EXCLUDED.plan_id,
                    status = EXCLUDED.status, billing_interval = EXCLUDED.billing_interval,
                    current_period_start = EXCLUDED.current_period_start, current_period_end = EXCLUDED.current_period_end
                WHERE billing_period.version < EXCLUDED.version""")
                .param("account", report.accountId())
                .param("version", report.version())
                .param("plan", report.planId())
                .param("status", report.status())
                .param("interval", report.billingInterval())
                .param("start", timestamp(report.currentPeriodStart()))
                .param("end", timestamp(report.currentPeriodEnd()))
                .update();
    }

    /** The allowance period of {@code accountId} that holds {@code now}. */
    public BillingPeriod current(String accountId, Instant now) {
        return jdbc.sql("SELECT current_period_start, current_period_end FROM billing_period WHERE account_id = :account")
                .param("account", accountId)
                .query((row, index) -> BillingPeriod.containing(instant(row.getTimestamp(1)), instant(row.getTimestamp(2)), now))
                .optional().orElseGet(() -> BillingPeriod.containing(null, now));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Our read model of any {@code subscription.*.v1} event. */
    record SubscriptionReport(String accountId, Long version, String planId, String status, String billingInterval,
            Instant currentPeriodStart, Instant currentPeriodEnd) {
    }
}
