package dev.tollgate.notification.mail;

/** One message as the customer reads it: subject, plain-text part and HTML part, in one language. */
public record RenderedMail(String subject, String text, String html) {
}
