package dev.tollgate.billing.customer;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.identity.Ids;

/**
 * An account id from Stripe (metadata or {@code client_reference_id}) outside the platform's id
 * format. The id would become a Kafka key and a database key, so the event is dead-lettered
 * rather than applied; the message names the field and the format.
 */
public class InvalidAccountIdException extends MalformedEventException {

    InvalidAccountIdException(Ids.InvalidIdException cause) {
        super(cause.getMessage(), cause);
    }

    /** Returns {@code candidate} when it is a valid account id; otherwise the event is poison. */
    static String require(String candidate, String source) {
        try {
            return Ids.requireAccountId(candidate, source);
        } catch (Ids.InvalidIdException e) {
            throw new InvalidAccountIdException(e);
        }
    }
}
