package dev.tollgate.platform.events;

/**
 * An event whose type name a consumer knows but whose version it does not ({@code x.v2} where it
 * reads {@code x.v1}). Skipping it would silently lose a change the producer meant; retrying can
 * never help; so it is poison and goes to the dead-letter topic until a consumer that reads the
 * new version is deployed and the record is replayed.
 */
public class UnknownEventVersionException extends MalformedEventException {

    public UnknownEventVersionException(String message) {
        super(message);
    }
}
