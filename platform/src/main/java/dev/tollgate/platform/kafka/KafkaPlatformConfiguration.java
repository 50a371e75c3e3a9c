package dev.tollgate.platform.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;

/** Topics are declared by {@link TopicConfiguration}, failures handled by {@link DeadLetterPolicy}; this is the header format. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class KafkaPlatformConfiguration {

    /**
     * Headers travel as plain UTF-8 strings. Spring's default JSON header mapper would add a
     * {@code spring_json_header_types} header naming Java classes, which other stacks cannot read.
     */
    @Bean
    RecordMessageConverter plainHeaderMessageConverter() {
        MessagingMessageConverter converter = new MessagingMessageConverter();
        converter.setHeaderMapper(new SimpleKafkaHeaderMapper());
        // Consumer bindings read the record itself (EventBinding): the CloudEvent headers exactly as written.
        converter.setRawRecordHeader(true);
        return converter;
    }
}
