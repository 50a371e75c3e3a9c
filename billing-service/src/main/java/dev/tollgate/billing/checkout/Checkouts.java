package dev.tollgate.billing.checkout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.PlanCatalog;
import dev.tollgate.billing.purchase.CheckoutCompletions;
import dev.tollgate.billing.stripeapi.StripeApi;
import dev.tollgate.platform.identity.CallerIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** Decides what a checkout may sell the account, then asks Stripe for the session (see the package description). */
@Component
class Checkouts {

    static final String SESSIONS_METRIC = "tollgate.billing.checkout.sessions";
    static final String SUB_ORG_PRODUCT = "agency_sub_org";
    static final String AGENCY = "agency";

    private final PlanCatalog catalog;
    private final PortalConfiguration portalConfiguration;
    private final AccountBilling accounts;
    private final StripeApi stripe;
    private final MeterRegistry meters;
    private final String successUrl;
    private final String cancelUrl;

    Checkouts(PlanCatalog catalog, PortalConfiguration portalConfiguration, AccountBilling accounts, StripeApi stripe, MeterRegistry meters,
            @Value("${tollgate.billing.checkout.success-url}") String successUrl,
            @Value("${tollgate.billing.checkout.cancel-url}") String cancelUrl) {
        this.catalog = catalog;
        this.portalConfiguration = portalConfiguration;
        this.accounts = accounts;
        this.stripe = stripe;
        this.meters = meters;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
    }

    /**
     * @param price a Stripe price id or lookup key of the catalog
     * @param quantity how many (one-time purchases such as token packs; 1 when absent)
     * @param extraSubOrganizations Agency only: sub-organizations beyond those included, a second line
     * @param successUrl, cancelUrl where Stripe sends the customer back; the configured defaults when absent
     */
    record CheckoutRequest(String price, Long quantity, Long extraSubOrganizations, String successUrl, String cancelUrl) {
    }

    record CheckoutSession(String sessionId, String url, String mode, String priceId, String productId) {
    }

    record PortalRequest(String returnUrl) {
    }

    record PortalSession(String url) {
    }

    CheckoutSession checkout(CallerIdentity caller, CheckoutRequest request, String idempotencyKey) {
        if (request == null || request.price() == null || request.price().isBlank()) {
            throw CheckoutRefused.invalid("'price' is required: a price id or lookup key from GET /api/catalog");
        }
        long quantity = request.quantity() == null ? 1 : request.quantity();
        long extra = request.extraSubOrganizations() == null ? 0 : request.extraSubOrganizations();
        if (quantity < 1 || quantity > 100 || extra < 0 || extra > 1000) {
            throw CheckoutRefused.invalid("'quantity' must be 1 to 100 and 'extraSubOrganizations' 0 to 1000");
        }
        Catalog.Product product = catalog.catalog().products().stream()
                .filter(p -> p.prices().stream().anyMatch(pr -> pr.answersTo(request.price()) || pr.lookupKey().equals(request.price())))
                .findFirst().orElseThrow(() -> CheckoutRefused.unknownPrice(request.price()));
        Catalog.Price price = product.prices().stream()
                .filter(pr -> pr.answersTo(request.price()) || pr.lookupKey().equals(request.price())).findFirst().orElseThrow();
        AccountBilling.Account account = accounts.of(caller.accountId());

        String required = product.metadata().get("requires_plan");
        if (required != null && Arrays.stream(required.split(",")).map(String::trim).noneMatch(account.plans()::contains)) {
            throw CheckoutRefused.requiresPlan(product.id(), required, account.plans());
        }
        if (product.isPlan() && price.legacy() && !account.everSubscribed()) {
            throw CheckoutRefused.legacyForNewSignup(price.lookupKey(), product.id());
        }
        if (price.recurring() && price.trialDays() > 0 && account.hadTrial()) {
            throw CheckoutRefused.secondTrial(price.lookupKey());
        }
        if (extra > 0 && !AGENCY.equals(product.id())) {
            throw CheckoutRefused.invalid("'extraSubOrganizations' is for the Agency plan only, not '" + product.id() + "'");
        }
        if (!price.recurring() && extra > 0) {
            throw CheckoutRefused.invalid("a one-time purchase has no sub-organizations");
        }

        Map<String, String> form = new LinkedHashMap<>();
        String mode = price.recurring() ? "subscription" : "payment";
        form.put("mode", mode);
        form.put("line_items[0][price]", price.id());
        form.put("line_items[0][quantity]", String.valueOf(price.recurring() ? 1 : quantity));
        if (extra > 0) {
            Catalog.Price subOrg = subOrgPrice(price);
            form.put("line_items[1][price]", subOrg.id());
            form.put("line_items[1][quantity]", String.valueOf(extra));
        }
        form.put("success_url", url(request.successUrl(), successUrl, "successUrl"));
        form.put("cancel_url", url(request.cancelUrl(), cancelUrl, "cancelUrl"));
        form.put("client_reference_id", caller.accountId());
        form.put("metadata[organization_id]", caller.accountId());
        form.put("payment_method_types[0]", "card");
        // SEPA debit collects euros only.
        if ("eur".equalsIgnoreCase(price.currency())) {
            form.put("payment_method_types[1]", "sepa_debit");
        }
        form.put("allow_promotion_codes", "true");
        form.put("tax_id_collection[enabled]", "true");
        form.put("billing_address_collection", "required");
        if (account.customerId().isPresent()) {
            form.put("customer", account.customerId().get());
            // Stripe requires these when collecting tax ids for an existing customer.
            form.put("customer_update[address]", "auto");
            form.put("customer_update[name]", "auto");
        } else if (caller.email() != null) {
            form.put("customer_email", caller.email());
        }
        if (price.recurring()) {
            form.put("subscription_data[metadata][organization_id]", caller.accountId());
            if (price.trialDays() > 0) {
                form.put("subscription_data[trial_period_days]", String.valueOf(price.trialDays()));
            }
        } else {
            form.put("invoice_creation[enabled]", "true");
            if (account.customerId().isEmpty()) {
                form.put("customer_creation", "always");
            }
            form.put("payment_intent_data[metadata][organization_id]", caller.accountId());
            form.put("metadata[" + CheckoutCompletions.PRICE_METADATA + "]", price.id());
            form.put("metadata[" + CheckoutCompletions.QUANTITY_METADATA + "]", String.valueOf(quantity));
            Optional.ofNullable(product.metadata().get("product_type")).or(() -> Optional.ofNullable(product.metadata().get("addon_type")))
                    .ifPresent(type -> form.put("metadata[product_type]", type));
        }
        JsonNode session = stripe.post("checkout.sessions.create", "/v1/checkout/sessions", form,
                key("checkout", caller.accountId(), idempotencyKey, form));
        Counter.builder(SESSIONS_METRIC).description("Checkout sessions created, by mode and product")
                .tag("mode", mode).tag("product", product.id()).register(meters).increment();
        return new CheckoutSession(session.path("id").asString(), session.path("url").asString(), mode, price.id(), product.id());
    }

    PortalSession portal(CallerIdentity caller, PortalRequest request, String idempotencyKey) {
        AccountBilling.Account account = accounts.of(caller.accountId());
        String customer = account.customerId().orElseThrow(CheckoutRefused::noCustomer);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("customer", customer);
        form.put("configuration", portalConfiguration.id());
        form.put("return_url", url(request == null ? null : request.returnUrl(), cancelUrl, "returnUrl"));
        JsonNode session = stripe.post("billing_portal.sessions.create", "/v1/billing_portal/sessions", form,
                key("portal", caller.accountId(), idempotencyKey, form));
        return new PortalSession(session.path("url").asString());
    }

    /** The sub-organization price of the same interval and currency as the Agency price. */
    private Catalog.Price subOrgPrice(Catalog.Price agency) {
        return catalog.catalog().product(SUB_ORG_PRODUCT).stream().flatMap(p -> p.prices().stream())
                .filter(p -> p.currency().equals(agency.currency()) && java.util.Objects.equals(p.interval(), agency.interval()))
                .findFirst().orElseThrow(() -> CheckoutRefused.invalid("the catalog sells no sub-organization price in "
                        + agency.currency() + " per " + agency.interval()));
    }

    /**
     * The caller's URL if it is an absolute http(s) URL on the configured one's origin, else the configured one.
     * Another origin is refused: Stripe would send the paying customer there, an open redirect.
     */
    private static String url(String given, String fallback, String field) {
        String value = given == null || given.isBlank() ? fallback : given;
        URI uri = httpUrl(value);
        URI configured = httpUrl(fallback);
        if (uri == null) {
            throw CheckoutRefused.invalid("'" + field + "' must be an absolute http(s) URL");
        }
        if (configured != null && !(uri.getScheme().equalsIgnoreCase(configured.getScheme())
                && uri.getHost().equalsIgnoreCase(configured.getHost()) && uri.getPort() == configured.getPort())) {
            throw CheckoutRefused.invalid("'" + field + "' must be on " + configured.getScheme() + "://" + configured.getAuthority()
                    + ", the application's own address");
        }
        return value;
    }

    private static URI httpUrl(String value) {
        try {
            // Stripe's placeholder for the session id is not URI syntax; it is replaced by Stripe, so checked as plain text.
            URI uri = URI.create(value.replace("{CHECKOUT_SESSION_ID}", "CHECKOUT_SESSION_ID"));
            return uri.isAbsolute() && List.of("http", "https").contains(uri.getScheme()) && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Stripe keeps an idempotency key for 24 hours and answers a repeat with the first answer. Derived from
     * the account, the caller's own request id and exactly what is asked, so a retried or replayed request
     * gets the same session, and a different request can never collide with it.
     */
    static String key(String operation, String account, String requestId, Map<String, String> form) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((operation + "\n" + account + "\n" + (requestId == null ? "" : requestId) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            form.forEach((name, value) -> digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
            return "tollgate-" + operation + "-" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
