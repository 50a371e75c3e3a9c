package dev.tollgate.billing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stripe.StripeClient;

@Configuration(proxyBeanMethods = false)
class StripeClientConfiguration {

    /** The API base is configurable so tests (WireMock) and local runs can stand in for Stripe at the HTTP level. */
    @Bean
    StripeClient stripeClient(@Value("${tollgate.stripe.api-key}") String apiKey,
            @Value("${tollgate.stripe.api-base}") String apiBase) {
        return StripeClient.builder().setApiKey(apiKey).setApiBase(apiBase).setMaxNetworkRetries(2)
                .setConnectTimeout(5_000).setReadTimeout(10_000).build();
    }
}
