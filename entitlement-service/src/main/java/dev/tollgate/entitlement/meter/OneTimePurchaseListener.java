package dev.tollgate.entitlement.meter;

import java.math.BigDecimal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.entitlement.plan.CatalogProduct;
import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.entitlement.plan.PlanSource;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credits bought once (the AI Token Pack: {@code tokens_included} per pack, never expiring) from
 * billing's {@code billing.one_time_purchase_completed.v1}, when billing publishes it: reads
 * {@code accountId}, {@code productId} (the catalog product) and {@code quantity} (default 1). The
 * inbox applies each purchase once. A one-time product without {@code tokens_included} (Build
 * Sprint) grants no credits here.
 */
@Component
class OneTimePurchaseListener implements EventConsumer {

    static final String CONSUMER = "entitlement-service.billing-events";

    private static final Logger log = LoggerFactory.getLogger(OneTimePurchaseListener.class);

    private final JsonMapper json;
    private final PlanSource catalog;
    private final Meters meters;

    OneTimePurchaseListener(JsonMapper json, PlanSource catalog, Meters meters) {
        this.json = json;
        this.catalog = catalog;
        this.meters = meters;
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.BILLING).on("billing.one_time_purchase_completed.v1",
                envelope -> apply(envelope.dataAs(Purchase.class, json)));
    }

    private void apply(Purchase purchase) {
        if (purchase.accountId() == null || purchase.productId() == null) {
            throw new MalformedEventException("billing.one_time_purchase_completed.v1 without accountId or productId");
        }
        CatalogProduct product = catalog.product(purchase.productId()).orElseThrow(() -> catalog.hasCatalog()
                ? new MalformedEventException("one-time product '" + purchase.productId() + "' is not in billing's catalog")
                : new EntitlementPolicy.CatalogNotYetReceivedException(purchase.productId()));
        String tokens = product.metadata().get("tokens_included");
        if (tokens == null) {
            log.info("One-time purchase of {} by {} grants no credits", product.id(), purchase.accountId());
            return;
        }
        long quantity = purchase.quantity() == null ? 1 : purchase.quantity();
        long credits;
        try {
            credits = Math.multiplyExact(new BigDecimal(tokens.trim()).longValueExact(), quantity);
        } catch (NumberFormatException | ArithmeticException e) {
            // Retrying cannot make these numbers valid, and a retry would hold the partition of every account's billing events.
            throw new MalformedEventException("one-time purchase of " + product.id() + " x " + quantity + " with tokens_included '"
                    + tokens + "' gives no whole number of credits: " + e.getMessage());
        }
        if (quantity < 1 || credits < 1) {
            throw new MalformedEventException("one-time purchase of " + product.id() + " x " + quantity + " grants no credits");
        }
        meters.grantCredits(purchase.accountId(), Meters.AI_TOKENS, credits);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Purchase(String accountId, String productId, Long quantity) {
    }
}
