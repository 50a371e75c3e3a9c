package dev.tollgate.platform.data.consumer;

/**
 * A bean that reads one topic. It only says what it handles; the platform does the rest
 * (listener, envelope, inbox transaction, dispatch, retries, dead letters).
 */
public interface EventConsumer {

    EventSubscription subscription();
}
