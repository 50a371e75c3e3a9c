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
}
