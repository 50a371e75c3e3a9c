package dev.tollgate.billing.catalog.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.StripeClient;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.CatalogFiles;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** catalog diff and push against Stripe's HTTP API, stubbed with WireMock. */
class CatalogPushAgainstStripeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    WireMockServer stripe;
    StripeClient client;

    @BeforeEach
    void startStripe() {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
        client = StripeClient.builder().setApiKey("sk_test_catalog").setApiBase(stripe.baseUrl()).setMaxNetworkRetries(0).build();
        // Anything not stubbed below: an empty account.
        stripe.stubFor(get(urlPathMatching("/v1/products/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":\"No such product\"}}")));
        stripe.stubFor(get(urlPathEqualTo("/v1/prices")).atPriority(10).willReturn(json("{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/prices\"}")));
        stripe.stubFor(post(urlPathEqualTo("/v1/products")).willReturn(json("{\"id\":\"prod_new\",\"object\":\"product\"}")));
        stripe.stubFor(post(urlPathMatching("/v1/products/.+")).willReturn(json("{\"id\":\"prod_updated\",\"object\":\"product\"}")));
        stripe.stubFor(post(urlPathEqualTo("/v1/prices")).willReturn(json("{\"id\":\"price_new\",\"object\":\"price\"}")));
        stripe.stubFor(post(urlPathMatching("/v1/prices/.+")).willReturn(json("{\"id\":\"price_updated\",\"object\":\"price\"}")));
    }

    @AfterEach
    void stopStripe() {
        stripe.stop();
    }

    @Test
    void onAnEmptyAccountDiffListsEveryProductAndPriceAndPushCreatesThemWithTheirMetadataAndTrials() throws Exception {
        Catalog l4yercak3 = load("l4yercak3");
        StripeCatalogSync sync = new StripeCatalogSync(client, l4yercak3);

        List<CatalogChange> diff = sync.diff();
        assertThat(diff).filteredOn(c -> c.action() == CatalogChange.Action.CREATE_PRODUCT).hasSize(8);
        assertThat(diff).filteredOn(c -> c.action() == CatalogChange.Action.CREATE_PRICE).hasSize(23);
        assertThat(stripe.findAll(postRequestedFor(urlPathMatching("/v1/.*")))).as("diff only reads").isEmpty();

        assertThat(sync.push()).isEqualTo(diff);

        List<LoggedRequest> products = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/products")));
        assertThat(products).hasSize(8);
        Map<String, String> agency = form(products.stream().filter(r -> form(r).get("id").equals("prod_agency")).findFirst().orElseThrow());
        assertThat(agency).containsEntry("name", "l4yercak3 Agency").containsEntry("tax_code", "txcd_10103001")
                .containsEntry("statement_descriptor", "L4YERCAK3 AGENCY").containsEntry("unit_label", "subscription")
                .containsEntry("metadata[sub_orgs_included]", "2").containsEntry("metadata[white_label_level]", "full")
                .containsEntry("metadata[max_projects]", "-1").containsEntry("marketing_features[0][name]", "14-day free trial")
                .as("Stripe keeps at most 15 marketing features").containsKey("marketing_features[14][name]")
                .doesNotContainKey("marketing_features[15][name]");
        assertThat(sync.warnings()).anySatisfy(warning -> assertThat(warning).startsWith("prod_agency lists 20 marketing features"));

        List<LoggedRequest> prices = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/prices")));
        assertThat(prices).hasSize(23).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).startsWith("tollgate-catalog-"));
        Map<String, String> starterTrial = priceRequest(prices, "price_starter_monthly_trial");
        assertThat(starterTrial).containsEntry("product", "prod_starter").containsEntry("unit_amount", "19900")
                .containsEntry("currency", "eur").containsEntry("recurring[interval]", "month")
                .containsEntry("recurring[trial_period_days]", "14").doesNotContainKey("transfer_lookup_key");
        assertThat(priceRequest(prices, "price_starter_monthly")).doesNotContainKey("recurring[trial_period_days]")
                .containsEntry("metadata[legacy]", "true");
        assertThat(priceRequest(prices, "price_sub_org_monthly")).containsEntry("metadata[addon_type]", "sub_organization")
                .containsEntry("recurring[usage_type]", "licensed");
        assertThat(priceRequest(prices, "price_build_sprint_full")).containsEntry("unit_amount", "1250000")
                .doesNotContainKey("recurring[interval]");
    }

    @Test
    void anAccountThatMatchesTheCatalogHasNoDifferencesAndPushWritesNothing() throws Exception {
        Catalog community = load("community-edition");
        stubAccountHolding(community, Map.of());

        StripeCatalogSync sync = new StripeCatalogSync(client, community);

        assertThat(sync.diff()).isEmpty();
        assertThat(sync.push()).isEmpty();
        assertThat(stripe.findAll(postRequestedFor(urlPathMatching("/v1/.*")))).isEmpty();
    }

    @Test
    void aChangedAmountCreatesANewPriceThatTakesTheLookupKeyAndLeavesTheOldOneActive() throws Exception {
        Catalog community = load("community-edition");
        stubAccountHolding(community, Map.of("price_monthly_community_usd", 1500L));

        StripeCatalogSync sync = new StripeCatalogSync(client, community);
        List<CatalogChange> diff = sync.diff();

        assertThat(diff).singleElement().satisfies(change -> {
            assertThat(change.action()).isEqualTo(CatalogChange.Action.REPLACE_PRICE);
            assertThat(change.target()).isEqualTo("price_monthly_community_usd");
            assertThat(change.toString()).contains("unit_amount: 1500 -> 2000", "the old price stays active");
        });
        sync.push();

        List<LoggedRequest> created = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/prices")));
        assertThat(created).singleElement().satisfies(request -> assertThat(form(request))
                .containsEntry("lookup_key", "price_monthly_community_usd").containsEntry("unit_amount", "2000")
                .containsEntry("transfer_lookup_key", "true"));
        assertThat(stripe.findAll(postRequestedFor(urlPathMatching("/v1/prices/.+")))).as("the old price is neither edited nor archived")
                .isEmpty();
    }

    @Test
    void aChangedNicknameOrProductNameIsUpdatedInPlace() throws Exception {
        Catalog community = load("community-edition");
        stubAccountHolding(community, Map.of());
        stripe.stubFor(get(urlPathEqualTo("/v1/products/prod_community_edition"))
                .willReturn(json(productJson(community.product("community").orElseThrow()).put("name", "Old name").toString())));

        List<CatalogChange> changes = new StripeCatalogSync(client, community).push();

        assertThat(changes).singleElement().satisfies(change -> assertThat(change.toString())
                .isEqualTo("~ product prod_community_edition: name: Old name -> Community Edition"));
        assertThat(stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/products/prod_community_edition"))
                .withRequestBody(containing("name=Community+Edition")))).hasSize(1);
    }

    @Test
    void theCommandNeedsAKeyAndPrintsTheDiff() {
        assertThat(CatalogCommand.run(new String[] {"diff"}, Map.of())).isEqualTo(2);
        assertThat(CatalogCommand.run(new String[] {"drop"}, Map.of("STRIPE_API_KEY", "sk_test_x"))).isEqualTo(2);
        assertThat(CatalogCommand.run(new String[] {"diff"}, Map.of("STRIPE_API_KEY", "sk_test_x", "STRIPE_API_BASE", stripe.baseUrl(),
                "TOLLGATE_CATALOG", "l4yercak3"))).isZero();
        assertThat(CatalogCommand.run(new String[] {"diff"}, Map.of("STRIPE_API_KEY", "sk_test_x", "TOLLGATE_CATALOG", "nope")))
                .isEqualTo(1);
    }

    /** Stubs the account as holding the catalog's products and prices, with some prices at another amount. */
    private void stubAccountHolding(Catalog catalog, Map<String, Long> otherAmounts) {
        for (Catalog.Product product : catalog.products()) {
            stripe.stubFor(get(urlPathEqualTo("/v1/products/" + product.stripeProductId())).willReturn(json(productJson(product).toString())));
            for (Catalog.Price price : product.prices()) {
                ObjectNode held = JSON.createObjectNode().put("id", "price_held_" + price.lookupKey()).put("object", "price")
                        .put("active", true).put("product", product.stripeProductId()).put("lookup_key", price.lookupKey())
                        .put("nickname", price.nickname()).put("currency", price.currency())
                        .put("unit_amount", otherAmounts.getOrDefault(price.lookupKey(), price.amountMinor()));
                if (price.recurring()) {
                    ObjectNode recurring = held.putObject("recurring").put("interval", price.interval()).put("usage_type", "licensed");
                    if (price.trialDays() > 0) {
                        recurring.put("trial_period_days", price.trialDays());
                    }
                }
                held.putObject("metadata").put("tollgate_catalog", catalog.id()).put("tollgate_product", product.id())
                        .put("legacy", String.valueOf(price.legacy()));
                ObjectNode list = JSON.createObjectNode().put("object", "list").put("has_more", false).put("url", "/v1/prices");
                list.putArray("data").add(held);
                stripe.stubFor(get(urlPathEqualTo("/v1/prices")).withQueryParam("lookup_keys[0]", equalTo(price.lookupKey()))
                        .willReturn(json(list.toString())));
            }
        }
    }

    private static ObjectNode productJson(Catalog.Product product) {
        ObjectNode node = JSON.createObjectNode().put("id", product.stripeProductId()).put("object", "product").put("active", true)
                .put("name", product.name()).put("description", product.description()).put("tax_code", product.taxCode())
                .put("statement_descriptor", product.statementDescriptor()).put("unit_label", product.unitLabel());
        ObjectNode metadata = node.putObject("metadata");
        product.metadata().forEach(metadata::put);
        ArrayNode features = node.putArray("marketing_features");
        product.marketingFeatures().forEach(feature -> features.addObject().put("name", feature));
        return node;
    }

    private static Map<String, String> priceRequest(List<LoggedRequest> prices, String lookupKey) {
        return prices.stream().map(CatalogPushAgainstStripeTest::form).filter(f -> lookupKey.equals(f.get("lookup_key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no price created with lookup key " + lookupKey));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static Catalog load(String name) {
        return CatalogFiles.load(name, CatalogFiles.fromEnvironment(Map.of()));
    }

}
