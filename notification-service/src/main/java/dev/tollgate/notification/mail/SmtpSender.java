package dev.tollgate.notification.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Hands one mail to SMTP behind the {@code smtp} circuit breaker (Resilience4j, see
 * {@link MailConfiguration}): during an outage the relay stops connecting after a few refusals
 * and probes again later instead of hammering the server with every waiting mail.
 */
@Component
class SmtpSender {

    private final JavaMailSender sender;
    private final CircuitBreaker breaker;
    private final MailSettings settings;
    private final UnsubscribeTokens unsubscribe;

    SmtpSender(JavaMailSender sender, CircuitBreaker smtpCircuitBreaker, MailSettings settings, UnsubscribeTokens unsubscribe) {
        this.unsubscribe = unsubscribe;
        this.sender = sender;
        this.breaker = smtpCircuitBreaker;
        this.settings = settings;
    }

    /**
     * @throws MailPreparationException the mail can never be sent as written (e.g. an invalid address)
     * @throws CallNotPermittedException the circuit is open: nothing was attempted
     * @throws org.springframework.mail.MailException SMTP refused or could not be reached
     */
    void send(OutgoingMail mail) {
        MimeMessage message = prepare(mail);
        breaker.executeRunnable(() -> sender.send(message));
    }

    private MimeMessage prepare(OutgoingMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, mail.htmlBody() != null, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(mail.recipient());
            helper.setSubject(mail.subject());
            if (mail.htmlBody() == null) {
                helper.setText(mail.textBody());
            } else {
                helper.setText(mail.textBody(), mail.htmlBody());
            }
            MailCategory category = MailCategory.of(mail.template());
            if (!category.essential()) {
                // RFC 8058 one-click: the mail client POSTs List-Unsubscribe=One-Click to the https URL, no login needed.
                message.setHeader("List-Unsubscribe", "<" + unsubscribe.link(mail.accountId(), mail.recipient(), category) + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            // JavaMailSenderImpl keeps a Message-ID set before sending instead of minting a random one.
            message.setHeader("Message-ID", mail.messageId());
        } catch (MessagingException e) {
            throw new MailPreparationException("mail " + mail.id() + " cannot be written as a MIME message", e);
        }
        return message;
    }
}
