package dev.tollgate.entitlement.meter;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.entitlement.grant.AccountEntitlements;
import dev.tollgate.entitlement.grant.CurrentGrants;
import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.entitlement.plan.MeterPeriod;
import dev.tollgate.platform.web.ApiProblem;

/**
 * Every change of a meter is one short transaction holding the row lock of (account, feature):
 * concurrent consumes, reservations and confirmations of one feature queue on it for a few
 * milliseconds and each sees the others' result, so the sum of what is used and held never passes
 * the limit (plus purchased credits). Other features and accounts are not blocked. The limit itself
 * comes from the grant in memory ({@link CurrentGrants}).
 */
@Service
public class Meters {

    /** AI token credits (packs) count against the monthly AI allowance, which is spent first. */
    public static final String AI_TOKENS = "ai_monthly_token_limit";
    static final Map<String, String> ALIASES = Map.of("ai_tokens", AI_TOKENS);
    static final Duration MAX_RESERVATION = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CurrentGrants grants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Meters(JdbcClient jdbc, TransactionTemplate transaction, CurrentGrants grants, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
    }

    /** A limited feature of the account: its limit and the period it counts in at {@code now}. */
    record Metered(String accountId, String feature, Entitlement entitlement, MeterPeriod period) {

        boolean unlimited() {
            return entitlement.unlimited();
        }

        long limit() {
            return entitlement.limit();
        }
    }

    /** The meter of a feature at one moment. {@code remaining} is -1 for an unlimited feature. */
    public record Usage(String feature, long limit, String period, long used, long reserved, long credits, Instant periodStart,
            Instant resetsAt) {

        public long remaining() {
            if (limit == Entitlement.UNLIMITED) {
                return Entitlement.UNLIMITED;
            }
            return Math.max(0, Math.max(0, limit - used) + credits - reserved);
        }
    }

    /** What a consume or reservation did: granted or refused, and the meter after it. */
    public record Outcome(boolean granted, Usage usage, long requested, UUID reservationId, Instant expiresAt, boolean repeated) {
    }

    public Usage check(String accountId, String feature) {
        Metered metered = metered(accountId, feature);
        Map<String, Usage> usage = usage(accountId, Map.of(metered.feature(), metered.entitlement()), clock.instant());
        return usage.get(metered.feature());
    }

    /** Consumes {@code amount} if the limit allows it; the same idempotency key consumes once. */
    public Outcome consume(String accountId, String feature, long amount, String idempotencyKey) {
        requirePositive(amount);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiProblem.badRequest("idempotencyKey must be 1 to 200 characters.");
        }
        Metered metered = metered(accountId, feature);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Row row = locked(metered);
            if (idempotencyKey != null) {
                Optional<Long> earlier = jdbc.sql("SELECT amount FROM meter_consumption WHERE account_id = ? AND feature = ? "
                        + "AND idempotency_key = ?").params(accountId, metered.feature(), idempotencyKey).query(Long.class).optional();
                if (earlier.isPresent()) {
                    if (earlier.get() != amount) {
                        throw new ApiProblem(HttpStatus.CONFLICT, "Idempotency key reused",
                                "idempotencyKey '%s' already consumed %d, not %d: use a new key for a new consumption."
                                        .formatted(idempotencyKey, earlier.get(), amount));
                    }
                    return new Outcome(true, usageOf(metered, row, reserved(metered, now)), amount, null, null, true);
                }
            }
            long reserved = reserved(metered, now);
            if (!fits(metered, row, reserved, amount)) {
                return refuse(metered, row, reserved, amount, now);
            }
            Row after = spend(metered, row, amount);
            if (idempotencyKey != null) {
                jdbc.sql("INSERT INTO meter_consumption (account_id, feature, idempotency_key, amount, granted, consumed_at) "
                        + "VALUES (?, ?, ?, ?, true, ?)").params(accountId, metered.feature(), idempotencyKey, amount,
                                Timestamp.from(now)).update();
            }
            thresholds(metered, after, now);
            return new Outcome(true, usageOf(metered, after, reserved), amount, null, null, false);
        });
    }

    /** Holds {@code amount} until confirmed, released or {@code expiresIn} has passed (then it lapses). */
    public Outcome reserve(String accountId, String feature, long amount, Duration expiresIn) {
        requirePositive(amount);
        if (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(MAX_RESERVATION) > 0) {
            throw ApiProblem.badRequest("expiresInSeconds must be between 1 and " + MAX_RESERVATION.toSeconds() + ".");
        }
        Metered metered = metered(accountId, feature);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Row row = locked(metered);
            long reserved = reserved(metered, now);
            if (!fits(metered, row, reserved, amount)) {
                return refuse(metered, row, reserved, amount, now);
            }
            UUID id = UUID.randomUUID();
            Instant expiresAt = now.plus(expiresIn);
            jdbc.sql("INSERT INTO meter_reservation (reservation_id, account_id, feature, amount, state, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, 'held', ?, ?)").params(id, accountId, metered.feature(), amount, Timestamp.from(now),
                            Timestamp.from(expiresAt)).update();
            return new Outcome(true, usageOf(metered, row, reserved + amount), amount, id, expiresAt, false);
        });
    }

    /** Turns a held reservation into usage; confirming twice is harmless, a lapsed or released one is a 409. */
    public Usage confirm(String accountId, String feature, UUID reservationId) {
        Metered metered = metered(accountId, feature);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Row row = locked(metered);
            Reservation reservation = reservation(metered, reservationId);
            switch (reservation.state()) {
                case "confirmed" -> {
                    return usageOf(metered, row, reserved(metered, now));
                }
                case "released" -> throw new ApiProblem(HttpStatus.CONFLICT, "Reservation released",
                        "Reservation " + reservationId + " was released; reserve again.");
                default -> {
                }
            }
            if (!reservation.expiresAt().isAfter(now)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Reservation lapsed",
                        "Reservation " + reservationId + " lapsed at " + reservation.expiresAt() + "; reserve again.");
            }
            jdbc.sql("UPDATE meter_reservation SET state = 'confirmed' WHERE reservation_id = ?").param(reservationId).update();
            Row after = spend(metered, row, reservation.amount());
            thresholds(metered, after, now);
            return usageOf(metered, after, reserved(metered, now));
        });
    }

    /** Gives a held reservation back; releasing twice or after it lapsed is harmless, after confirming a 409. */
    public Usage release(String accountId, String feature, UUID reservationId) {
        Metered metered = metered(accountId, feature);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Row row = locked(metered);
            Reservation reservation = reservation(metered, reservationId);
            if (reservation.state().equals("confirmed")) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Reservation confirmed",
                        "Reservation " + reservationId + " was confirmed already; its units are used.");
            }
            jdbc.sql("UPDATE meter_reservation SET state = 'released' WHERE reservation_id = ?").param(reservationId).update();
            return usageOf(metered, row, reserved(metered, now));
        });
    }

    /**
     * Sets a gauge (users, storage, contacts: a limit without a period) to what the caller measured.
     * It is a fact, so it is recorded also above the limit, and that is reported once as a quota exceeded.
     */
    public Usage setUsage(String accountId, String feature, long used) {
        if (used < 0) {
            throw ApiProblem.badRequest("used must be 0 or more.");
        }
        Metered metered = metered(accountId, feature);
        if (metered.period().resets()) {
            throw ApiProblem.badRequest("'" + metered.feature() + "' is counted per " + metered.entitlement().period()
                    + " and resets; report it with POST .../consume, not as a gauge.");
        }
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Row row = locked(metered);
            jdbc.sql("UPDATE meter SET used = ? WHERE account_id = ? AND feature = ?").params(used, metered.accountId(),
                    metered.feature()).update();
            Row after = row.withUsed(used);
            long reserved = reserved(metered, now);
            if (!metered.unlimited() && used > metered.limit()) {
                quotaExceeded(metered, after, reserved, Math.max(0, used - row.used()), now);
            }
            thresholds(metered, after, now);
            return usageOf(metered, after, reserved);
        });
    }

    /** Adds purchased credits (e.g. an AI token pack) to a feature; they never expire and are spent after the allowance. */
    public void grantCredits(String accountId, String feature, long credits) {
        requirePositive(credits);
        String key = ALIASES.getOrDefault(feature, feature);
        // Runs in the caller's transaction when there is one (the inbox's), so the purchase is applied exactly once.
        transaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO meter (account_id, feature, period_start) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(accountId, key, Timestamp.from(Instant.EPOCH)).update();
            jdbc.sql("UPDATE meter SET credits = credits + ? WHERE account_id = ? AND feature = ?").params(credits, accountId, key)
                    .update();
        });
    }

    /** The meters of the given limited features at {@code now}, read without locks (a lapsed reset reads as 0). */
    public Map<String, Usage> usage(String accountId, Map<String, Entitlement> features, Instant now) {
        Map<String, Row> rows = new HashMap<>();
        Map<String, Long> held = new HashMap<>();
        jdbc.sql("SELECT feature, period_start, used, credits, threshold_80_for, threshold_100_for, exceeded_for FROM meter "
                + "WHERE account_id = ?").param(accountId).query((rs, n) -> rows.put(rs.getString(1), Row.from(rs))).list();
        jdbc.sql("SELECT feature, SUM(amount) FROM meter_reservation WHERE account_id = ? AND state = 'held' AND expires_at > ? "
                + "GROUP BY feature").params(accountId, Timestamp.from(now)).query((rs, n) -> held.put(rs.getString(1), rs.getLong(2)))
                .list();
        AccountEntitlements grant = grants.of(accountId).orElse(null);
        Map<String, Usage> usage = new HashMap<>();
        features.forEach((feature, entitlement) -> {
            if (!entitlement.countable()) {
                return;
            }
            Metered metered = new Metered(accountId, feature, entitlement,
                    MeterPeriod.of(entitlement.period(), grant == null ? null : grant.periodAnchor(), now));
            Row row = rows.getOrDefault(feature, Row.empty(metered.period().start())).current(metered.period());
            usage.put(feature, usageOf(metered, row, held.getOrDefault(feature, 0L)));
        });
        return usage;
    }

    private Metered metered(String accountId, String requested) {
        String feature = ALIASES.getOrDefault(requested, requested);
        Instant now = clock.instant();
        AccountEntitlements grant = grants.of(accountId).orElseThrow(() -> ApiProblem.forbidden(
                "Account " + accountId + " has no subscription, so it has no '" + requested + "'."));
        Entitlement entitlement = grant.features().get(feature);
        if (entitlement == null) {
            throw ApiProblem.forbidden("Plan '" + grant.planId() + "' (" + grant.subscriptionStatus() + ") does not include '"
                    + requested + "'.");
        }
        if (!entitlement.countable()) {
            throw ApiProblem.badRequest("'" + requested + "' is a " + (entitlement.enabled() != null ? "flag" : "level")
                    + ", not a limit: read it with GET /api/entitlements/me/" + requested + ".");
        }
        return new Metered(accountId, feature, entitlement, MeterPeriod.of(entitlement.period(), grant.periodAnchor(), now));
    }

    /** Locks the meter row, resetting it first when it still counts an earlier period. */
    private Row locked(Metered metered) {
        jdbc.sql("INSERT INTO meter (account_id, feature, period_start) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(metered.accountId(), metered.feature(), Timestamp.from(metered.period().start())).update();
        Row row = jdbc.sql("SELECT feature, period_start, used, credits, threshold_80_for, threshold_100_for, exceeded_for "
                + "FROM meter WHERE account_id = ? AND feature = ? FOR UPDATE").params(metered.accountId(), metered.feature())
                .query((rs, n) -> Row.from(rs)).single();
        Row current = row.current(metered.period());
        if (current != row) {
            jdbc.sql("UPDATE meter SET period_start = ?, used = 0 WHERE account_id = ? AND feature = ?")
                    .params(Timestamp.from(current.periodStart()), metered.accountId(), metered.feature()).update();
        }
        return current;
    }

    private long reserved(Metered metered, Instant now) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM meter_reservation WHERE account_id = ? AND feature = ? "
                + "AND state = 'held' AND expires_at > ?").params(metered.accountId(), metered.feature(), Timestamp.from(now))
                .query(Long.class).single();
    }

    private Reservation reservation(Metered metered, UUID id) {
        return jdbc.sql("SELECT amount, state, expires_at FROM meter_reservation WHERE reservation_id = ? AND account_id = ? "
                + "AND feature = ?").params(id, metered.accountId(), metered.feature())
                .query((rs, n) -> new Reservation(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional()
                .orElseThrow(() -> ApiProblem.notFound("No reservation " + id + " of '" + metered.feature() + "' for this account."));
    }

    private static boolean fits(Metered metered, Row row, long reserved, long amount) {
        if (metered.unlimited()) {
            return true;
        }
        return amount <= Math.max(0, metered.limit() - row.used()) + row.credits() - reserved;
    }

    /** Uses {@code amount}: the period's allowance first, then credits (an unlimited feature only counts). */
    private Row spend(Metered metered, Row row, long amount) {
        long fromAllowance = metered.unlimited() ? amount : Math.min(amount, Math.max(0, metered.limit() - row.used()));
        long fromCredits = Math.min(amount - fromAllowance, row.credits());
        long used = row.used() + amount - fromCredits;
        jdbc.sql("UPDATE meter SET used = ?, credits = credits - ? WHERE account_id = ? AND feature = ?")
                .params(used, fromCredits, metered.accountId(), metered.feature()).update();
        return row.withUsed(used).withCredits(row.credits() - fromCredits);
    }

    private Outcome refuse(Metered metered, Row row, long reserved, long amount, Instant now) {
        quotaExceeded(metered, row, reserved, amount, now);
        return new Outcome(false, usageOf(metered, row, reserved), amount, null, null, false);
    }

    /** Publishes the quota notice once per account, feature and period: the row remembers the period it was sent for. */
    private void quotaExceeded(Metered metered, Row row, long reserved, long requested, Instant now) {
        if (row.periodStart().equals(row.exceededFor())) {
            return;
        }
        jdbc.sql("UPDATE meter SET exceeded_for = ? WHERE account_id = ? AND feature = ?")
                .params(Timestamp.from(row.periodStart()), metered.accountId(), metered.feature()).update();
        Usage usage = usageOf(metered, row, reserved);
        events.publishEvent(new QuotaExceeded(UUID.randomUUID(), metered.accountId(), now, metered.feature(), usage.limit(),
                usage.used(), requested, usage.remaining(), row.periodStart(), metered.period().end()));
    }

    /** 80 % and 100 % of the limit, each published once per period. */
    private void thresholds(Metered metered, Row row, Instant now) {
        if (metered.unlimited() || metered.limit() <= 0) {
            return;
        }
        threshold(metered, row, 80, row.threshold80For(), "threshold_80_for", now);
        threshold(metered, row, 100, row.threshold100For(), "threshold_100_for", now);
    }

    private void threshold(Metered metered, Row row, int percent, Instant sentFor, String column, Instant now) {
        if (row.used() * 100 < metered.limit() * percent || row.periodStart().equals(sentFor)) {
            return;
        }
        jdbc.sql("UPDATE meter SET " + column + " = ? WHERE account_id = ? AND feature = ?")
                .params(Timestamp.from(row.periodStart()), metered.accountId(), metered.feature()).update();
        events.publishEvent(new UsageThresholdReached(UUID.randomUUID(), metered.accountId(), now, metered.feature(), percent,
                metered.limit(), row.used(), row.periodStart(), metered.period().end()));
    }

    private static Usage usageOf(Metered metered, Row row, long reserved) {
        return new Usage(metered.feature(), metered.limit(), metered.entitlement().period(), row.used(), reserved, row.credits(),
                metered.period().resets() ? row.periodStart() : null, metered.period().end());
    }

    /** Far beyond any real use, and low enough that sums of amounts never overflow a long. */
    static final long MAX_AMOUNT = 1_000_000_000_000L;

    private static void requirePositive(long amount) {
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw ApiProblem.badRequest("amount must be 1 or more and at most " + MAX_AMOUNT + ".");
        }
    }

    private record Reservation(long amount, String state, Instant expiresAt) {
    }

    /** A meter row as read under its lock. */
    record Row(Instant periodStart, long used, long credits, Instant threshold80For, Instant threshold100For, Instant exceededFor) {

        static Row from(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Row(rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), instant(rs.getTimestamp(5)),
                    instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
        }

        static Row empty(Instant periodStart) {
            return new Row(periodStart, 0, 0, null, null, null);
        }

        /** This row in {@code period}: counted from 0 when it still counts an earlier period (credits stay). */
        Row current(MeterPeriod period) {
            return period.resets() && periodStart.isBefore(period.start()) ? new Row(period.start(), 0, credits, threshold80For,
                    threshold100For, exceededFor) : this;
        }

        Row withUsed(long newUsed) {
            return new Row(periodStart, newUsed, credits, threshold80For, threshold100For, exceededFor);
        }

        Row withCredits(long newCredits) {
            return new Row(periodStart, used, newCredits, threshold80For, threshold100For, exceededFor);
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
