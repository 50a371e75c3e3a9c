package dev.tollgate.entitlement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.RealInfrastructure;

/**
 * The one test context of entitlement-service's integration tests (real PostgreSQL and Kafka, a
 * controllable clock). All of them share it: two live contexts would share the Kafka consumer groups
 * while writing to different databases, and an event could land in the other one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = EntitlementApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + EntitlementApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(ControllableClock.Configuration.class)
public @interface EntitlementServiceTest {
}
