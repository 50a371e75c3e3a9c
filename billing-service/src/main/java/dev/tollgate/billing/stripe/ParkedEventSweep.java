package dev.tollgate.billing.stripe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Every {@code tollgate.billing.parked.sweep-interval}: drains parked events whose customer is linked
 * by now (a drain the link triggered but a crash or a Stripe outage interrupted), and dead-letters
 * those parked longer than {@code tollgate.billing.parked.max-age}. Gauges show how many wait and
 * for how long. Several replicas may sweep at once: each parked row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so an event leaves exactly one way.
 */
@Component
class ParkedEventSweep implements SchedulingConfigurer, MeterBinder {

    static final String PARKED_METRIC = "tollgate.billing.parked.events";
    static final String OLDEST_METRIC = "tollgate.billing.parked.events.oldest.age";

    private static final Logger log = LoggerFactory.getLogger(ParkedEventSweep.class);
    private static final int BATCH = 100;

    private final ParkedEvents parked;
    private final ParkedEventDrain drain;
    private final ParkedEventSettings settings;

    ParkedEventSweep(ParkedEvents parked, ParkedEventDrain drain, ParkedEventSettings settings) {
        this.parked = parked;
        this.drain = drain;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, settings.sweepInterval());
    }

    void sweep() {
        try {
            parked.linkedCustomers().forEach(customer -> drain.drainQuietly(customer, "sweep"));
            for (StripeEvent event : parked.parkedLongerThan(settings.maxAge(), BATCH)) {
                drain.deadLetter(event, new ParkedEventExpiredException(event, settings.maxAge()));
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping parked Stripe events failed; trying again in {}", settings.sweepInterval(), e);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PARKED_METRIC, parked, ParkedEvents::count)
                .description("Stripe events waiting for their customer to be linked to an account")
                .register(registry);
        Gauge.builder(OLDEST_METRIC, parked, ParkedEvents::oldestAgeSeconds)
                .description("How long the oldest parked Stripe event has waited")
                .baseUnit("seconds")
                .register(registry);
    }
}
