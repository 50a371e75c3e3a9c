package dev.tollgate.notification.mail;

import java.time.Instant;

/**
 * A claimed mail, as the relay sends it. {@code attempts} counts the failed attempts so far (a
 * mail leaves the relay on its first success); {@code failingSince} is null unless SMTP refused it.
 */
record OutgoingMail(long id, long notificationId, String accountId, String template, String messageId, String recipient, String subject,
        String textBody, String htmlBody, int attempts, Instant failingSince) {
}
