package dev.tollgate.entitlement;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EntitlementApplication {

    /** Each process reads its own {@code <name>.yml} so all of them can share one classpath in the end-to-end suite. */
    public static final String CONFIG_NAME = "entitlement-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(EntitlementApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
