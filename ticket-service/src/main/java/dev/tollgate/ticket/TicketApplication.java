package dev.tollgate.ticket;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
@EnableConfigurationProperties(TicketSettings.class)
public class TicketApplication {

    /** Each process reads its own {@code <name>.yml} so all of them can share one classpath in the end-to-end suite. */
    public static final String CONFIG_NAME = "ticket-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(TicketApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
