package dev.tollgate.notification.ticket;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.ticket.TicketMailer.TicketNews;

/** The localized ticket mails, rendered from the event's facts only (no database). */
@Component
public class TicketMessages implements MessageSamples {

    static final String CREATED = "ticket-created";
    static final String ANSWERED = "ticket-answered";
    static final String RESOLVED = "ticket-resolved";
    static final String QUOTA_REACHED = "ticket-quota-reached";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public TicketMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    /** {@code subject} is the ticket's, remembered from its creation; null when it was created before we listened. */
    RenderedMail render(String template, TicketNews news, String subject, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("billingUrl", settings.appUrl() + "/billing");
        model.put("supportUrl", settings.appUrl() + "/support");
        // Absent facts stay out of the model, so a template's {{#fact}} section is left out rather than rendered empty.
        if (news.ticketNumber() != null) {
            model.put("ticketNumber", news.ticketNumber());
            model.put("ticketUrl", settings.appUrl() + "/support/tickets/" + news.ticketNumber());
        }
        if (subject != null) {
            model.put("ticketSubject", subject);
        }
        if (news.responseDueAt() != null) {
            model.put("responseDue", MailFormats.dateTime(news.responseDueAt(), locale));
        }
        if (news.responseTargetHours() != null) {
            model.put("targetHours", news.responseTargetHours());
            model.put("oneHour", news.responseTargetHours() == 1);
        }
        if (news.body() != null) {
            model.put("answer", news.body());
        }
        if (news.limit() != null) {
            model.put("limit", numbers.format(news.limit()));
            model.put("oneTicket", news.limit() == 1);
        }
        if (news.used() != null) {
            model.put("used", numbers.format(news.used()));
        }
        if (news.resetsAt() != null) {
            model.put("resetsOn", MailFormats.date(news.resetsAt(), locale));
        }
        return renderer.render(template, locale, model);
    }

    @Override
    public List<String> templates() {
        return List.of(CREATED, ANSWERED, RESOLVED, QUOTA_REACHED);
    }

    /** Samples: ticket LATAM-00123 "Agent does not answer in Spanish", 24 h target; 5 of 5 tickets used. */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        TicketNews news = new TicketNews("acct_sample", Instant.parse("2026-12-06T10:00:00Z"), "LATAM-00123",
                "Agent does not answer in Spanish", Instant.parse("2026-12-07T10:00:00Z"), 24,
                ANSWERED.equals(template) ? "Please switch the agent's language to Spanish in its settings." : null,
                Boolean.TRUE, Boolean.FALSE, "resolved", 5L, 5L, Instant.parse("2027-01-01T00:00:00Z"));
        return render(template, news, "Agent does not answer in Spanish", locale);
    }
}
