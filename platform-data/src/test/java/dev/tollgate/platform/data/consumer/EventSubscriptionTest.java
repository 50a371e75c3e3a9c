package dev.tollgate.platform.data.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.EventEnvelope;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.UnknownEventVersionException;

class EventSubscriptionTest {

    private final Consumer<EventEnvelope> changed = envelope -> { };
    private final EventSubscription subscription = EventSubscription.named("test").from("topic")
            .on("billing.subscription.changed.v1", changed);

    @Test
    void aDeclaredTypeIsHandledByItsHandler() {
        assertThat(subscription.handlerFor("billing.subscription.changed.v1")).containsSame(changed);
    }

    @Test
    void aTypeTheConsumerDoesNotReadIsSkipped() {
        assertThat(subscription.handlerFor("billing.invoice.paid.v1")).isEmpty();
        assertThat(subscription.handlerFor("stripe.customer.created")).isEmpty();
    }

    @Test
    void anotherVersionOfADeclaredTypeIsPoison() {
        assertThatThrownBy(() -> subscription.handlerFor("billing.subscription.changed.v2"))
                .isInstanceOf(UnknownEventVersionException.class).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("billing.subscription.changed.v2");
    }

    @Test
    void aDeclaredTypeNameWithoutItsVersionIsPoison() {
        assertThatThrownBy(() -> subscription.handlerFor("billing.subscription.changed"))
                .isInstanceOf(UnknownEventVersionException.class);
    }

    @Test
    void aConsumerOfEveryTypeGetsEveryRecord() {
        Consumer<EventEnvelope> raw = envelope -> { };
        EventSubscription stripe = EventSubscription.named("raw").from("topic").onEveryType(raw);

        assertThat(stripe.handlerFor("stripe.customer.subscription.created")).containsSame(raw);
    }

    @Test
    void aTypeIsDeclaredWithItsVersionAndOnlyOnce() {
        assertThatThrownBy(() -> EventSubscription.named("test").from("topic").on("billing.subscription.changed", changed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscription.on("billing.subscription.changed.v1", changed))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
