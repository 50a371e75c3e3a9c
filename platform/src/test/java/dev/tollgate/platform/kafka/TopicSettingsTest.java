package dev.tollgate.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void unsetValuesAreProductionDurability() {
        TopicSettings defaults = new TopicSettings(null, null, null);

        assertThat(defaults.partitions()).isEqualTo(12);
        assertThat(defaults.replicationFactor()).isEqualTo((short) 3);
        assertThat(defaults.minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void moreInSyncReplicasThanReplicasIsRefusedBecauseNoWriteCouldSucceed() {
        assertThatThrownBy(() -> new TopicSettings(3, (short) 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-insync-replicas");
    }
}
