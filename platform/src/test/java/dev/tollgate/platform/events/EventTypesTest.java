package dev.tollgate.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @EventType(name = "thing.happened", version = 2)
    record ThingHappened() {
    }

    @EventType(name = "catalog.published", topic = Topics.CATALOG)
    record Published() {
    }

    @Test
    void anEventGoesToItsServicesTopicUnlessItNamesItsOwn() {
        assertThat(EventTypes.typeOf(ThingHappened.class)).isEqualTo("thing.happened.v2");
        assertThat(EventTypes.topicOf(ThingHappened.class, Topics.BILLING)).isEqualTo(Topics.BILLING);
        assertThat(EventTypes.topicOf(Published.class, Topics.BILLING)).isEqualTo(Topics.CATALOG);
    }
}
