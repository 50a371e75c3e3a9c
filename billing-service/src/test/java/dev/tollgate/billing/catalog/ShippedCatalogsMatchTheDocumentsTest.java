package dev.tollgate.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every price, every metadata value and every product field of both shipped catalogs against the
 * product documents. The expected values below are transcribed from the documents
 * (community-edition-implementation-guide.md, stripe-catalog-configuration.md v2.0), not from the
 * catalog files: a typo in either shows up here. The catalogs are loaded with no environment, so
 * the price ids are the documents' defaults.
 */
class ShippedCatalogsMatchTheDocumentsTest {

    static final String CE = "community-edition";
    static final String L4 = "l4yercak3";

    /** catalog, product, price id (the document's), amount in minor units, currency, interval (null: one-time), trial days, legacy. */
    static Stream<Arguments> documentedPrices() {
        return Stream.of(
                // Community Edition guide: "Monthly: $20 USD (price_monthly_community_usd)", "Annual: $200 USD", "Monthly CLP: $18,000 CLP"; 14-day trial.
                price(CE, "community", "price_monthly_community_usd", 20_00, "usd", "month", 14, false),
                price(CE, "community", "price_annual_community_usd", 200_00, "usd", "year", 14, false),
                price(CE, "community", "price_monthly_community_clp", 18_000, "clp", "month", 14, false),
                // l4yercak3: Community €9 / €90 with a 14-day trial.
                price(L4, "community", "price_community_monthly", 9_00, "eur", "month", 14, false),
                price(L4, "community", "price_community_annual", 90_00, "eur", "year", 14, false),
                // Starter €199 / €1,990: trial prices for new signups, legacy prices for existing customers.
                price(L4, "starter", "price_starter_monthly_trial", 199_00, "eur", "month", 14, false),
                price(L4, "starter", "price_starter_annual_trial", 1_990_00, "eur", "year", 14, false),
                price(L4, "starter", "price_starter_monthly", 199_00, "eur", "month", 0, true),
                price(L4, "starter", "price_starter_annual", 1_990_00, "eur", "year", 0, true),
                // Professional €399 / €3,990.
                price(L4, "professional", "price_professional_monthly_trial", 399_00, "eur", "month", 14, false),
                price(L4, "professional", "price_professional_annual_trial", 3_990_00, "eur", "year", 14, false),
                price(L4, "professional", "price_professional_monthly", 399_00, "eur", "month", 0, true),
                price(L4, "professional", "price_professional_annual", 3_990_00, "eur", "year", 0, true),
                // Agency €599 / €5,990.
                price(L4, "agency", "price_agency_monthly_trial", 599_00, "eur", "month", 14, false),
                price(L4, "agency", "price_agency_annual_trial", 5_990_00, "eur", "year", 14, false),
                price(L4, "agency", "price_agency_monthly", 599_00, "eur", "month", 0, true),
                price(L4, "agency", "price_agency_annual", 5_990_00, "eur", "year", 0, true),
                // Agency Sub-Organization €79 / €790, licensed per unit.
                price(L4, "agency_sub_org", "price_sub_org_monthly", 79_00, "eur", "month", 0, false),
                price(L4, "agency_sub_org", "price_sub_org_annual", 790_00, "eur", "year", 0, false),
                // Build Sprint: €12,500 full, €11,250 discounted, €6,250 deposit, €6,250 second payment; one-time.
                price(L4, "build_sprint", "price_build_sprint_full", 12_500_00, "eur", null, 0, false),
                price(L4, "build_sprint", "price_build_sprint_discounted", 11_250_00, "eur", null, 0, false),
                price(L4, "build_sprint", "price_build_sprint_deposit", 6_250_00, "eur", null, 0, false),
                price(L4, "build_sprint", "price_build_sprint_second", 6_250_00, "eur", null, 0, false),
                // AI Token Pack €49, one-time.
                price(L4, "ai_tokens", "price_ai_tokens_100k", 49_00, "eur", null, 0, false),
                // AI Privacy-Enhanced €149 / €1,490.
                price(L4, "ai_privacy", "price_ai_privacy_monthly", 149_00, "eur", "month", 0, false),
                price(L4, "ai_privacy", "price_ai_privacy_annual", 1_490_00, "eur", "year", 0, false));
    }

    static Arguments price(String catalog, String product, String priceId, long amountMinor, String currency, String interval,
            int trialDays, boolean legacy) {
        return Arguments.of(catalog, product, priceId, amountMinor, currency, interval, trialDays, legacy);
    }

    @ParameterizedTest(name = "{0} {2}: {3} {4} per {5}, {6} trial days, legacy {7}")
    @MethodSource("documentedPrices")
    void everyDocumentedPriceIsInItsCatalogWithItsAmountIntervalAndTrial(String catalogName, String productId, String priceId,
            long amountMinor, String currency, String interval, int trialDays, boolean legacy) {
        Catalog catalog = load(catalogName);
        Catalog.Product product = catalog.product(productId).orElseThrow();
        Catalog.Price price = product.prices().stream().filter(p -> p.lookupKey().equals(priceId)).findFirst().orElseThrow(
                () -> new AssertionError(catalogName + " has no price " + priceId + " on " + productId));

        assertThat(price.id()).as("the document's id is the default Stripe id").isEqualTo(priceId);
        assertThat(price.amountMinor()).isEqualTo(amountMinor);
        assertThat(price.currency()).isEqualTo(currency);
        assertThat(price.interval()).isEqualTo(interval);
        assertThat(price.trialDays()).isEqualTo(trialDays);
        assertThat(price.legacy()).isEqualTo(legacy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogs")
    void eachCatalogHoldsExactlyTheDocumentedPrices(String catalogName) {
        List<String> documented = documentedPrices().map(Arguments::get).filter(row -> row[0].equals(catalogName))
                .map(row -> row[1] + "/" + row[2]).toList();
        List<String> shipped = load(catalogName).products().stream()
                .flatMap(p -> p.prices().stream().map(price -> p.id() + "/" + price.lookupKey())).toList();

        assertThat(shipped).containsExactlyInAnyOrderElementsOf(documented);
    }

    static Stream<String> catalogs() {
        return Stream.of(CE, L4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogs")
    void theCatalogsKeepThePricesIdsTheCodeUsedBefore(String catalogName) {
        PlanCatalog catalog = new PlanCatalog(load(catalogName));
        if (catalogName.equals(CE)) {
            assertThat(catalog.byPrice("price_community_monthly_usd").orElseThrow().price().id()).isEqualTo("price_monthly_community_usd");
            assertThat(catalog.byPrice("price_community_annual_usd").orElseThrow().price().id()).isEqualTo("price_annual_community_usd");
            assertThat(catalog.byPrice("price_community_monthly_clp").orElseThrow().price().id()).isEqualTo("price_monthly_community_clp");
        } else {
            assertThat(catalog.byPrice("price_community_monthly_usd")).isEmpty();
        }
    }

    /** Each product's metadata, exactly the document's "Minimal Version" JSON. */
    static Stream<Arguments> documentedMetadata() {
        Map<String, Map<String, String>> l4 = new LinkedHashMap<>();
        l4.put("community", ordered("plan_tier", "community", "max_users", "1", "max_contacts", "100", "max_projects", "3",
                "storage_gb", "0.25", "community_access", "true"));
        l4.put("starter", ordered("plan_tier", "starter", "max_users", "3", "max_api_keys", "2", "max_custom_domains", "2",
                "max_contacts", "1000", "max_crm_organizations", "50", "max_projects", "20", "max_events", "20",
                "max_products", "50", "max_forms", "20", "max_invoices_per_month", "100", "max_published_pages", "5",
                "max_workflows", "10", "max_certificates", "200", "max_custom_templates", "10", "storage_gb", "5",
                "max_file_upload_mb", "50", "max_emails_per_month", "500", "ai_monthly_token_limit", "100000",
                "max_sub_orgs", "0", "max_webhooks", "5", "rate_limit_per_minute", "60", "rate_limit_per_day", "5000",
                "audit_log_retention_days", "30", "community_access_included", "true"));
        l4.put("professional", ordered("plan_tier", "professional", "max_users", "10", "max_api_keys", "3",
                "max_custom_domains", "5", "max_contacts", "5000", "max_crm_organizations", "200", "max_projects", "-1",
                "max_events", "100", "max_products", "200", "max_forms", "100", "max_invoices_per_month", "500",
                "max_published_pages", "25", "max_workflows", "50", "max_certificates", "2000", "max_custom_templates", "50",
                "storage_gb", "25", "max_file_upload_mb", "100", "max_emails_per_month", "2500",
                "ai_monthly_token_limit", "500000", "max_sub_orgs", "0", "white_label_level", "badge_removal",
                "max_webhooks", "20", "rate_limit_per_minute", "120", "rate_limit_per_day", "25000",
                "audit_log_retention_days", "90", "community_access_included", "true"));
        l4.put("agency", ordered("plan_tier", "agency", "max_users", "15", "max_api_keys", "5", "max_custom_domains", "7",
                "max_api_keys_per_sub_org", "1", "max_custom_domains_per_sub_org", "2", "max_contacts", "10000",
                "max_contacts_per_sub_org", "2000", "max_crm_organizations", "500", "max_projects", "-1", "max_events", "-1",
                "max_products", "-1", "max_forms", "-1", "max_invoices_per_month", "2000", "max_published_pages", "100",
                "max_workflows", "-1", "max_certificates", "10000", "max_custom_templates", "-1", "storage_gb", "50",
                "storage_gb_per_sub_org", "5", "max_file_upload_mb", "250", "max_emails_per_month", "10000",
                "ai_monthly_token_limit", "1000000", "sub_orgs_included", "2", "max_sub_orgs", "20",
                "white_label_level", "full", "max_webhooks", "50", "rate_limit_per_minute", "300",
                "rate_limit_per_day", "100000", "audit_log_retention_days", "180", "community_access_included", "true"));
        l4.put("agency_sub_org", ordered("addon_type", "sub_organization", "requires_plan", "agency", "contacts_per_unit", "2000",
                "storage_gb_per_unit", "5", "api_keys_per_unit", "1", "custom_domains_per_unit", "2"));
        l4.put("build_sprint", ordered("product_type", "build_sprint", "program_duration_weeks", "12",
                "included_plan_tier", "professional", "included_plan_duration_months", "6", "post_sprint_support_days", "30"));
        l4.put("ai_tokens", ordered("addon_type", "ai_tokens", "tokens_included", "100000",
                "requires_plan", "starter,professional,agency,enterprise"));
        l4.put("ai_privacy", ordered("addon_type", "ai_privacy_enhanced", "ai_tier", "privacy_enhanced", "data_residency", "eu",
                "requires_plan", "starter,professional,agency,enterprise"));
        // The Community Edition guide gives no product metadata; the plan's tier is its id.
        Map<String, Map<String, String>> ce = Map.of("community", ordered("plan_tier", "community"));
        return Stream.concat(
                l4.entrySet().stream().flatMap(p -> p.getValue().entrySet().stream()
                        .map(kv -> Arguments.of(L4, p.getKey(), kv.getKey(), kv.getValue()))),
                ce.entrySet().stream().flatMap(p -> p.getValue().entrySet().stream()
                        .map(kv -> Arguments.of(CE, p.getKey(), kv.getKey(), kv.getValue()))));
    }

    @ParameterizedTest(name = "{0} {1}: {2} = \"{3}\"")
    @MethodSource("documentedMetadata")
    void everyDocumentedMetadataValueIsOnItsProductExactly(String catalogName, String productId, String key, String value) {
        assertThat(load(catalogName).product(productId).orElseThrow().metadata()).containsEntry(key, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogs")
    void noProductCarriesMetadataTheDocumentsDoNotGive(String catalogName) {
        Map<String, List<String>> documented = documentedMetadata().map(Arguments::get).filter(row -> row[0].equals(catalogName))
                .collect(Collectors.groupingBy(row -> (String) row[1], Collectors.mapping(row -> (String) row[2], Collectors.toList())));
        for (Catalog.Product product : load(catalogName).products()) {
            assertThat(product.metadata().keySet()).as(product.id()).containsExactlyInAnyOrderElementsOf(documented.get(product.id()));
        }
    }

    /** catalog, product, name, tax code, statement descriptor, unit label, kind. */
    static Stream<Arguments> documentedProducts() {
        return Stream.of(
                Arguments.of(L4, "community", "l4yercak3 Community", "txcd_10103001", "L4YERCAK3 COMM", "subscription", "plan"),
                Arguments.of(L4, "starter", "l4yercak3 Starter", "txcd_10103001", "L4YERCAK3 STARTER", "subscription", "plan"),
                Arguments.of(L4, "professional", "l4yercak3 Professional", "txcd_10103001", "L4YERCAK3 PRO", "subscription", "plan"),
                Arguments.of(L4, "agency", "l4yercak3 Agency", "txcd_10103001", "L4YERCAK3 AGENCY", "subscription", "plan"),
                Arguments.of(L4, "agency_sub_org", "Agency Sub-Organization", "txcd_10103001", "L4YERCAK3 SUB-ORG", "sub-organization", "addon"),
                Arguments.of(L4, "build_sprint", "l4yercak3 Build Sprint", "txcd_10103001", "L4YERCAK3 BUILD", "program", "one_time"),
                Arguments.of(L4, "ai_tokens", "AI Token Pack", "txcd_10103001", "L4YERCAK3 AI", "pack", "one_time"),
                Arguments.of(L4, "ai_privacy", "AI Privacy-Enhanced", "txcd_10103001", "L4YERCAK3 AI PRV", "subscription", "addon"),
                // The guide names the product only; tax code, descriptor and unit label are the operator's usual SaaS values.
                Arguments.of(CE, "community", "Community Edition", "txcd_10103001", "LATAMLAB COMMUNITY", "subscription", "plan"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("documentedProducts")
    void everyProductHasTheDocumentedNameTaxCodeDescriptorAndUnitLabel(String catalogName, String productId, String name,
            String taxCode, String descriptor, String unitLabel, String kind) {
        Catalog.Product product = load(catalogName).product(productId).orElseThrow();

        assertThat(product.name()).isEqualTo(name);
        assertThat(product.taxCode()).isEqualTo(taxCode);
        assertThat(product.statementDescriptor()).isEqualTo(descriptor);
        assertThat(product.unitLabel()).isEqualTo(unitLabel);
        assertThat(product.kind()).isEqualTo(kind);
        assertThat(product.marketingFeatures()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogs")
    void theSubOrganizationPricesAreBoughtPerUnitAndNothingElseIs(String catalogName) {
        load(catalogName).products().forEach(product -> product.prices().forEach(price -> assertThat(price.perUnit())
                .as(price.lookupKey()).isEqualTo(product.id().equals("agency_sub_org"))));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Catalog load(String name) {
        return CatalogFiles.load(name, CatalogFiles.fromEnvironment(Map.of()));
    }
}
