package dev.tollgate.notification.ticket;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.notification.language.AccountLanguages;
import dev.tollgate.notification.mail.Mailer;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails ticket-service's events to the ticket's account. The events carry no address (only user
 * ids): the mail goes to the account's last known address, or waits for one. An agent's comment is
 * an answer only when it is public ({@code internal} false and a body): agents' notes never reach
 * the customer.
 */
@Component
class TicketMailer implements EventConsumer {

    static final String CONSUMER = "notification-service.ticket-events";
    static final List<String> TYPES = List.of("ticket.created.v1", "ticket.commented.v1", "ticket.status_changed.v1",
            "ticket.quota_exceeded.v1");

    private static final Logger log = LoggerFactory.getLogger(TicketMailer.class);

    private final JsonMapper json;
    private final Mailer mailer;
    private final TicketMessages messages;
    private final AccountLanguages languages;
    private final JdbcClient jdbc;

    TicketMailer(JsonMapper json, Mailer mailer, TicketMessages messages, AccountLanguages languages, JdbcClient jdbc) {
        this.json = json;
        this.mailer = mailer;
        this.messages = messages;
        this.languages = languages;
        this.jdbc = jdbc;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.TICKET).on(TYPES, this::mailFor);
    }

    void mailFor(EventEnvelope envelope) {
        TicketNews news = envelope.dataAs(TicketNews.class, json);
        if (!Ids.isAccountId(news.accountId())) {
            throw new MalformedEventException("event " + envelope.id() + " (" + envelope.type() + ") has no valid account id");
        }
        String template = switch (envelope.type()) {
            case "ticket.created.v1" -> {
                remember(news);
                yield TicketMessages.CREATED;
            }
            case "ticket.commented.v1" -> Boolean.TRUE.equals(news.byAgent()) && !Boolean.TRUE.equals(news.internal())
                    && news.body() != null ? TicketMessages.ANSWERED : null;
            case "ticket.status_changed.v1" -> "resolved".equals(news.to()) ? TicketMessages.RESOLVED : null;
            case "ticket.quota_exceeded.v1" -> TicketMessages.QUOTA_REACHED;
            default -> null;
        };
        if (template == null) {
            log.debug("No e-mail for {} {}", envelope.type(), envelope.id());
            return;
        }
        if (!TicketMessages.QUOTA_REACHED.equals(template) && news.ticketNumber() == null) {
            throw new MalformedEventException("event " + envelope.id() + " (" + envelope.type() + ") has no ticketNumber");
        }
        mailer.write(news.accountId(), envelope.id(), null, template,
                messages.render(template, news, subjectOf(news), languages.localeOf(news.accountId())));
    }

    private void remember(TicketNews news) {
        if (news.ticketNumber() != null && news.subject() != null) {
            jdbc.sql("""
                    INSERT INTO ticket_note (ticket_number, account_id, subject) VALUES (:number, :account, :subject)
                    ON CONFLICT (ticket_number) DO NOTHING""")
                    .param("number", news.ticketNumber()).param("account", news.accountId()).param("subject", news.subject())
                    .update();
        }
    }

    private String subjectOf(TicketNews news) {
        if (news.subject() != null || news.ticketNumber() == null) {
            return news.subject();
        }
        return jdbc.sql("SELECT subject FROM ticket_note WHERE ticket_number = :number AND account_id = :account")
                .param("number", news.ticketNumber()).param("account", news.accountId()).query(String.class).optional()
                .orElse(null);
    }

    /** Our read model of the {@code ticket.*.v1} events it mails (each carries only some of these). */
    record TicketNews(String accountId, Instant occurredAt, String ticketNumber, String subject, Instant responseDueAt,
            Integer responseTargetHours, String body, Boolean byAgent, Boolean internal, String to, Long limit, Long used,
            Instant resetsAt) {
    }
}
