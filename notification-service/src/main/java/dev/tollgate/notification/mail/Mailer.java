package dev.tollgate.notification.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.samskivert.mustache.Mustache;

/**
 * Renders {@code mail/<template>.mustache} (the text part, and {@code mail/<template>.html.mustache}
 * as the HTML part where one exists) and writes the mail and its feed entry in the caller's
 * transaction. Nothing is sent here: {@link MailRelay} sends after the transaction committed, so a
 * rolled-back consumer sends nothing and a redelivered event (stopped by the inbox) sends nothing twice.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final Mustache.Compiler text;
    private final Mustache.Compiler html;
    private final MailSettings settings;
    private final OutgoingMails mails;
    private final OptOuts optOuts;

    Mailer(Mustache.Compiler mustache, MailSettings settings, OutgoingMails mails, OptOuts optOuts) {
        this.optOuts = optOuts;
        // Plain text must not be HTML-escaped; the HTML part must be.
        this.text = mustache.escapeHTML(false);
        this.html = mustache.escapeHTML(true);
        this.settings = settings;
        this.mails = mails;
    }

    /**
     * Writes the mail {@code template} that event {@code causeEventId} caused for the account. With no
     * address ({@code to} null or blank) the account's last known one is used; with none known the
     * mail waits until {@link #learnAddress} brings one. Its Message-ID is derived from the cause.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String accountId, String causeEventId, String to, String subject, String template,
            Map<String, Object> model) {
        String recipient = to == null || to.isBlank() ? mails.knownAddress(accountId).orElse(null) : to;
        if (recipient == null) {
            log.warn("No e-mail address known for account {}: the {} mail of event {} waits until one arrives", accountId,
                    template, causeEventId);
        }
        ClassPathResource htmlTemplate = new ClassPathResource("mail/" + template + ".html.mustache");
        mails.write(accountId, causeEventId, template, MessageId.of(causeEventId, template, settings.messageIdDomain()),
                recipient, subject, text.compile(read(new ClassPathResource("mail/" + template + ".mustache"))).execute(model),
                htmlTemplate.exists() ? html.compile(read(htmlTemplate)).execute(model) : null);
    }

    /**
     * Writes a mail already rendered in the account's language ({@link MailRenderer}), as
     * {@link #write(String, String, String, String, String, Map)} does: same address rules, same
     * Message-ID from the cause, one mail per cause and template.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String accountId, String causeEventId, String to, String template, RenderedMail mail) {
        String recipient = to == null || to.isBlank() ? mails.knownAddress(accountId).orElse(null) : to;
        MailCategory category = MailCategory.of(template);
        if (recipient != null && optOuts.optedOut(accountId, recipient, category)) {
            // Billing and security mail is never suppressed (optedOut is false for them); the feed still tells the customer.
            log.info("{} opted out of {} mail: the {} mail of event {} stays in the feed only", recipient, category.key(),
                    template, causeEventId);
            mails.writeFeedOnly(accountId, causeEventId, template, recipient, mail.subject(), mail.text(), "opted_out");
            return;
        }
        if (recipient == null) {
            log.warn("No e-mail address known for account {}: the {} mail of event {} waits until one arrives", accountId,
                    template, causeEventId);
        }
        mails.write(accountId, causeEventId, template, MessageId.of(causeEventId, template, settings.messageIdDomain()),
                recipient, mail.subject(), mail.text(), mail.html());
    }

    /** The account's address as an event carried it: kept for later mails, and given to the mails that waited for it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learnAddress(String accountId, String email) {
        if (email != null && !email.isBlank()) {
            mails.learnAddress(accountId, email);
        }
    }

    private static Reader read(ClassPathResource template) {
        try {
            return new InputStreamReader(template.getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing e-mail template " + template.getPath(), e);
        }
    }
}
