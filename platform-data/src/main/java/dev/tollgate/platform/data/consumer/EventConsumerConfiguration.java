package dev.tollgate.platform.data.consumer;

import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.tollgate.platform.data.inbox.InboxConfiguration;
import dev.tollgate.platform.kafka.ConsumerErrorHandlers;
import dev.tollgate.platform.kafka.DeadLetterPolicy;

/**
 * Consumers are Spring Cloud Stream functional bindings on the Kafka binder
 * ({@code spring-cloud-stream-binder-kafka}): the binder owns polling, groups and offsets and a
 * service stays binder-agnostic, while the envelope, the inbox transaction and the poison/transient
 * split are written once here.
 */
@AutoConfiguration(after = { InboxConfiguration.class, DeadLetterPolicy.class })
public class EventConsumerConfiguration {

    @Bean
    static EventBindingRegistrar eventBindingRegistrar() {
        return new EventBindingRegistrar();
    }

    @Bean
    EventBindingContainers eventBindingContainers(ConsumerErrorHandlers errorHandlers) {
        return new EventBindingContainers(errorHandlers);
    }

    /** Two consumers with one name would share a Kafka group and an inbox: each would see half of the events. */
    @Bean
    SmartInitializingSingleton uniqueEventConsumerNames(ObjectProvider<EventBinding> bindings) {
        return () -> {
            Set<String> names = new HashSet<>();
            bindings.orderedStream().forEach(binding -> {
                if (!names.add(binding.subscription().consumer())) {
                    throw new IllegalStateException("two event consumers are named " + binding.subscription().consumer());
                }
            });
        };
    }
}
