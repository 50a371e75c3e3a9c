package dev.tollgate.platform.data.consumer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.test.RealInfrastructure;

/**
 * One {@link ThingConsumerApplication} context for every test class on the embedded broker: two
 * contexts would be two members of one consumer group, each with its own database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ThingConsumerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=thing-consumer",
        "spring.config.import=classpath:tollgate-platform.yml",
        "spring.flyway.locations=classpath:db/consumertest",
        "tollgate.outbox.topic=" + ThingConsumerApplication.TOPIC,
        "tollgate.outbox.source=/test",
        "spring.cloud.stream.default.consumer.back-off-initial-interval=200",
        "spring.cloud.stream.default.consumer.back-off-max-interval=1000",
        "tollgate.kafka.consumer.transient-retry-for=10s",
        "tollgate.inbox.purge-batch-size=2" })
@ContextConfiguration(initializers = RealInfrastructure.class)
@interface ThingConsumerTest {
}
