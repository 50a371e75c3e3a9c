package dev.tollgate.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationApplication {

    /** Each process reads its own {@code <name>.yml} so all of them can share one classpath in the end-to-end suite. */
    public static final String CONFIG_NAME = "notification-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotificationApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
