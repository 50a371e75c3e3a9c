package dev.tollgate.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The real clock moved by a test-controlled offset; the service's {@code java.time.Clock} bean in
 * the tests that cross time boundaries (trial reminders, billing periods, response targets).
 * Identity tokens must be signed with it too, since the service verifies them against the same clock.
 */
public final class ControllableClock extends Clock {

    public static final ControllableClock INSTANCE = new ControllableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private ControllableClock() {
    }

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Replaces the platform's system clock (which steps aside for any other {@code Clock} bean). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        Clock controllableClock() {
            return INSTANCE;
        }
    }
}
