package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

/** The platform's topics are declared with the partitions, replicas and min.insync.replicas of tollgate.kafka.topics.*. */
class TopicsFollowTopicSettingsTest {

    @Test
    void aServiceDeclaresTheTopicsWithTheConfiguredPartitionsReplicasAndMinInSyncReplicas() throws Exception {
        try (TestService service = TestService.start(RealInfrastructure.properties("topic-settings"), TestKafka.bootstrapServers(),
                Map.of("tollgate.kafka.topics.partitions", "5"));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            String topic = Topics.deadLetterOf(Topics.TICKET);
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic))).all().get()
                    .values().iterator().next();

            assertThat(description.partitions()).hasSize(5);
            assertThat(description.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                    .as("set on the topic by the declaration, not inherited from the broker")
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }
}
