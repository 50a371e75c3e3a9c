package dev.tollgate.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Each process reads its own {@code <name>.yml} so all of them can share one classpath in the end-to-end suite. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
