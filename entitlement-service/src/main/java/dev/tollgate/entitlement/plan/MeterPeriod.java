package dev.tollgate.entitlement.plan;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The window a metered limit counts in. Monthly limits follow the account's billing month: the
 * boundaries are {@code anchor + n months} (computed from the anchor each time, so Jan 31 gives
 * Feb 28 then Mar 31, never drifting), whatever the plan's billing interval, so an annual plan's
 * monthly allowance still resets monthly. Daily and per-minute limits use UTC days and minutes.
 * A limit without a period (users, storage, contacts) never resets: {@code end} is null.
 *
 * <p>Pure arithmetic on (anchor, now): a meter stores the start of the period it counts, and
 * whoever reads it later compares that with the period of now. That is why a reset can neither
 * happen twice (the stored start moves with it) nor be missed while the service was down.
 */
public record MeterPeriod(Instant start, Instant end) {

    public static final MeterPeriod FOREVER = new MeterPeriod(Instant.EPOCH, null);

    public static MeterPeriod of(String period, Instant anchor, Instant now) {
        if (period == null) {
            return FOREVER;
        }
        return switch (period) {
            case "month" -> month(anchor == null ? Instant.EPOCH : anchor, now);
            case "day" -> truncated(now, ChronoUnit.DAYS);
            case "minute" -> truncated(now, ChronoUnit.MINUTES);
            case "hour" -> truncated(now, ChronoUnit.HOURS);
            default -> FOREVER;
        };
    }

    public boolean resets() {
        return end != null;
    }

    private static MeterPeriod month(Instant anchor, Instant now) {
        ZonedDateTime from = anchor.atZone(ZoneOffset.UTC);
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        long months = ChronoUnit.MONTHS.between(from, at);
        while (!from.plusMonths(months).isAfter(at) && !from.plusMonths(months + 1).isAfter(at)) {
            months++;
        }
        while (from.plusMonths(months).isAfter(at)) {
            months--;
        }
        return new MeterPeriod(from.plusMonths(months).toInstant(), from.plusMonths(months + 1).toInstant());
    }

    private static MeterPeriod truncated(Instant now, ChronoUnit unit) {
        Instant start = now.truncatedTo(unit);
        return new MeterPeriod(start, start.plus(1, unit));
    }
}
