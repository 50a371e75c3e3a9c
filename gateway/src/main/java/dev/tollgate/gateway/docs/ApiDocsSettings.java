package dev.tollgate.gateway.docs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cacheTtl how long a service's document is reused before it is fetched again
 * @param fetchTimeout how long one service may take to answer; past it the service counts as missing
 */
@ConfigurationProperties("tollgate.gateway.api-docs")
public record ApiDocsSettings(Duration cacheTtl, Duration fetchTimeout) {

    public ApiDocsSettings {
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(1) : cacheTtl;
        fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(5) : fetchTimeout;
    }
}
