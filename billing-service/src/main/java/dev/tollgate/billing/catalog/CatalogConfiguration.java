package dev.tollgate.billing.catalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    /** The catalog file {@code TOLLGATE_CATALOG} names; a deployment with a broken catalog does not start. */
    @Bean
    PlanCatalog planCatalog(@Value("${tollgate.catalog.name:" + CatalogFiles.DEFAULT + "}") String name, Environment environment) {
        return new PlanCatalog(CatalogFiles.load(name, environment::resolveRequiredPlaceholders));
    }
}
