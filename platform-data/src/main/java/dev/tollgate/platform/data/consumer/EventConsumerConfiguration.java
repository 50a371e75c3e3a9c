package dev.tollgate.platform.data.consumer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.data.inbox.InboxConfiguration;
import dev.tollgate.platform.kafka.DeadLetterPolicy;
import dev.tollgate.platform.kafka.RetryingPartitions;

@AutoConfiguration(after = { InboxConfiguration.class, DeadLetterPolicy.class })
public class EventConsumerConfiguration {

    @Bean
    EventConsumerRegistrar eventConsumerRegistrar(ObjectProvider<EventConsumer> consumers, Inbox inbox, RetryingPartitions retrying,
            BeanFactory beanFactory) {
        return new EventConsumerRegistrar(consumers, inbox, retrying, beanFactory);
    }
}
