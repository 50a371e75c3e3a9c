package dev.tollgate.entitlement;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.entitlement.plan.EntitlementPolicy;
import dev.tollgate.entitlement.plan.PlanSource;

@Configuration(proxyBeanMethods = false)
class EntitlementConfiguration {

    @Bean
    EntitlementPolicy entitlementPolicy(PlanSource plans,
            @Value("${tollgate.entitlements.past-due-grace:7d}") Duration pastDueGrace) {
        return new EntitlementPolicy(plans, pastDueGrace);
    }
}
