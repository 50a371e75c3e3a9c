package dev.tollgate.subscription;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(SubscriptionSettings.class)
public class SubscriptionApplication {

    /** Each process reads its own {@code <name>.yml} so all of them can share one classpath in the end-to-end suite. */
    public static final String CONFIG_NAME = "subscription-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(SubscriptionApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
