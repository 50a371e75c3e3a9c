package dev.tollgate.platform.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The stable logical name and schema version of a domain event, e.g. {@code subscription.activated} v1. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String name();

    int version() default 1;

    /**
     * The topic this event goes to when it is not the publishing service's one ({@code tollgate.outbox.topic}),
     * e.g. a compacted topic that keeps only the latest event per key. Empty: the service's topic.
     */
    String topic() default "";
}
