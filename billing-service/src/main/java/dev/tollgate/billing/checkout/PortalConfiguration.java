package dev.tollgate.billing.checkout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.PlanCatalog;
import dev.tollgate.billing.stripeapi.StripeApi;

/**
 * The customer portal's rules, from the document (stripe-catalog-configuration.md, "Customer Portal
 * Configuration"): invoice history, payment method and customer updates, cancellation at period end
 * with the survey's five reasons, no pausing, and plan switches only between the plans of the
 * allowed-switch matrix (Starter, Professional and Agency, each to each), onto prices without a trial.
 * Created in Stripe once per catalog content ({@code POST /v1/billing_portal/configurations}, idempotency
 * key from the content) and kept for the process; {@code TOLLGATE_PORTAL_CONFIGURATION} names an existing one instead.
 */
@Component
class PortalConfiguration {

    /** The allowed-switch matrix allows every pair among these plans; a plan outside it cannot be switched to in the portal. */
    static final List<String> SWITCHABLE_PLANS = List.of("starter", "professional", "agency");

    /** The cancellation survey's reasons in Stripe's terms: too expensive, missing features, competitor, no longer needed, other. */
    static final List<String> CANCELLATION_REASONS = List.of("too_expensive", "missing_features", "switched_service", "unused",
            "other");

    private final PlanCatalog catalog;
    private final StripeApi stripe;
    private final String configured;
    private final AtomicReference<String> created = new AtomicReference<>();

    PortalConfiguration(PlanCatalog catalog, StripeApi stripe,
            @Value("${tollgate.billing.portal.configuration:}") String configured) {
        this.catalog = catalog;
        this.stripe = stripe;
        this.configured = configured;
    }

    /** The configuration id every portal session uses. */
    String id() {
        if (!configured.isBlank()) {
            return configured;
        }
        String id = created.get();
        if (id == null) {
            Map<String, String> form = form();
            id = stripe.post("billing_portal.configurations.create", "/v1/billing_portal/configurations", form,
                    Checkouts.key("portal-configuration", catalog.catalog().id(), String.valueOf(catalog.catalog().version()), form))
                    .path("id").asString();
            created.compareAndSet(null, id);
        }
        return id;
    }

    Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("features[invoice_history][enabled]", "true");
        form.put("features[payment_method_update][enabled]", "true");
        form.put("features[customer_update][enabled]", "true");
        form.put("features[customer_update][allowed_updates][0]", "email");
        form.put("features[customer_update][allowed_updates][1]", "address");
        form.put("features[customer_update][allowed_updates][2]", "tax_id");
        form.put("features[subscription_cancel][enabled]", "true");
        form.put("features[subscription_cancel][mode]", "at_period_end");
        form.put("features[subscription_cancel][cancellation_reason][enabled]", "true");
        for (int i = 0; i < CANCELLATION_REASONS.size(); i++) {
            form.put("features[subscription_cancel][cancellation_reason][options][" + i + "]", CANCELLATION_REASONS.get(i));
        }
        List<Catalog.Product> switchable = SWITCHABLE_PLANS.stream().flatMap(id -> catalog.catalog().product(id).stream()).toList();
        boolean switching = switchable.size() > 1;
        form.put("features[subscription_update][enabled]", String.valueOf(switching));
        if (switching) {
            form.put("features[subscription_update][default_allowed_updates][0]", "price");
            form.put("features[subscription_update][default_allowed_updates][1]", "quantity");
            form.put("features[subscription_update][default_allowed_updates][2]", "promotion_code");
            form.put("features[subscription_update][proration_behavior]", "create_prorations");
            for (int p = 0; p < switchable.size(); p++) {
                Catalog.Product product = switchable.get(p);
                form.put("features[subscription_update][products][" + p + "][product]", product.stripeProductId());
                // A switch is not a signup: onto the prices without a trial where the plan has them.
                List<Catalog.Price> prices = product.prices().stream().filter(price -> price.trialDays() == 0).toList();
                if (prices.isEmpty()) {
                    prices = product.prices();
                }
                for (int i = 0; i < prices.size(); i++) {
                    form.put("features[subscription_update][products][" + p + "][prices][" + i + "]", prices.get(i).id());
                }
            }
        }
        return form;
    }
}
