package dev.tollgate.entitlement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.entitlement.plan.PlanFeatures;

@Configuration(proxyBeanMethods = false)
class EntitlementConfiguration {

    @Bean
    EntitlementPolicy entitlementPolicy(PlanFeatures plans) {
        return new EntitlementPolicy(plans);
    }
}
