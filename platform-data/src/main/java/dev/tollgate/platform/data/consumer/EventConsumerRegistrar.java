package dev.tollgate.platform.data.consumer;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.kafka.RetryingPartitions;

/**
 * Registers one Spring Kafka listener endpoint per {@link EventConsumer} bean, on the
 * application's listener container factory (so the platform's error handler, header mapping and
 * shutdown settings apply). The listener id and group id are the consumer's name.
 */
class EventConsumerRegistrar implements KafkaListenerConfigurer {

    private static final Method ON_RECORD;

    static {
        try {
            ON_RECORD = EventDispatcher.class.getMethod("onRecord", ConsumerRecord.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ObjectProvider<EventConsumer> consumers;
    private final Inbox inbox;
    private final RetryingPartitions retrying;
    private final BeanFactory beanFactory;

    EventConsumerRegistrar(ObjectProvider<EventConsumer> consumers, Inbox inbox, RetryingPartitions retrying, BeanFactory beanFactory) {
        this.consumers = consumers;
        this.inbox = inbox;
        this.retrying = retrying;
        this.beanFactory = beanFactory;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
        methods.setBeanFactory(beanFactory);
        methods.afterPropertiesSet();
        Set<String> names = new HashSet<>();
        for (EventConsumer consumer : consumers.orderedStream().toList()) {
            EventSubscription subscription = consumer.subscription();
            if (!names.add(subscription.consumer())) {
                throw new IllegalStateException("two event consumers are named " + subscription.consumer());
            }
            MethodKafkaListenerEndpoint<String, String> endpoint = new MethodKafkaListenerEndpoint<>();
            endpoint.setId(subscription.consumer());
            endpoint.setGroupId(subscription.consumer());
            endpoint.setTopics(subscription.topic());
            endpoint.setBean(new EventDispatcher(subscription, inbox, retrying));
            endpoint.setMethod(ON_RECORD);
            endpoint.setMessageHandlerMethodFactory(methods);
            endpoint.setBeanFactory(beanFactory);
            registrar.registerEndpoint(endpoint);
        }
    }
}
