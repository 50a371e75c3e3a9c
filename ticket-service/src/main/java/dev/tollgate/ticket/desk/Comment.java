package dev.tollgate.ticket.desk;

import java.time.Instant;

/** A comment on a ticket; an internal note is shown to agents only. */
record Comment(long id, String authorId, boolean byAgent, boolean internal, String body, Instant createdAt) {
}
