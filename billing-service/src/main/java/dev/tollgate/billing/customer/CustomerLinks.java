package dev.tollgate.billing.customer;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

@Component
public class CustomerLinks {

    private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

    private final JdbcClient jdbc;
    private final StripeCustomerDirectory directory;

    CustomerLinks(JdbcClient jdbc, StripeCustomerDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** Links the customer of a completed checkout session to the account it was opened for. */
    public Optional<CustomerLink> linkFromCheckout(JsonNode session) {
        String customer = text(session.path("customer"));
        String account = Optional.ofNullable(text(session.path("client_reference_id")))
                .orElse(accountFromMetadata(session.path("metadata")));
        if (customer == null || account == null) {
            log.warn("Checkout session {} names no customer or no account (client_reference_id / metadata.organization_id); "
                    + "it cannot be linked", text(session.path("id")));
            return Optional.empty();
        }
        String email = Optional.ofNullable(text(session.path("customer_details").path("email")))
                .orElse(text(session.path("customer_email")));
        return Optional.of(save(new CustomerLink(customer, account, email)));
    }

    /**
     * The account of a customer: the stored link, or else the account named by the object's
     * metadata (then stored). Empty when neither says.
     */
    public Optional<CustomerLink> resolve(String customerId, JsonNode metadata) {
        Optional<CustomerLink> stored = find(customerId);
        if (stored.isPresent()) {
            return stored.map(this::withEmail);
        }
        String account = accountFromMetadata(metadata);
        return account == null ? Optional.empty() : Optional.of(withEmail(save(new CustomerLink(customerId, account, null))));
    }

    private CustomerLink withEmail(CustomerLink link) {
        if (link.email() != null) {
            return link;
        }
        return directory.emailOf(link.customerId())
                .map(email -> save(new CustomerLink(link.customerId(), link.accountId(), email)))
                .orElse(link);
    }

    private Optional<CustomerLink> find(String customerId) {
        return jdbc.sql("SELECT customer_id, account_id, email FROM stripe_customer WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, n) -> new CustomerLink(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private CustomerLink save(CustomerLink link) {
        return jdbc.sql("""
                INSERT INTO stripe_customer (customer_id, account_id, email) VALUES (:customer, :account, :email)
                ON CONFLICT (customer_id) DO UPDATE
                   SET account_id = EXCLUDED.account_id,
                       email = COALESCE(EXCLUDED.email, stripe_customer.email)
                RETURNING customer_id, account_id, email""")
                .param("customer", link.customerId())
                .param("account", link.accountId())
                .param("email", link.email())
                .query((rs, n) -> new CustomerLink(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    private static String accountFromMetadata(JsonNode metadata) {
        return Optional.ofNullable(text(metadata.path("organization_id"))).orElse(text(metadata.path("account_id")));
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
