package dev.tollgate.entitlement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.entitlement.plan.PlanSource;

@Configuration(proxyBeanMethods = false)
class EntitlementConfiguration {

    @Bean
    EntitlementPolicy entitlementPolicy(PlanSource plans) {
        return new EntitlementPolicy(plans);
    }
}
