package dev.tollgate.platform.data.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

/**
 * A consumer's topic, group and dead-letter topic are the binding's settings: a deployment moves
 * one consumer without touching its code. The consumer here is {@code ThingConsumer}, so its
 * binding is {@code thing-consumer-in-0}.
 */
class BindingSettingsTest {

    private static final String BINDING = "thing-consumer-in-0";
    private static final String MOVED_TOPIC = "tollgate.test.moved-things";
    private static final String QUARANTINE = "tollgate.test.moved-things.quarantine";

    private ConfigurableApplicationContext service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aBindingsDestinationGroupAndDeadLetterTopicReplaceTheDeclaredOnes() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(MOVED_TOPIC, 1, (short) 1), new NewTopic(QUARANTINE, 1, (short) 1))).all().get();
        }
        List<String> arguments = new ArrayList<>();
        for (String property : ThingConsumerTest.class.getAnnotation(SpringBootTest.class).properties()) {
            arguments.add("--" + property);
        }
        RealInfrastructure.properties("moved-thing-consumer").forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.addAll(List.of(
                "--spring.cloud.stream.bindings." + BINDING + ".destination=" + MOVED_TOPIC,
                "--spring.cloud.stream.bindings." + BINDING + ".group=test-service.moved-things",
                "--spring.cloud.stream.kafka.bindings." + BINDING + ".consumer.dlq-name=" + QUARANTINE));
        service = new SpringApplicationBuilder(ThingConsumerApplication.class).web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
        JdbcClient jdbc = service.getBean(JdbcClient.class);

        String applied = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        send("moved-poison", "{\"action\":\"poison\"}", poison);
        send("moved-applied", "{\"action\":\"apply\"}", applied);

        List<ConsumerRecord<String, String>> quarantined = TestKafka.read(QUARANTINE,
                record -> poison.equals(TestKafka.header(record, CloudEventHeaders.ID)), 1, Duration.ofSeconds(60));
        assertThat(quarantined).singleElement().satisfies(record -> assertThat(
                TestKafka.header(record, "kafka_dlt-exception-cause-fqcn")).endsWith("NoSuchThingException"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM applied_thing WHERE event_id = :id")
                .param("id", applied).query(Long.class).single() == 1);
        assertThat(service.getBean(EventBindingContainers.class).of("test-service.moved-things")).isPresent();
    }

    private static void send(String key, String value, String id) {
        TestKafka.send(TestKafka.bootstrapServers(), MOVED_TOPIC, 0, key, value,
                CloudEventHeaders.of(id, "/test", "test.thing.v1", Instant.now(), key));
    }
}
