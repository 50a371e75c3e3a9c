package dev.tollgate.community;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * community-service's own settings ({@code tollgate.community.*}).
 *
 * @param accessPlan the plan a 403 names when an account without community access tries to use the community
 * @param seedLocations the seed files applied at start, in order (Spring resource locations)
 * @param invitations how invitations live and how their links travel
 */
@ConfigurationProperties("tollgate.community")
public record CommunitySettings(@DefaultValue("Community Edition") String accessPlan,
        @DefaultValue("classpath:community/seed.yml") List<String> seedLocations, @DefaultValue Invitations invitations) {

    /**
     * @param ttl how long an invitation may be accepted (14 days)
     * @param expirySweepInterval how often pending invitations past their time are marked expired
     * @param linkKey base64 of 32 bytes, shared only with notification-service: seals the token in
     *        {@code community.invitation-sent.v1} so no other consumer of the topic can use it
     */
    public record Invitations(@DefaultValue("P14D") Duration ttl, @DefaultValue("PT1M") Duration expirySweepInterval,
            String linkKey) {
    }
}
