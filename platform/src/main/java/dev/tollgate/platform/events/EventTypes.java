package dev.tollgate.platform.events;

/** Derives the wire type name ({@code name.vN}) from a class's {@link EventType} annotation. */
public final class EventTypes {

    private EventTypes() {
    }

    public static String typeOf(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalStateException(eventClass.getName() + " is published as an event but has no @EventType");
        }
        return type.name() + ".v" + type.version();
    }

    /** The topic the event class names for itself, or {@code fallback} (the service's topic) when it names none. */
    public static String topicOf(Class<?> eventClass, String fallback) {
        EventType type = eventClass.getAnnotation(EventType.class);
        return type == null || type.topic().isBlank() ? fallback : type.topic();
    }
}
