package dev.tollgate.subscription.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.platform.test.EventContract;
import tools.jackson.databind.json.JsonMapper;

/** The twelve subscription event schemas share one definition of the state (subscription.state.v1) and still check it. */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @Test
    void everyTypeChecksTheSharedStateTrialExpiringItsDaysLeftAndTrialExtendedItsReason() {
        SubscriptionState state = new SubscriptionState("sub_1", "acct_1", "community", SubscriptionStatus.TRIALING, "month",
                Instant.parse("2026-12-20T00:00:00Z"), Instant.parse("2026-12-20T00:00:00Z"), false, 2000, "usd", "a@b.test",
                Instant.parse("2026-12-06T00:00:00Z"), null, Instant.parse("2026-12-06T00:00:00Z"),
                Instant.parse("2026-12-06T00:00:00Z"), SubscriptionState.LOCAL, null, null);
        for (Transition transition : Transition.values()) {
            SubscriptionEvent event = SubscriptionEvent.of(transition, state, 3, Instant.parse("2026-12-06T00:00:00Z"),
                    new SubscriptionEvent.Details(null, null, transition == Transition.TRIAL_EXPIRING ? 7 : null,
                            transition == Transition.TRIAL_EXTENDED ? "Customer asked" : null, null));
            assertThat(EventContract.violations(event.eventType(), JSON.writeValueAsString(event))).as(event.eventType()).isEmpty();
            String unknownField = JSON.writeValueAsString(event).replaceFirst("\\{", "{\"surprise\":1,");
            assertThat(EventContract.violations(event.eventType(), unknownField)).as(event.eventType()).isNotEmpty();
        }
        SubscriptionEvent fiveDays = SubscriptionEvent.of(Transition.TRIAL_EXPIRING, state, 3, Instant.now(),
                new SubscriptionEvent.Details(null, null, 5, null, null));
        assertThat(EventContract.violations(fiveDays.eventType(), JSON.writeValueAsString(fiveDays))).isNotEmpty();
        SubscriptionEvent noReason = SubscriptionEvent.of(Transition.TRIAL_EXTENDED, state, 3, Instant.now(),
                SubscriptionEvent.Details.NONE);
        assertThat(EventContract.violations(noReason.eventType(), JSON.writeValueAsString(noReason)))
                .as("an operator's extension names its reason").isNotEmpty();
    }
}
