package dev.tollgate.community.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.community.CommunityApplication;
import dev.tollgate.platform.test.RealInfrastructure;

/** community-service on embedded PostgreSQL and Kafka; every class with it shares one context. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(classes = CommunityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + CommunityApplication.CONFIG_NAME,
                "tollgate.community.seed-locations=classpath:community/seed.yml,classpath:community/test-seed.yml" })
@ContextConfiguration(initializers = RealInfrastructure.class)
public @interface CommunityTest {
}
