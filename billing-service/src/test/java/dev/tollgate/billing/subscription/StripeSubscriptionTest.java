package dev.tollgate.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.test.StripeWebhooks;
import tools.jackson.databind.node.ObjectNode;

class StripeSubscriptionTest {

    @Test
    void readsStripesExampleSubscriptionWithThePeriodEndFromItsItem() {
        ObjectNode fixture = StripeWebhooks.fixture("subscription");

        StripeSubscription subscription = StripeSubscription.from(fixture);

        assertThat(subscription.id()).isEqualTo("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
        assertThat(subscription.customerId()).isEqualTo("cus_QXg1o8vcGmoR32");
        assertThat(subscription.priceId()).isEqualTo("price_1PgafmB7WZ01zgkW6dKueIc5");
        assertThat(subscription.unitAmount()).isEqualTo(2000L);
        assertThat(subscription.currency()).isEqualTo("usd");
        assertThat(subscription.interval()).isEqualTo("month");
        assertThat(subscription.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(976287773));
    }

    @Test
    void anExpandedCustomerObjectGivesItsId() {
        ObjectNode fixture = StripeWebhooks.fixture("subscription");
        fixture.putObject("customer").put("id", "cus_expanded").put("object", "customer");

        assertThat(StripeSubscription.from(fixture).customerId()).isEqualTo("cus_expanded");
    }

    @Test
    void aSubscriptionWithoutItemsCannotBeUnderstoodAndSaysWhy() {
        ObjectNode fixture = StripeWebhooks.fixture("subscription");
        fixture.remove("items");

        assertThatThrownBy(() -> StripeSubscription.from(fixture)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("items.data[0].price.id");
    }
}
