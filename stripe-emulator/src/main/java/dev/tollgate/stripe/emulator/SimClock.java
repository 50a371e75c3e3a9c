package dev.tollgate.stripe.emulator;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A customer's time. A Stripe test clock ({@code POST /v1/test_helpers/test_clocks}) is frozen at
 * {@code frozen_time} until advanced; a customer created without one gets an implicit clock that runs
 * with the wall clock plus however far it was advanced, so successive actions keep increasing timestamps.
 */
final class SimClock {

    final String id;
    final String name;
    final boolean frozen;
    final long created;
    private long frozenTime;
    private long offsetSeconds;
    private final Supplier<Instant> wall;

    SimClock(String id, String name, boolean frozen, long frozenTime, Supplier<Instant> wall) {
        this.id = id;
        this.name = name;
        this.frozen = frozen;
        this.frozenTime = frozenTime;
        this.wall = wall;
        this.created = wall.get().getEpochSecond();
    }

    long now() {
        return frozen ? frozenTime : wall.get().getEpochSecond() + offsetSeconds;
    }

    /** Moves this clock to {@code time} (never backwards). */
    void moveTo(long time) {
        if (time <= now()) {
            return;
        }
        if (frozen) {
            frozenTime = time;
        } else {
            offsetSeconds += time - now();
        }
    }
}
