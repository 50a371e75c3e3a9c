package dev.tollgate.ticket.desk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a ticket is in its workflow; on the wire in lower snake case ({@code waiting_on_customer}). */
public enum TicketStatus {
    OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TicketStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst();
    }

    /** Still waiting for the support team: what the agents' queue holds. */
    public boolean active() {
        return this == OPEN || this == IN_PROGRESS || this == WAITING_ON_CUSTOMER;
    }
}
