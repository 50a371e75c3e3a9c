package dev.tollgate.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The W3C {@code traceparent} of the current span, for a Kafka record's header. Senders write it
 * themselves rather than through the KafkaTemplate's observation, which would ask the broker for its
 * cluster id before a send and so hold a bounded send up while Kafka is away.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** The current span's {@code traceparent}, or null outside any trace or without tracing. */
    public static @Nullable String current(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }
}
