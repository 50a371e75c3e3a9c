package dev.tollgate.platform.data.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace across the outbox's gap: the relay sends an event later, on its own thread, where
 * the trace of the transaction that recorded it is gone. The recorder stores the W3C {@code traceparent}
 * current at that moment with the row; the relay sends inside a span continuing it, so the Kafka
 * template's observation writes a {@code traceparent} header of the same trace on the record.
 * Without Micrometer Tracing (null tracer) the stored value is sent as the header as it is.
 */
class OutboxTraceContext {

    static final String TRACEPARENT = "traceparent";

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    OutboxTraceContext(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, or null outside any trace. */
    @Nullable String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Whether the stored value must be set as a header by hand (no tracer to continue the trace). */
    boolean sendsHeaderItself() {
        return tracer == null || propagator == null;
    }

    /** Runs the send inside a span that continues the stored trace (or as it is without one). */
    <T> T continuing(@Nullable String traceparent, Callable<T> send) throws Exception {
        if (traceparent == null || tracer == null || propagator == null) {
            return send.call();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name("outbox send").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.call();
        } finally {
            span.end();
        }
    }
}
