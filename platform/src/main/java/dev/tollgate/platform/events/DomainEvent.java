package dev.tollgate.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact a service publishes to the others. Implementations are immutable records annotated
 * with {@link EventType}. The id is chosen once, when the fact happens, so a republished event
 * (after a crash or a broker outage) carries the same {@code ce_id} and consumers drop it.
 */
public interface DomainEvent {

    UUID eventId();

    /** The account the fact is about; it is the Kafka record key and the CloudEvents subject. */
    String accountId();

    Instant occurredAt();

    default String eventType() {
        return EventTypes.typeOf(getClass());
    }
}
