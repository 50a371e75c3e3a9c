package dev.tollgate.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PlanLimitsTest {

    static Catalog l4yercak3 = CatalogFiles.load("l4yercak3", CatalogFiles.fromEnvironment(Map.of()));
    static Catalog communityEdition = CatalogFiles.load("community-edition", CatalogFiles.fromEnvironment(Map.of()));

    @Test
    void theCommunityEditionGrantsFivePriorityTicketsAMonthTenGigabytesCommunityAccessAndUnlimitedAgents() {
        assertThat(communityEdition.product("community").orElseThrow().limits()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "priority_support_tickets", Catalog.Limit.of(5, "month"),
                "storage_gb", Catalog.Limit.of(10, null),
                "community_access", Catalog.Limit.flag(true),
                "ai_agents", Catalog.Limit.of(-1, null)));
    }

    @Test
    void aPlansLimitsAreItsMetadataWithMinusOneForUnlimitedAndPeriodsForRates() {
        Map<String, Catalog.Limit> agency = l4yercak3.product("agency").orElseThrow().limits();

        assertThat(agency).containsEntry("max_users", Catalog.Limit.of(15, null))
                .containsEntry("max_projects", Catalog.Limit.of(-1, null))
                .containsEntry("max_emails_per_month", Catalog.Limit.of(10_000, "month"))
                .containsEntry("ai_monthly_token_limit", Catalog.Limit.of(1_000_000, "month"))
                .containsEntry("rate_limit_per_day", Catalog.Limit.of(100_000, "day"))
                .containsEntry("rate_limit_per_minute", Catalog.Limit.of(300, "minute"))
                .containsEntry("sub_orgs_included", Catalog.Limit.of(2, null))
                .containsEntry("community_access", Catalog.Limit.flag(true))
                .doesNotContainKeys("plan_tier", "white_label_level");
    }

    @Test
    void absentMetadataTakesTheDocumentsFallbacks() {
        Map<String, Catalog.Limit> community = l4yercak3.product("community").orElseThrow().limits();

        assertThat(community).containsEntry("max_api_keys", Catalog.Limit.of(1, null))
                .containsEntry("max_users", Catalog.Limit.of(1, null))
                .containsEntry("sub_orgs_included", Catalog.Limit.of(0, null))
                .containsEntry("storage_mb", Catalog.Limit.of(256, null))
                .containsEntry("community_access", Catalog.Limit.flag(true));
        assertThat(PlanLimits.fromMetadata(Map.of("plan_tier", "x"), l4yercak3.metadataFallbacks()))
                .containsEntry("max_contacts", Catalog.Limit.of(100, null));
    }

    @Test
    void onlyPlansHaveLimits() {
        assertThat(l4yercak3.product("agency_sub_org").orElseThrow().limits()).isEmpty();
        assertThat(l4yercak3.product("build_sprint").orElseThrow().limits()).isEmpty();
    }
}
