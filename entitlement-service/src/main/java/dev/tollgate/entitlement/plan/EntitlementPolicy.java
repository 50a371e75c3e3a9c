package dev.tollgate.entitlement.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.platform.events.MalformedEventException;

/**
 * What an account may do, derived from billing's catalog, the account's effective subscription and
 * its add-ons (stripe-catalog-configuration.md):
 * <ul>
 * <li>A plan described by Stripe metadata gets every key of it: an integer is a limit (-1
 * unlimited; {@code _per_month}/{@code _monthly_} keys reset monthly, {@code _per_day} daily,
 * {@code _per_minute} per minute), {@code true}/{@code false} a flag ({@code community_access_included}
 * is {@code community_access}), a fractional {@code _gb} whole megabytes ({@code storage_gb} 0.25 is
 * {@code storage_mb} 256), any other text a level ({@code white_label_level}). Keys it lacks take the
 * document's webhook-handler fallbacks ({@link #METADATA_FALLBACKS}). Flags the document removed as
 * inferable are inferred: {@code ai_enabled} when {@code ai_monthly_token_limit} is above 0 or
 * unlimited, {@code sub_orgs_enabled} when {@code max_sub_orgs} is.</li>
 * <li>A plan the catalog gives explicit limits without Stripe metadata (Community Edition) grants
 * exactly those.</li>
 * <li>Quantity add-ons ({@code *_per_unit} metadata, the Agency sub-organization): {@code sub_orgs} =
 * {@code sub_orgs_included} + purchased quantity, capped at {@code max_sub_orgs}, and each purchased
 * unit adds its {@code X_per_unit} to the account's {@code max_X} (or {@code X}). Other add-ons
 * grant their {@code addon_type} flag and their text metadata as levels. An add-on whose
 * {@code requires_plan} does not list the plan grants nothing.</li>
 * <li>Trialing, active and past due keep the plan (Stripe is still retrying; subscription-service
 * alone decides when a past-due grace period ends, and then reports {@code unpaid}); anything else
 * (unpaid, canceled, expired, suspended, paused, incomplete, an unknown status)
 * falls to the free tier: the fallbacks alone for a metadata-described catalog (the document's
 * "Free platform account", 100 contacts, 1 user), nothing for the Community Edition.</li>
 * </ul>
 */
public final class EntitlementPolicy {

    private static final Logger log = LoggerFactory.getLogger(EntitlementPolicy.class);

    /** The document's webhook handler: {@code parseInt(metadata.max_users) || 1} and so on; "none" is white_label_level's documented default. */
    public static final Map<String, String> METADATA_FALLBACKS = Map.of("max_users", "1", "max_api_keys", "1", "max_contacts",
            "100", "sub_orgs_included", "0", "white_label_level", "none");

    private static final Set<String> GRANTING = Set.of("trialing", "active", "past_due");
    private static final Set<String> NOT_FEATURES = Set.of("plan_tier", "addon_type", "requires_plan", "trial_days");

    private final PlanSource plans;

    public EntitlementPolicy(PlanSource plans) {
        this.plans = plans;
    }

    /** The grant of a subscription without add-ons. */
    public Map<String, Entitlement> entitlementsFor(String planId, String subscriptionStatus) {
        return entitlementsFor(new SubscriptionSnapshot(planId, subscriptionStatus, null));
    }

    public Map<String, Entitlement> entitlementsFor(SubscriptionSnapshot subscription) {
        if (!GRANTING.contains(subscription.status())) {
            // A plan that left the catalog still has a free tier: the account must not be stuck on it.
            return plans.product(subscription.planId()).filter(CatalogProduct::isPlan).map(EntitlementPolicy::freeTier)
                    .orElseGet(TreeMap::new);
        }
        CatalogProduct plan = plans.product(subscription.planId()).filter(CatalogProduct::isPlan)
                .orElseThrow(() -> plans.hasCatalog() ? new UnknownPlanException(subscription.planId())
                        : new CatalogNotYetReceivedException(subscription.planId()));
        Map<String, Entitlement> features = planFeatures(plan);
        long purchasedUnits = 0;
        for (SubscriptionSnapshot.AddOn line : subscription.addOns()) {
            CatalogProduct addOn = plans.product(line.id()).orElse(null);
            if (addOn == null || !"addon".equals(addOn.kind()) || line.quantity() <= 0) {
                log.warn("Add-on {} x{} of plan {} is not an add-on of the catalog; it grants nothing", line.id(), line.quantity(),
                        plan.id());
                continue;
            }
            if (!addOn.requiredPlans().isEmpty() && !addOn.requiredPlans().contains(plan.id())
                    && !addOn.requiredPlans().contains(plan.metadata().get("plan_tier"))) {
                log.warn("Add-on {} requires plan {}, not {}; it grants nothing", addOn.id(), addOn.requiredPlans(), plan.id());
                continue;
            }
            if (isQuantityAddOn(addOn)) {
                purchasedUnits += addUnits(features, addOn, line.quantity(), purchasedUnits);
            } else {
                features.put(addOn.addonType(), Entitlement.flag(true));
                addOn.metadata().forEach((key, value) -> {
                    if (!NOT_FEATURES.contains(key)) {
                        parse(key, value, features);
                    }
                });
            }
        }
        return features;
    }

    private static Map<String, Entitlement> freeTier(CatalogProduct plan) {
        return describedByMetadata(plan) ? fromMetadata(Map.of(), Map.of()) : new TreeMap<>();
    }

    private static Map<String, Entitlement> planFeatures(CatalogProduct plan) {
        return describedByMetadata(plan) ? fromMetadata(plan.metadata(), plan.limits()) : new TreeMap<>(plan.limits());
    }

    /** A plan whose Stripe metadata says more than its tier; the Community Edition's has only {@code plan_tier}. */
    private static boolean describedByMetadata(CatalogProduct plan) {
        return plan.metadata().keySet().stream().anyMatch(key -> !NOT_FEATURES.contains(key));
    }

    private static Map<String, Entitlement> fromMetadata(Map<String, String> metadata, Map<String, Entitlement> stated) {
        Map<String, String> effective = new LinkedHashMap<>(metadata);
        METADATA_FALLBACKS.forEach(effective::putIfAbsent);
        Map<String, Entitlement> features = new TreeMap<>(stated);
        effective.forEach((key, value) -> {
            if (!NOT_FEATURES.contains(key)) {
                parse(key, value, features);
            }
        });
        features.put("ai_enabled", Entitlement.flag(positiveOrUnlimited(features.get("ai_monthly_token_limit"))));
        Entitlement maxSubOrgs = features.get("max_sub_orgs");
        features.put("sub_orgs_enabled", Entitlement.flag(positiveOrUnlimited(maxSubOrgs)));
        long included = features.get("sub_orgs_included").limit();
        features.put("sub_orgs", Entitlement.limit(maxSubOrgs == null || maxSubOrgs.unlimited() ? included
                : Math.min(included, maxSubOrgs.limit())));
        return features;
    }

    private static boolean positiveOrUnlimited(Entitlement limit) {
        return limit != null && limit.countable() && (limit.unlimited() || limit.limit() > 0);
    }

    private static void parse(String key, String value, Map<String, Entitlement> features) {
        String text = value == null ? "" : value.trim();
        if (text.equals("true") || text.equals("false")) {
            features.put(key.equals("community_access_included") ? "community_access" : key, Entitlement.flag(Boolean.parseBoolean(text)));
            return;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            if (!text.isEmpty()) {
                features.put(key, Entitlement.value(text));
            }
            return;
        }
        if (number.stripTrailingZeros().scale() <= 0) {
            features.put(key, Entitlement.limit(number.longValueExact(), periodOf(key)));
        } else if (key.endsWith("_gb")) {
            features.put(key.substring(0, key.length() - 3) + "_mb", Entitlement.limit(
                    number.multiply(BigDecimal.valueOf(1024)).setScale(0, RoundingMode.DOWN).longValueExact(), periodOf(key)));
        }
    }

    static String periodOf(String key) {
        if (key.endsWith("_per_month") || key.contains("_monthly_")) {
            return "month";
        }
        if (key.endsWith("_per_day")) {
            return "day";
        }
        if (key.endsWith("_per_minute")) {
            return "minute";
        }
        return null;
    }

    private static boolean isQuantityAddOn(CatalogProduct addOn) {
        return "sub_organization".equals(addOn.addonType()) || addOn.metadata().keySet().stream().anyMatch(key -> key.endsWith("_per_unit"));
    }

    /** Adds purchased sub-organizations up to {@code max_sub_orgs}; returns how many count. */
    private static long addUnits(Map<String, Entitlement> features, CatalogProduct addOn, long quantity, long alreadyPurchased) {
        Entitlement subOrgs = features.getOrDefault("sub_orgs", Entitlement.limit(0));
        Entitlement max = features.get("max_sub_orgs");
        long units = max == null || max.unlimited() ? quantity : Math.max(0, Math.min(quantity, max.limit() - subOrgs.limit()));
        if (units < quantity) {
            log.warn("{} of {} x{} exceed max_sub_orgs {}; they grant nothing", quantity - units, addOn.id(), quantity, max);
        }
        features.put("sub_orgs", subOrgs.plus(units));
        features.put("sub_orgs_enabled", Entitlement.flag(features.get("sub_orgs").limit() > 0
                || Boolean.TRUE.equals(features.getOrDefault("sub_orgs_enabled", Entitlement.flag(false)).enabled())));
        addOn.metadata().forEach((key, value) -> {
            if (!key.endsWith("_per_unit")) {
                return;
            }
            String base = key.substring(0, key.length() - "_per_unit".length());
            String target = features.containsKey("max_" + base) ? "max_" + base : base;
            long perUnit = new BigDecimal(value.trim()).longValue();
            Entitlement current = features.get(target);
            features.put(target, current != null && current.countable() ? current.plus(units * perUnit)
                    : Entitlement.limit(units * perUnit));
        });
        return units;
    }

    /**
     * No catalog has arrived from billing yet (a fresh deployment, the catalog topic still being read):
     * not the event's fault, so it is retried with backoff until the catalog is there.
     */
    public static class CatalogNotYetReceivedException extends IllegalStateException {
        public CatalogNotYetReceivedException(String planId) {
            super("no catalog received from billing yet (topic tollgate.catalog), so plan '" + planId + "' is not known yet");
        }
    }

    /** A plan this service does not know stays unknown however often the event is retried: it is dead-lettered at once. */
    public static class UnknownPlanException extends MalformedEventException {
        public UnknownPlanException(String planId) {
            super("plan '" + planId + "' is not in billing's catalog (catalog.published.v1)");
        }
    }
}
