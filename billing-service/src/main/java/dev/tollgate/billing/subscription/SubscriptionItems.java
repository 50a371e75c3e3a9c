package dev.tollgate.billing.subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.PlanCatalog;

/**
 * A subscription's items read against the catalog: which item is the plan (the first whose price
 * belongs to a product of kind {@code plan}; Stripe does not order items), the add-ons with their
 * quantities summed per product (Agency's extra sub-organizations are one item bought in a
 * quantity), and every item as published. A price no product lists is an operator's mistake, so
 * the event is dead-lettered ({@link UnknownPriceException}) rather than applied with a guess.
 *
 * @param plan the plan the subscription buys; a subscription without a plan item (an add-on bought
 *        on its own) is read as its first item's product, as billing always did
 * @param signature what a consumer would see of the items: compared on a tie to decide whether a
 *        re-read from Stripe changes anything
 */
record SubscriptionItems(PlanCatalog.PricedPlan plan, StripeSubscription.Item planItem,
        List<SubscriptionChanged.Item> items, List<SubscriptionChanged.AddOn> addOns, String signature) {

    static SubscriptionItems resolve(PlanCatalog catalog, StripeSubscription subscription) {
        List<SubscriptionChanged.Item> items = new ArrayList<>();
        Map<String, Long> addOns = new LinkedHashMap<>();
        StripeSubscription.Item planItem = null;
        PlanCatalog.PricedPlan plan = null;
        for (StripeSubscription.Item item : subscription.items()) {
            Catalog.Product product = catalog.productByPrice(item.priceId())
                    .orElseThrow(() -> new UnknownPriceException(subscription.id(), item.priceId()));
            PlanCatalog.PricedPlan priced = catalog.byPrice(item.priceId()).orElseThrow();
            if (product.isPlan() && planItem == null) {
                planItem = item;
                plan = priced;
            }
            if (Catalog.Product.ADDON.equals(product.kind())) {
                addOns.merge(product.id(), item.quantity(), Long::sum);
            }
            items.add(new SubscriptionChanged.Item(item.priceId(), product.id(), product.kind(), item.quantity(),
                    item.unitAmount() == null ? priced.price().amountMinor() : item.unitAmount()));
        }
        if (planItem == null) {
            planItem = subscription.items().getFirst();
            plan = catalog.byPrice(planItem.priceId()).orElseThrow();
        }
        String signature = items.stream().map(item -> item.priceId() + "x" + item.quantity()).sorted()
                .collect(Collectors.joining(","));
        return new SubscriptionItems(plan, planItem, List.copyOf(items),
                addOns.entrySet().stream().map(e -> new SubscriptionChanged.AddOn(e.getKey(), e.getValue())).toList(),
                signature);
    }
}
