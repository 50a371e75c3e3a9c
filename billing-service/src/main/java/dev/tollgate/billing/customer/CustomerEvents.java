package dev.tollgate.billing.customer;

import java.sql.Timestamp;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.stripe.DerivedIds;
import dev.tollgate.billing.stripe.StripeEvent;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's {@code customer.created|updated|deleted}. A customer whose metadata names an account
 * ({@code organization_id}) is linked to it; a linked customer's e-mail follows the newest report
 * ({@code details_event_created}: an older report never overwrites a newer one); a deleted customer
 * keeps its link (its invoices and history stay the account's) and is marked {@code deleted_at}. A
 * customer that names no account and is not linked is left to the checkout that will link it.
 */
@Component
public class CustomerEvents {

    private static final Logger log = LoggerFactory.getLogger(CustomerEvents.class);

    private final JdbcClient jdbc;
    private final CustomerLinks links;
    private final ApplicationEventPublisher events;

    CustomerEvents(JdbcClient jdbc, CustomerLinks links, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.links = links;
        this.events = events;
    }

    public void apply(StripeEvent event) {
        JsonNode customer = event.object();
        String id = text(customer.path("id"));
        if (id == null) {
            throw new dev.tollgate.platform.events.MalformedEventException("Stripe event " + event.id() + " carries a customer without an id");
        }
        if ("customer.deleted".equals(event.type())) {
            int marked = jdbc.sql("UPDATE stripe_customer SET deleted_at = :at WHERE customer_id = :id AND deleted_at IS NULL")
                    .param("at", Timestamp.from(event.created())).param("id", id).update();
            log.info("Stripe deleted customer {}{}", id, marked == 1 ? "; its link is kept for its history" : " (not linked)");
            return;
        }
        String email = text(customer.path("email"));
        Optional<CustomerLink> stored = links.find(id);
        String claimed = CustomerLinks.accountFromMetadata(customer.path("metadata"), "customer.metadata");
        if (stored.isEmpty() && claimed == null) {
            log.info("Stripe customer {} ({}) names no account; a checkout will link it", id, event.type());
            return;
        }
        String account = stored.map(CustomerLink::accountId).orElse(claimed);
        // Checks a claimed account against the stored one (refusing a relink); a first link publishes CustomerLinked.
        CustomerLink link = links.store(new CustomerLink(id, claimed == null ? account : claimed,
                stored.map(CustomerLink::email).orElse(email)), event.type() + " " + event.id());
        int changed = email == null ? 0 : jdbc.sql("""
                UPDATE stripe_customer SET email = :email, details_event_created = :created
                 WHERE customer_id = :id AND (details_event_created IS NULL OR details_event_created <= :created)
                   AND email IS DISTINCT FROM :email""")
                .param("email", email).param("created", Timestamp.from(event.created())).param("id", id).update();
        jdbc.sql("""
                UPDATE stripe_customer SET details_event_created = :created
                 WHERE customer_id = :id AND (details_event_created IS NULL OR details_event_created < :created)""")
                .param("created", Timestamp.from(event.created())).param("id", id).update();
        if (changed == 1 && stored.isPresent()) {
            events.publishEvent(new CustomerLinked(DerivedIds.of("customer_linked", id, event.id()), link.accountId(),
                    event.created(), id, email, event.type()));
        }
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
