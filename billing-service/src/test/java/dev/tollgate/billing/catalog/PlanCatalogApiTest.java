package dev.tollgate.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.billing.BillingApplication;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.SignedCaller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = BillingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Its listener stays off: started, it would share the Stripe webhook consumer group with the other contexts.
        properties = {"spring.config.name=" + BillingApplication.CONFIG_NAME, "spring.kafka.listener.auto-startup=false"})
@ContextConfiguration(initializers = RealInfrastructure.class)
class PlanCatalogApiTest {

    @LocalServerPort
    int port;
    @Autowired
    PlanCatalog catalog;

    @Test
    void thePricingPageGetsTheCommunityEditionInMinorUnitsPerIntervalAndCurrencyWithoutACaller() {
        HttpResponse<String> response = SignedCaller.get(port, "/api/catalog", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JsonMapper.builder().build().readTree(response.body());
        assertThat(page.path("catalog").asString()).isEqualTo("community-edition");
        JsonNode community = page.path("plans").path(0);
        assertThat(community.path("id").asString()).isEqualTo("community");
        assertThat(community.path("name").asString()).isEqualTo("Community Edition");
        assertThat(community.path("trialDays").asInt()).isEqualTo(14);
        assertThat(community.path("prices").path("month").findValuesAsString("amountMinor")).containsExactly("2000", "18000");
        assertThat(community.path("prices").path("month").findValuesAsString("currency")).containsExactly("usd", "clp");
        assertThat(community.path("prices").path("year").findValuesAsString("amountMinor")).containsExactly("20000");
        assertThat(community.path("prices").path("year").path(0).path("priceId").asString()).isEqualTo("price_annual_community_usd");
        assertThat(community.path("limits").path("priority_support_tickets").path("limit").asInt()).isEqualTo(5);
        assertThat(community.path("limits").path("ai_agents").path("limit").asInt()).isEqualTo(-1);
        assertThat(community.path("features").isArray()).isTrue();
        assertThat(page.path("addOns").isEmpty()).isTrue();
        assertThat(SignedCaller.get(port, "/api/billing/plans", Map.of()).body()).isEqualTo(response.body());
    }

    @Test
    void everyOtherBillingPathNeedsTheGatewaysIdentityForBilling() {
        CallerIdentity caller = new CallerIdentity("user_1", "acct_1", null, List.of("owner"));

        assertThat(SignedCaller.get(port, "/api/billing/invoices", Map.of()).statusCode()).isEqualTo(401);
        assertThat(SignedCaller.get(port, "/api/billing/plans", caller, "entitlement-service").statusCode()).isEqualTo(401);
        assertThat(SignedCaller.get(port, "/api/billing/plans", caller, "billing-service").statusCode()).isEqualTo(200);
        assertThat(SignedCaller.get(port, "/api/billing/invoices", caller, "billing-service").statusCode()).isEqualTo(200);
        assertThat(SignedCaller.get(port, "/api/billing/nothing-here", caller, "billing-service").statusCode()).isEqualTo(404);
    }

    @Test
    void aStripePriceLeadsToItsPlan() {
        assertThat(catalog.byPrice("price_annual_community_usd")).hasValueSatisfying(priced -> {
            assertThat(priced.planId()).isEqualTo("community");
            assertThat(priced.price().interval()).isEqualTo("year");
            assertThat(priced.price().amountMinor()).isEqualTo(20_000);
        });
        assertThat(catalog.byPrice("price_community_annual_usd")).as("the id used before the document's")
                .map(PlanCatalog.PricedPlan::planId).hasValue("community");
        assertThat(catalog.byPrice("price_unknown")).isEmpty();
    }
}
