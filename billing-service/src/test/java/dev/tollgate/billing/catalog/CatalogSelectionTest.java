package dev.tollgate.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** TOLLGATE_CATALOG picks the file, the documents' environment variables the Stripe price ids; the pricing page follows. */
class CatalogSelectionTest {

    @Test
    void aDeploymentSellingL4yercak3MapsItsOwnStripePriceIdsToThePlans() {
        MockEnvironment environment = new MockEnvironment().withProperty("STRIPE_PRICE_STARTER_MONTHLY_TRIAL", "price_1QxLive");

        PlanCatalog catalog = new CatalogConfiguration().planCatalog("l4yercak3", environment);

        assertThat(catalog.catalog().id()).isEqualTo("l4yercak3");
        assertThat(catalog.byPrice("price_1QxLive")).map(PlanCatalog.PricedPlan::planId).hasValue("starter");
        assertThat(catalog.byPrice("price_starter_monthly_trial")).as("replaced by the account's id").isEmpty();
        assertThat(catalog.byPrice("price_sub_org_annual")).map(PlanCatalog.PricedPlan::planId).hasValue("agency_sub_org");
    }

    @Test
    void anUnknownCatalogStopsTheServiceNamingTheShippedOnes() {
        assertThatThrownBy(() -> new CatalogConfiguration().planCatalog("enterprise", new MockEnvironment()))
                .hasMessageContaining("community-edition").hasMessageContaining("l4yercak3");
        assertThatThrownBy(() -> new CatalogConfiguration().planCatalog("../application", new MockEnvironment()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theL4yercak3PricingPageSellsTrialPricesAndListsAddOnsWithWhatTheyRequire() {
        PlanCatalog catalog = new CatalogConfiguration().planCatalog("l4yercak3", new MockEnvironment());

        PlanCatalogController.PricingPage page = new PlanCatalogController(catalog).publicCatalog();

        assertThat(page.plans()).extracting(PlanCatalogController.Offer::id)
                .containsExactly("community", "starter", "professional", "agency");
        PlanCatalogController.Offer starter = page.plans().get(1);
        assertThat(starter.trialDays()).isEqualTo(14);
        assertThat(starter.prices().get("month")).singleElement().satisfies(price -> {
            assertThat(price.lookupKey()).isEqualTo("price_starter_monthly_trial");
            assertThat(price.amountMinor()).isEqualTo(19_900);
            assertThat(price.currency()).isEqualTo("eur");
        });
        assertThat(starter.limits().get("max_contacts").limit()).isEqualTo(1000);
        assertThat(page.addOns()).extracting(PlanCatalogController.Offer::id)
                .containsExactly("agency_sub_org", "build_sprint", "ai_tokens", "ai_privacy");
        PlanCatalogController.Offer subOrg = page.addOns().getFirst();
        assertThat(subOrg.requiresPlan()).containsExactly("agency");
        assertThat(subOrg.prices().get("year")).singleElement().satisfies(price -> assertThat(price.perUnit()).isTrue());
        assertThat(page.addOns().get(1).prices().get("one_time")).hasSize(4);
    }
}
