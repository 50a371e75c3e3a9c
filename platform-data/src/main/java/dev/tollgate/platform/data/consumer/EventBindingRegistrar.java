package dev.tollgate.platform.data.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import dev.tollgate.platform.data.inbox.Inbox;
import dev.tollgate.platform.kafka.RetryingPartitions;

/**
 * Turns every {@link EventConsumer} bean into a Spring Cloud Stream function: registers one
 * {@link EventBinding} per consumer, named after the consumer's bean in kebab case
 * ({@code allowanceProjection} → function {@code allowance-projection}, binding
 * {@code allowance-projection-in-0}), and lists them in {@code spring.cloud.function.definition}.
 * Done on bean definitions, before any bean exists, because Spring Cloud Stream reads the function
 * definition when it creates its own beans.
 */
class EventBindingRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, Ordered {

    static final String DEFINITION = "spring.cloud.function.definition";
    private static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    private static final String BINDER_BROKERS = "spring.cloud.stream.kafka.binder.brokers";

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        String[] consumers = ((ListableBeanFactory) registry).getBeanNamesForType(EventConsumer.class, true, false);
        List<String> functions = new ArrayList<>();
        for (String consumer : consumers) {
            String function = functionName(consumer);
            if (registry.containsBeanDefinition(function)) {
                function = function + "-consumer";
            }
            BeanDefinition binding = BeanDefinitionBuilder.genericBeanDefinition(EventBinding.class)
                    .addConstructorArgValue(function)
                    .addConstructorArgValue(new RuntimeBeanReference(consumer))
                    .addConstructorArgValue(new RuntimeBeanReference(Inbox.class))
                    .addConstructorArgValue(new RuntimeBeanReference(RetryingPartitions.class))
                    .addConstructorArgValue(new RuntimeBeanReference(BindingServiceProperties.class))
                    .getBeanDefinition();
            registry.registerBeanDefinition(function, binding);
            functions.add(function);
        }
        String configured = environment.getProperty(DEFINITION, "");
        Map<String, Object> properties = new HashMap<>();
        for (String function : functions) {
            // A pattern (the one topic, quoted; see EventBinding) is subscribed without asking the broker for the
            // topic's partitions first: with a plain topic the binder blocks the service's start for minutes
            // while Kafka is away, where a service must start and catch up once the broker is back.
            String pattern = "spring.cloud.stream.kafka.bindings." + EventBinding.inputOf(function) + ".consumer.destination-is-pattern";
            properties.put(pattern, "true");
        }
        if (!functions.isEmpty()) {
            properties.put(DEFINITION, configured.isBlank() ? String.join(";", functions) : configured + ";" + String.join(";", functions));
        }
        // The binder resolves its settings in a child context whose environment puts system properties before
        // the service's own sources (its command line, its configuration files), so it could reach another
        // broker than the service's producers. Naming the service's brokers for the binder keeps them one.
        String brokers = environment.getProperty(BOOTSTRAP_SERVERS);
        if (brokers != null && !environment.containsProperty(BINDER_BROKERS)) {
            properties.put(BINDER_BROKERS, brokers);
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("tollgate-event-bindings", properties));
        }
    }

    /** The bean's simple name in kebab case: {@code thingConsumerApplication.ThingConsumer} → {@code thing-consumer}. */
    static String functionName(String beanName) {
        String simple = beanName.substring(beanName.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9]", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
