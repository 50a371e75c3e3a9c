package dev.tollgate.platform.data.consumer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.UnknownEventVersionException;

/**
 * What one consumer reads: its name (Kafka group id and inbox consumer), its topic, and a handler
 * per logical event type ({@code billing.subscription.changed.v1}). Built with
 * {@code EventSubscription.named(...).from(topic).on(type, handler)}.
 */
public final class EventSubscription {

    private static final Pattern VERSIONED = Pattern.compile("(.+)\\.v\\d+");

    private final String consumer;
    private final String topic;
    private final Map<String, Consumer<EventEnvelope>> handlers = new LinkedHashMap<>();
    private Consumer<EventEnvelope> everyType;

    private EventSubscription(String consumer, String topic) {
        this.consumer = Objects.requireNonNull(consumer);
        this.topic = Objects.requireNonNull(topic);
    }

    public static Builder named(String consumer) {
        return topic -> new EventSubscription(consumer, topic);
    }

    /** The first step of the builder: which topic the consumer reads. */
    @FunctionalInterface
    public interface Builder {
        EventSubscription from(String topic);
    }

    /** Handles events of exactly this versioned type. */
    public EventSubscription on(String type, Consumer<EventEnvelope> handler) {
        if (!VERSIONED.matcher(type).matches()) {
            throw new IllegalArgumentException("an event type is declared with its version (name.vN), not '" + type + "'");
        }
        if (handlers.putIfAbsent(type, Objects.requireNonNull(handler)) != null) {
            throw new IllegalArgumentException(consumer + " declares two handlers for " + type);
        }
        return this;
    }

    /** Handles each of these types with the same handler. */
    public EventSubscription on(Collection<String> types, Consumer<EventEnvelope> handler) {
        types.forEach(type -> on(type, handler));
        return this;
    }

    /**
     * Hands every record of the topic to one handler, for a topic whose types are not ours to
     * version (the raw Stripe events, {@code stripe.<stripe type>}).
     */
    public EventSubscription onEveryType(Consumer<EventEnvelope> handler) {
        this.everyType = Objects.requireNonNull(handler);
        return this;
    }

    public String consumer() {
        return consumer;
    }

    public String topic() {
        return topic;
    }

    public Set<String> types() {
        return Set.copyOf(handlers.keySet());
    }

    /**
     * The handler for {@code type}; empty for a type this consumer does not read.
     *
     * @throws UnknownEventVersionException for another version of a type it does read
     */
    Optional<Consumer<EventEnvelope>> handlerFor(String type) {
        Consumer<EventEnvelope> handler = handlers.get(type);
        if (handler != null) {
            return Optional.of(handler);
        }
        if (everyType != null) {
            return Optional.of(everyType);
        }
        Matcher versioned = VERSIONED.matcher(type);
        String name = versioned.matches() ? versioned.group(1) : type;
        Set<String> known = handlers.keySet().stream().filter(held -> held.startsWith(name + ".v"))
                .filter(held -> VERSIONED.matcher(held).matches()).collect(Collectors.toSet());
        if (!known.isEmpty()) {
            throw new UnknownEventVersionException(consumer + " reads " + known + " but received " + type
                    + "; deploy a consumer that reads it, then replay the dead letter");
        }
        return Optional.empty();
    }
}
