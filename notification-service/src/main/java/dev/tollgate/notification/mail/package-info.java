/**
 * E-mail as a transactional outbox. {@link dev.tollgate.notification.mail.Mailer} renders a mail
 * (JMustache, a well-kept logic-less template engine) and writes it with its feed entry in the
 * consumer's transaction; {@link dev.tollgate.notification.mail.MailRelay} sends it after commit,
 * with a Message-ID derived from the cause, in the order each account's mails were caused,
 * retrying with backoff through SMTP outages behind a Resilience4j circuit breaker. A mail whose
 * account has no known address waits for one; nothing is dropped. Also what every mail shares:
 * locale formats, feature names, categories (essential or not), opt-outs and the signed one-click
 * unsubscribe link of non-essential mail.
 */
package dev.tollgate.notification.mail;
