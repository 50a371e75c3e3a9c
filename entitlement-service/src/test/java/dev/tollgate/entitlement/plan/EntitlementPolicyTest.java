package dev.tollgate.entitlement.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EntitlementPolicyTest {

    private final EntitlementPolicy policy = new EntitlementPolicy(PlanFeatures.ofPlans(Map.of("community", Map.of(
            "priority_support_tickets", Entitlement.limit(5, "month"),
            "storage_gb", Entitlement.limit(10, null),
            "community_access", Entitlement.flag(true)))));

    @Test
    void aTrialGrantsThePlansFeatures() {
        assertThat(policy.entitlementsFor("community", "trialing"))
                .containsEntry("priority_support_tickets", Entitlement.limit(5, "month"))
                .containsEntry("storage_gb", Entitlement.limit(10, null))
                .containsEntry("community_access", Entitlement.flag(true));
    }

    @Test
    void pastDueKeepsAccessWhileStripeRetriesThePayment() {
        assertThat(policy.entitlementsFor("community", "past_due")).hasSize(3);
    }

    @Test
    void pausedAndCanceledSubscriptionsGrantNothing() {
        assertThat(policy.entitlementsFor("community", "paused")).isEmpty();
        assertThat(policy.entitlementsFor("community", "canceled")).isEmpty();
    }

    @Test
    void beforeAnyCatalogArrivedAPlanIsUnknownForNowSoTheEventIsRetriedNotDeadLettered() {
        assertThatThrownBy(() -> new EntitlementPolicy(PlanFeatures.ofPlans(Map.of())).entitlementsFor("community", "active"))
                .isInstanceOf(EntitlementPolicy.CatalogNotYetReceivedException.class)
                .isNotInstanceOf(dev.tollgate.platform.events.MalformedEventException.class).hasMessageContaining("tollgate.catalog");
    }

    @Test
    void aPlanMissingFromTheCatalogIsAnError() {
        assertThatThrownBy(() -> policy.entitlementsFor("enterprise", "active"))
                .isInstanceOf(EntitlementPolicy.UnknownPlanException.class).hasMessageContaining("enterprise");
    }
}
