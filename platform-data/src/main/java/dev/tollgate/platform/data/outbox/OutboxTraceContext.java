package dev.tollgate.platform.data.outbox;

import org.jspecify.annotations.Nullable;

import dev.tollgate.platform.tracing.TraceParent;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace across the outbox's gap: the relay sends an event later, on its own thread, where
 * the trace of the transaction that recorded it is gone. The recorder stores the W3C {@code traceparent}
 * current at that moment with the row; the relay sends it as the record's header, so the consumers
 * continue that trace. Without Micrometer Tracing (null tracer) events carry none.
 */
class OutboxTraceContext {

    static final String TRACEPARENT = TraceParent.HEADER;

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    OutboxTraceContext(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, or null outside any trace. */
    @Nullable String current() {
        return TraceParent.current(tracer, propagator);
    }
}
