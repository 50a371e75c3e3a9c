package dev.tollgate.platform.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The one newest-wins rule of the platform. A report about some state carries the time it was
 * true at (Stripe's {@code created}, an event's {@code occurredAt}) and a rank for breaking ties;
 * every guard that keeps "the newest state" compares two of these and nothing else.
 * <p>
 * Why a rank: Stripe's {@code created} has one-second precision, so a {@code created}
 * (incomplete) and an {@code updated} (active) of the same second are common. Letting the later
 * arrival win a tie makes the end state depend on delivery order. Instead a tie goes to the
 * higher rank, and an equal rank keeps what is held, so a tie never moves state backwards and
 * the result is the same in every order. Where a tie can be settled by asking the source (billing
 * re-reads the object from Stripe's API), {@link #isTie} tells the caller to do so.
 *
 * @param at when the reported state was true
 * @param rank how far along its lifecycle the state is; higher wins a tie in {@code at}
 */
public record Freshness(Instant at, long rank) {

    public Freshness {
        Objects.requireNonNull(at, "a report without a time cannot be ordered");
    }

    public static Freshness of(Instant at, long rank) {
        return new Freshness(at, rank);
    }

    /** True when this report should replace {@code held}: strictly newer, or as new and further along. */
    public boolean supersedes(Freshness held) {
        if (held == null) {
            return true;
        }
        int byTime = at.compareTo(held.at);
        return byTime > 0 || (byTime == 0 && rank > held.rank);
    }

    /** True when time alone cannot order the two reports. */
    public boolean isTie(Freshness other) {
        return other != null && at.equals(other.at);
    }
}
