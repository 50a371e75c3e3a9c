package dev.tollgate.ticket.period;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** One allowance period: {@code [start, end)}; the allowance resets at {@code end}. */
public record BillingPeriod(Instant start, Instant end) {

    /**
     * The period that holds {@code now}. Periods are a month long and fall on the subscription's
     * period boundary ({@code anchor}, a current period end it reported), stepped forward or back
     * by whole months from it, so a renewal Stripe does not report to us (no status or plan
     * change, hence no event) still resets the allowance on the right day. Without an anchor (no
     * subscription known) the calendar month in UTC.
     */
    /**
     * The period that holds {@code now} when the subscription reported its current period
     * {@code [start, end)}: that period itself while it holds {@code now} (a 14-day trial is two
     * weeks, not a month), otherwise months stepped from {@code end} as in {@link #containing(Instant, Instant)}.
     */
    public static BillingPeriod containing(Instant start, Instant end, Instant now) {
        if (start != null && end != null && start.isBefore(end) && !now.isBefore(start) && now.isBefore(end)) {
            return new BillingPeriod(start, end);
        }
        return containing(end, now);
    }

    public static BillingPeriod containing(Instant anchor, Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        if (anchor == null) {
            ZonedDateTime start = at.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            return new BillingPeriod(start.toInstant(), start.plusMonths(1).toInstant());
        }
        ZonedDateTime origin = anchor.atZone(ZoneOffset.UTC);
        // Always from the anchor, never from the previous step: Jan 31 + 1 month + 1 month would drift to Mar 28.
        long months = ChronoUnit.MONTHS.between(origin, at);
        while (origin.plusMonths(months).isAfter(at)) {
            months--;
        }
        while (!origin.plusMonths(months + 1).isAfter(at)) {
            months++;
        }
        return new BillingPeriod(origin.plusMonths(months).toInstant(), origin.plusMonths(months + 1).toInstant());
    }
}
