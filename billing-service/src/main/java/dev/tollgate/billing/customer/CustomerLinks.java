package dev.tollgate.billing.customer;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.stripeapi.StripeApi;
import tools.jackson.databind.JsonNode;

/**
 * Which Tollgate account a Stripe customer belongs to. Reading ({@link #resolve}) may call Stripe and
 * takes no lock; storing ({@link #store}) takes the row lock and calls nothing outside the database.
 */
@Component
public class CustomerLinks {

    private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

    private final JdbcClient jdbc;
    private final StripeApi stripe;
    private final ObjectProvider<FirstLinkListener> listeners;

    CustomerLinks(JdbcClient jdbc, StripeApi stripe, ObjectProvider<FirstLinkListener> listeners) {
        this.jdbc = jdbc;
        this.stripe = stripe;
        this.listeners = listeners;
    }

    /** Links the customer of a completed checkout session to the account it was opened for. */
    public Optional<CustomerLink> linkFromCheckout(JsonNode session) {
        String customer = text(session.path("customer"));
        String reference = text(session.path("client_reference_id"));
        String account = reference != null
                ? InvalidAccountIdException.require(reference, "checkout.session.client_reference_id")
                : accountFromMetadata(session.path("metadata"), "checkout.session.metadata");
        if (customer == null || account == null) {
            log.warn("Checkout session {} names no customer or no account (client_reference_id / metadata.organization_id); "
                    + "it cannot be linked", text(session.path("id")));
            return Optional.empty();
        }
        String email = Optional.ofNullable(text(session.path("customer_details").path("email")))
                .orElse(text(session.path("customer_email")));
        return Optional.of(store(new CustomerLink(customer, account, email), "checkout session " + text(session.path("id"))));
    }

    /** The account a checkout session was opened for ({@code client_reference_id}, else its metadata); null when none. */
    public String accountOfCheckout(JsonNode session) {
        String reference = text(session.path("client_reference_id"));
        return reference != null ? InvalidAccountIdException.require(reference, "checkout.session.client_reference_id")
                : accountFromMetadata(session.path("metadata"), "checkout.session.metadata");
    }

    /**
     * The link a subscription event would use: the stored one, or else the account its metadata names;
     * with the customer's e-mail, asked from Stripe when we have none (a Stripe failure propagates,
     * so the event is retried rather than its e-mails lost). Empty when no account is known yet. Takes
     * no lock and writes nothing; {@link #store} the result in the transaction that applies the event.
     */
    public Optional<CustomerLink> resolve(String customerId, JsonNode metadata) {
        Optional<CustomerLink> stored = find(customerId);
        String claimed = accountFromMetadata(metadata, "customer.subscription.metadata");
        if (stored.isPresent() && claimed != null && !claimed.equals(stored.get().accountId())) {
            throw new CustomerRelinkRefusedException(customerId, stored.get().accountId(), claimed, "the subscription's metadata");
        }
        String account = stored.map(CustomerLink::accountId).orElse(claimed);
        if (account == null) {
            return Optional.empty();
        }
        String email = stored.map(CustomerLink::email).or(() -> stripe.customerEmail(customerId)).orElse(null);
        return Optional.of(new CustomerLink(customerId, account, email));
    }

    /**
     * Stores the link, or checks it against the stored one: a customer never moves to another account
     * ({@link CustomerRelinkRefusedException}); an e-mail it brings replaces the stored one. The first
     * link of a customer is announced to every {@link FirstLinkListener}.
     */
    public CustomerLink store(CustomerLink link, String source) {
        int inserted = jdbc.sql("""
                INSERT INTO stripe_customer (customer_id, account_id, email) VALUES (:customer, :account, :email)
                ON CONFLICT (customer_id) DO NOTHING""")
                .param("customer", link.customerId())
                .param("account", link.accountId())
                .param("email", link.email())
                .update();
        if (inserted == 1) {
            log.info("Linked Stripe customer {} to account {} ({})", link.customerId(), link.accountId(), source);
            listeners.orderedStream().forEach(listener -> listener.firstLinked(link));
            return link;
        }
        CustomerLink held = jdbc.sql("SELECT customer_id, account_id, email FROM stripe_customer WHERE customer_id = :id FOR UPDATE")
                .param("id", link.customerId())
                .query((rs, n) -> new CustomerLink(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        if (!held.accountId().equals(link.accountId())) {
            throw new CustomerRelinkRefusedException(link.customerId(), held.accountId(), link.accountId(), source);
        }
        if (link.email() == null || link.email().equals(held.email())) {
            return held;
        }
        jdbc.sql("UPDATE stripe_customer SET email = :email WHERE customer_id = :id")
                .param("email", link.email())
                .param("id", link.customerId())
                .update();
        return link;
    }

    /** The stored link, read without a lock. */
    public Optional<CustomerLink> find(String customerId) {
        return jdbc.sql("SELECT customer_id, account_id, email FROM stripe_customer WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, n) -> new CustomerLink(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    static String accountFromMetadata(JsonNode metadata, String source) {
        String organization = text(metadata.path("organization_id"));
        if (organization != null) {
            return InvalidAccountIdException.require(organization, source + ".organization_id");
        }
        String account = text(metadata.path("account_id"));
        return account == null ? null : InvalidAccountIdException.require(account, source + ".account_id");
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
