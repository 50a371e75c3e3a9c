package dev.tollgate.entitlement.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.tollgate.entitlement.plan.SubscriptionSnapshot.AddOn;

/**
 * Every plan and add-on of both shipped catalogs, computed by the policy from the catalog files and
 * compared with the values the product documents give (stripe-catalog-configuration.md for
 * l4yercak3, community-edition-implementation-guide.md for the Community Edition). Expected values
 * are written from the documents, not from the yml.
 */
class CatalogEntitlementsTest {

    static final PlanFeatures L4YERCAK3 = ShippedCatalogs.load("l4yercak3");
    static final PlanFeatures COMMUNITY_EDITION = ShippedCatalogs.load("community-edition");

    /** The document's "Free platform account (100 contacts, 1 user)": its webhook handler's fallbacks. */
    static final String[] L4YERCAK3_FREE_TIER = {"max_users=1", "max_api_keys=1", "max_contacts=100", "sub_orgs_included=0",
            "sub_orgs=0", "white_label_level=none", "ai_enabled=false", "sub_orgs_enabled=false"};

    static Stream<Arguments> documentedGrants() {
        return Stream.of(
                // l4yercak3 Community metadata (minimal), plus the handler's fallbacks for what it lacks.
                grant(L4YERCAK3, "community", List.of(), "max_users=1", "max_contacts=100", "max_projects=3", "storage_mb=256",
                        "community_access=true", "max_api_keys=1", "sub_orgs_included=0", "sub_orgs=0", "white_label_level=none",
                        "ai_enabled=false", "sub_orgs_enabled=false"),
                grant(L4YERCAK3, "starter", List.of(), "max_users=3", "max_api_keys=2", "max_custom_domains=2", "max_contacts=1000",
                        "max_crm_organizations=50", "max_projects=20", "max_events=20", "max_products=50", "max_forms=20",
                        "max_invoices_per_month=100/month", "max_published_pages=5", "max_workflows=10", "max_certificates=200",
                        "max_custom_templates=10", "storage_gb=5", "max_file_upload_mb=50", "max_emails_per_month=500/month",
                        "ai_monthly_token_limit=100000/month", "max_sub_orgs=0", "max_webhooks=5", "rate_limit_per_minute=60/minute",
                        "rate_limit_per_day=5000/day", "audit_log_retention_days=30", "community_access=true",
                        "sub_orgs_included=0", "sub_orgs=0", "white_label_level=none", "ai_enabled=true", "sub_orgs_enabled=false"),
                grant(L4YERCAK3, "professional", List.of(), "max_users=10", "max_api_keys=3", "max_custom_domains=5",
                        "max_contacts=5000", "max_crm_organizations=200", "max_projects=-1", "max_events=100", "max_products=200",
                        "max_forms=100", "max_invoices_per_month=500/month", "max_published_pages=25", "max_workflows=50",
                        "max_certificates=2000", "max_custom_templates=50", "storage_gb=25", "max_file_upload_mb=100",
                        "max_emails_per_month=2500/month", "ai_monthly_token_limit=500000/month", "max_sub_orgs=0",
                        "white_label_level=badge_removal", "max_webhooks=20", "rate_limit_per_minute=120/minute",
                        "rate_limit_per_day=25000/day", "audit_log_retention_days=90", "community_access=true",
                        "sub_orgs_included=0", "sub_orgs=0", "ai_enabled=true", "sub_orgs_enabled=false"),
                grant(L4YERCAK3, "agency", List.of(), agency(0)),
                // Sub-organization add-on: 2 included + 3 bought; each bought one adds 2,000 contacts, 5 GB, 1 API key, 2 domains.
                grant(L4YERCAK3, "agency", List.of(new AddOn("agency_sub_org", 3)), agency(3)),
                // max_sub_orgs 20 caps the total: 2 included + 18 of the 25 bought.
                grant(L4YERCAK3, "agency", List.of(new AddOn("agency_sub_org", 25)), agency(18)),
                // requires_plan: agency; on Starter the add-on grants nothing.
                grant(L4YERCAK3, "starter", List.of(new AddOn("agency_sub_org", 2)), starterWith()),
                // AI Privacy-Enhanced: requires starter, professional, agency or enterprise.
                grant(L4YERCAK3, "starter", List.of(new AddOn("ai_privacy", 1)), starterWith("ai_privacy_enhanced=true",
                        "ai_tier=privacy_enhanced", "data_residency=eu")),
                grant(L4YERCAK3, "community", List.of(new AddOn("ai_privacy", 1)), "max_users=1", "max_contacts=100",
                        "max_projects=3", "storage_mb=256", "community_access=true", "max_api_keys=1", "sub_orgs_included=0",
                        "sub_orgs=0", "white_label_level=none", "ai_enabled=false", "sub_orgs_enabled=false"),
                // The AI Token Pack is a one-time purchase (credits), never a subscription add-on.
                grant(L4YERCAK3, "professional", List.of(new AddOn("ai_tokens", 1)), "max_users=10", "max_api_keys=3",
                        "max_custom_domains=5", "max_contacts=5000", "max_crm_organizations=200", "max_projects=-1",
                        "max_events=100", "max_products=200", "max_forms=100", "max_invoices_per_month=500/month",
                        "max_published_pages=25", "max_workflows=50", "max_certificates=2000", "max_custom_templates=50",
                        "storage_gb=25", "max_file_upload_mb=100", "max_emails_per_month=2500/month",
                        "ai_monthly_token_limit=500000/month", "max_sub_orgs=0", "white_label_level=badge_removal",
                        "max_webhooks=20", "rate_limit_per_minute=120/minute", "rate_limit_per_day=25000/day",
                        "audit_log_retention_days=90", "community_access=true", "sub_orgs_included=0", "sub_orgs=0",
                        "ai_enabled=true", "sub_orgs_enabled=false"),
                // Community Edition guide: 5 priority tickets per billing month, 10 GB, community access, unlimited AI agents.
                grant(COMMUNITY_EDITION, "community", List.of(), "priority_support_tickets=5/month", "storage_gb=10",
                        "community_access=true", "ai_agents=-1"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("documentedGrants")
    void aPlanWithItsAddOnsGrantsWhatTheDocumentSays(String catalog, String plan, List<AddOn> addOns,
            Map<String, Entitlement> expected) {
        PlanFeatures products = catalog.equals("l4yercak3") ? L4YERCAK3 : COMMUNITY_EDITION;
        assertThat(new TreeMap<>(new EntitlementPolicy(products).entitlementsFor(
                new SubscriptionSnapshot(plan, "active", addOns)))).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void canceledExpiredSuspendedAndPausedAccountsFallToTheFreeTier() {
        EntitlementPolicy policy = new EntitlementPolicy(L4YERCAK3);
        for (String status : List.of("canceled", "expired", "suspended", "paused", "incomplete", "some_future_status")) {
            assertThat(policy.entitlementsFor(SubscriptionSnapshot.of("agency", status, new AddOn("agency_sub_org", 3))))
                    .as(status).isEqualTo(features(L4YERCAK3_FREE_TIER));
        }
        assertThat(new EntitlementPolicy(COMMUNITY_EDITION).entitlementsFor(SubscriptionSnapshot.of("community", "canceled")))
                .as("the Community Edition has no free tier").isEmpty();
    }

    @Test
    void pastDueKeepsThePlanAndUnpaidFallsToTheFreeTier() {
        EntitlementPolicy policy = new EntitlementPolicy(L4YERCAK3);
        assertThat(policy.entitlementsFor(SubscriptionSnapshot.of("starter", "past_due"))).containsEntry("max_users", Entitlement.limit(3));
        assertThat(policy.entitlementsFor(SubscriptionSnapshot.of("starter", "unpaid"))).isEqualTo(features(L4YERCAK3_FREE_TIER));
    }

    @Test
    void aTrialGrantsThePlan() {
        assertThat(new EntitlementPolicy(COMMUNITY_EDITION).entitlementsFor(SubscriptionSnapshot.of("community", "trialing")))
                .containsEntry("priority_support_tickets", Entitlement.limit(5, "month"));
    }

    private static String[] agency(long boughtSubOrgs) {
        return new String[] {"max_users=15", "max_api_keys=" + (5 + boughtSubOrgs), "max_custom_domains=" + (7 + 2 * boughtSubOrgs),
                "max_api_keys_per_sub_org=1", "max_custom_domains_per_sub_org=2", "max_contacts=" + (10000 + 2000 * boughtSubOrgs),
                "max_contacts_per_sub_org=2000", "max_crm_organizations=500", "max_projects=-1", "max_events=-1",
                "max_products=-1", "max_forms=-1", "max_invoices_per_month=2000/month", "max_published_pages=100",
                "max_workflows=-1", "max_certificates=10000", "max_custom_templates=-1", "storage_gb=" + (50 + 5 * boughtSubOrgs),
                "storage_gb_per_sub_org=5", "max_file_upload_mb=250", "max_emails_per_month=10000/month",
                "ai_monthly_token_limit=1000000/month", "sub_orgs_included=2", "max_sub_orgs=20", "sub_orgs=" + (2 + boughtSubOrgs),
                "white_label_level=full", "max_webhooks=50", "rate_limit_per_minute=300/minute", "rate_limit_per_day=100000/day",
                "audit_log_retention_days=180", "community_access=true", "ai_enabled=true", "sub_orgs_enabled=true"};
    }

    private static String[] starterWith(String... more) {
        String[] base = {"max_users=3", "max_api_keys=2", "max_custom_domains=2", "max_contacts=1000",
                "max_crm_organizations=50", "max_projects=20", "max_events=20", "max_products=50", "max_forms=20",
                "max_invoices_per_month=100/month", "max_published_pages=5", "max_workflows=10", "max_certificates=200",
                "max_custom_templates=10", "storage_gb=5", "max_file_upload_mb=50", "max_emails_per_month=500/month",
                "ai_monthly_token_limit=100000/month", "max_sub_orgs=0", "max_webhooks=5", "rate_limit_per_minute=60/minute",
                "rate_limit_per_day=5000/day", "audit_log_retention_days=30", "community_access=true",
                "sub_orgs_included=0", "sub_orgs=0", "white_label_level=none", "ai_enabled=true", "sub_orgs_enabled=false"};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private static Arguments grant(PlanFeatures catalog, String plan, List<AddOn> addOns, String... expected) {
        return Arguments.of(catalog == L4YERCAK3 ? "l4yercak3" : "community-edition", plan, addOns, features(expected));
    }

    /** {@code key=5}, {@code key=5/month}, {@code key=true}, {@code key=full}. */
    static Map<String, Entitlement> features(String... entries) {
        Map<String, Entitlement> features = new TreeMap<>();
        for (String entry : entries) {
            String key = entry.substring(0, entry.indexOf('='));
            String value = entry.substring(entry.indexOf('=') + 1);
            String period = value.contains("/") ? value.substring(value.indexOf('/') + 1) : null;
            String amount = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
            Entitlement feature;
            if (amount.equals("true") || amount.equals("false")) {
                feature = Entitlement.flag(Boolean.parseBoolean(amount));
            } else if (amount.matches("-?\\d+")) {
                feature = Entitlement.limit(Long.parseLong(amount), period);
            } else {
                feature = Entitlement.value(amount);
            }
            if (features.put(key, feature) != null) {
                throw new IllegalArgumentException("expected twice: " + key);
            }
        }
        return features;
    }
}
